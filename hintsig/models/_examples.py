"""Input examples: how they are written next to a model and read back.

Formats (the `type` recorded in `saved_input_example_info`, as MLflow records it):

* `dataframe`: a pandas DataFrame, written in pandas' `split` orient without the index
  (`{"columns": [...], "data": [[...], ...]}`); served as `{"dataframe_split": ...}`.
* `ndarray`: a numpy array, or a dict of numpy arrays (named tensors), written as nested
  lists; served as `{"inputs": ...}`.
* `sparse_matrix_csr` / `sparse_matrix_csc`: a scipy sparse matrix, written as its
  `data`/`indices`/`indptr`/`shape`; served as the dense `{"inputs": ...}`.
* `json_object`: any other JSON-like value (dicts, lists, scalars, pydantic models), written
  as-is; served as `{"inputs": ...}`.

Inside every format bytes are written as base64 text, datetimes as ISO 8601 text and NaN as
null (`to_json_value`). An `(input, params)` example writes `{"inputs": ..., "params": ...}`
and records `params: 'true'`; the serving payload then carries `"params"` too.

Reading an example back uses the model's signature to restore what JSON cannot hold: tensor
dtypes, base64 bytes, ISO datetimes and the dtypes of DataFrame columns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import HintsigException
from hintsig.models._column_casts import fits_number
from hintsig.models._jsonvalue import MIME_LINES, decode_value, to_json_value
from hintsig.types.schema import Array, ColSpec, DataType, ParamSchema, Schema, TensorSpec

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "INPUT_EXAMPLE_FILE",
    "SERVING_INPUT_FILE",
    "EncodedExample",
    "decode_frame",
    "decode_json_input",
    "decode_tensors",
    "encode_example",
    "read_example",
    "read_example_params",
    "read_serving_payload",
    "split_input_example",
    "write_example",
]

INPUT_EXAMPLE_FILE = "input_example.json"
SERVING_INPUT_FILE = "serving_input_example.json"

_KINDS = ("dataframe", "ndarray", "sparse_matrix_csr", "sparse_matrix_csc", "json_object")


@dataclass(frozen=True)
class EncodedExample:
    """An input example turned into JSON values, ready to be written."""

    kind: str
    data: Any
    params: dict[str, Any] | None = None

    def info(self) -> dict[str, Any]:
        """The `saved_input_example_info` entry of the MLmodel file."""
        info: dict[str, Any] = {
            "artifact_path": INPUT_EXAMPLE_FILE,
            "serving_input_path": SERVING_INPUT_FILE,
            "type": self.kind,
        }
        if self.kind == "dataframe":
            info["pandas_orient"] = "split"
        if self.params is not None:
            info["params"] = "true"
        return info

    def file_content(self) -> Any:
        """What `input_example.json` holds."""
        if self.params is None:
            return self.data
        return {"inputs": self.data, "params": self.params}

    def serving_payload(self) -> dict[str, Any]:
        """The REST request body that scores this example."""
        if self.kind == "dataframe":
            payload: dict[str, Any] = {"dataframe_split": self.data}
        elif self.kind.startswith("sparse_matrix"):
            dense = _sparse_from_json(self.data, self.kind).toarray()
            payload = {"inputs": to_json_value(dense)}
        else:
            payload = {"inputs": self.data}
        if self.params is not None:
            payload["params"] = self.params
        return payload


def split_input_example(example: Any) -> tuple[Any, dict[str, Any] | None]:
    """`(input, params)` from an example given as a 2-tuple with a dict, else `(example, None)`."""
    if isinstance(example, tuple) and len(example) == 2 and isinstance(example[1], Mapping):
        params = example[1]
        bad = sorted(repr(k) for k in params if not isinstance(k, str))
        if bad:
            raise HintsigException(f"Input example params must have string names, got {bad}")
        return example[0], dict(params)
    return example, None


def encode_example(example: Any, params: Mapping[str, Any] | None = None) -> EncodedExample:
    """Turn an input example (and its params) into JSON values, choosing its format."""
    if example is None:
        raise HintsigException("An input example must not be None")
    token = MIME_LINES.set(True)  # bytes as MLflow writes them in example files
    try:
        json_params = None if params is None else to_json_value(dict(params), "params")
        kind, data = _encode_input(example)
    finally:
        MIME_LINES.reset(token)
    return EncodedExample(kind, data, json_params)


def _encode_input(example: Any) -> tuple[str, Any]:
    module = type(example).__module__.split(".", 1)[0]
    if module == "pandas":
        return _encode_pandas(example)
    if module == "numpy" and type(example).__name__ == "ndarray":
        return "ndarray", to_json_value(example)
    if module == "scipy":
        return _encode_sparse(example)
    if isinstance(example, dict) and example and all(_is_ndarray(v) for v in example.values()):
        return "ndarray", {str(k): to_json_value(v, str(k)) for k, v in example.items()}
    if isinstance(example, (list, tuple)) and any(_is_ndarray(v) for v in example):
        raise HintsigException(
            "An input example cannot be a list of numpy arrays; stack them into one array "
            "or pass a dict of named arrays"
        )
    return "json_object", to_json_value(example)


def _is_ndarray(value: Any) -> bool:
    return type(value).__module__ == "numpy" and type(value).__name__ == "ndarray"


def _encode_pandas(example: Any) -> tuple[str, Any]:
    import pandas as pd

    if isinstance(example, pd.DataFrame):
        columns = [to_json_value(c) for c in example.columns]
        rows = [
            [to_json_value(v, f"row {i}, column {c!r}") for c, v in zip(columns, row, strict=True)]
            for i, row in enumerate(example.itertuples(index=False, name=None))
        ]
        return "dataframe", {"columns": columns, "data": rows}
    if isinstance(example, pd.Series):
        raise HintsigException(
            "An input example cannot be a pandas Series; use series.to_frame() for a "
            "one-column DataFrame or series.tolist() for a list"
        )
    raise HintsigException(f"An input example cannot be a {type(example).__name__}")


def _encode_sparse(example: Any) -> tuple[str, Any]:
    fmt = getattr(example, "format", None)
    if fmt in ("csr", "csc") and hasattr(example, "indptr"):
        data = {
            "data": to_json_value(example.data),
            "indices": to_json_value(example.indices),
            "indptr": to_json_value(example.indptr),
            "shape": list(example.shape),
        }
        return f"sparse_matrix_{fmt}", data
    raise HintsigException(
        f"An input example cannot be a {type(example).__name__}; "
        "sparse examples must be scipy csr or csc matrices"
    )


def write_example(directory: Path, encoded: EncodedExample) -> dict[str, Any]:
    """Write `input_example.json` and `serving_input_example.json`; return the MLmodel info."""
    _dump(directory / INPUT_EXAMPLE_FILE, encoded.file_content(), indent=None)
    _dump(directory / SERVING_INPUT_FILE, encoded.serving_payload(), indent=2)
    return encoded.info()


def _dump(path: Path, content: Any, indent: int | None) -> None:
    text = json.dumps(content, indent=indent, allow_nan=False, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")


# ----------------------------------------------------------------------------- reading


def _read_file(directory: Path, info: Mapping[str, Any]) -> Any:
    kind = info.get("type")
    if kind not in _KINDS:
        raise HintsigException(
            f"Unknown input example type {kind!r} in {directory / 'MLmodel'}; "
            f"expected one of: {', '.join(_KINDS)}"
        )
    path = directory / str(info.get("artifact_path", INPUT_EXAMPLE_FILE))
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HintsigException(f"The model's input example file is missing: {path}") from None
    except (OSError, ValueError) as exc:
        raise HintsigException(
            f"Cannot read the input example {path}: {exc.__class__.__name__}"
        ) from exc


def _has_params(info: Mapping[str, Any]) -> bool:
    return str(info.get("params", "")).lower() == "true"


def read_example(directory: Path, info: Mapping[str, Any], schema: Schema | None) -> Any:
    """The input example saved with a model, restored with the help of its input schema."""
    content = _read_file(directory, info)
    if _has_params(info):
        if not isinstance(content, dict) or "inputs" not in content:
            raise HintsigException(
                f"Corrupt input example in {directory}: 'params' is recorded but the file "
                "has no 'inputs' key"
            )
        content = content["inputs"]
    kind = info["type"]
    if kind == "dataframe":
        return decode_frame(_frame_from_split(content, directory), schema)
    if kind == "ndarray":
        return decode_tensors(content, schema)
    if kind in ("sparse_matrix_csr", "sparse_matrix_csc"):
        return _sparse_from_json(content, kind)
    return decode_json_input(content, schema)


def read_example_params(
    directory: Path, info: Mapping[str, Any], param_schema: ParamSchema | None
) -> dict[str, Any] | None:
    """The params saved with the input example, or None; typed by the param schema."""
    if not _has_params(info):
        return None
    content = _read_file(directory, info)
    params = content.get("params") if isinstance(content, dict) else None
    if not isinstance(params, dict):
        raise HintsigException(
            f"Corrupt input example in {directory}: 'params' is recorded but missing"
        )
    if param_schema is None:
        return params
    out = {}
    for name, value in params.items():
        spec = param_schema.get(name)
        if spec is None or value is None:
            out[name] = value
        elif spec.shape is None:
            out[name] = decode_value(value, spec.dtype)
        else:
            out[name] = [decode_value(v, spec.dtype) for v in value]
    return out


def read_serving_payload(directory: Path, info: Mapping[str, Any]) -> str:
    """The serving payload text; built from the input example if the file was not written."""
    serving = info.get("serving_input_path")
    if serving:
        path = directory / str(serving)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise HintsigException(f"The model's serving example file is missing: {path}") from None
    content: Any = _read_file(directory, info)
    params: Any = None
    if _has_params(info) and isinstance(content, dict):
        content, params = content.get("inputs"), content.get("params")
    payload = EncodedExample(str(info["type"]), content, params).serving_payload()
    return json.dumps(payload, indent=2)


def _frame_from_split(content: Any, directory: Path) -> pd.DataFrame:
    import pandas as pd

    if not isinstance(content, dict) or "data" not in content:
        raise HintsigException(
            f"Corrupt DataFrame input example in {directory}: expected pandas' split orient "
            "({'columns': [...], 'data': [[...]]})"
        )
    frame: pd.DataFrame = pd.DataFrame(
        data=content["data"], columns=content.get("columns"), index=content.get("index")
    )
    return frame


def decode_frame(frame: pd.DataFrame, schema: Schema | None) -> pd.DataFrame:
    """Decode base64 and ISO columns and restore scalar column dtypes named by the schema."""
    if schema is None or schema.is_tensor_spec() or not schema.has_input_names():
        return frame
    for spec in schema.inputs:
        if isinstance(spec, ColSpec) and spec.name in frame.columns:
            frame[spec.name] = _decode_column(frame[spec.name], spec)
    return frame


def _decode_column(column: pd.Series, spec: ColSpec) -> pd.Series:
    dtype = spec.type
    if dtype is DataType.datetime:
        return _datetime_column(column)
    if dtype is DataType.binary or not isinstance(dtype, DataType):
        decoded = column.map(lambda v: decode_value(v, dtype))
        return decoded.astype(object) if dtype is DataType.binary else decoded
    return _numeric_column(column, dtype)


def _datetime_column(column: pd.Series) -> pd.Series:
    import pandas as pd

    if column.dtype.kind == "M":
        return column
    try:
        return pd.to_datetime(column, format="ISO8601")
    except (ValueError, TypeError):
        return column  # schema enforcement reports the values that are not datetimes


def _numeric_column(column: pd.Series, dtype: DataType) -> pd.Series:
    """JSON numbers in the width the schema names: ints that fit, any number for floats."""
    target = dtype.to_numpy()  # a numeric type: its pandas dtype is its numpy dtype
    if column.dtype == target or column.dtype.kind not in "iuf":
        return column
    # Out of range for the width (or floats for an integer type): left as it is, so
    # enforcement names the column.
    return column.astype(target) if fits_number(column.to_numpy(), target) else column


def decode_tensors(content: Any, schema: Schema | None) -> np.ndarray | dict[str, np.ndarray]:
    """Nested lists (or a dict of them) as numpy arrays of the schema's tensor dtypes."""
    import numpy as np

    dtypes: dict[str | None, Any] = {}
    if schema is not None and schema.is_tensor_spec():
        dtypes = {s.name: s.type for s in schema.inputs if isinstance(s, TensorSpec)}
    if isinstance(content, dict):
        return {k: np.asarray(v, dtype=dtypes.get(k)) for k, v in content.items()}
    return np.asarray(content, dtype=dtypes.get(None))


