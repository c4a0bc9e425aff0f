"""Schema types: the portable description of a model's inputs, outputs and params.

Every node is a frozen value: two schemas built the same way compare equal, and a node
can be a dict key. The JSON form of every node lives at the bottom of this module
(`type_to_dict` / `type_from_dict`) and is the one MLflow writes, key for key, so a
signature written by either library reads back in the other.

numpy is imported only when a tensor spec is built or a dtype is asked for.
"""

from __future__ import annotations

import base64
import datetime as _dt
import enum
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, Union

from hintsig.exceptions import SchemaDefinitionError

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "AnyType",
    "Array",
    "ColSpec",
    "DataType",
    "Map",
    "Object",
    "ParamSchema",
    "ParamSpec",
    "Property",
    "Schema",
    "TensorSpec",
]


class DataType(enum.Enum):
    """A scalar type, with the Python, numpy and pandas types that hold it.

    The members, their names and their order are MLflow's.
    """

    # name = (MLflow's number, numpy dtype name, pandas dtype name)
    boolean = (1, "bool", "bool")
    integer = (2, "int32", "int32")
    long = (3, "int64", "int64")
    float = (4, "float32", "float32")
    double = (5, "float64", "float64")
    string = (6, "str", "object")
    binary = (7, "bytes", "object")
    datetime = (8, "datetime64[ns]", "datetime64[ns]")

    def __init__(self, number: int, numpy_name: str, pandas_name: str) -> None:
        self._number = number
        self._numpy_name = numpy_name
        self._pandas_name = pandas_name

    def __repr__(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name

    def to_python(self) -> type:
        """The Python type of one value (`long` -> `int`, `datetime` -> `datetime.datetime`)."""
        return _PYTHON_TYPES[self]

    def to_numpy(self) -> np.dtype[Any]:
        """The numpy dtype of an array of these values."""
        import numpy as np

        return np.dtype(self._numpy_name)

    def to_pandas(self) -> np.dtype[Any]:
        """The pandas column dtype MLflow uses for these values (`object` for text and bytes)."""
        import numpy as np

        return np.dtype(self._pandas_name)

    @classmethod
    def from_name(cls, name: str) -> DataType:
        """The member called `name`; a clear error listing the choices otherwise."""
        try:
            return cls[name]
        except KeyError:
            choices = ", ".join(m.name for m in cls)
            raise SchemaDefinitionError(
                f"Unknown data type {name!r}; expected one of: {choices}"
            ) from None


_PYTHON_TYPES: dict[DataType, type] = {
    DataType.boolean: bool,
    DataType.integer: int,
    DataType.long: int,
    DataType.float: float,
    DataType.double: float,
    DataType.string: str,
    DataType.binary: bytes,
    DataType.datetime: _dt.datetime,
}


@dataclass(frozen=True, slots=True)
class Array:
    """A list whose elements are all of `dtype` (a DataType or another composite type)."""

    dtype: ColType

    def __init__(self, dtype: ColType | str) -> None:
        object.__setattr__(self, "dtype", _coerce_type(dtype, "Array"))

    def __repr__(self) -> str:
        return f"Array({self.dtype!r})"

    def to_dict(self) -> dict[str, Any]:
        return type_to_dict(self)


@dataclass(frozen=True, slots=True)
class Property:
    """One named field of an `Object`."""

    name: str
    dtype: ColType
    required: bool = True

    def __init__(self, name: str, dtype: ColType | str, required: bool = True) -> None:
        if not isinstance(name, str) or not name:
            raise SchemaDefinitionError(f"Property name must be a non-empty string, got {name!r}")
        if not isinstance(required, bool):
            raise SchemaDefinitionError(f"Property {name!r}: required must be a bool")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "dtype", _coerce_type(dtype, f"Property {name!r}"))
        object.__setattr__(self, "required", required)

    def __repr__(self) -> str:
        optional = "" if self.required else ", required=False"
        return f"Property({self.name!r}, {self.dtype!r}{optional})"

    def to_dict(self) -> dict[str, Any]:
        return {self.name: _typed_dict(self.dtype, required=self.required)}


