"""One scalar column against one `DataType`: the safe-cast table and the vectorised conversion.

Two kinds of column reach this module:

* **Typed columns** (a numpy dtype, a nullable pandas dtype such as `Int64`, pandas' `str`
  dtype): their dtype decides, through `SAFE_CASTS`, the one table of lossless casts. A rule is
  worked out once per `(dtype, DataType)` pair and cached, so a column costs a dict lookup.
* **Python values** (an `object` column, or the lists a caller passed in a dict): the values
  decide, by the rules of `validate_scalar` (an `int` fits `long` and `double`, a `float` fits
  `float` and `double`, ...). pandas classifies the values in one C pass and `validate_scalar`
  judges a few probes (the first value, and the minimum and maximum of integers, which carry
  the range checks); only a column of mixed types is walked value by value.

Missing values (None, NaN, NA, NaT): kept as NaN in `float`/`double` columns, as NaT in
`datetime` columns and as they are in `string` and `binary` columns; a `boolean` column with
missing values becomes pandas' nullable `boolean` dtype; an integer column cannot hold them,
which is an error that explains the fix.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import MAX_REPORTED_ERRORS
from hintsig.types._ranges import out_of_range
from hintsig.types.schema import DataType, validate_scalar

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "KEEP",
    "NAN_HINT",
    "SAFE_CASTS",
    "Action",
    "Rule",
    "Values",
    "apply_rule",
    "column_rule",
    "convert_column",
    "fits_number",
    "report_rows",
]

#: A column's values: a pandas Series, a numpy array or a pandas extension array.
Values = Any

_ANY_SIZE = sys.maxsize

#: The lossless casts: for each DataType, the numpy kinds it accepts and the widest item
#: size (in bytes) of each. Numeric kinds are cast to the DataType's own dtype; text, bytes
#: and datetimes are kept whatever their width or unit. Everything else is refused, so
#: `long -> double`, `double -> long`, `double -> float` and `string -> number` never happen.
SAFE_CASTS: dict[DataType, dict[str, int]] = {
    DataType.boolean: {"b": 1},
    DataType.integer: {"i": 4, "u": 2},
    DataType.long: {"i": 8, "u": 4},
    DataType.float: {"f": 4},
    DataType.double: {"f": 8, "i": 4, "u": 4},
    DataType.string: {"U": _ANY_SIZE},
    DataType.binary: {"S": _ANY_SIZE},
    DataType.datetime: {"M": _ANY_SIZE},
}

#: pandas' nullable dtypes, which hold a numpy dtype plus a mask of missing values.
_MASKED_DTYPES = frozenset(
    {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"}
    | {"Float32", "Float64", "boolean"}
)

_INTEGERS = (DataType.integer, DataType.long)
_FLOATS = (DataType.float, DataType.double)
_TEXT = (DataType.string, DataType.binary)

#: What `pandas.api.types.infer_dtype(skipna=True)` says about Python values, as the kind of
#: Python value `validate_scalar` knows; any other answer ("mixed", ...) means value by value.
_PYTHON_KINDS = {
    "integer": "int",
    "floating": "float",
    "mixed-integer-float": "float",
    "boolean": "bool",
    "string": "str",
    "bytes": "bytes",
    "datetime": "datetime",
    "datetime64": "datetime",
    "date": "datetime",
    "decimal": "decimal",
    "empty": "empty",
}

#: The datetime64 unit MLflow hands a model, whatever the input's unit.
DATETIME_DTYPE = "datetime64[ns]"

NAN_HINT = (
    "integer types cannot hold missing values (pandas turns an integer column with NaN into "
    "float64): declare the column as 'double' in the signature, or fill the missing values"
)


#: What to do about a column whose cast is not lossless (appended to those refusals).
_FIX_HINT = "astype(...) the column, or change the schema"


class Action(enum.Enum):
    """What a column of a given dtype needs to fit a DataType."""

    KEEP = "keep"  # already fits
    CAST = "cast"  # lossless cast to `Rule.target`
    EXACT = "exact"  # integers to a float type: cast when every value is exactly representable
    DATETIME_NS = "datetime-ns"  # datetime64 of another unit to nanoseconds, as MLflow gives
    MASKED = "masked"  # nullable pandas dtype: cast, unless missing values forbid it
    PARSE_DATETIME = "parse-datetime"  # ISO 8601 strings to datetime64
    PYTHON = "python"  # object column: judged by its values
    REJECT = "reject"  # never fits: `Rule.reason` says why


@dataclass(frozen=True, slots=True)
class Rule:
    """How a column of one dtype is fitted to one DataType (see `column_rule`)."""

    action: Action
    target: np.dtype[Any] | None = None
    reason: str = ""
    nan_hint: bool = False  # a float column for an integer type: explain NaN when present


#: The rule of every column that already fits (compare with `is`).
KEEP = Rule(Action.KEEP)

_RULES: dict[tuple[Any, DataType], Rule] = {}


def column_rule(dtype: Any, data_type: DataType) -> Rule:
    """The (cached) rule for a column of `dtype` against `data_type`."""
    key = (dtype, data_type)
    rule = _RULES.get(key)
    if rule is None:
        rule = _RULES[key] = _make_rule(dtype, data_type)
    return rule


def _make_rule(dtype: Any, data_type: DataType) -> Rule:
    import numpy as np
    import pandas as pd

    if isinstance(dtype, pd.StringDtype):
        return _text_rule("str", data_type)
    if getattr(dtype, "tz", None) is not None:
        return _reject(
            data_type,
            str(dtype),
            "timezone-aware datetimes do not fit; convert them to naive ones first",
        )
    masked = not isinstance(dtype, np.dtype) and getattr(dtype, "name", None) in _MASKED_DTYPES
    np_dtype = dtype.numpy_dtype if masked else dtype
    if not isinstance(np_dtype, np.dtype):
        return _reject(data_type, str(dtype))
    if np_dtype.kind == "O":
        return Rule(Action.PYTHON)
    if np_dtype.kind == "U":
        return _text_rule(str(dtype), data_type)
    widest = SAFE_CASTS[data_type].get(np_dtype.kind)
    if widest is None or np_dtype.itemsize > widest:
        if np_dtype.kind in "iu" and data_type in _FLOATS and not masked:
            return Rule(Action.EXACT, data_type.to_numpy())
        return _reject_numeric(data_type, np_dtype, str(dtype))
    if np_dtype.kind == "M":
        return KEEP if np_dtype == np.dtype(DATETIME_DTYPE) else Rule(Action.DATETIME_NS)
    if np_dtype.kind in "US":
        return KEEP
    target = data_type.to_numpy()
    if masked:
        return Rule(Action.MASKED, target)
    return KEEP if np_dtype == target else Rule(Action.CAST, target)


def _text_rule(label: str, data_type: DataType) -> Rule:
    if data_type in (DataType.string, DataType.binary):  # MLflow passes text on as binary
        return KEEP
    if data_type is DataType.datetime:
        return Rule(Action.PARSE_DATETIME)
    return _reject(data_type, label, f"strings are never parsed as numbers or bytes; {_FIX_HINT}")


def _reject_numeric(data_type: DataType, np_dtype: np.dtype[Any], label: str) -> Rule:
    numeric = "biuf"
    if np_dtype.kind in numeric and data_type.to_numpy().kind in numeric:
        return _reject(
            data_type,
            label,
            "only lossless casts are applied (integer widening, integer to double, "
            f"float to double); {_FIX_HINT}",
            nan_hint=np_dtype.kind == "f" and data_type in _INTEGERS,
        )
    return _reject(data_type, label)


def _reject(data_type: DataType, label: str, why: str = "", *, nan_hint: bool = False) -> Rule:
    reason = f"expected {data_type.name}, got {label}"
    return Rule(Action.REJECT, reason=f"{reason}: {why}" if why else reason, nan_hint=nan_hint)


def fits_number(values: np.ndarray, target: np.dtype[Any]) -> bool:
    """True when the numbers in `values` fit numeric dtype `target`: integers within the range
    of an integer `target`, any numbers within the range of a float one (the JSON numbers of
    a payload or an input example, read in the width the schema names)."""
    import numpy as np

    source = values.dtype.kind
    if target.kind == "f":
        return source in "iuf" and _fits_float(values, target)
    if target.kind not in "iu" or source not in "iu":
        return False
    if values.size == 0:
        return True
    info = np.iinfo(target)
    return bool(values.min() >= info.min and values.max() <= info.max)


def _fits_float(values: np.ndarray, target: np.dtype[Any]) -> bool:
    """True when every finite number in `values` is within the range of float dtype `target`
    (a cast to float32 would silently turn 1e39 into infinity)."""
    import numpy as np

    if target.itemsize >= 8 or values.size == 0 or values.dtype.kind not in "iuf":
        return True
    limit = float(np.finfo(target).max)
    if -limit <= values.min() and values.max() <= limit:  # two reads, no copy: the usual case
        return True
    magnitudes = np.abs(values[np.isfinite(values)]) if values.dtype.kind == "f" else values
    return magnitudes.size == 0 or bool(np.abs(magnitudes).max() <= limit)


# ----------------------------------------------------------------------------- conversion


def convert_column(
    values: Values, data_type: DataType, path: str, errors: list[tuple[str, str]]
) -> Values:
    """`values` fitted to `data_type`: the same object when it already fits.

    A Series stays a Series (same index); problems are appended to `errors`.
    """
    rule = column_rule(values.dtype, data_type)
    return apply_rule(rule, values, data_type, path, errors)


def apply_rule(
    rule: Rule, values: Values, data_type: DataType, path: str, errors: list[tuple[str, str]]
) -> Values:
    """Apply a `column_rule` to the column's values (see `convert_column`)."""
    match rule.action:
        case Action.KEEP:
            return values
        case Action.CAST:
            return values.astype(rule.target)
        case Action.EXACT:
            return _cast_exact(values, rule, data_type, path, errors)
        case Action.DATETIME_NS:
            return _datetime_ns(values, path, errors)
        case Action.MASKED:
            return _convert_masked(values, rule, data_type, path, errors)
        case Action.PARSE_DATETIME:
            return _parse_datetimes(values, path, errors, iso=True)
        case Action.PYTHON:
            return _convert_python(values, data_type, path, errors)
    reason = rule.reason
    if _beyond_range(values, data_type):  # not the dtype's fault: the numbers do not fit
        reason = out_of_range(data_type.name, integral=data_type in _INTEGERS)
    elif rule.nan_hint:
        import numpy as np

        numbers = np.asarray(values, dtype=float)
        missing = np.isnan(numbers)
        if _whole_with_missing(numbers[~missing], missing):
            reason = f"{reason}; {NAN_HINT}"
    errors.append((path, reason))
    return values


