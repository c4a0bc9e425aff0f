"""A Schema from a dataclass's field types, as MLflow builds one.

MLflow accepts a dataclass (the class or an instance) as `ModelSignature(inputs=...)` and
`outputs=...`, and `infer_signature` reads a dataclass instance the same way: from the field
annotations, not the values. Each top-level field is a column; its type is read as:

* `int` -> long, `float` -> float (not double: MLflow's choice), `str` -> string,
  `bool` -> boolean, `bytes` -> binary, `datetime.date` and `datetime.datetime` -> datetime;
* `list[X]` -> `Array(X)` for one of those or a dataclass;
* a dataclass -> `Object` of its fields;
* `Optional[X]` / `X | None` -> X, not required.

Anything else (a bare `list`, `dict[...]`, `Any`, another union, a list of lists, a
string annotation left by `from __future__ import annotations`) is a problem naming the field;
every problem is raised at once, as a `SchemaDefinitionError`. MLflow refuses a
`datetime.datetime` field, which hintsig reads as datetime (lenient: it loses nothing).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

from hintsig.exceptions import SchemaDefinitionError
from hintsig.types._schema_dtypes import DataType
from hintsig.types._schema_specs import ColSpec
from hintsig.types._schema_types import Array, ColType, Object, Property

__all__ = ["dataclass_columns", "dataclass_problems", "is_dataclass_value"]

_BASIC: dict[Any, DataType] = {
    int: DataType.long,
    float: DataType.float,
    str: DataType.string,
    bool: DataType.boolean,
    bytes: DataType.binary,
    dt.date: DataType.datetime,
    dt.datetime: DataType.datetime,
}

_Problems = list[tuple[str, str]]


def is_dataclass_value(value: Any) -> bool:
    """True for a dataclass or a dataclass instance (never for other values)."""
    return dataclasses.is_dataclass(value)


def dataclass_columns(value: Any) -> list[ColSpec]:
    """One ColSpec per field of the dataclass `value` (a class or an instance)."""
    columns, problems = dataclass_problems(value)
    if problems:
        cls = value if isinstance(value, type) else type(value)
        lines = "\n".join(f"  {path}: {message}".rstrip() for path, message in problems)
        raise SchemaDefinitionError(
            f"Cannot build a schema from dataclass {cls.__name__}:\n{lines}"
        )
    return columns


def dataclass_problems(value: Any) -> tuple[list[ColSpec], _Problems]:
    """The columns of the dataclass `value` and every problem found (path, message)."""
    cls = value if isinstance(value, type) else type(value)
    problems: _Problems = []
    columns: list[ColSpec] = []
    for field in dataclasses.fields(cls):
        found = _field(field.type, f"field {field.name!r}", problems)
        if found is not None:
            columns.append(ColSpec(found[0], field.name, required=found[1]))
    if not dataclasses.fields(cls):
        problems.append(("", f"the dataclass {cls.__name__} has no fields"))
    return columns, problems


def _field(hint: Any, path: str, problems: _Problems) -> tuple[ColType, bool] | None:
    """The type of one field and whether it is required; None (and a problem) otherwise."""
    required = True
    if _is_union(hint):
        args = typing.get_args(hint)
        if len(args) != 2 or type(None) not in args:
            problems.append((path, "only Optional[X] unions are supported in dataclass fields"))
            return None
        hint = next(arg for arg in args if arg is not type(None))
        required = False
    found = _type(hint, path, problems, in_list=False)
    return None if found is None else (found, required)


def _type(hint: Any, path: str, problems: _Problems, *, in_list: bool) -> ColType | None:
    if isinstance(hint, str):
        problems.append(
            (
                path,
                "the annotation is a string (postponed by `from __future__ import annotations`?); "
                "give the field an evaluated type",
            )
        )
        return None
    if typing.get_origin(hint) is list and not in_list:
        args = typing.get_args(hint)
        item = _type(args[0], f"{path}[]", problems, in_list=True) if len(args) == 1 else None
        if len(args) != 1:
            problems.append((path, "a list field needs its item type (list[X])"))
        return None if item is None else Array(item)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _object(hint, path, problems)
    basic = _BASIC.get(hint)
    if basic is None:
        problems.append((path, f"unsupported field type {_name(hint)}"))
    return basic


def _object(cls: type, path: str, problems: _Problems) -> Object | None:
    properties: list[Property] = []
    for field in dataclasses.fields(cls):
        found = _field(field.type, f"{path}.{field.name}", problems)
        if found is not None:
            properties.append(Property(field.name, found[0], required=found[1]))
    if not dataclasses.fields(cls):
        problems.append((path, f"the dataclass {cls.__name__} has no fields"))
    if len(properties) != len(dataclasses.fields(cls)) or not properties:
        return None
    return Object(properties)


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) is typing.Union or isinstance(hint, types.UnionType)


def _name(hint: Any) -> str:
    if typing.get_origin(hint) is not None:
        return repr(hint)
    return getattr(hint, "__name__", None) or repr(hint)