@dataclass(frozen=True, slots=True)
class Object:
    """A dict with known keys; properties are kept sorted by name, as MLflow keeps them."""

    properties: tuple[Property, ...]

    def __init__(self, properties: Iterable[Property]) -> None:
        props = list(properties)
        for prop in props:
            if not isinstance(prop, Property):
                raise SchemaDefinitionError(
                    f"Object properties must be Property instances, got {type(prop).__name__}"
                )
        _reject_duplicates([p.name for p in props], "Object property")
        object.__setattr__(self, "properties", tuple(sorted(props, key=lambda p: p.name)))

    def __repr__(self) -> str:
        return f"Object({list(self.properties)!r})"

    def property(self, name: str) -> Property | None:
        """The property called `name`, or None."""
        for prop in self.properties:
            if prop.name == name:
                return prop
        return None

    def to_dict(self) -> dict[str, Any]:
        return type_to_dict(self)


@dataclass(frozen=True, slots=True)
class Map:
    """A dict with string keys whose values are all of `value_type`."""

    value_type: ColType

    def __init__(self, value_type: ColType | str) -> None:
        object.__setattr__(self, "value_type", _coerce_type(value_type, "Map"))

    def __repr__(self) -> str:
        return f"Map({self.value_type!r})"

    def to_dict(self) -> dict[str, Any]:
        return type_to_dict(self)


@dataclass(frozen=True, slots=True)
class AnyType:
    """Any JSON-like value; nothing is validated."""

    def __repr__(self) -> str:
        return "AnyType()"

    def to_dict(self) -> dict[str, Any]:
        return type_to_dict(self)


#: The type of a column, an array element, a property or a map value.
ColType: TypeAlias = Union[DataType, Array, Object, Map, AnyType]  # noqa: UP007
_COMPOSITES = (DataType, Array, Object, Map, AnyType)


def _coerce_type(dtype: object, where: str) -> ColType:
    if isinstance(dtype, str):
        return DataType.from_name(dtype)
    if isinstance(dtype, _COMPOSITES):
        return dtype
    raise SchemaDefinitionError(
        f"{where}: expected a DataType, its name, Array, Object, Map or AnyType; "
        f"got {type(dtype).__name__}"
    )


def _reject_duplicates(names: Sequence[object], what: str) -> None:
    dupes = sorted(str(name) for name, count in Counter(names).items() if count > 1)
    if dupes:
        raise SchemaDefinitionError(f"Duplicate {what} names: {', '.join(dupes)}")


@dataclass(frozen=True, slots=True)
class ColSpec:
    """One column (or the single unnamed input) of a column-based schema."""

    type: ColType
    name: str | None = None
    required: bool = True

    def __init__(self, type: ColType | str, name: str | None = None, required: bool = True) -> None:
        if name is not None and not isinstance(name, str):
            raise SchemaDefinitionError(f"ColSpec name must be a string or None, got {name!r}")
        if not isinstance(required, bool):
            raise SchemaDefinitionError(f"ColSpec {name!r}: required must be a bool")
        object.__setattr__(self, "type", _coerce_type(type, f"ColSpec {name!r}"))
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "required", required)

    def __repr__(self) -> str:
        args = [repr(self.type)]
        if self.name is not None:
            args.append(f"name={self.name!r}")
        if not self.required:
            args.append("required=False")
        return f"ColSpec({', '.join(args)})"

    def __str__(self) -> str:
        label = f"{self.name!r}: " if self.name is not None else ""
        return f"{label}{self.type!r} ({'required' if self.required else 'optional'})"

    def to_dict(self) -> dict[str, Any]:
        out = type_to_dict(self.type)
        if self.name is not None:
            out["name"] = self.name
        out["required"] = self.required
        return out


@dataclass(frozen=True, slots=True)
class TensorSpec:
    """A numpy array input: exact dtype and shape, `-1` for a dimension of any size."""

    type: np.dtype[Any]
    shape: tuple[int, ...]
    name: str | None = None
    required: bool = field(default=True, compare=False)

    def __init__(
        self, type: Any, shape: Sequence[int], name: str | None = None, required: bool = True
    ) -> None:
        import numpy as np

        try:
            dtype = type if isinstance(type, np.dtype) else np.dtype(type)
        except TypeError:
            raise SchemaDefinitionError(
                f"TensorSpec {name!r}: expected a numpy dtype, got {type!r}"
            ) from None
        if isinstance(shape, (str, bytes)) or not all(
            isinstance(d, int) and not isinstance(d, bool) and d >= -1 for d in shape
        ):
            raise SchemaDefinitionError(
                f"TensorSpec {name!r}: shape must be a sequence of ints (-1 for any size), "
                f"got {shape!r}"
            )
        if name is not None and not isinstance(name, str):
            raise SchemaDefinitionError(f"TensorSpec name must be a string or None, got {name!r}")
        object.__setattr__(self, "type", dtype)
        object.__setattr__(self, "shape", tuple(shape))
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "required", required)

    def __repr__(self) -> str:
        named = f", name={self.name!r}" if self.name is not None else ""
        return f"TensorSpec(np.dtype({str(self.type)!r}), {self.shape!r}{named})"

    def __str__(self) -> str:
        label = f"{self.name!r}: " if self.name is not None else ""
        return f"{label}Tensor({str(self.type)!r}, {self.shape!r})"

    def to_dict(self) -> dict[str, Any]:
        spec = {
            "type": "tensor",
            "tensor-spec": {"dtype": str(self.type), "shape": list(self.shape)},
        }
        return spec if self.name is None else {"name": self.name, **spec}


