"""Hints checked by schema enforcement: tensor and DataFrame hints, compiled once.

`Annotated[np.ndarray, Tensor(...)]`, a `TypedDict` of such hints and
`Annotated[pd.DataFrame, Columns(Row)]` translate to a tensor or a named column schema.
Their values are checked exactly as a loaded model checks its input:
`hintsig.models.enforcement.enforce_schema`, reached through `hintsig._hooks` (exact tensor
dtype and every fixed dimension; required columns, safe casts, extra columns dropped),
vectorised, with no per-row Python
work. An array that fits is returned as it is, so a call costs a dtype and shape comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hintsig._hooks import schema_enforcement
from hintsig._strict_json import decode_json_body, decode_json_text
from hintsig.exceptions import DataValidationError
from hintsig.types._hint_errors import What, headline
from hintsig.types.schema import Schema

__all__ = ["SchemaEnforcer"]


class SchemaEnforcer:
    """One tensor or DataFrame hint, compiled: its schema and the enforcement of it.

    `validate`, `validate_serving` and `validate_json` return the data fitted to `schema`
    (an array, a dict of arrays or a DataFrame) or raise `DataValidationError` naming the
    hint and listing every problem (`tensor 'image'`, `column 'age'`).
    """

    __slots__ = ("_enforce", "_headline", "label", "schema", "what")

    def __init__(self, schema: Schema, label: str, what: What = "input") -> None:
        self.schema = schema
        self.label = label
        self.what: What = what
        self._headline = headline(what, label)
        self._enforce: Callable[[Any, Schema], Any] = schema_enforcement()

    def validate(self, data: Any) -> Any:
        """`data` fitted to the schema (nested lists become arrays of the spec's dtype)."""
        try:
            return self._enforce(data, self.schema)
        except DataValidationError as exc:
            raise DataValidationError(self._headline, exc.errors) from None

    def validate_serving(self, data: Any) -> Any:
        """As `validate`, for JSON-decoded data (lists, dicts of lists, records)."""
        return self.validate(data)

    def validate_json(self, raw: str | bytes) -> Any:
        """As `validate_serving`, from JSON text (decoded strictly, as a request body is)."""
        return self.validate(
            decode_json_text(raw) if isinstance(raw, str) else decode_json_body(raw)
        )

    def __repr__(self) -> str:
        return f"SchemaEnforcer({self.label}, {self.what})"

    def __reduce__(self) -> tuple[type[SchemaEnforcer], tuple[Schema, str, What]]:
        return SchemaEnforcer, (self.schema, self.label, self.what)
