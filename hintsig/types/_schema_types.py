"""The composite type nodes (`Array`, `Object`, `Property`, `Map`, `AnyType`) and the MLflow
JSON form of every type node (one `match` over the node types, each way).

Part of `hintsig.types.schema`, which re-exports the public names; see its docstring.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, Union

from hintsig.exceptions import SchemaDefinitionError, format_errors

if TYPE_CHECKING:
    pass
from hintsig.types._schema_dtypes import (
    DataType,
    _describe,
    _required_word,
)

__all__ = [
    "AnyType",
    "Array",
    "ColType",
    "Map",
    "Object",
    "Property",
    "type_from_dict",
    "type_to_dict",
]

# ----------------------------------------------------------------------------- composite types


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
        return f"{self.name}: {self.dtype!r} ({_required_word(self.required)})"

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
        return "{" + ", ".join(repr(p) for p in self.properties) + "}"

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
        # str(): a scalar value type prints as `DataType.long` here, as in MLflow
        return f"Map(str -> {self.value_type!s})"

    def to_dict(self) -> dict[str, Any]:
        return type_to_dict(self)


@dataclass(frozen=True, slots=True)
class AnyType:
    """Any JSON-like value; nothing is validated."""

    def __repr__(self) -> str:
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