Spec: TypeAlias = Union[ColSpec, TensorSpec]  # noqa: UP007


class Schema:
    """An ordered list of column specs or of tensor specs (never both)."""

    __slots__ = ("_inputs",)

    def __init__(self, inputs: Iterable[Spec]) -> None:
        specs = list(inputs)
        if not specs:
            raise SchemaDefinitionError("A Schema needs at least one ColSpec or TensorSpec")
        kinds = {type(s) for s in specs}
        if not kinds <= {ColSpec, TensorSpec}:
            bad = next(s for s in specs if not isinstance(s, (ColSpec, TensorSpec)))
            raise SchemaDefinitionError(
                f"Schema inputs must be ColSpec or TensorSpec, got {type(bad).__name__}"
            )
        if len(kinds) > 1:
            raise SchemaDefinitionError(
                "A Schema cannot mix ColSpec and TensorSpec; use one kind for all inputs"
            )
        named = [s.name is not None for s in specs]
        if any(named) and not all(named):
            raise SchemaDefinitionError(
                "A Schema cannot mix named and unnamed inputs; name all of them or none"
            )
        if not any(named) and len(specs) > 1 and kinds == {TensorSpec}:
            raise SchemaDefinitionError("A Schema of several tensors must name each of them")
        _reject_duplicates([s.name for s in specs if s.name is not None], "input")
        self._inputs: tuple[Spec, ...] = tuple(specs)

    @property
    def inputs(self) -> list[Spec]:
        return list(self._inputs)

    def __iter__(self) -> Iterator[Spec]:
        return iter(self._inputs)

    def __len__(self) -> int:
        return len(self._inputs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Schema) and self._inputs == other._inputs

    def __hash__(self) -> int:
        return hash(self._inputs)

    def __repr__(self) -> str:
        return f"Schema({list(self._inputs)!r})"

    def __str__(self) -> str:
        return "[" + ", ".join(str(s) for s in self._inputs) + "]"

    def is_tensor_spec(self) -> bool:
        return isinstance(self._inputs[0], TensorSpec)

    def has_input_names(self) -> bool:
        return self._inputs[0].name is not None

    def input_names(self) -> list[str | int]:
        return [s.name if s.name is not None else i for i, s in enumerate(self._inputs)]

    def required_input_names(self) -> list[str | int]:
        return [
            s.name if s.name is not None else i for i, s in enumerate(self._inputs) if s.required
        ]

    def optional_input_names(self) -> list[str | int]:
        return [
            s.name if s.name is not None else i
            for i, s in enumerate(self._inputs)
            if not s.required
        ]

    def input_types(self) -> list[Any]:
        return [s.type for s in self._inputs]

    def input_types_dict(self) -> dict[str, Any]:
        if not self.has_input_names():
            raise SchemaDefinitionError("input_types_dict() needs a schema with named inputs")
        return {s.name: s.type for s in self._inputs if s.name is not None}

    def numpy_types(self) -> list[np.dtype[Any]]:
        """The numpy dtype of each input (tensor dtypes, or each column's DataType)."""
        out: list[np.dtype[Any]] = []
        for spec in self._inputs:
            if isinstance(spec, TensorSpec):
                out.append(spec.type)
            else:
                out.append(_scalar_type(spec, "numpy_types").to_numpy())
        return out

    def pandas_types(self) -> list[np.dtype[Any]]:
        """The pandas dtype of each column; tensor schemas have none."""
        if self.is_tensor_spec():
            raise SchemaDefinitionError("pandas_types() is not defined for a tensor schema")
        return [
            _scalar_type(s, "pandas_types").to_pandas()
            for s in self._inputs
            if isinstance(s, ColSpec)
        ]

    def to_dict(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self._inputs]

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, json_str: str) -> Schema:
        data = _load_json(json_str, "schema")
        if not isinstance(data, list):
            raise SchemaDefinitionError("A schema's JSON must be a list of specs")
        return cls([spec_from_dict(d) for d in data])