def _cast_exact(
    values: Values, rule: Rule, data_type: DataType, path: str, errors: list[tuple[str, str]]
) -> Values:
    """Integers as `float`/`double` when each one survives the round trip (MLflow casts a
    single integer; a value that would be rounded, such as 2**53 + 1, is refused)."""
    import numpy as np

    array = np.asarray(values)
    with np.errstate(invalid="ignore", over="ignore"):
        cast = array.astype(rule.target)
        exact = bool(np.array_equal(cast.astype(array.dtype), array)) and np.isfinite(cast).all()
    if not exact:
        errors.append(
            (
                path,
                f"expected {data_type.name}, got {values.dtype} values that {data_type.name} "
                f"cannot hold exactly: {_FIX_HINT}",
            )
        )
        return values
    return _like(values, cast)


def _datetime_ns(values: Values, path: str, errors: list[tuple[str, str]]) -> Values:
    """datetime64 of any unit as nanoseconds, the unit MLflow hands a model."""
    try:
        return values.astype(DATETIME_DTYPE)
    except (OverflowError, ValueError):  # pandas' OutOfBoundsDatetime is a ValueError
        errors.append((path, "expected datetime, got datetimes beyond the years 1677-2262"))
        return values


def _beyond_range(values: Values, data_type: DataType) -> bool:
    """True for integers beyond an integer type, or numbers beyond `float`'s range."""
    import numpy as np

    kind = getattr(values.dtype, "kind", "")
    if not (
        (kind in "iu" and data_type in _INTEGERS) or (kind == "f" and data_type is DataType.float)
    ):
        return False
    return not fits_number(np.asarray(values), data_type.to_numpy())


