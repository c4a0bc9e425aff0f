"""Python values to JSON values and back, the one place where that conversion happens.

`to_json_value` turns what a model takes or returns into plain JSON values: numpy scalars and
arrays become Python numbers and lists, bytes become base64 text, datetimes ISO 8601 text,
NaN and NaT become null, pydantic models their fields. Infinite floats are refused (JSON has
no way to write them).

`decode_value` goes the other way for one value of a known schema type: base64 text becomes
bytes where the type is `binary`, ISO text a `datetime` where it is `datetime`, through arrays,
objects and maps. A value that does not have the expected shape is returned unchanged, so
schema enforcement reports it later with its path.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import math
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any

from hintsig.exceptions import HintsigException
from hintsig.types.schema import AnyType, Array, ColType, DataType, Map, Object

__all__ = ["MIME_LINES", "decode_value", "encode_bytes", "to_json_value"]


#: True while an input example is written: bytes are base64 in lines of 76, each ending with
#: a newline, as MLflow writes them (`base64.encodebytes`); elsewhere, one line.
MIME_LINES: ContextVar[bool] = ContextVar("hintsig_mime_lines", default=False)


def encode_bytes(value: bytes | bytearray) -> str:
    """Standard base64 text of `value` (no line breaks, unless `MIME_LINES` is set)."""
    if MIME_LINES.get():
        return base64.encodebytes(bytes(value)).decode("ascii")
    return base64.b64encode(bytes(value)).decode("ascii")


def to_json_value(value: Any, path: str = "") -> Any:
    """`value` as nested dicts, lists, strings, numbers, booleans and None."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return _float(value, path)
    if isinstance(value, (bytes, bytearray)):
        return encode_bytes(value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {
            str(k): to_json_value(v, f"{path}.{k}" if path else str(k)) for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [to_json_value(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return _library_value(value, path)


def _float(value: float, path: str) -> float | None:
    if math.isnan(value):
        return None
    if math.isinf(value):
        raise HintsigException(f"{_where(path)}an infinite float cannot be written as JSON")
    return value


def _library_value(value: Any, path: str) -> Any:
    """numpy, pandas and pydantic values, recognised without importing those libraries."""
    module = type(value).__module__.split(".", 1)[0]
    if module == "numpy":
        return _numpy_value(value, path)
    if module == "pandas":
        return _pandas_value(value, path)
    model_dump = getattr(value, "model_dump", None)
    if module != "builtins" and callable(model_dump) and hasattr(type(value), "model_fields"):
        return to_json_value(model_dump(), path)
    raise _unwritable(value, path)


def _numpy_value(value: Any, path: str) -> Any:
    import numpy as np

    if isinstance(value, np.ndarray):
        if value.dtype.kind == "M":
            return [to_json_value(v, f"{path}[{i}]") for i, v in enumerate(value)]
        return to_json_value(value.tolist(), path)
    if isinstance(value, np.datetime64):
        return _pandas_value(_timestamp(value), path)
    if isinstance(value, np.generic):
        return to_json_value(value.item(), path)
    raise _unwritable(value, path)


def _timestamp(value: Any) -> Any:
    import pandas as pd

    return pd.Timestamp(value)


def _pandas_value(value: Any, path: str) -> Any:
    import pandas as pd

    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, pd.Series):
        return to_json_value(value.tolist(), path)
    if value is pd.NA:
        return None
    raise _unwritable(value, path)


def _where(path: str) -> str:
    return f"{path}: " if path else ""


def _unwritable(value: Any, path: str) -> HintsigException:
    return HintsigException(
        f"{_where(path)}a value of type {type(value).__name__} cannot be written as JSON"
    )


def decode_value(value: Any, dtype: ColType) -> Any:
    """`value` read from JSON, with base64 and ISO text decoded where `dtype` says so."""
    if value is None:
        return None
    match dtype:
        case DataType.binary:
            return _decode_bytes(value)
        case DataType.datetime:
            return _decode_datetime(value)
        case DataType():
            return value
        case Array(dtype=items) if isinstance(value, list):
            return [decode_value(v, items) for v in value]
        case Object() if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                prop = dtype.property(key)
                out[key] = item if prop is None else decode_value(item, prop.dtype)
            return out
        case Map(value_type=values) if isinstance(value, dict):
            return {k: decode_value(v, values) for k, v in value.items()}
        case AnyType() | Array() | Object() | Map():
            return value


def _decode_bytes(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return base64.b64decode(value)
    except (binascii.Error, ValueError):
        return value


def _decode_datetime(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return _dt.datetime.fromisoformat(value)
    except ValueError:
        return value
