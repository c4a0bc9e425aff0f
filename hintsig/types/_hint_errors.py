"""pydantic validation errors as one `DataValidationError`.

Every problem becomes `(path, message)`: the path in hintsig's form (`[3].content`), the
message naming the expected and the actual type. Input values are never repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypeAlias

import pydantic_core

from hintsig.exceptions import DataValidationError, OutputValidationError
from hintsig.types.schema import type_label

__all__ = ["What", "data_error", "format_path", "headline"]

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
    exc: pydantic_core.ValidationError, what: What, headline: str, data: Any
) -> DataValidationError:
    """The `DataValidationError` for `exc`, raised validating `what` ("input") (`headline`)."""
    problems = exc.errors(include_url=False)
    errors = [(format_path(p["loc"]), _describe(p)) for p in problems]
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
        elif part.isidentifier():
            path += f".{part}" if path else part
        else:
            path += f"[{_short(part)!r}]"
    return path


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