def _convert_masked(
    values: Values, rule: Rule, data_type: DataType, path: str, errors: list[tuple[str, str]]
) -> Values:
    if not values.isna().any():
        return values.astype(rule.target)
    if data_type in _INTEGERS:
        label = f"expected {data_type.name}, got {values.dtype} with missing values"
        errors.append((path, f"{label}; {NAN_HINT}"))
        return values
    if data_type is DataType.boolean:
        return values  # already pandas' nullable boolean
    import numpy as np

    array = values.to_numpy(dtype=rule.target, na_value=np.nan)
    return _like(values, array)


def _parse_datetimes(
    values: Values, path: str, errors: list[tuple[str, str]], *, iso: bool
) -> Values:
    import numpy as np
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values, copy=False)
    try:
        parsed = pd.to_datetime(series, format="ISO8601" if iso else None, errors="coerce")
    except (TypeError, ValueError):
        errors.append((path, "expected datetime, got values that mix time zones or types"))
        return values
    if getattr(parsed.dtype, "tz", None) is not None:
        errors.append(
            (path, "expected datetime, got timezone-aware datetimes: convert them to naive ones")
        )
        return values
    bad = parsed.isna().to_numpy() & ~np.asarray(series.isna())
    if bad.any():
        expected = "an ISO 8601 datetime string" if iso else "a datetime"
        report_rows(path, bad.nonzero()[0], f"expected {expected}", errors)
        return values
    if parsed.dtype != DATETIME_DTYPE:
        try:
            parsed = parsed.astype("datetime64[ns]")
        except (OverflowError, ValueError):
            errors.append((path, "expected datetime, got datetimes beyond the years 1677-2262"))
            return values
    return parsed if isinstance(values, pd.Series) else parsed.array


