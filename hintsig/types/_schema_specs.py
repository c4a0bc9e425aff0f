"""Column and tensor specs and the `Schema` of a model's inputs or outputs, with their JSON form.

Part of `hintsig.types.schema`, which re-exports the public names; see its docstring.
"""

from __future__ import annotations

import json
import numbers
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, Union

from hintsig.exceptions import SchemaDefinitionError, format_errors
from hintsig.types._schema_dtypes import (
    DataType,
    _describe,
    _required_word,
    _type_name,
)
from hintsig.types._schema_types import (
    _T,
    ColType,
    _as_list,
    _coerce_type,
    _duplicates,
    _field,
    _not_instances,
    _required_flag,
    type_from_dict,
    type_to_dict,
)

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ColSpec", "Schema", "Spec", "TensorSpec", "spec_from_dict"]

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


# ----------------------------------------------------------------------------- JSON form


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