def _scalar_type(spec: ColSpec, method: str) -> DataType:
    if not isinstance(spec.type, DataType):
        raise SchemaDefinitionError(
            f"{method}() needs scalar columns; {spec.name or 'the input'} is {spec.type!r}"
        )
    return spec.type


# ----------------------------------------------------------------------------- params

ParamValue: TypeAlias = Any


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """An inference parameter: a scalar (`shape=None`) or a 1-D list (`shape=(-1,)`)."""

    name: str
    dtype: DataType
    default: ParamValue
    shape: tuple[int, ...] | None = None

    def __init__(
        self,
        name: str,
        dtype: DataType | str,
        default: ParamValue,
        shape: Sequence[int] | None = None,
    ) -> None:
        if not isinstance(name, str) or not name:
            raise SchemaDefinitionError(f"ParamSpec name must be a non-empty string, got {name!r}")
        dt = dtype if isinstance(dtype, DataType) else _coerce_param_dtype(dtype, name)
        norm_shape = None if shape is None else tuple(shape)
        if norm_shape not in (None, (-1,)):
            raise SchemaDefinitionError(
                f"Param {name!r}: shape must be None (a scalar) or (-1,) (a list), got {shape!r}"
            )
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "dtype", dt)
        object.__setattr__(self, "shape", norm_shape)
        try:
            value = None if default is None else validate_param_value(dt, norm_shape, default)
        except ValueError as exc:
            raise SchemaDefinitionError(f"Param {name!r}: invalid default: {exc}") from None
        object.__setattr__(self, "default", value)

    def __repr__(self) -> str:
        shape = "" if self.shape is None else f", shape={self.shape!r}"
        return f"ParamSpec({self.name!r}, {self.dtype!r}, {self.default!r}{shape})"

    def __str__(self) -> str:
        shape = "" if self.shape is None else f" (shape: {self.shape})"
        return f"{self.name!r}: {self.dtype!r} (default: {self.default!r}){shape}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "default": _param_default_to_json(self.dtype, self.shape, self.default),
            "shape": None if self.shape is None else list(self.shape),
            "type": self.dtype.name,
        }


def _coerce_param_dtype(dtype: object, name: str) -> DataType:
    if isinstance(dtype, str):
        return DataType.from_name(dtype)
    raise SchemaDefinitionError(
        f"Param {name!r}: dtype must be a DataType or its name, got {type(dtype).__name__}"
    )


class ParamSchema:
    """The inference params of a model, each name once."""

    __slots__ = ("_params",)

    def __init__(self, params: Iterable[ParamSpec]) -> None:
        specs = list(params)
        for spec in specs:
            if not isinstance(spec, ParamSpec):
                raise SchemaDefinitionError(
                    f"ParamSchema takes ParamSpec instances, got {type(spec).__name__}"
                )
        _reject_duplicates([p.name for p in specs], "param")
        self._params: tuple[ParamSpec, ...] = tuple(specs)

    @property
    def params(self) -> list[ParamSpec]:
        return list(self._params)

    def __iter__(self) -> Iterator[ParamSpec]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ParamSchema) and self._params == other._params

    def __hash__(self) -> int:
        return hash(self._params)

    def __repr__(self) -> str:
        return f"ParamSchema({list(self._params)!r})"

    def __str__(self) -> str:
        return "[" + ", ".join(str(p) for p in self._params) + "]"

    def get(self, name: str) -> ParamSpec | None:
        for spec in self._params:
            if spec.name == name:
                return spec
        return None

    def defaults(self) -> dict[str, ParamValue]:
        return {p.name: p.default for p in self._params}

    def to_dict(self) -> list[dict[str, Any]]:
        return [p.to_dict() for p in self._params]

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, json_str: str) -> ParamSchema:
        data = _load_json(json_str, "param schema")
        if not isinstance(data, list):
            raise SchemaDefinitionError("A param schema's JSON must be a list of params")
        return cls([param_spec_from_dict(d) for d in data])


_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)