def report_rows(
    path: str, rows: Any, message: str | list[str], errors: list[tuple[str, str]]
) -> None:
    """One error per bad row (`path[row]`), up to `MAX_REPORTED_ERRORS`, then a count."""
    shown = min(len(rows), MAX_REPORTED_ERRORS)
    for i in range(shown):
        text = message if isinstance(message, str) else message[i]
        errors.append((f"{path}[{int(rows[i])}]", text))
    if len(rows) > shown:
        errors.append((path, f"{len(rows) - shown} more values do not fit"))


# ----------------------------------------------------------------------------- Python values


def _convert_python(
    values: Values, data_type: DataType, path: str, errors: list[tuple[str, str]]
) -> Values:
    """An object column (or a list of Python values) judged by its values."""
    import numpy as np
    import pandas as pd
    from pandas.api.types import infer_dtype

    array = np.asarray(values, dtype=object)
    kind = _PYTHON_KINDS.get(infer_dtype(array, skipna=True))
    missing = pd.isna(array)
    present = array[~missing] if missing.any() else array
    if data_type in _TEXT and (kind in ("str", "bytes") or (kind is None and _all_text(present))):
        return values  # as MLflow: str, bytes and bytearray values reach the model as they are
    if kind == "decimal" and data_type is DataType.double:  # as MLflow: Decimal to double
        return _like(values, array.astype(float))
    if kind is None or kind == "decimal":
        return _convert_each(values, array, missing, data_type, path, errors)
    if kind == "int":
        try:
            present = present.astype(np.int64)
        except OverflowError:  # beyond int64: let validate_scalar name the range
            return _convert_each(values, array, missing, data_type, path, errors)
    problem = _probe(data_type, kind, array, present, missing)
    if problem:
        errors.append((path, problem))
        return values
    built = _build(data_type, kind, array, present, missing, path, errors)
    return values if built is array else _like(values, built)