def decode_json_input(content: Any, schema: Schema | None) -> Any:
    """A JSON input with base64 and ISO text decoded where the column schema says so."""
    if schema is None or schema.is_tensor_spec():
        return content
    specs = [s for s in schema.inputs if isinstance(s, ColSpec)]
    if not schema.has_input_names():
        dtype = specs[0].type
        if isinstance(content, list):
            return [decode_value(v, dtype) for v in content]
        return decode_value(content, dtype)
    types = {s.name: s.type for s in specs}
    if isinstance(content, dict):
        return _decode_record(content, types)
    if isinstance(content, list):
        return [_decode_record(r, types) if isinstance(r, dict) else r for r in content]
    return content


def _decode_record(record: dict[str, Any], types: Mapping[str | int | None, Any]) -> dict[str, Any]:
    out = {}
    for key, value in record.items():
        dtype = types.get(key)
        if dtype is None:
            out[key] = value
        elif isinstance(value, list) and not isinstance(dtype, Array):
            out[key] = [decode_value(v, dtype) for v in value]
        else:
            out[key] = decode_value(value, dtype)
    return out


def _sparse_from_json(content: Any, kind: str) -> Any:
    from scipy import sparse

    try:
        parts = (content["data"], content["indices"], content["indptr"])
        shape = tuple(content["shape"])
    except (KeyError, TypeError):
        raise HintsigException(
            "Corrupt sparse input example: expected 'data', 'indices', 'indptr' and 'shape'"
        ) from None
    if kind == "sparse_matrix_csc":
        return sparse.csc_matrix(parts, shape=shape)
    return sparse.csr_matrix(parts, shape=shape)
