"""JSON response bodies: `json.dumps(allow_nan=False)`, after one conversion pass if needed.

An output made of plain JSON values (lists, dicts, strings, finite numbers, booleans, None)
is written at once. Anything else makes `json.dumps` refuse it (`allow_nan=False` refuses
NaN too), and then `to_json_value` (hintsig.models._jsonvalue) converts the whole output in
one pass: numpy and pandas values become Python numbers and lists, bytes base64 text,
datetimes ISO 8601 text, pydantic models their fields, NaN and NaT `null`; the result is
written again with `allow_nan=False`. NaN is so always handled by the pass, on purpose. A
DataFrame answer becomes a list of row objects (as MLflow writes it). An output that cannot
be written (an infinite float, an unknown object) is the server's fault: a `ServingError`
with status 500.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from hintsig.exceptions import HintsigException
from hintsig.models._jsonvalue import to_json_value
from hintsig.serving._errors import ServingError

__all__ = ["json_bytes", "predictions_bytes"]


def json_bytes(value: Any) -> bytes:
    """`value` as compact UTF-8 JSON; converted by `to_json_value` first when it must be."""
    try:
        return _dumps(value)
    except (TypeError, ValueError):  # a value JSON cannot hold as it is, NaN included
        return _dumps(to_json_value(value))


def _dumps(value: Any) -> bytes:
    text = json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def predictions_bytes(predictions: Any) -> bytes:
    """`{"predictions": ...}` for a model's output; a 500 `ServingError` if it has no JSON form."""
    try:
        return json_bytes({"predictions": _as_records(predictions)})
    except HintsigException as exc:
        raise ServingError(
            500, f"The model's output cannot be written as JSON: {exc.message}"
        ) from None
    except RecursionError:
        raise ServingError(
            500, "The model's output cannot be written as JSON: it nests too deeply"
        ) from None


def _as_records(value: Any) -> Any:
    """A DataFrame as a list of row objects; anything else unchanged."""
    # getattr: another worker thread may be importing pandas right now (partly initialised)
    frame = getattr(sys.modules.get("pandas"), "DataFrame", None)
    if frame is not None and isinstance(value, frame):
        return value.to_dict(orient="records")
    return value
