"""Input examples: every format written and read back, and the serving payload of each."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pydantic
import pytest
from scipy import sparse

from hintsig.exceptions import HintsigException
from hintsig.models._examples import (
    encode_example,
    read_example,
    read_example_params,
    read_serving_payload,
    split_input_example,
    write_example,
)
from hintsig.models._jsonvalue import decode_value, to_json_value
from hintsig.types.schema import (
    Array,
    ColSpec,
    DataType,
    Map,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
    TensorSpec,
)


def _round_trip(
    tmp_path: Path, example: Any, schema: Schema | None = None, params: dict[str, Any] | None = None
) -> tuple[dict[str, Any], Any]:
    info = write_example(tmp_path, encode_example(example, params))
    return info, read_example(tmp_path, info, schema)


def _files(tmp_path: Path) -> tuple[Any, Any]:
    example = json.loads((tmp_path / "input_example.json").read_text())
    serving = json.loads((tmp_path / "serving_input_example.json").read_text())
    return example, serving


# ----------------------------------------------------------------------------- DataFrames


def test_dataframe_is_written_split_without_index(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"], "c": [1, 2]}, index=[7, 8])
    info, back = _round_trip(tmp_path, frame)
    assert info == {
        "artifact_path": "input_example.json",
        "serving_input_path": "serving_input_example.json",
        "type": "dataframe",
        "pandas_orient": "split",
    }
    split = {"columns": ["a", "b", "c"], "data": [[1.0, "x", 1], [2.0, "y", 2]]}
    assert _files(tmp_path) == (split, {"dataframe_split": split})
    pd.testing.assert_frame_equal(back, frame.reset_index(drop=True))


def test_dataframe_round_trip_restores_bytes_datetimes_and_widths(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "b": [b"ab\x00", b"\xff"],
            "d": pd.to_datetime(["2023-01-01 12:00", "2024-02-29 00:00"]),
            "f": np.array([0.5, 1.5], dtype=np.float32),
            "i": np.array([1, 2], dtype=np.int32),
        }
    )
    schema = Schema(
        [
            ColSpec(DataType.binary, "b"),
            ColSpec(DataType.datetime, "d"),
            ColSpec(DataType.float, "f"),
            ColSpec(DataType.integer, "i"),
        ]
    )
    _, back = _round_trip(tmp_path, frame, schema)
    example, _ = _files(tmp_path)
    assert example["data"][0][:2] == ["YWIA\n", "2023-01-01T12:00:00"]
    pd.testing.assert_frame_equal(back, frame)
    assert list(back.dtypes) == [np.dtype(object), frame["d"].dtype, np.float32, np.int32]


def test_dataframe_nan_is_written_as_null(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1.0, float("nan")]})
    _, back = _round_trip(tmp_path, frame, Schema([ColSpec("double", "a", required=False)]))
    assert _files(tmp_path)[0]["data"] == [[1.0], [None]]
    pd.testing.assert_frame_equal(back, frame)


def test_dataframe_with_params(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1.5]})
    info, back = _round_trip(tmp_path, frame, params={"k": 3})
    assert info["params"] == "true"
    split = {"columns": ["a"], "data": [[1.5]]}
    assert _files(tmp_path) == (
        {"inputs": split, "params": {"k": 3}},
        {"dataframe_split": split, "params": {"k": 3}},
    )
    pd.testing.assert_frame_equal(back, frame)
    assert read_example_params(tmp_path, info, None) == {"k": 3}


def test_series_example_is_refused_with_advice() -> None:
    with pytest.raises(HintsigException, match=r"to_frame\(\)"):
        encode_example(pd.Series([1.0]))


# ----------------------------------------------------------------------------- tensors


@pytest.mark.parametrize("dtype", ["float32", "uint8", "int64", "bool", "float64"])
def test_ndarray_round_trip_keeps_the_schema_dtype(tmp_path: Path, dtype: str) -> None:
    array = np.arange(6).reshape(3, 2).astype(dtype)
    schema = Schema([TensorSpec(np.dtype(dtype), (-1, 2))])
    info, back = _round_trip(tmp_path, array, schema)
    assert info["type"] == "ndarray"
    assert _files(tmp_path) == (array.tolist(), {"inputs": array.tolist()})
    assert back.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(back, array)


def test_named_tensors_round_trip(tmp_path: Path) -> None:
    tensors = {"x": np.arange(4).reshape(2, 2), "y": np.array([1.5, 2.5], dtype=np.float32)}
    schema = Schema(
        [TensorSpec(np.dtype("int64"), (-1, 2), "x"), TensorSpec(np.dtype("float32"), (-1,), "y")]
    )
    info, back = _round_trip(tmp_path, tensors, schema)
    assert info["type"] == "ndarray"
    assert _files(tmp_path)[1] == {"inputs": {"x": [[0, 1], [2, 3]], "y": [1.5, 2.5]}}
    assert set(back) == {"x", "y"}
    assert back["y"].dtype == np.float32
    np.testing.assert_array_equal(back["x"], tensors["x"])


def test_ndarray_with_params(tmp_path: Path) -> None:
    array = np.ones((2, 2), dtype=np.float32)
    info, back = _round_trip(tmp_path, array, params={"k": [1, 2]})
    assert _files(tmp_path)[1] == {"inputs": array.tolist(), "params": {"k": [1, 2]}}
    np.testing.assert_array_equal(back, array)
    assert read_example_params(tmp_path, info, None) == {"k": [1, 2]}


@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_sparse_round_trip_and_dense_serving_payload(tmp_path: Path, fmt: str) -> None:
    matrix = sparse.random(3, 4, density=0.5, format=fmt, random_state=0)
    info, back = _round_trip(tmp_path, matrix)
    assert info["type"] == f"sparse_matrix_{fmt}"
    assert back.format == fmt
    np.testing.assert_array_equal(back.toarray(), matrix.toarray())
    assert _files(tmp_path)[1] == {"inputs": matrix.toarray().tolist()}


def test_list_of_arrays_is_refused() -> None:
    with pytest.raises(HintsigException, match="list of numpy arrays"):
        encode_example([np.array([1, 2]), np.array([3, 4])])


# ----------------------------------------------------------------------------- JSON values


class Message(pydantic.BaseModel):
    role: str
    content: str


@pytest.mark.parametrize(
    ("example", "schema"),
    [
        ({"question": "What is MLflow?"}, Schema([ColSpec("string", "question")])),
        (["a", "b"], Schema([ColSpec("string")])),
        ("hello", Schema([ColSpec("string")])),
        (42, None),
        (True, None),
        ([{"a": 1, "b": None}], Schema([ColSpec("long", "a"), ColSpec("string", "b", False)])),
        ([["x", "y"], ["z"]], Schema([ColSpec(Array(DataType.string))])),
        ({"user": {"id": 1, "tags": ["a"]}, "scores": [0.5]}, None),
    ],
)
def test_json_values_are_written_as_is(tmp_path: Path, example: Any, schema: Schema | None) -> None:
    info, back = _round_trip(tmp_path, example, schema)
    assert info["type"] == "json_object"
    assert _files(tmp_path) == (example, {"inputs": example})
    assert back == example


@pytest.mark.parametrize(
    ("example", "schema", "written"),
    [
        (b"abc", Schema([ColSpec("binary")]), "YWJj\n"),
        ([b"a", b"b"], Schema([ColSpec("binary")]), ["YQ==\n", "Yg==\n"]),
        (dt.datetime(2023, 1, 1, 12), Schema([ColSpec("datetime")]), "2023-01-01T12:00:00"),
        (
            {"b": b"\x00", "when": dt.datetime(2023, 1, 1)},
            Schema([ColSpec("binary", "b"), ColSpec("datetime", "when")]),
            {"b": "AA==\n", "when": "2023-01-01T00:00:00"},
        ),
        (
            [{"blob": b"\x01", "seen": [dt.datetime(2020, 5, 17)]}],
            Schema(
                [
                    ColSpec(
                        Object(
                            [
                                Property("blob", DataType.binary),
                                Property("seen", Array(DataType.datetime)),
                            ]
                        )
                    )
                ]
            ),
            [{"blob": "AQ==\n", "seen": ["2020-05-17T00:00:00"]}],
        ),
        (
            {"m": {"k": b"\x02"}},
            Schema([ColSpec(Map(DataType.binary), "m")]),
            {"m": {"k": "Ag==\n"}},
        ),
    ],
)
def test_bytes_and_datetimes_round_trip_as_base64_and_iso(
    tmp_path: Path, example: Any, schema: Schema, written: Any
) -> None:
    """Bytes are written as MLflow writes them: `base64.encodebytes` lines, newline-ended."""
    _, back = _round_trip(tmp_path, example, schema)
    assert _files(tmp_path)[0] == written
    assert back == example


def test_numpy_scalars_and_pydantic_models_become_json(tmp_path: Path) -> None:
    example = [Message(role="user", content="hi")]
    _, back = _round_trip(tmp_path, example)
    assert back == [{"role": "user", "content": "hi"}]
    assert to_json_value({"n": np.int32(3), "f": np.float64(0.5), "b": np.bool_(True)}) == {
        "n": 3,
        "f": 0.5,
        "b": True,
    }


def test_json_example_with_params_typed_by_the_param_schema(tmp_path: Path) -> None:
    params = {
        "temperature": 0.2,
        "when": dt.datetime(2024, 1, 1),
        "days": [dt.datetime(2024, 1, 2)],
    }
    info, back = _round_trip(tmp_path, "hello", params=params)
    assert info["params"] == "true"
    written = {
        "inputs": "hello",
        "params": {
            "temperature": 0.2,
            "when": "2024-01-01T00:00:00",
            "days": ["2024-01-02T00:00:00"],
        },
    }
    assert _files(tmp_path) == (written, written)
    assert back == "hello"
    param_schema = ParamSchema(
        [
            ParamSpec("temperature", "double", 0.7),
            ParamSpec("when", "datetime", None),
            ParamSpec("days", "datetime", [], (-1,)),
        ]
    )
    assert read_example_params(tmp_path, info, param_schema) == params


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"x": float("inf")}, "x: an infinite float"),
        ([object()], r"\[0\]: a value of type object"),
        ({1, 2}, "a value of type set"),
    ],
)
def test_values_json_cannot_hold_are_refused(value: Any, message: str) -> None:
    with pytest.raises(HintsigException, match=message):
        encode_example(value)


def test_none_example_is_refused() -> None:
    with pytest.raises(HintsigException, match="must not be None"):
        encode_example(None)


@pytest.mark.parametrize(
    ("example", "expected"),
    [
        (("hi", {"t": 1}), ("hi", {"t": 1})),
        (("hi", "there"), (("hi", "there"), None)),
        (("a", "b", {}), (("a", "b", {}), None)),
        (["hi", {"t": 1}], (["hi", {"t": 1}], None)),
    ],
)
def test_only_a_pair_ending_in_a_dict_carries_params(example: Any, expected: Any) -> None:
    assert split_input_example(example) == expected


def test_param_names_must_be_strings() -> None:
    with pytest.raises(HintsigException, match="string names"):
        split_input_example(("hi", {1: 2}))


# ----------------------------------------------------------------------------- reading


def test_decode_value_leaves_what_does_not_fit_the_type() -> None:
    assert decode_value(5, DataType.binary) == 5
    assert decode_value("not a date", DataType.datetime) == "not a date"
    assert decode_value("x", Array(DataType.binary)) == "x"
    assert decode_value(None, DataType.binary) is None


def test_serving_payload_is_built_when_the_file_was_not_written(tmp_path: Path) -> None:
    info = write_example(tmp_path, encode_example(pd.DataFrame({"a": [1]}), {"p": 1}))
    (tmp_path / "serving_input_example.json").unlink()
    del info["serving_input_path"]
    payload = json.loads(read_serving_payload(tmp_path, info))
    assert payload == {"dataframe_split": {"columns": ["a"], "data": [[1]]}, "params": {"p": 1}}


@pytest.mark.parametrize(
    ("info", "content", "message"),
    [
        ({"type": "pickle"}, "[]", "Unknown input example type 'pickle'"),
        ({"type": "json_object"}, None, "input example file is missing"),
        ({"type": "json_object"}, "{not json", "Cannot read the input example"),
        ({"type": "dataframe"}, "[1, 2]", "Corrupt DataFrame input example"),
        ({"type": "json_object", "params": "true"}, "[1]", "has no 'inputs' key"),
    ],
)
def test_bad_example_files_name_the_problem(
    tmp_path: Path, info: dict[str, Any], content: str | None, message: str
) -> None:
    info = {"artifact_path": "input_example.json", **info}
    if content is not None:
        (tmp_path / "input_example.json").write_text(content)
    with pytest.raises(HintsigException, match=message):
        read_example(tmp_path, info, None)
