"""The REST scoring payload: the one parser of request bodies into model inputs.

`parse_serving_input` is what the scoring server and `validate_serving_input` both call, so a
payload that validates locally is parsed the same way when served. JSON bodies are an object
with exactly one of these keys, plus an optional `"params"` object:

* `"dataframe_split"`: pandas' split orient (`columns`, `data`, optional `index`) -> DataFrame;
* `"dataframe_records"`: a list of row objects -> DataFrame;
* `"inputs"`: columnar values: a list, a dict of columns, a scalar, or nested lists;
* `"instances"`: a list of rows (TensorFlow Serving's row format).

`text/csv` bodies become a DataFrame (no params).

JSON cannot say how wide a number is or that text is bytes, so the parser reads the input
schema for that, and nothing else: numbers of a tensor become an array of the spec's dtype
(refusing conversions that lose information, such as 1.5 for an integer tensor), numbers of a
DataFrame column take the column's width, base64 text becomes bytes and ISO text a datetime
for `binary` and `datetime` types. Everything else (required columns, safe casts, shapes,
params) is checked by schema enforcement when the model predicts. Without a tensor schema,
`inputs` and `instances` give the JSON values themselves (MLflow gives numpy arrays).

Departures from MLflow, on purpose: a key other than the four formats and `params` is an
error (MLflow ignores it, so a misspelt `"param"` went unnoticed); `params` must be an object.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from hintsig._strict_json import decode_json_text
from hintsig._strict_json import invalid_serving_input as _fail
from hintsig.exceptions import DataValidationError, HintsigException
from hintsig.models._column_casts import fits_number
from hintsig.models._examples import decode_frame, decode_json_input
from hintsig.types.schema import ColSpec, DataType, Schema, TensorSpec

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "CONTENT_TYPES",
    "INPUT_FORMATS",
    "ServingInput",
    "parse_content_type",
    "parse_serving_input",
]

INPUT_FORMATS = ("dataframe_split", "dataframe_records", "inputs", "instances")
CONTENT_TYPES = ("application/json", "text/csv")


class ServingInput(NamedTuple):
    """A parsed request: the model input and the params (None when the request has none)."""

    data: Any
    params: dict[str, Any] | None


def parse_serving_input(
    payload: str | bytes | Mapping[str, Any],
    *,
    schema: Schema | None = None,
    content_type: str = "application/json",
    inputs_only: bool = False,
) -> ServingInput:
    """Parse a request body into `(data, params)` for `PyFuncModel.predict`.

    `schema` is the model's input schema. `inputs_only` is for models whose signature comes
    from type hints: they take `{"inputs": ...}` only, passed to the hints as JSON values.
    Bad payloads raise `DataValidationError`; an unsupported content type raises
    `HintsigException` with `error_code="UNSUPPORTED_MEDIA_TYPE"`.
    """
    mime = parse_content_type(content_type)
    if mime == "text/csv":
        return ServingInput(_parse_csv(_text(payload), schema), None)
    body = payload if isinstance(payload, Mapping) else decode_json_text(_text(payload))
    return _parse_json_body(body, schema, inputs_only)


def parse_content_type(content_type: str) -> str:
    """The media type of a Content-Type value, lower case, when this parser reads it.

    Anything else (another media type, a charset other than UTF-8, another parameter) is a
    `HintsigException` with `error_code="UNSUPPORTED_MEDIA_TYPE"`.
    """
    mime, *parameters = (part.strip() for part in content_type.split(";"))
    mime = mime.lower()
    if mime not in CONTENT_TYPES:
        shown = mime[:60] or "none"
        raise HintsigException(
            f"Unsupported content type {shown!r}; send one of: {', '.join(CONTENT_TYPES)}",
            error_code="UNSUPPORTED_MEDIA_TYPE",
        )
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip().lower() != "charset" or value.strip().strip('"').lower() != "utf-8":
            raise HintsigException(
                f"Unsupported content type parameter {key.strip()[:60]!r}: only charset=utf-8 "
                "is accepted",
                error_code="UNSUPPORTED_MEDIA_TYPE",
            )
    return mime


def _text(payload: str | bytes | Mapping[str, Any]) -> str:
    if isinstance(payload, str):
        return payload
    if isinstance(payload, (bytes, bytearray)):
        try:
            return bytes(payload).decode("utf-8")
        except UnicodeDecodeError:
            raise _fail("the body is not valid UTF-8 text") from None
    raise _fail("a CSV body must be text, not a mapping")


def _parse_json_body(body: Any, schema: Schema | None, inputs_only: bool) -> ServingInput:
    expected = f"a JSON object with exactly one of the keys {', '.join(INPUT_FORMATS)}"
    if not isinstance(body, Mapping):
        hint = ' (wrap it as {"inputs": [...]})' if isinstance(body, list) else ""
        raise _fail(f"expected {expected}; got {_json_type(body)}{hint}")
    formats = [k for k in INPUT_FORMATS if k in body]
    unknown = sorted(str(k) for k in body if k not in INPUT_FORMATS and k != "params")
    if len(formats) != 1 or unknown:
        raise _fail(f"expected {expected}, and optionally 'params'; found keys: {_keys(body)}")
    fmt = formats[0]
    params = _params(body.get("params"))
    if inputs_only:
        if fmt != "inputs":
            raise _fail(
                f'this model\'s signature comes from its type hints: send {{"inputs": ...}}, '
                f"not {fmt!r}"
            )
        return ServingInput(body["inputs"], params)
    return ServingInput(_parse_format(fmt, body[fmt], schema), params)


def _params(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _fail(f"'params' must be a JSON object of name -> value; got {_json_type(value)}")
    return dict(value)


def _parse_format(fmt: str, value: Any, schema: Schema | None) -> Any:
    if fmt == "dataframe_split":
        return decode_frame(_frame_from_split(value), schema)
    if fmt == "dataframe_records":
        return decode_frame(_frame_from_records(value), schema)
    if fmt == "instances" and not isinstance(value, list):
        raise _fail(f"'instances' must be a list of rows; got {_json_type(value)}")
    if schema is not None and schema.is_tensor_spec():
        return _tensors(fmt, value, schema)
    return decode_json_input(value, schema)


# ----------------------------------------------------------------------------- DataFrames


def _frame_from_split(value: Any) -> pd.DataFrame:
    import pandas as pd

    if not isinstance(value, Mapping):
        raise _fail(
            "'dataframe_split' must be an object with 'data' and optionally 'columns' and "
            f"'index'; got {_json_type(value)}"
        )
    extra = sorted(str(k) for k in value if k not in ("columns", "data", "index"))
    if "data" not in value or extra:
        raise _fail(
            "'dataframe_split' must have 'data' and optionally 'columns' and 'index'; "
            f"found keys: {_keys(value, ('columns', 'data', 'index'))}"
        )
    rows, columns, index = value["data"], value.get("columns"), value.get("index")
    _check_split(rows, columns, index)
    try:
        frame: pd.DataFrame = pd.DataFrame(data=rows, columns=columns, index=index)
    except (ValueError, TypeError) as exc:
        raise _fail(f"'dataframe_split' is not a valid DataFrame ({exc})") from None
    return frame


def _check_split(rows: Any, columns: Any, index: Any) -> None:
    """The split envelope's shape, before pandas (or the model) sees it: `data` a list of
    rows of one length (the number of `columns` when given), `columns` names (text or
    numbers, as MLflow takes them), `index` one text, number or null label per row."""
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise _fail("'dataframe_split.data' must be a list of rows, each a list of values")
    if columns is not None:
        if not isinstance(columns, list):
            raise _fail("'dataframe_split.columns' must be a list of column names")
        bad = [
            (f"columns[{i}]", f"a column name is text or a number, not {_json_type(name)}")
            for i, name in enumerate(columns)
            if not isinstance(name, (str, int, float))
        ]
        if bad:
            raise _fail("'dataframe_split.columns' must be a list of column names", bad)
        _refuse_duplicates(columns, "'dataframe_split.columns'")
    if index is not None:
        if not isinstance(index, list):
            raise _fail("'dataframe_split.index' must be a list of row labels")
        bad = [
            (f"index[{i}]", f"a row label is text, a number or null, not {_json_type(label)}")
            for i, label in enumerate(index)
            if label is not None and not isinstance(label, (str, int, float))
        ]
        if len(index) != len(rows):
            bad.append(("index", f"has {len(index)} labels for {len(rows)} rows"))
        if bad:
            raise _fail("'dataframe_split.index' must be a list of row labels", bad)
    width = len(columns) if columns is not None else len(rows[0]) if rows else 0
    what = "columns" if columns is not None else "values in the first row"
    bad = [
        (f"data[{i}]", f"has {len(row)} values for {width} {what}")
        for i, row in enumerate(rows)
        if len(row) != width
    ]
    if bad:
        raise _fail("the rows do not match the columns", bad)


def _frame_from_records(value: Any) -> pd.DataFrame:
    import pandas as pd

    if not isinstance(value, list):
        raise _fail(f"'dataframe_records' must be a list of row objects; got {_json_type(value)}")
    bad = [
        (f"[{i}]", f"expected an object, got {_json_type(row)}")
        for i, row in enumerate(value)
        if not isinstance(row, Mapping)
    ]
    if bad:
        raise _fail("'dataframe_records' rows must be objects of column -> value", bad)
    frame: pd.DataFrame = pd.DataFrame.from_records(value) if value else pd.DataFrame()
    return frame


def _parse_csv(text: str, schema: Schema | None) -> pd.DataFrame:
    import pandas as pd

    # `string` columns are read as text (object dtype, as MLflow does), so "007" stays "007"
    dtypes: dict[str, Any] = {}
    if schema is not None and schema.has_input_names() and not schema.is_tensor_spec():
        dtypes = {  # a CSV header is text: an integer name is matched by its digits
            str(s.name): object
            for s in schema.inputs
            if isinstance(s, ColSpec) and s.name and s.type is DataType.string
        }
    rows = _csv_rows(text)
    header = rows[0][1] if rows else []
    _refuse_duplicates(header, "the CSV header")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=dtypes or None)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise _fail(f"the body is not valid CSV ({exc.__class__.__name__})") from None
    _refuse_non_finite(frame, rows, text, set(dtypes))
    return decode_frame(frame, schema)


#: The spellings of NaN that pandas reads as a number; JSON has no NaN, and CSV takes none
#: either (an empty cell, `NA` or `null` is a missing value, as `null` is in JSON).
_NAN_TEXT = frozenset({"nan", "-nan", "+nan"})


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """The CSV's non-blank rows with their line numbers; every row as long as the header
    (pandas would shift a longer row's values under other columns or pad a shorter one)."""
    reader = csv.reader(io.StringIO(text))
    try:
        rows = [(reader.line_num, row) for row in reader if row]
    except csv.Error:
        raise _fail("the body is not valid CSV (Error)") from None
    width = len(rows[0][1]) if rows else 0
    bad = [
        (f"row {i} (line {line})", f"has {len(row)} fields for {width} columns in the header")
        for i, (line, row) in enumerate(rows[1:])
        if len(row) != width
    ]
    if bad:
        raise _fail("the CSV rows do not match its header", bad)
    return rows


def _refuse_non_finite(
    frame: pd.DataFrame, rows: list[tuple[int, list[str]]], text: str, strings: set[str]
) -> None:
    """NaN, infinity and numbers too large for a float (`1e400`) in a number column are
    refused, as the same values are in a JSON body."""
    import numpy as np

    errors: list[tuple[str, str]] = []
    for name in frame.columns:
        values = frame[name]
        if values.dtype.kind == "f" and name not in strings:
            for row in np.flatnonzero(np.isinf(values.to_numpy())).tolist():
                problem = "infinity (or a number too large for a 64-bit float)"
                errors.append(_cell(row, name, problem))
    if "nan" in text.lower():
        header = rows[0][1]
        for i, (_, cells) in enumerate(rows[1:]):
            for name, cell in zip(header, cells, strict=False):
                if name not in strings and cell.strip().lower() in _NAN_TEXT:
                    errors.append(_cell(i, name, "NaN is not a number (leave the cell empty)"))
    if errors:
        raise _fail("a CSV cell holds a number JSON cannot hold", sorted(errors))


def _cell(row: int, column: object, problem: str) -> tuple[str, str]:
    return f"row {row}, column {str(column)[:40]!r}", problem


# ----------------------------------------------------------------------------- tensors


def _tensors(fmt: str, value: Any, schema: Schema) -> np.ndarray | dict[str, Any]:
    specs = [s for s in schema.inputs if isinstance(s, TensorSpec)]
    if not schema.has_input_names():
        return _tensor(value, specs[0], fmt)
    columns = _columns(value, fmt)
    by_name = {s.name: s for s in specs}
    errors: list[tuple[str, str]] = []
    out: dict[str, Any] = {}
    for name, column in columns.items():
        spec = by_name.get(name)
        if spec is None:  # not in the schema: left for enforcement to drop
            out[name] = column
            continue
        try:
            out[name] = _tensor(column, spec, f"{fmt}.{name}")
        except DataValidationError as exc:
            errors.extend(exc.errors)
    if errors:
        raise _fail("tensor values do not fit the model's input schema", errors)
    return out


def _columns(value: Any, fmt: str) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, list) and value and all(isinstance(r, Mapping) for r in value):
        columns: dict[str, list[Any]] = {}
        for row in value:
            for key, item in row.items():
                columns.setdefault(str(key), []).append(item)
        return columns
    raise _fail(
        f"this model takes named tensors: '{fmt}' must be an object of name -> values "
        "or a list of such objects"
    )


