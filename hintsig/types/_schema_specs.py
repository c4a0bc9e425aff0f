"""Column and tensor specs (`ColSpec`, `TensorSpec`), with their JSON form.

Part of `hintsig.types.schema`, which re-exports the public names; see its docstring.
"""

from __future__ import annotations

import json
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, Union

from hintsig.exceptions import SchemaDefinitionError, format_errors

if TYPE_CHECKING:
    import numpy as np
from hintsig.types._schema_dtypes import (
    DataType,
    _describe,
    _required_word,
    _type_name,
)
from hintsig.types._schema_types import (
    _T,
    ColType,
    _coerce_type,
    _field,
    _required_flag,
    type_from_dict,
    type_to_dict,
)

__all__ = [
    "ColSpec",
    "Spec",
    "TensorSpec",
    "spec_from_dict",
]

# ----------------------------------------------------------------------------- specs


@dataclass(frozen=True, slots=True)
class ColSpec:
    """One column (or the single unnamed input) of a column-based schema.

    `required=None` is MLflow's unset flag (its reader gives it to a composite or `any` column
    whose JSON has no `required`): the column is optional, and `to_dict` writes `null` back.
    """

    type: ColType
    name: str | int | None = None  # an int: a pandas default label, such as RangeIndex's 0
    required: bool | None = True

    def __init__(
        self, type: ColType | str, name: str | int | None = None, required: bool | None = True
    ) -> None:
        if name is not None and (not isinstance(name, (str, int)) or isinstance(name, bool)):
            raise SchemaDefinitionError(
                f"ColSpec name must be a string, an int or None, got {_describe(name)}"
            )
        where = "ColSpec" if name is None else f"ColSpec {name!r}"
        if required is not None and not isinstance(required, bool):
            raise SchemaDefinitionError(
                f"{where}: required must be a bool or None, got {_type_name(required)}"
            )
        object.__setattr__(self, "type", _coerce_type(type, where))
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "required", required)

    def __repr__(self) -> str:
        return f"{_label(self.name)}{self.type!r} ({_required_word(self.required)})"

    def to_dict(self) -> dict[str, Any]:
        out = type_to_dict(self.type)
        if self.name is not None:
            out["name"] = self.name
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
        return f"{_label(self.name)}Tensor({self.type.name!r}, {self.shape!r})"

    def to_dict(self) -> dict[str, Any]:
        """The MLflow JSON form; the shape is a tuple, as in MLflow's dict (a list in JSON)."""
        spec = {
            "type": "tensor",
            "tensor-spec": {"dtype": self.type.name, "shape": self.shape},
        }
        return spec if self.name is None else {"name": self.name, **spec}


def _label(name: str | int | None) -> str:
    """The `'name': ` prefix of a spec's repr (`0: ` for an integer label, none unnamed)."""
    if name is None:
        return ""
    return f"{name}: " if isinstance(name, int) else f"{name!r}: "


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
    col_type = type_from_dict(data)
    return ColSpec(col_type, _column_name(name), _column_required(data, col_type))


def _column_required(data: Mapping[str, Any], col_type: ColType) -> bool | None:
    """A column's flag as MLflow reads it: `null` stays None (optional), and a missing flag is
    True for a scalar column but None for a composite or `any` one."""
    if data.get("required", True) is None or (
        "required" not in data and not isinstance(col_type, DataType)
    ):
        return None
    return _required_flag(data)


def _column_name(name: Any) -> Any:
    """A column's JSON name as ColSpec takes it: an integer (MLflow writes a pandas default
    label such as the `0` of a list prediction as a JSON integer) stays an int."""
    return name


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