def _all_text(values: Any) -> bool:
    """True when every value is a str, bytes or bytearray (MLflow passes either as text)."""
    return all(isinstance(value, (str, bytes, bytearray)) for value in values)


def _probe(data_type: DataType, kind: str, array: Any, present: Any, missing: Any) -> str:
    """Why a column of one Python kind does not fit (`validate_scalar` on a few values)."""
    import numpy as np

    if len(present) == 0 or (kind == "str" and data_type is DataType.datetime):
        return _missing_problem(data_type, missing)  # ISO strings are parsed row by row
    first = array[int(np.argmin(missing))]
    if kind == "int":  # the extremes carry the range check
        probes = [first, int(present.min()), int(present.max())]
    elif kind == "float":  # at least one float, maybe among ints: judge a float
        probes = [float(first)]
        if data_type is DataType.float:  # and the largest, which carries the range check
            numbers = np.abs(present.astype(float))
            finite = numbers[np.isfinite(numbers)]
            probes += [float(finite.max())] if finite.size else []
    else:
        probes = [first]
    for probe in probes:
        try:
            validate_scalar(data_type, probe)
        except ValueError as exc:
            if kind == "float" and data_type in _INTEGERS and _whole_with_missing(present, missing):
                return f"{exc}; {NAN_HINT}"
            return str(exc)
    return _missing_problem(data_type, missing)


def _missing_problem(data_type: DataType, missing: Any) -> str:
    if data_type in _INTEGERS and missing.any():
        return f"expected {data_type.name}, got missing values; {NAN_HINT}"
    return ""


def _whole_with_missing(present: Any, missing: Any) -> bool:
    import numpy as np

    numbers = np.asarray(present, dtype=float)
    return bool(missing.any()) and bool(np.all(np.mod(numbers, 1) == 0))


def _build(
    data_type: DataType,
    kind: str,
    array: Any,
    present: Any,
    missing: Any,
    path: str,
    errors: list[tuple[str, str]],
) -> Any:
    """The column's final array, once its values are known to fit."""
    import numpy as np

    if data_type in _TEXT:
        return array
    if data_type is DataType.datetime:
        return _parse_datetimes(array, path, errors, iso=kind == "str")
    if data_type is DataType.boolean and missing.any():
        return array  # as MLflow: bools and missing values stay Python objects
    target = data_type.to_numpy()
    if not missing.any():
        return present.astype(target)
    out = np.full(len(array), np.nan, dtype=target)
    out[~missing] = present.astype(target)
    return out


def _convert_each(
    values: Values,
    array: Any,
    missing: Any,
    data_type: DataType,
    path: str,
    errors: list[tuple[str, str]],
) -> Values:
    """A column of mixed Python types: `validate_scalar` on every value."""
    import numpy as np

    converted = np.empty(len(array), dtype=object)
    bad_rows: list[int] = []
    messages: list[str] = []
    for row in np.flatnonzero(~missing).tolist():
        try:
            converted[row] = validate_scalar(data_type, array[row])
        except ValueError as exc:
            bad_rows.append(row)
            if len(messages) < MAX_REPORTED_ERRORS:
                messages.append(str(exc))
    if bad_rows:
        report_rows(path, bad_rows, messages, errors)
        return values
    problem = _missing_problem(data_type, missing)
    if problem:
        errors.append((path, problem))
        return values
    kind = "datetime" if data_type is DataType.datetime else "mixed"
    present = converted[~missing]
    return _like(values, _build(data_type, kind, converted, present, missing, path, errors))


def _like(values: Values, array: Any) -> Values:
    """`array` in the container `values` came in: a Series keeps its index and name."""
    import pandas as pd

    if isinstance(values, pd.Series):
        return pd.Series(array, index=values.index, name=values.name, copy=False)
    return array
