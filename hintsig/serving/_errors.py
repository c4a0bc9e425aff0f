"""The errors the server answers with, and their one JSON shape.

Every error response is
`{"error_code": ..., "message": ..., "errors": [{"path": ..., "message": ...}]}`: a
`DataValidationError` gives one entry per problem (the first `MAX_REPORTED_ERRORS`, then one
entry counting the rest, as its message does), any other error one entry with an empty
path. Messages come from hintsig's exceptions, which never repeat input values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hintsig.exceptions import MAX_REPORTED_ERRORS, DataValidationError, HintsigException

__all__ = ["ERROR_CODES", "ServingError", "error_body"]

#: The `error_code` of each status the server answers with.
ERROR_CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "REQUEST_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    500: "INTERNAL_ERROR",
    503: "SERVICE_UNAVAILABLE",
    504: "TIMEOUT",
}


class ServingError(HintsigException):
    """A request answered with an error `status`; `errors` lists `(path, message)` problems."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: Sequence[tuple[str, str]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, error_code=ERROR_CODES.get(status, "ERROR"))
        self.status = status
        self.errors: list[tuple[str, str]] = list(errors) or [("", message)]
        self.headers = dict(headers or {})

    @classmethod
    def from_exception(cls, exc: HintsigException) -> ServingError:
        """A client mistake: 415 for an unsupported content type, 400 for anything else."""
        if isinstance(exc, ServingError):
            return exc
        status = 415 if exc.error_code == ERROR_CODES[415] else 400
        errors = exc.errors if isinstance(exc, DataValidationError) else ()
        return cls(status, exc.message, errors)

    def body(self) -> dict[str, Any]:
        """The JSON body of the response."""
        return error_body(self.error_code, self.message, self.errors)


def error_body(
    error_code: str, message: str, errors: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    """`{"error_code", "message", "errors"}`; without `errors`, one entry holds the message."""
    problems = list(errors[:MAX_REPORTED_ERRORS]) or [("", message)]
    rest = len(errors) - MAX_REPORTED_ERRORS
    if rest > 0:
        problems.append(("", f"... and {rest} more error{'s' if rest > 1 else ''}"))
    return {
        "error_code": error_code,
        "message": message,
        "errors": [{"path": path, "message": text} for path, text in problems],
    }
