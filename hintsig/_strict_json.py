"""Strict decoding of a JSON request body, before the payload parser reads its formats.

JSON itself has no NaN or infinity, and a server should not let a client choose how deep
the parser recurses. The body is therefore refused (`DataValidationError`, a 400) when it:

* is not UTF-8 text, or not JSON;
* holds `NaN`, `Infinity` or `-Infinity` (Python's `json` accepts them), or a number too
  large for a float (`1e999` would become infinity);
* holds an integer longer than Python reads from text (4,300 digits by default);
* nests arrays and objects deeper than Python's recursion limit allows.

Both the server and `hintsig.models._payload.parse_serving_input` (the one parser of the
payload formats, used by `validate_serving_input`) decode JSON here, so they agree.
"""

from __future__ import annotations

import json
import math
from typing import Any, NoReturn

from hintsig.exceptions import DataValidationError

__all__ = ["decode_json_body", "decode_json_text", "invalid_serving_input"]

_HEADLINE = "Invalid serving input"


def invalid_serving_input(
    message: str, errors: list[tuple[str, str]] | None = None
) -> DataValidationError:
    """The error a refused request body raises (a 400 when served)."""
    return DataValidationError(f"{_HEADLINE}: {message}", errors or [])


def decode_json_body(body: bytes) -> Any:
    """The JSON value of `body`; a `DataValidationError` saying what is wrong otherwise."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        _refuse("the body is not valid UTF-8 text")
    return decode_json_text(text)


def decode_json_text(text: str) -> Any:
    """The JSON value of `text`, with the same strict rules as `decode_json_body`."""
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        _refuse(f"the body is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
    except RecursionError:
        _refuse("the body nests JSON arrays or objects too deeply")
    except ValueError as exc:  # _constant, _finite_float, or an integer with too many digits
        _refuse(str(exc) if isinstance(exc, _NumberError) else "an integer has too many digits")


class _NumberError(ValueError):
    """A number JSON cannot hold."""


def _constant(name: str) -> NoReturn:
    raise _NumberError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NumberError("a number is too large for a 64-bit float")
    return value


def _refuse(message: str) -> NoReturn:
    raise invalid_serving_input(message)
