"""Schema types: the portable description of a model's inputs, outputs and params.

Every type node is a frozen value: two nodes built the same way compare equal, hash equal and
can be dict keys. `repr()` is constructor-like (`ColSpec(Array(long), name='tokens')`);
`str()` is the short form MLflow prints (`'tokens': Array(long) (required)`), so a printed
signature reads the same in both libraries (one exception: MLflow prints a map of scalars as
`Map(str -> DataType.long)`, hintsig as `Map(str -> long)`).

The JSON form of every node (`to_dict()`, `to_json()`, `from_json()`, and the helpers
`type_to_dict` / `type_from_dict` / `spec_from_dict` at the bottom of this module) is the one
MLflow 3.x writes, key for key, so a signature written by either library reads back in the other.

hintsig refuses what MLflow cannot read back, and is stricter in a few places:

* duplicate input names are an error (MLflow accepts them and then loses a column);
* an unnamed optional column, several unnamed tensors and `Object([])` are errors (as in MLflow);
* binary params are an error (as in MLflow: their default has no JSON form there);
* a param default is checked when the `ParamSpec` is built: `None` is allowed only for a
  scalar param, a list param needs a list, an `Object` param a dict; `integer` defaults must fit
  in 32 bits (MLflow does not check the range);
* a datetime param keeps a `datetime.date` default as a date (written `"2024-01-02"`, as MLflow
  writes it) and reads a date-only ISO string back as a `date`;
* a tensor dtype is kept in native byte order and a text or bytes dtype must be unsized
  (`np.dtype(str)`, not `"<U5"`): the JSON form keeps only the dtype's name;
* MLflow's Spark-only `sparkml_vector` type is not supported.

A dict param (`ParamSpec(name, Object(...), {...})`) is written as MLflow writes it; note that
MLflow 3.x's own reader refuses such a default when it holds a `datetime` or `float` property.

numpy is imported only when a tensor spec is built or a dtype is asked for.
"""

from __future__ import annotations

import copy
import datetime as _dt
import enum
import json
import math
import numbers
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, Union

from hintsig.exceptions import SchemaDefinitionError, format_errors
from hintsig.types._ranges import FLOAT32_MAX, out_of_range

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "AnyType",
    "Array",
    "ColSpec",
    "DataType",
    "Map",
    "ModelSignature",
    "Object",
    "ParamSchema",
    "ParamSpec",
    "Property",
    "Schema",
    "TensorSpec",
]


