"""Params: `ParamSpec` and `ParamSchema`, with their JSON form.

Part of `hintsig.types.schema`, which re-exports the public names; see its docstring.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import SchemaDefinitionError, format_errors

if TYPE_CHECKING:
    pass
from hintsig.types._schema_dtypes import (
    DataType,
    _describe,
)
from hintsig.types._schema_specs import (
    _parse_list,
)
from hintsig.types._schema_types import (
    Array,
    ColType,
    Map,
    Object,
    _as_list,
    _coerce_type,
    _field,
    _not_instances,
    _object_from_dict,
    _reject_duplicates,
    type_to_dict,
)
from hintsig.types._schema_values import (
    ParamType,
    ParamValue,
    _param_value_to_json,
    validate_param_value,
)

__all__ = [
    "ParamSchema",
    "ParamSpec",
    "param_spec_from_dict",
]


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
        shape = "" if self.shape is None else f" (shape: {self.shape})"
        return f"{self.name!r}: {self.dtype!r} (default: {self.default}){shape}"

    def to_dict(self) -> dict[str, Any]:
        """The MLflow JSON form; the shape is a tuple, as in MLflow's dict (a list in JSON)."""
        out = {
            "name": self.name,
            "default": _param_value_to_json(self.default),
            "shape": self.shape,
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
        return repr(list(self._params))

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


def param_spec_from_dict(data: Any) -> ParamSpec:
    """A ParamSpec from its MLflow JSON form (the legacy key `dtype` is read as `type`)."""
    if isinstance(data, Mapping) and "type" not in data and "dtype" in data:
        data = {**data, "type": data["dtype"]}
    kind = _field(data, "type")
    dtype = _object_from_dict(data) if kind == "object" else DataType.from_name(kind)
    return ParamSpec(_field(data, "name"), dtype, data.get("default"), data.get("shape"))