def _tensor(value: Any, spec: TensorSpec, where: str) -> np.ndarray:
    """JSON values as an array of the spec's dtype, refusing lossy conversions."""
    import numpy as np

    target = spec.type
    if target.kind == "O":
        return np.array(value, dtype=object)
    try:
        array = np.asarray(value)
    except ValueError:
        raise _fail(
            "tensor values do not fit the model's input schema",
            [(where, "nested lists of different lengths; every row must have the same length")],
        ) from None
    if array.dtype == target:
        return array
    if array.size == 0 or _converts(array, target):
        try:
            return array.astype(target)
        except ValueError:
            pass
    if array.dtype.kind in "iu" and target.kind in "iu":
        problem = f"integers out of the range of {target}"
    elif array.dtype.kind in "iuf" and target.kind == "f":
        problem = f"numbers out of the range of {target}"
    else:
        problem = f"expected {target} values, got {_kind_label(array)}"
    raise _fail("tensor values do not fit the model's input schema", [(where, problem)])


def _converts(array: np.ndarray, target: np.dtype[Any]) -> bool:
    source = array.dtype.kind
    if target.kind in "iuf":
        return fits_number(array, target)
    if target.kind == "b":
        return source == "b"
    return source == "U" and target.kind in "UM"


def _kind_label(array: np.ndarray) -> str:
    labels = {"b": "booleans", "i": "integers", "u": "integers", "f": "floats", "U": "strings"}
    return labels.get(array.dtype.kind, "mixed values")


def _keys(mapping: Mapping[Any, Any], known: tuple[str, ...] = (*INPUT_FORMATS, "params")) -> str:
    """The keys of a client's object that this parser knows, and how many others there are
    (those are not repeated: a key may be data, such as a misplaced map)."""
    names = [repr(k) for k in mapping if k in known]
    unknown = [str(k) for k in mapping if k not in known]
    if not unknown:
        return ", ".join(names) or "none"
    close = {m for k in unknown for m in difflib.get_close_matches(k, known, n=1, cutoff=0.75)}
    others = f"{len(unknown)} other key{'s' if len(unknown) > 1 else ''}"
    if close - set(mapping):
        others += f" (did you mean {' or '.join(repr(m) for m in sorted(close - set(mapping)))}?)"
    return ", ".join([*names, others])


def _refuse_duplicates(names: list[Any], where: str) -> None:
    """A DataFrame with two columns of one name cannot be checked: refuse it."""
    repeated = [name for name, count in Counter(map(str, names)).items() if count > 1]
    if repeated:
        shown = ", ".join(repr(name[:40]) for name in repeated)
        raise _fail(f"{where} names a column more than once: {shown}")


def _json_type(value: Any) -> str:
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "null" if value is None else type(value).__name__