def validate_scalar(dtype: DataType, value: Any) -> Any:
    """`value` as a Python value of `dtype`, with only safe conversions.

    Accepts numpy scalars of a fitting kind, ints for floating types, ISO strings and
    dates for `datetime`. Raises `ValueError` (no value in the message) otherwise.
    """
    kind = _scalar_kind(value)
    match dtype:
        case DataType.string:
            if kind == "str":
                return str(value)
        case DataType.boolean:
            if kind == "bool":
                return bool(value)
        case DataType.long | DataType.integer:
            if kind == "int":
                number = int(value)
                low, high = _INT32 if dtype is DataType.integer else _INT64
                if not low <= number <= high:
                    raise ValueError(f"integer out of range for {dtype.name}")
                return number
        case DataType.double | DataType.float:
            if kind in ("int", "float"):
                return float(value)
        case DataType.binary:
            if kind == "bytes":
                return bytes(value)
        case DataType.datetime:
            converted = _to_datetime(value)
            if converted is not None:
                return converted
    raise ValueError(f"expected {dtype.name}, got {_type_label(value)}")


def validate_param_value(dtype: DataType, shape: tuple[int, ...] | None, value: Any) -> Any:
    """A param value checked against its dtype and shape (`None` scalar, `(-1,)` list)."""
    if shape is None:
        if _is_sequence_value(value):
            raise ValueError(f"expected a scalar {dtype.name}, got a list")
        return validate_scalar(dtype, value)
    if not _is_sequence_value(value):
        raise ValueError(f"expected a list of {dtype.name}, got {_type_label(value)}")
    items = list(value)
    problems = []
    out = []
    for i, item in enumerate(items):
        if _is_sequence_value(item):
            raise ValueError("expected a 1-D list, got a nested list")
        try:
            out.append(validate_scalar(dtype, item))
        except ValueError as exc:
            problems.append(f"[{i}]: {exc}")
    if problems:
        raise ValueError("; ".join(problems))
    return out


def _is_sequence_value(value: Any) -> bool:
    if isinstance(value, (str, bytes, bytearray, Mapping)):
        return False
    if isinstance(value, (list, tuple)):
        return True
    return getattr(value, "ndim", 0) >= 1


def _scalar_kind(value: Any) -> str:
    """'bool', 'int', 'float', 'str', 'bytes' or 'other', numpy scalars included."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (bytes, bytearray)):
        return "bytes"
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    if kind is not None and getattr(value, "ndim", 1) == 0:
        return {"b": "bool", "i": "int", "u": "int", "f": "float", "U": "str", "S": "bytes"}.get(
            kind, "other"
        )
    return "other"


def _to_datetime(value: Any) -> _dt.datetime | None:
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return _dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    to_pydatetime = getattr(value, "to_pydatetime", None)  # pandas.Timestamp
    if callable(to_pydatetime):
        result = to_pydatetime()
        return result if isinstance(result, _dt.datetime) else None
    if getattr(getattr(value, "dtype", None), "kind", None) == "M":  # numpy.datetime64
        import pandas as pd

        stamp = pd.Timestamp(value)
        return None if stamp is pd.NaT else stamp.to_pydatetime()
    return None


def _type_label(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "a dict"
    if value is None:
        return "None"
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    return type(value).__name__


def _param_default_to_json(dtype: DataType, shape: tuple[int, ...] | None, default: Any) -> Any:
    def one(value: Any) -> Any:
        if isinstance(value, _dt.datetime):
            return value.isoformat()
        if isinstance(value, bytes):
            return base64.b64encode(value).decode("ascii")
        return value

    if default is None:
        return None
    if shape is None:
        return one(default)
    return [one(v) for v in default]


# ----------------------------------------------------------------------------- signature


class ModelSignature:
    """A model's input schema, output schema and param schema (each may be None)."""

    __slots__ = ("inputs", "outputs", "params")

    def __init__(
        self,
        inputs: Schema | None = None,
        outputs: Schema | None = None,
        params: ParamSchema | None = None,
    ) -> None:
        for label, value, cls in (
            ("inputs", inputs, Schema),
            ("outputs", outputs, Schema),
            ("params", params, ParamSchema),
        ):
            if value is not None and not isinstance(value, cls):
                raise SchemaDefinitionError(
                    f"ModelSignature {label} must be a {cls.__name__} or None, "
                    f"got {type(value).__name__}"
                )
        self.inputs = inputs
        self.outputs = outputs
        self.params = params

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ModelSignature)
            and self.inputs == other.inputs
            and self.outputs == other.outputs
            and self.params == other.params
        )

    def __hash__(self) -> int:
        return hash((self.inputs, self.outputs, self.params))

    def __repr__(self) -> str:
        return (
            "ModelSignature(\n"
            f"  inputs={self.inputs!r},\n"
            f"  outputs={self.outputs!r},\n"
            f"  params={self.params!r}\n)"
        )

    def __str__(self) -> str:
        return (
            f"inputs: \n  {self.inputs}\noutputs: \n  {self.outputs}\nparams: \n  {self.params}\n"
        )

    def to_dict(self) -> dict[str, str | None]:
        """The signature as MLflow stores it: each part as a JSON string, or None."""
        return {
            "inputs": self.inputs.to_json() if self.inputs is not None else None,
            "outputs": self.outputs.to_json() if self.outputs is not None else None,
            "params": self.params.to_json() if self.params is not None else None,
        }

    @classmethod
    def from_dict(cls, signature_dict: Mapping[str, Any]) -> ModelSignature:
        if not isinstance(signature_dict, Mapping):
            raise SchemaDefinitionError("A signature must be a mapping of inputs/outputs/params")
        inputs = signature_dict.get("inputs")
        outputs = signature_dict.get("outputs")
        params = signature_dict.get("params")
        return cls(
            Schema.from_json(inputs) if inputs else None,
            Schema.from_json(outputs) if outputs else None,
            ParamSchema.from_json(params) if params else None,
        )