class DataType(enum.Enum):
    """A scalar type, with the Python, numpy and pandas types that hold it.

    The members, their names, numbers and order are MLflow's.
    """

    boolean = 1
    integer = 2
    long = 3
    float = 4
    double = 5
    string = 6
    binary = 7
    datetime = 8

    def __repr__(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name

    def to_python(self) -> type:
        """The Python type of one value (`long` -> `int`, `datetime` -> `datetime.datetime`)."""
        return _PYTHON_TYPES[self]

    def to_numpy(self) -> np.dtype[Any]:
        """The numpy dtype of an array of these values (`str` and `bytes` are unsized)."""
        import numpy as np

        return np.dtype(_NUMPY_NAMES[self])

    def to_pandas(self) -> np.dtype[Any]:
        """The pandas column dtype MLflow uses for these values (`object` for text and bytes)."""
        import numpy as np

        return np.dtype(_PANDAS_NAMES.get(self, _NUMPY_NAMES[self]))

    @classmethod
    def from_name(cls, name: str) -> DataType:
        """The member called `name`; a clear error listing the choices otherwise."""
        member = cls.__members__.get(name) if isinstance(name, str) else None
        if member is None:
            choices = ", ".join(cls.__members__)
            raise SchemaDefinitionError(
                f"Unknown data type {_describe(name)}; expected one of: {choices}"
            )
        return member


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
_NUMPY_NAMES: dict[DataType, str] = {
    DataType.boolean: "bool",
    DataType.integer: "int32",
    DataType.long: "int64",
    DataType.float: "float32",
    DataType.double: "float64",
    DataType.string: "str",
    DataType.binary: "bytes",
    DataType.datetime: "datetime64[ns]",
}
_PANDAS_NAMES: dict[DataType, str] = {DataType.string: "object", DataType.binary: "object"}


def _describe(value: object) -> str:
    """A short label for a wrong argument: a string is shown (it names a type), else its type."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else f"{value[:37]!r}..."
    return type(value).__name__


def _type_name(value: object) -> str:
    """`type(value).__name__`, for code where a parameter named `type` hides the builtin."""
    return type(value).__name__


def _required_word(required: bool) -> str:
    return "required" if required else "optional"


# ----------------------------------------------------------------------------- composite types


@dataclass(frozen=True, slots=True)
class Array:
    """A list whose elements are all of `dtype` (a DataType or another composite type)."""

    dtype: ColType

    def __init__(self, dtype: ColType | str) -> None:
        object.__setattr__(self, "dtype", _coerce_type(dtype, "Array"))

    def __repr__(self) -> str:
        return f"Array({self.dtype!r})"

    def __str__(self) -> str:
        return f"Array({self.dtype})"

    def to_dict(self) -> dict[str, Any]:
        return type_to_dict(self)


@dataclass(frozen=True, slots=True)
class Property:
    """One named field of an `Object`; `required=False` lets the key be missing or null."""

    name: str
    dtype: ColType
    required: bool = True

    def __init__(self, name: str, dtype: ColType | str, required: bool = True) -> None:
        if not isinstance(name, str) or not name:
            raise SchemaDefinitionError(
                f"Property name must be a non-empty string, got {_describe(name)}"
            )
        if not isinstance(required, bool):
            raise SchemaDefinitionError(
                f"Property {name!r}: required must be a bool, got {type(required).__name__}"
            )
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "dtype", _coerce_type(dtype, f"Property {name!r}"))
        object.__setattr__(self, "required", required)

    def __repr__(self) -> str:
        optional = "" if self.required else ", required=False"
        return f"Property({self.name!r}, {self.dtype!r}{optional})"

    def __str__(self) -> str:
        return f"{self.name}: {self.dtype} ({_required_word(self.required)})"

    def to_dict(self) -> dict[str, Any]:
        return {self.name: _typed_dict(self.dtype, required=self.required)}


@dataclass(frozen=True, slots=True)
class Object:
    """A dict with known keys; properties are kept sorted by name, as MLflow keeps them.

    An object needs at least one property (MLflow refuses `Object([])` too); use `Map` for a
    dict whose keys are not known in advance.
    """

    properties: tuple[Property, ...]

    def __init__(self, properties: Iterable[Property]) -> None:
        props = _as_list(properties, "Object properties")
        if not props:
            raise SchemaDefinitionError(
                "Object needs at least one Property; use Map(...) for a dict of unknown keys"
            )
        bad = _not_instances(props, Property)
        if bad:
            raise SchemaDefinitionError(format_errors("Invalid Object properties:", bad))
        _reject_duplicates([p.name for p in props], "Object property")
        object.__setattr__(self, "properties", tuple(sorted(props, key=lambda p: p.name)))

    def __repr__(self) -> str:
        return f"Object({list(self.properties)!r})"

    def __str__(self) -> str:
        return "{" + ", ".join(str(p) for p in self.properties) + "}"

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

    def __str__(self) -> str:
        return f"Map(str -> {self.value_type})"

    def to_dict(self) -> dict[str, Any]:
        return type_to_dict(self)


@dataclass(frozen=True, slots=True)
class AnyType:
    """Any JSON-like value; nothing is validated."""

    def __repr__(self) -> str:
        return "AnyType()"

    def __str__(self) -> str:
        return "Any"

    def to_dict(self) -> dict[str, Any]:
        return type_to_dict(self)


#: The type of a column, an array element, a property or a map value.
ColType: TypeAlias = Union[DataType, Array, Object, Map, AnyType]  # noqa: UP007
_COL_TYPES = (DataType, Array, Object, Map, AnyType)


def _coerce_type(dtype: object, where: str) -> ColType:
    if isinstance(dtype, str):
        try:
            return DataType.from_name(dtype)
        except SchemaDefinitionError as exc:
            raise SchemaDefinitionError(f"{where}: {exc.message}") from None
    if isinstance(dtype, _COL_TYPES):
        return dtype
    raise SchemaDefinitionError(
        f"{where}: expected a DataType, its name, Array, Object, Map or AnyType; "
        f"got {type(dtype).__name__}"
    )


_T = TypeVar("_T")


def _as_list(items: Iterable[_T], what: str) -> list[_T]:
    """`items` as a list; a single spec, a string or a mapping is refused, not iterated."""
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        raise SchemaDefinitionError(f"{what} must be a list, got {type(items).__name__}")
    return list(items)


def _not_instances(items: list[Any], *classes: type) -> list[tuple[str, str]]:
    """`([i], "expected A or B, got C")` for each item that is an instance of none of `classes`."""
    expected = " or ".join(c.__name__ for c in classes)
    return [
        (f"[{i}]", f"expected {expected}, got {type(item).__name__}")
        for i, item in enumerate(items)
        if not isinstance(item, classes)
    ]


def _reject_duplicates(names: Sequence[object], what: str) -> None:
    dupes = _duplicates(names)
    if dupes:
        raise SchemaDefinitionError(f"Duplicate {what} names: {dupes}")


def _duplicates(names: Sequence[object]) -> str:
    return ", ".join(sorted(repr(name) for name, count in Counter(names).items() if count > 1))


# ----------------------------------------------------------------------------- specs


@dataclass(frozen=True, slots=True)
class ColSpec:
    """One column (or the single unnamed input) of a column-based schema."""

    type: ColType
    name: str | None = None
    required: bool = True

    def __init__(self, type: ColType | str, name: str | None = None, required: bool = True) -> None:
        if name is not None and not isinstance(name, str):
            raise SchemaDefinitionError(
                f"ColSpec name must be a string or None, got {_describe(name)}"
            )
        where = "ColSpec" if name is None else f"ColSpec {name!r}"
        if not isinstance(required, bool):
            raise SchemaDefinitionError(
                f"{where}: required must be a bool, got {_type_name(required)}"
            )
        object.__setattr__(self, "type", _coerce_type(type, where))
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
        return f"{label}{self.type} ({_required_word(self.required)})"

    def to_dict(self) -> dict[str, Any]:
        out = type_to_dict(self.type)
        if self.name is not None:
            out["name"] = int(self.name) if isinstance(self.name, _IntName) else self.name
        out["required"] = self.required
        return out


@dataclass(frozen=True, slots=True)
class TensorSpec:
    """A numpy array input: exact dtype and shape, `-1` for a dimension of any size.

    `type` is anything `numpy.dtype()` accepts (`np.float32`, `"int64"`, `np.dtype(str)`);
    it is kept in native byte order. A tensor input is always required.
    """

    type: np.dtype[Any]
    shape: tuple[int, ...]
    name: str | None = None

    def __init__(self, type: Any, shape: Sequence[int], name: str | None = None) -> None:
        if name is not None and not isinstance(name, str):
            raise SchemaDefinitionError(
                f"TensorSpec name must be a string or None, got {_describe(name)}"
            )
        where = "TensorSpec" if name is None else f"TensorSpec {name!r}"
        object.__setattr__(self, "type", _tensor_dtype(type, where))
        object.__setattr__(self, "shape", _tensor_shape(shape, where))
        object.__setattr__(self, "name", name)

    @property
    def required(self) -> bool:
        """Always True: a tensor input cannot be left out."""
        return True

    def __repr__(self) -> str:
        named = f", name={self.name!r}" if self.name is not None else ""
        return f"TensorSpec(np.dtype({self.type.name!r}), {self.shape!r}{named})"

    def __str__(self) -> str:
        label = f"{self.name!r}: " if self.name is not None else ""
        return f"{label}Tensor({self.type.name!r}, {self.shape!r})"

    def to_dict(self) -> dict[str, Any]:
        spec = {
            "type": "tensor",
            "tensor-spec": {"dtype": self.type.name, "shape": list(self.shape)},
        }
        return spec if self.name is None else {"name": self.name, **spec}


def _tensor_dtype(value: Any, where: str) -> np.dtype[Any]:
    import numpy as np

    if value is None:  # np.dtype(None) would silently mean float64
        raise SchemaDefinitionError(f"{where}: expected a numpy dtype, got None")
    try:
        dtype = np.dtype(value)
    except (TypeError, ValueError):
        raise SchemaDefinitionError(
            f"{where}: expected a numpy dtype, got {_describe(value)}"
        ) from None
    if dtype.kind == "V":
        raise SchemaDefinitionError(f"{where}: structured and void dtypes are not supported")
    if dtype.kind in "US" and dtype.itemsize:
        unsized = "str" if dtype.kind == "U" else "bytes"
        raise SchemaDefinitionError(
            f"{where}: a sized {unsized} dtype cannot be stored; use np.dtype({unsized})"
        )
    native: np.dtype[Any] = dtype.newbyteorder("=")
    return native


def _tensor_shape(shape: object, where: str) -> tuple[int, ...]:
    if not isinstance(shape, (list, tuple)):
        raise SchemaDefinitionError(
            f"{where}: shape must be a tuple or list of ints, got {type(shape).__name__}"
        )
    bad = [
        (f"shape[{i}]", f"expected an int >= -1 (-1 for any size), got {_dim_label(dim)}")
        for i, dim in enumerate(shape)
        if not _is_dim(dim)
    ]
    if bad:
        raise SchemaDefinitionError(format_errors(f"{where}: invalid shape", bad))
    return tuple(int(dim) for dim in shape)


def _is_dim(dim: object) -> bool:
    if isinstance(dim, bool) or not isinstance(dim, numbers.Integral):
        return False
    return int(dim) >= -1


def _dim_label(dim: object) -> str:
    if isinstance(dim, bool) or not isinstance(dim, numbers.Integral):
        return type(dim).__name__
    return "an int below -1"


Spec: TypeAlias = Union[ColSpec, TensorSpec]  # noqa: UP007


# ----------------------------------------------------------------------------- schema


class Schema:
    """An ordered list of column specs or of tensor specs (never both).

    The specs are all named or all unnamed, with unique names; unnamed columns are required,
    and only one tensor may be unnamed.
    """

    __slots__ = ("_inputs",)

    def __init__(self, inputs: Iterable[Spec]) -> None:
        specs = _as_list(inputs, "Schema inputs")
        if not specs:
            raise SchemaDefinitionError("A Schema needs at least one ColSpec or TensorSpec")
        problems = _schema_problems(specs)
        if problems:
            raise SchemaDefinitionError(format_errors("Invalid Schema:", problems))
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
        """True for a schema of TensorSpecs."""
        return isinstance(self._inputs[0], TensorSpec)

    def has_input_names(self) -> bool:
        """True when the inputs are named (they are then all named)."""
        return self._inputs[0].name is not None

    def input_names(self) -> list[str | int]:
        """Each input's name, or its position when the schema is unnamed."""
        return [_name_or_index(i, s) for i, s in enumerate(self._inputs)]

    def required_input_names(self) -> list[str | int]:
        """The names (or positions) of the inputs that must be present."""
        return [_name_or_index(i, s) for i, s in enumerate(self._inputs) if s.required]

    def optional_input_names(self) -> list[str | int]:
        """The names of the columns that may be missing (`required=False`)."""
        return [_name_or_index(i, s) for i, s in enumerate(self._inputs) if not s.required]

    def input_types(self) -> list[ColType | np.dtype[Any]]:
        """Each input's type: a DataType or composite type, or a tensor's numpy dtype."""
        return [s.type for s in self._inputs]

    def input_types_dict(self) -> dict[str, ColType | np.dtype[Any]]:
        """Input name -> type, for a named schema."""
        return {name: spec.type for name, spec in self.input_dict().items()}

    def input_dict(self) -> dict[str, Spec]:
        """Input name -> spec, for a named schema."""
        if not self.has_input_names():
            raise SchemaDefinitionError("input_dict() needs a schema with named inputs")
        return {s.name: s for s in self._inputs if s.name is not None}

    def numpy_types(self) -> list[np.dtype[Any]]:
        """The numpy dtype of each input (tensor dtypes, or each scalar column's DataType)."""
        return [
            spec.type if isinstance(spec, TensorSpec) else _scalar_type(spec).to_numpy()
            for spec in self._inputs
        ]

    def pandas_types(self) -> list[np.dtype[Any]]:
        """The pandas dtype of each scalar column; tensor schemas have none."""
        if self.is_tensor_spec():
            raise SchemaDefinitionError(
                "pandas_types() is not defined for a tensor schema; use numpy_types()"
            )
        return [_scalar_type(s).to_pandas() for s in self._inputs if isinstance(s, ColSpec)]

    def to_dict(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self._inputs]

    def to_json(self) -> str:
        """The schema as MLflow writes it: a JSON list of specs."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, json_str: str) -> Schema:
        """The schema written by `to_json()` (or by MLflow)."""
        return cls(_parse_list(json_str, "schema", spec_from_dict))

    def as_spark_schema(self) -> Any:
        """The Spark type of this schema (a `StructType`; one unnamed column: its type), as in
        MLflow. Needs the `spark` extra."""
        from hintsig.types._spark import as_spark_schema

        return as_spark_schema(self)

    @classmethod
    def from_spark(cls, source: Any) -> Schema:
        """The schema of a Spark DataFrame or `StructType`, read as `infer_signature` reads
        a Spark DataFrame (MLflow's reading). Needs the `spark` extra."""
        from hintsig.types._spark import schema_from_spark

        return schema_from_spark(source)


def _name_or_index(index: int, spec: Spec) -> str | int:
    return spec.name if spec.name is not None else index


def _schema_problems(specs: list[Any]) -> list[tuple[str, str]]:
    """Every reason `specs` is not a valid Schema, as `(position, message)` pairs."""
    bad = _not_instances(specs, ColSpec, TensorSpec)
    if bad:
        return bad
    problems: list[tuple[str, str]] = []
    if len({type(s) for s in specs}) > 1:
        problems.append(("", "it mixes ColSpec and TensorSpec; use one kind for all inputs"))
    unnamed = [i for i, s in enumerate(specs) if s.name is None]
    if unnamed and len(unnamed) < len(specs):
        positions = ", ".join(str(i) for i in unnamed)
        problems.append(("", f"it mixes named and unnamed inputs (unnamed: {positions})"))
    unnamed_tensors = [i for i in unnamed if isinstance(specs[i], TensorSpec)]
    if len(unnamed_tensors) > 1:
        problems.append(("", "it has several unnamed tensors; name each of them"))
    problems.extend(
        (f"[{i}]", "an unnamed column cannot be optional; name the columns")
        for i in unnamed
        if not specs[i].required
    )
    dupes = _duplicates([s.name for s in specs if s.name is not None])
    if dupes:
        problems.append(("", f"duplicate input names: {dupes}"))
    return problems


def _scalar_type(spec: ColSpec) -> DataType:
    if not isinstance(spec.type, DataType):
        label = repr(spec.name) if spec.name is not None else "the input"
        raise SchemaDefinitionError(
            f"numpy and pandas dtypes exist only for scalar columns; {label} is {spec.type!r}"
        )
    return spec.type


# ----------------------------------------------------------------------------- params

#: A param's default (or a value given at call time): a scalar, a list or a dict.
ParamValue: TypeAlias = Any
#: The type of a param: a scalar DataType or, for a dict param, an Object.
ParamType: TypeAlias = Union[DataType, Object]  # noqa: UP007


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """An inference parameter: a scalar (`shape=None`) or a 1-D list (`shape=(-1,)`).

    `dtype` is a DataType (not `binary`), its name, or an `Object` for a dict param (always
    scalar-shaped). The default is checked and normalised at construction (an int for a
    `double` param becomes a float, a numpy scalar a Python one); `None` means no default and
    is allowed for scalar DataType params only.
    """

    name: str
    dtype: ParamType
    default: ParamValue
    shape: tuple[int, ...] | None = None

    def __init__(
        self,
        name: str,
        dtype: ParamType | str,
        default: ParamValue,
        shape: Sequence[int] | None = None,
    ) -> None:
        if not isinstance(name, str) or not name:
            raise SchemaDefinitionError(
                f"ParamSpec name must be a non-empty string, got {_describe(name)}"
            )
        where = f"Param {name!r}"
        param_type = _param_type(dtype, where)
        param_shape = _param_shape(shape, where)
        if isinstance(param_type, Object) and param_shape is not None:
            raise SchemaDefinitionError(f"{where}: an Object param cannot have a shape")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "dtype", param_type)
        object.__setattr__(self, "shape", param_shape)
        object.__setattr__(self, "default", _param_default(param_type, param_shape, default, where))

    def __hash__(self) -> int:
        return hash((self.name, self.dtype, _freeze(self.default), self.shape))

    def __repr__(self) -> str:
        shape = "" if self.shape is None else f", shape={self.shape!r}"
        return f"ParamSpec({self.name!r}, {self.dtype!r}, {self.default!r}{shape})"

    def __str__(self) -> str:
        shape = "" if self.shape is None else f" (shape: {self.shape})"
        return f"{self.name!r}: {self.dtype} (default: {self.default}){shape}"

    def to_dict(self) -> dict[str, Any]:
        out = {
            "name": self.name,
            "default": _param_value_to_json(self.default),
            "shape": None if self.shape is None else list(self.shape),
        }
        out.update(type_to_dict(self.dtype))
        return out


def _param_type(dtype: object, where: str) -> ParamType:
    if isinstance(dtype, str):
        dtype = _coerce_type(dtype, where)
    if not isinstance(dtype, (DataType, Object)):
        raise SchemaDefinitionError(
            f"{where}: dtype must be a DataType, its name or an Object, got {type(dtype).__name__}"
        )
    if _mentions_binary(dtype):
        raise SchemaDefinitionError(
            f"{where}: binary params are not supported (their default has no JSON form)"
        )
    return dtype


def _mentions_binary(dtype: ColType) -> bool:
    match dtype:
        case DataType():
            return dtype is DataType.binary
        case Array(dtype=inner) | Map(value_type=inner):
            return _mentions_binary(inner)
        case Object(properties=props):
            return any(_mentions_binary(p.dtype) for p in props)
    return False


def _param_shape(shape: object, where: str) -> tuple[int, ...] | None:
    if shape is None:
        return None
    if isinstance(shape, (list, tuple)):
        if tuple(shape) == (-1,):
            return (-1,)
        label = repr(tuple(shape))
    else:
        label = type(shape).__name__
    raise SchemaDefinitionError(
        f"{where}: shape must be None (a scalar) or (-1,) (a list), got {label}"
    )


def _param_default(
    dtype: ParamType, shape: tuple[int, ...] | None, default: ParamValue, where: str
) -> ParamValue:
    if default is None and shape is None and isinstance(dtype, DataType):
        return None
    try:
        return validate_param_value(dtype, shape, default)
    except ValueError as exc:
        raise SchemaDefinitionError(f"{where}: invalid default: {exc}") from None


def _freeze(value: Any) -> Any:
    """A hashable stand-in for a param value (lists and dicts become tuples)."""
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    return value


class ParamSchema:
    """The inference params of a model, each name once."""

    __slots__ = ("_params",)

    def __init__(self, params: Iterable[ParamSpec]) -> None:
        specs = _as_list(params, "ParamSchema params")
        bad = _not_instances(specs, ParamSpec)
        if bad:
            raise SchemaDefinitionError(format_errors("Invalid ParamSchema:", bad))
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
        """The param called `name`, or None."""
        for spec in self._params:
            if spec.name == name:
                return spec
        return None

    def defaults(self) -> dict[str, ParamValue]:
        """Param name -> default (None when a param has none)."""
        return {p.name: p.default for p in self._params}

    def to_dict(self) -> list[dict[str, Any]]:
        return [p.to_dict() for p in self._params]

    def to_json(self) -> str:
        """The params as MLflow writes them: a JSON list of param specs."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls, json_str: str) -> ParamSchema:
        """The param schema written by `to_json()` (or by MLflow)."""
        return cls(_parse_list(json_str, "param schema", param_spec_from_dict))


# ----------------------------------------------------------------------------- value checks

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def validate_scalar(dtype: DataType, value: Any) -> Any:
    """`value` as a Python value of `dtype`, with only safe conversions.

    Accepts numpy scalars of a fitting kind, ints for floating types, and for `datetime` a
    `datetime`, a `date` (kept as a date), an ISO string (a date-only one gives a `date`), a
    pandas Timestamp or a numpy datetime64. Raises `ValueError` (no value in the message)
    otherwise.
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
                    raise ValueError(out_of_range(dtype.name, integral=True))
                return number
        case DataType.double | DataType.float:
            if kind in ("int", "float"):
                try:
                    real = float(value)
                except OverflowError:  # an int beyond any float (10**400)
                    raise ValueError(out_of_range(dtype.name, integral=False)) from None
                # (NaN and infinity are float32 values too)
                if dtype is DataType.float and math.isfinite(real) and abs(real) > FLOAT32_MAX:
                    raise ValueError(out_of_range(dtype.name, integral=False))
                return real
        case DataType.binary:
            if kind == "bytes":
                return bytes(value)
        case DataType.datetime:
            converted = _to_datetime(value)
            if converted is not None:
                return converted
    raise ValueError(f"expected {dtype.name}, got {type_label(value)}")


def validate_param_value(dtype: ParamType, shape: tuple[int, ...] | None, value: Any) -> Any:
    """A param value checked against its type and shape (`None` scalar, `(-1,)` list).

    Scalars and list items go through `validate_scalar` (so they come back normalised); a dict
    for an `Object` param is checked property by property and returned as a deep copy.
    Raises `ValueError` listing every problem.
    """
    if isinstance(dtype, Object):
        problems = value_problems(dtype, value)
        if problems:
            raise ValueError(_join_problems(problems))
        return copy.deepcopy(value)
    if shape is None:
        if _is_sequence_value(value):
            raise ValueError(f"expected a scalar {dtype.name}, got a list")
        return validate_scalar(dtype, value)
    if not _is_sequence_value(value):
        raise ValueError(f"expected a list of {dtype.name}, got {type_label(value)}")
    out = []
    problems = []
    for i, item in enumerate(value):
        if _is_sequence_value(item):
            problems.append((f"[{i}]", f"expected {dtype.name}, got a nested list"))
            continue
        try:
            out.append(validate_scalar(dtype, item))
        except ValueError as exc:
            problems.append((f"[{i}]", str(exc)))
    if problems:
        raise ValueError(_join_problems(problems))
    return out


def value_problems(dtype: ColType, value: Any, path: str = "") -> list[tuple[str, str]]:
    """Every way `value` does not fit `dtype`, as `(path, message)` pairs (empty if it fits).

    Paths read `a.b[2]`. An optional property may be missing or None; keys an `Object` does
    not declare are problems. Values are checked, not converted.
    """
    match dtype:
        case AnyType():
            return []
        case DataType():
            try:
                validate_scalar(dtype, value)
            except ValueError as exc:
                return [(path, str(exc))]
            return []
        case Array(dtype=items):
            if not _is_sequence_value(value):
                return [(path, f"expected a list, got {type_label(value)}")]
            return [
                problem
                for i, item in enumerate(value)
                for problem in value_problems(items, item, f"{path}[{i}]")
            ]
        case Map(value_type=values):
            if not isinstance(value, Mapping):
                return [(path, f"expected a dict, got {type_label(value)}")]
            return _map_problems(values, value, path)
        case Object():
            if not isinstance(value, Mapping):
                return [(path, f"expected a dict, got {type_label(value)}")]
            return _object_problems(dtype, value, path)
    raise SchemaDefinitionError(f"Not a schema type: {type(dtype).__name__}")


def _map_problems(values: ColType, value: Mapping[Any, Any], path: str) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for position, (key, item) in enumerate(value.items()):
        if isinstance(key, str):  # keys are data: the path names the entry's position only
            problems.extend(value_problems(values, item, f"{path}[<key {position}>]"))
        else:
            problems.append((path, f"expected string keys, got a {type(key).__name__} key"))
    return problems


def _object_problems(obj: Object, value: Mapping[Any, Any], path: str) -> list[tuple[str, str]]:
    declared = {p.name for p in obj.properties}
    unknown = sum(key not in declared for key in value)
    problems = []
    if unknown:  # the keys themselves may be data: counted, not repeated
        known = ", ".join(repr(name) for name in sorted(declared)) or "none"
        many = f"{unknown} unknown properties" if unknown > 1 else "an unknown property"
        problems.append((path, f"{many}; the properties are {known}"))
    for prop in obj.properties:
        where = _join_path(path, prop.name)
        if prop.name not in value:
            if prop.required:
                problems.append((where, f"missing required property of type {prop.dtype}"))
        elif value[prop.name] is not None or prop.required:
            problems.extend(value_problems(prop.dtype, value[prop.name], where))
    return problems


def _join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _join_problems(problems: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{path}: {message}" if path else message for path, message in problems)


def _is_sequence_value(value: Any) -> bool:
    if isinstance(value, (str, bytes, bytearray, Mapping)):
        return False
    if isinstance(value, (list, tuple)):
        return True
    return bool(getattr(value, "ndim", 0) >= 1)


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
    kind = _numpy_kind(value)
    if kind is not None and getattr(value, "ndim", 1) == 0:
        return _NUMPY_KINDS.get(kind, "other")
    return "other"


_NUMPY_KINDS = {"b": "bool", "i": "int", "u": "int", "f": "float", "U": "str", "S": "bytes"}


def _numpy_kind(value: Any) -> str | None:
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    return kind if isinstance(kind, str) else None


def _to_datetime(value: Any) -> _dt.date | None:
    """A date or datetime for `value`, or None when it is not one (NaT is not one)."""
    if isinstance(value, _dt.datetime) and type(value) is not _dt.datetime:
        to_plain = getattr(value, "to_pydatetime", None)  # pandas.Timestamp, NaT
        value = to_plain() if callable(to_plain) else None
        return value if type(value) is _dt.datetime else None
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            stamp = _dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        return stamp.date() if _DATE_ONLY.fullmatch(value) else stamp
    if _numpy_kind(value) == "M" and getattr(value, "ndim", None) == 0:  # numpy.datetime64
        item = value.astype("datetime64[us]").item()
        return item if type(item) is _dt.datetime else None
    return None


def type_label(value: Any) -> str:
    """The kind of `value` for an error message (`a list`, `int`), never the value itself."""
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "a dict"
    if value is None:
        return "None"
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    return type(value).__name__


def _param_value_to_json(value: Any) -> Any:
    """A param value as MLflow writes it: dates and datetimes as ISO strings."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_param_value_to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _param_value_to_json(v) for k, v in value.items()}
    return value


# ----------------------------------------------------------------------------- signature


class ModelSignature:
    """A model's input schema, output schema and param schema.

    Any part may be None, but not all three (MLflow cannot read such a signature back); an
    empty ParamSchema is stored as None, as MLflow writes it. The parts are plain attributes,
    as in MLflow, so a signature is not hashable.
    """

    __slots__ = ("inputs", "outputs", "params")
    __hash__ = None  # type: ignore[assignment]

    def __init__(
        self,
        inputs: Schema | None = None,
        outputs: Schema | None = None,
        params: ParamSchema | None = None,
    ) -> None:
        wrong = [
            (label, f"expected {cls.__name__} or None, got {type(value).__name__}")
            for label, value, cls in (
                ("inputs", inputs, Schema),
                ("outputs", outputs, Schema),
                ("params", params, ParamSchema),
            )
            if value is not None and not isinstance(value, cls)
        ]
        if wrong:
            raise SchemaDefinitionError(format_errors("Invalid ModelSignature:", wrong))
        if params is not None and not len(params):
            params = None
        if inputs is None and outputs is None and params is None:
            raise SchemaDefinitionError(
                "A ModelSignature needs at least one of inputs, outputs or params"
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

    def __repr__(self) -> str:
        return (
            "ModelSignature(\n"
            f"    inputs={self.inputs!r},\n"
            f"    outputs={self.outputs!r},\n"
            f"    params={self.params!r},\n)"
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
        """The signature written by `to_dict()` (or by MLflow); missing parts are None."""
        if not isinstance(signature_dict, Mapping):
            raise SchemaDefinitionError(
                "A signature must be a mapping with 'inputs', 'outputs' and 'params', "
                f"got {type(signature_dict).__name__}"
            )
        return cls(
            _signature_part(signature_dict, "inputs", Schema.from_json),
            _signature_part(signature_dict, "outputs", Schema.from_json),
            _signature_part(signature_dict, "params", ParamSchema.from_json),
        )


_Part = TypeVar("_Part", Schema, ParamSchema)


def _signature_part(
    data: Mapping[str, Any], key: str, parse: Callable[[str], _Part]
) -> _Part | None:
    text = data.get(key)
    if text is None:
        return None
    if not isinstance(text, str):
        raise SchemaDefinitionError(
            f"Signature {key!r}: expected a JSON string or None, got {type(text).__name__}"
        )
    try:
        return parse(text)
    except SchemaDefinitionError as exc:
        raise SchemaDefinitionError(f"Signature {key!r}: {exc.message}") from None


# ----------------------------------------------------------------------------- JSON form


def type_to_dict(dtype: ColType) -> dict[str, Any]:
    """The MLflow JSON form of one type node (without name or required)."""
    match dtype:
        case DataType():
            return {"type": dtype.name}
        case Array(dtype=items):
            return {"type": "array", "items": type_to_dict(items)}
        case Object(properties=props):
            return {
                "type": "object",
                "properties": {p.name: _typed_dict(p.dtype, required=p.required) for p in props},
            }
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
    match _field(data, "type"):
        case "array":
            return Array(type_from_dict(_field(data, "items")))
        case "object":
            return _object_from_dict(data)
        case "map":
            return Map(type_from_dict(_field(data, "values")))
        case "any":
            return AnyType()
        case name:
            return DataType.from_name(name)


def _object_from_dict(data: Any) -> Object:
    props = _field(data, "properties")
    if not isinstance(props, Mapping):
        raise SchemaDefinitionError(
            f"An object type's 'properties' must be a JSON object, got {type(props).__name__}"
        )
    return Object(
        Property(name, type_from_dict(prop), _required_flag(prop)) for name, prop in props.items()
    )


def spec_from_dict(data: Any) -> Spec:
    """A ColSpec or TensorSpec from its MLflow JSON form."""
    name = data.get("name") if isinstance(data, Mapping) else None
    if _field(data, "type") == "tensor":
        tensor = _field(data, "tensor-spec")
        dtype = _field(tensor, "dtype")
        if not isinstance(dtype, str):
            raise SchemaDefinitionError(
                f"A tensor's 'dtype' must be a string, got {type(dtype).__name__}"
            )
        return TensorSpec(dtype, _field(tensor, "shape"), name)
    return ColSpec(type_from_dict(data), _column_name(name), _required_flag(data))


def _column_name(name: Any) -> Any:
    """An integer name as an `_IntName`; any other value as it is, for ColSpec to check."""
    return _IntName(name) if isinstance(name, int) and not isinstance(name, bool) else name


class _IntName(str):
    """A column name MLflow wrote as a JSON integer: a pandas default label, such as the `0`
    of the output column of a model that returns a list.

    hintsig names that column by the integer's text (`"0"`, as `infer_signature` names a
    DataFrame's integer labels), and `to_dict` writes it back as the integer, so the file
    reads back as MLflow wrote it.
    """

    __slots__ = ()

    def __new__(cls, value: int) -> _IntName:
        return super().__new__(cls, str(value))


def param_spec_from_dict(data: Any) -> ParamSpec:
    """A ParamSpec from its MLflow JSON form (the legacy key `dtype` is read as `type`)."""
    if isinstance(data, Mapping) and "type" not in data and "dtype" in data:
        data = {**data, "type": data["dtype"]}
    kind = _field(data, "type")
    dtype = _object_from_dict(data) if kind == "object" else DataType.from_name(kind)
    return ParamSpec(_field(data, "name"), dtype, data.get("default"), data.get("shape"))


def _required_flag(data: Mapping[str, Any]) -> bool:
    required = data.get("required", True)
    if not isinstance(required, bool):
        raise SchemaDefinitionError(
            f"'required' must be true or false, got {type(required).__name__}"
        )
    return required


def _field(data: Any, key: str) -> Any:
    if not isinstance(data, Mapping):
        raise SchemaDefinitionError(
            f"Expected a JSON object with {key!r}, got {type(data).__name__}"
        )
    if key not in data:
        raise SchemaDefinitionError(f"Missing {key!r} in a schema's JSON")
    return data[key]


def _parse_list(json_str: str, what: str, parse_one: Callable[[Any], _T]) -> list[_T]:
    """Each item of a JSON list parsed with `parse_one`; one error naming every bad item."""
    data = _load_json(json_str, what)
    if not isinstance(data, list):
        raise SchemaDefinitionError(f"A {what}'s JSON must be a list, got {type(data).__name__}")
    out: list[_T] = []
    problems: list[tuple[str, str]] = []
    for i, item in enumerate(data):
        try:
            out.append(parse_one(item))
        except SchemaDefinitionError as exc:
            problems.append((f"[{i}]", exc.message))
    if problems:
        raise SchemaDefinitionError(format_errors(f"Invalid {what} JSON:", problems))
    return out


def _load_json(json_str: str, what: str) -> Any:
    if not isinstance(json_str, (str, bytes, bytearray)):
        raise SchemaDefinitionError(
            f"A {what}'s JSON must be a string, got {type(json_str).__name__}"
        )
    try:
        return json.loads(json_str)
    except json.JSONDecodeError as exc:
        raise SchemaDefinitionError(
            f"Invalid {what} JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except ValueError as exc:  # undecodable bytes
        raise SchemaDefinitionError(f"Invalid {what} JSON: {type(exc).__name__}") from None
