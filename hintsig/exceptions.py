"""The exceptions hintsig raises.

Every error raised on a bad hint, a bad schema or bad data is a `HintsigException`.
The subclasses also subclass the builtin that matches the mistake, so code written
against MLflow's builtin errors keeps working:

* `InvalidHintError` (also a `TypeError`): a type hint hintsig cannot accept, raised
  when a function is decorated or a `PythonModel` subclass is defined.
* `SchemaDefinitionError` (also a `TypeError`): a schema class used the wrong way.
* `DataValidationError` (also a `ValueError`): data that does not fit a hint or a
  schema, with every problem in `.errors` as `(path, message)` pairs.
* `OutputValidationError` (a `DataValidationError`): a model's return value that does not
  fit its return hint (`validate_output=True`): the model's fault, not the caller's.

Messages name the path, the expected and the actual type; they never repeat input values.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "DataValidationError",
    "DroppedColumnsWarning",
    "HintsigException",
    "InvalidHintError",
    "MissingHintsWarning",
    "OutputValidationError",
    "SchemaDefinitionError",
    "UnsupportedHintWarning",
]

#: How many problems one message lists before it counts the rest.
MAX_REPORTED_ERRORS = 20


class HintsigException(Exception):
    """Base class of every error hintsig raises; `.message` holds the text."""

    def __init__(self, message: str, *, error_code: str = "INVALID_PARAMETER_VALUE") -> None:
        super().__init__(message)
        self.message = message
        self.error_code = error_code

    def __str__(self) -> str:
        return self.message


class InvalidHintError(HintsigException, TypeError):
    """A type hint that cannot describe a model input (raised at decoration time)."""


class SchemaDefinitionError(HintsigException, TypeError):
    """A schema, signature or param spec built from arguments that do not fit together."""


class DataValidationError(HintsigException, ValueError):
    """Data that does not fit a hint or a schema.

    `.errors` lists every problem as `(path, message)`; `path` is `""` for the whole
    input, `"[3].content"` for a field of an element, `"column 'age'"` for a column.
    """

    def __init__(self, headline: str, errors: Sequence[tuple[str, str]]) -> None:
        self.headline = headline
        self.errors: list[tuple[str, str]] = list(errors)
        super().__init__(format_errors(headline, self.errors))


class OutputValidationError(DataValidationError):
    """A model's return value that does not fit its return type hint.

    A server answers it as its own failure (500), not as a bad request.
    """


class UnsupportedHintWarning(UserWarning):
    """A hint hintsig accepts but cannot validate; the signature must come from elsewhere."""


class MissingHintsWarning(UserWarning):
    """A `predict` defined without a model input hint: nothing is validated (as MLflow warns)."""


class DroppedColumnsWarning(UserWarning):
    """A DataFrame given to a `list[...]` hint of values lost every column but its first."""


def format_errors(headline: str, errors: Sequence[tuple[str, str]]) -> str:
    """One message for a list of `(path, message)` problems, cut after `MAX_REPORTED_ERRORS`."""
    if not errors:
        return headline
    lines = [headline]
    for path, message in errors[:MAX_REPORTED_ERRORS]:
        lines.append(f"  {path}: {message}" if path else f"  {message}")
    rest = len(errors) - MAX_REPORTED_ERRORS
    if rest > 0:
        lines.append(f"  ... and {rest} more error{'s' if rest > 1 else ''}")
    return "\n".join(lines)