# ----------------------------------------------------------------------------- JSON form


def type_to_dict(dtype: ColType) -> dict[str, Any]:
    """The MLflow JSON form of one type node (without name or required)."""
    match dtype:
        case DataType():
            return {"type": dtype.name}
        case Array(dtype=items):
            return {"type": "array", "items": type_to_dict(items)}
        case Object(properties=props):
            return {"type": "object", "properties": {p.name: p.to_dict()[p.name] for p in props}}
        case Map(value_type=values):
            return {"type": "map", "values": type_to_dict(values)}
        case AnyType():
            return {"type": "any"}
    raise SchemaDefinitionError(f"Not a schema type: {type(dtype).__name__}")


def _typed_dict(dtype: ColType, *, required: bool) -> dict[str, Any]:
    out = type_to_dict(dtype)
    out["required"] = required
    return out


def type_from_dict(data: Any) -> ColType:
    """The type node written by `type_to_dict` (or by MLflow)."""
    if not isinstance(data, Mapping) or "type" not in data:
        raise SchemaDefinitionError("A type in a schema's JSON must be an object with a 'type'")
    match data["type"]:
        case "array":
            return Array(type_from_dict(_field(data, "items")))
        case "object":
            props = _field(data, "properties")
            if not isinstance(props, Mapping):
                raise SchemaDefinitionError("An object type's 'properties' must be an object")
            return Object(
                Property(name, type_from_dict(p), bool(p.get("required", True)))
                for name, p in props.items()
            )
        case "map":
            return Map(type_from_dict(_field(data, "values")))
        case "any":
            return AnyType()
        case str(name):
            return DataType.from_name(name)
    raise SchemaDefinitionError("A type's 'type' must be a string")


def spec_from_dict(data: Any) -> Spec:
    """A ColSpec or TensorSpec from its MLflow JSON form."""
    if not isinstance(data, Mapping):
        raise SchemaDefinitionError("Each spec in a schema's JSON must be an object")
    name = data.get("name")
    if data.get("type") == "tensor":
        tensor = _field(data, "tensor-spec")
        return TensorSpec(_field(tensor, "dtype"), _field(tensor, "shape"), name)
    return ColSpec(type_from_dict(data), name, bool(data.get("required", True)))


def param_spec_from_dict(data: Any) -> ParamSpec:
    if not isinstance(data, Mapping):
        raise SchemaDefinitionError("Each param in a param schema's JSON must be an object")
    dtype = DataType.from_name(_field(data, "type"))
    shape = data.get("shape")
    default = data.get("default")
    if dtype is DataType.binary and default is not None:
        decode = base64.b64decode
        default = decode(default) if shape is None else [decode(v) for v in default]
    return ParamSpec(_field(data, "name"), dtype, default, shape)


def _field(data: Any, key: str) -> Any:
    if not isinstance(data, Mapping) or key not in data:
        raise SchemaDefinitionError(f"Missing {key!r} in a schema's JSON")
    return data[key]


def _load_json(json_str: str, what: str) -> Any:
    try:
        return json.loads(json_str)
    except (TypeError, ValueError) as exc:
        raise SchemaDefinitionError(f"Invalid {what} JSON: {exc.__class__.__name__}") from None
