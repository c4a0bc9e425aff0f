"""pydantic validation errors as one `DataValidationError`.

Every problem becomes `(path, message)`: the path in hintsig's form (`[3].content`), the
message naming the expected and the actual type. Input values are never repeated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeAlias

import pydantic_core

from hintsig.exceptions import DataValidationError, OutputValidationError
from hintsig.types.schema import type_label

__all__ = ["What", "data_error", "field_names", "format_path", "headline"]

What: TypeAlias = Literal["input", "output"]

#: pydantic error types that mean "not of type X", and the X they expect.
_EXPECTED: dict[str, str] = {
    "int_type": "int",
    "float_type": "float",
    "string_type": "str",
    "bool_type": "bool",
    "bytes_type": "bytes",
    "datetime_type": "datetime",
    "date_type": "date",
    "time_type": "time",
    "timedelta_type": "timedelta",
    "decimal_type": "Decimal",
    "uuid_type": "UUID",
    "list_type": "a list",
    "tuple_type": "a tuple",
    "set_type": "a set",
    "frozen_set_type": "a frozenset",
    "dict_type": "a dict",
    "none_required": "None",
    "model_attributes_type": "a dict or a model instance",
    "dataclass_type": "a dict or a dataclass instance",
}


def headline(what: What, label: str) -> str:
    """The first line of the error about `what` ("input") not fitting the hint `label`."""
    return f"Failed to validate {what} against type hint `{label}`"


def data_error(
    exc: pydantic_core.ValidationError,
    what: What,
    headline: str,
    data: Any,
    names: frozenset[str] | None = None,
) -> DataValidationError:
    """The `DataValidationError` for `exc`, raised validating `what` ("input") (`headline`).

    `names` are the field names the hint declares (`field_names`) when it holds a dict:
    any other text in a path is a key of the data, a value, shown as `<key N>` instead.
    """
    problems = exc.errors(include_url=False)
    errors = [(format_path(_hide_keys(p["loc"], data, names)), _describe(p)) for p in problems]
    if isinstance(data, list):
        bad = {p["loc"][0] for p in problems if p["loc"] and isinstance(p["loc"][0], int)}
        if bad:
            headline += f": {len(bad)} of {len(data)} elements are invalid"
    error_class = OutputValidationError if what == "output" else DataValidationError
    return error_class(headline, errors)


def format_path(loc: Sequence[int | str]) -> str:
    """`(3, 'content')` -> `[3].content`; keys that are not identifiers in brackets."""
    path = ""
    for part in loc:
        if isinstance(part, int) or part == "[key]":
            path += f"[{part}]" if isinstance(part, int) else "[key]"
        elif isinstance(part, _Key):
            path += f"[{part}]"
        elif part.isidentifier():
            path += f".{part}" if path else part
        else:
            path += f"[{_short(part)!r}]"
    return path


def field_names(schema: Any) -> frozenset[str] | None:
    """The field names declared anywhere in a core schema (models, TypedDicts, dataclasses,
    with their aliases); None when the schema holds no dict, so no path can hold a key."""
    names: set[str] = set()
    has_dict = False
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        kind = node.get("type")
        has_dict = has_dict or kind == "dict" or _forbids_extra(node)
        fields = node.get("fields") if kind in ("model-fields", "typed-dict") else None
        if isinstance(fields, dict):
            names.update(fields)
            names.update(_aliases(fields.values()))
        if kind == "dataclass-args":
            names.update(f["name"] for f in node.get("fields", ()))
            names.update(_aliases(node.get("fields", ())))
        stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return frozenset(names) if has_dict else None


def _forbids_extra(node: dict[str, Any]) -> bool:
    """Whether a model, TypedDict or dataclass refuses unknown keys (they then appear in paths)."""
    config = node.get("config")
    extra = config.get("extra_fields_behavior") if isinstance(config, dict) else None
    return "forbid" in (node.get("extra_behavior"), extra)


def _aliases(fields: Any) -> list[str]:
    aliases = (f.get("validation_alias") for f in fields if isinstance(f, dict))
    return [a for a in aliases if isinstance(a, str)]


def _hide_keys(loc: Sequence[int | str], data: Any, names: frozenset[str] | None) -> list[Any]:
    """`loc` with every key of a dict in the data replaced by `<key N>` (its position)."""
    if names is None:
        return list(loc)
    shown: list[Any] = []
    current = data
    walking = data is not None  # without the data (JSON bytes), any other text is hidden
    for part in loc:
        if isinstance(part, int) or part == "[key]" or part in names:
            shown.append(part)
            current = _child(current, part)
            continue
        position = _key_position(current, part)
        if position is None and walking:  # not a key of the data: a union member's label
            shown.append(part)
            continue
        shown.append(_Key(position))
        current = current.get(part) if position is not None else None
    return shown


def _child(value: Any, part: int | str) -> Any:
    try:
        if isinstance(part, int):
            return value[part] if isinstance(value, (list, tuple)) else None
        return value.get(part) if isinstance(value, Mapping) else getattr(value, part, None)
    except (IndexError, TypeError, AttributeError):
        return None


def _key_position(value: Any, key: str) -> int | None:
    if not isinstance(value, Mapping) or key not in value:
        return None
    return next(i for i, k in enumerate(value) if k == key)


class _Key(str):
    """A dict key in a path, shown by its position only."""

    def __new__(cls, position: int | None) -> _Key:
        return super().__new__(cls, "<key>" if position is None else f"<key {position}>")


def _short(key: str) -> str:
    return key if len(key) <= 40 else key[:37] + "..."


def _actual(value: Any) -> str:
    """The type of an invalid value, never the value itself."""
    return "a tuple" if isinstance(value, tuple) else type_label(value)


def _describe(problem: Any) -> str:
    kind = problem["type"]
    context = problem.get("ctx") or {}
    actual = _actual(problem.get("input"))
    if kind == "missing":
        return "Field required"
    if kind == "model_type":
        return f"expected a dict or a {context.get('class_name')} instance, got {actual}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {actual}"
    if kind in ("literal_error", "enum"):
        return f"expected {context.get('expected')}, got {actual}"
    if kind in ("base64_decode", "iso_format"):  # hintsig's own serving conversions
        return str(problem["msg"])
    if kind == "extra_forbidden":
        return "unexpected field (the model forbids extra fields)"
    if kind == "union_tag_invalid":
        return (
            f"the {context.get('discriminator')} tag matches none of the expected tags "
            f"{context.get('expected_tags')}"
        )
    return f"{problem['msg']} (got {actual})"
