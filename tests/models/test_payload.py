"""The REST payload parser: every format, the schema-guided JSON decoding, client mistakes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pandas as pd
import pytest

from hintsig.exceptions import DataValidationError, HintsigException
from hintsig.models._payload import ServingInput, parse_serving_input
from hintsig.types.schema import Array, ColSpec, DataType, Object, Property, Schema, TensorSpec

COLUMNS = Schema(
    [
        ColSpec(DataType.double, "a"),
        ColSpec(DataType.string, "b"),
        ColSpec(DataType.integer, "i", required=False),
    ]
)
IMAGE = Schema([TensorSpec(np.dtype(np.uint8), (-1, 2))])
NAMED = Schema(
    [TensorSpec(np.dtype(np.float32), (-1, 2), "x"), TensorSpec(np.dtype(np.int64), (-1,), "y")]
)


# ----------------------------------------------------------------------------- DataFrames


@pytest.mark.parametrize(
    "payload",
    [
        {"dataframe_split": {"columns": ["a", "b"], "data": [[1.5, "x"], [2.0, "y"]]}},
        {"dataframe_records": [{"a": 1.5, "b": "x"}, {"a": 2.0, "b": "y"}]},
    ],
)
def test_dataframe_formats(payload: dict[str, Any]) -> None:
    data, params = parse_serving_input(json.dumps(payload), schema=COLUMNS)
    expected = pd.DataFrame({"a": [1.5, 2.0], "b": ["x", "y"]})
    pd.testing.assert_frame_equal(data, expected)
    assert params is None


def test_json_numbers_take_the_column_width() -> None:
    payload = {"dataframe_split": {"columns": ["a", "b", "i"], "data": [[1, "x", 7]]}}
    data, _ = parse_serving_input(payload, schema=COLUMNS)
    assert list(data.dtypes) == [np.float64, data["b"].dtype, np.int32]


def test_integers_too_wide_for_the_column_are_left_for_enforcement() -> None:
    payload = {"dataframe_split": {"columns": ["a", "b", "i"], "data": [[1, "x", 2**40]]}}
    data, _ = parse_serving_input(payload, schema=COLUMNS)
    assert data["i"].dtype == np.int64


def test_binary_and_datetime_columns_are_decoded() -> None:
    schema = Schema([ColSpec("binary", "raw"), ColSpec("datetime", "at")])
    payload = {"dataframe_records": [{"raw": "YWIA\n", "at": "2023-01-01T12:00:00"}]}
    data, _ = parse_serving_input(payload, schema=schema)
    assert data["raw"].tolist() == [b"ab\x00"]
    assert data["at"].tolist() == [pd.Timestamp("2023-01-01 12:00")]


def test_dataframe_split_with_index_and_params() -> None:
    payload = {
        "dataframe_split": {"columns": ["a"], "data": [[1.0]], "index": [5]},
        "params": {"temperature": 0.5},
    }
    data, params = parse_serving_input(payload)
    assert data.index.tolist() == [5]
    assert params == {"temperature": 0.5}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"dataframe_split": [[1]]}, "'dataframe_split' must be an object"),
        ({"dataframe_split": {"columns": ["a"]}}, "must have 'data'"),
        ({"dataframe_split": {"data": [], "orient": "split"}}, "found keys: 'data', 1 other key"),
        ({"dataframe_split": {"data": [1, 2]}}, "each a list of values"),
        ({"dataframe_split": {"columns": "a", "data": [[1]]}}, "columns' must be a list"),
        ({"dataframe_records": {"a": [1]}}, "must be a list of row objects; got an object"),
    ],
)
def test_malformed_dataframes(payload: dict[str, Any], message: str) -> None:
    with pytest.raises(DataValidationError, match=message):
        parse_serving_input(payload)


def test_every_bad_row_is_reported() -> None:
    payload = {"dataframe_split": {"columns": ["a", "b"], "data": [[1], [1, 2], [1, 2, 3]]}}
    with pytest.raises(DataValidationError) as info:
        parse_serving_input(payload)
    assert info.value.errors == [
        ("data[0]", "has 1 values for 2 columns"),
        ("data[2]", "has 3 values for 2 columns"),
    ]


def test_records_that_are_not_objects() -> None:
    with pytest.raises(DataValidationError) as info:
        parse_serving_input({"dataframe_records": [{"a": 1}, 3, "secret-value"]})
    assert info.value.errors == [
        ("[1]", "expected an object, got a number"),
        ("[2]", "expected an object, got a string"),
    ]
    assert "secret-value" not in str(info.value)


# ----------------------------------------------------------------------------- inputs / instances


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"inputs": ["a", "b"]}, ["a", "b"]),
        ({"inputs": {"question": "What?"}}, {"question": "What?"}),
        ({"inputs": "hello"}, "hello"),
        ({"instances": [{"a": 1}, {"a": 2}]}, [{"a": 1}, {"a": 2}]),
    ],
)
def test_inputs_without_tensor_schema_stay_json_values(
    payload: dict[str, Any], expected: Any
) -> None:
    assert parse_serving_input(payload) == ServingInput(expected, None)


def test_inputs_decode_binary_and_datetime_by_the_column_schema() -> None:
    schema = Schema(
        [ColSpec(Object([Property("blob", DataType.binary), Property("at", Array("datetime"))]))]
    )
    payload = {"inputs": [{"blob": "AQ==", "at": ["2020-05-17T00:00:00"]}]}
    data, _ = parse_serving_input(payload, schema=schema)
    assert data == [{"blob": b"\x01", "at": [dt.datetime(2020, 5, 17)]}]


@pytest.mark.parametrize("key", ["inputs", "instances"])
def test_tensor_payload_takes_the_spec_dtype(key: str) -> None:
    data, _ = parse_serving_input({key: [[1, 2], [3, 255]]}, schema=IMAGE)
    assert data.dtype == np.uint8
    np.testing.assert_array_equal(data, [[1, 2], [3, 255]])


@pytest.mark.parametrize(
    "payload",
    [
        {"inputs": {"x": [[1.5, 2]], "y": [3]}},
        {"instances": [{"x": [1.5, 2], "y": 3}]},
    ],
)
def test_named_tensors_by_columns_or_rows(payload: dict[str, Any]) -> None:
    data, _ = parse_serving_input(payload, schema=NAMED)
    assert data["x"].dtype == np.float32
    assert data["y"].dtype == np.int64
    np.testing.assert_array_equal(data["x"], [[1.5, 2.0]])
    np.testing.assert_array_equal(data["y"], [3])


@pytest.mark.parametrize(
    ("payload", "schema", "problem"),
    [
        ({"inputs": [[1.5, 2]]}, IMAGE, "expected uint8 values, got floats"),
        ({"inputs": [[1, 256]]}, IMAGE, "integers out of the range of uint8"),
        ({"inputs": [["a", "b"]]}, IMAGE, "expected uint8 values, got strings"),
        (
            {"inputs": [[1, 2], [3]]},
            IMAGE,
            "nested lists of different lengths; every row must have the same length",
        ),
        ({"inputs": [[True, False]]}, IMAGE, "expected uint8 values, got booleans"),
    ],
)
def test_lossy_tensor_conversions_are_refused(
    payload: dict[str, Any], schema: Schema, problem: str
) -> None:
    with pytest.raises(DataValidationError) as info:
        parse_serving_input(payload, schema=schema)
    assert info.value.errors == [("inputs", problem)]


def test_named_tensor_problems_are_all_reported() -> None:
    payload = {"inputs": {"x": [["a", "b"]], "y": [1.5]}}
    with pytest.raises(DataValidationError) as info:
        parse_serving_input(payload, schema=NAMED)
    assert info.value.errors == [
        ("inputs.x", "expected float32 values, got strings"),
        ("inputs.y", "expected int64 values, got floats"),
    ]


def test_named_tensors_need_an_object() -> None:
    with pytest.raises(DataValidationError, match="takes named tensors"):
        parse_serving_input({"inputs": [[1, 2]]}, schema=NAMED)


def test_object_tensors_accept_ragged_rows() -> None:
    schema = Schema([TensorSpec(np.dtype(object), (-1,))])
    data, _ = parse_serving_input({"inputs": [[1, 2], [3]]}, schema=schema)
    assert data.dtype == object
    assert data.shape == (2,)


# ----------------------------------------------------------------------------- body and keys


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "the body is not valid JSON"),
        (b"\xff\xfe", "not valid UTF-8"),
        ("[1, 2]", r'got a list \(wrap it as \{"inputs": \[...\]\}\)'),
        ("3", "got a number"),
        ("{}", "found keys: none"),
        ('{"inputs": 1, "instances": [1]}', "found keys: 'inputs', 'instances'"),
        (
            '{"inputs": 1, "param": {}}',
            r"found keys: 'inputs', 1 other key \(did you mean 'params'\?\)",
        ),
        ('{"inputs": 1, "params": [1]}', "'params' must be a JSON object"),
        ('{"instances": {"a": 1}}', "'instances' must be a list of rows"),
    ],
)
def test_client_mistakes(body: str | bytes, message: str) -> None:
    with pytest.raises(DataValidationError, match=message):
        parse_serving_input(body)


def test_inputs_only_for_type_hinted_models() -> None:
    payload = {"inputs": [{"role": "user"}], "params": {"t": 1}}
    assert parse_serving_input(payload, inputs_only=True) == ServingInput(
        [{"role": "user"}], {"t": 1}
    )
    with pytest.raises(DataValidationError, match=r"send \{\"inputs\": ...\}, not 'instances'"):
        parse_serving_input({"instances": [1]}, inputs_only=True)


# ----------------------------------------------------------------------------- CSV, content types


def test_csv_keeps_string_columns_as_text() -> None:
    body = "a,b,i\n1.5,007,3\n2,x,4\n"
    data, params = parse_serving_input(body, schema=COLUMNS, content_type="text/csv")
    assert data["b"].tolist() == ["007", "x"]
    assert data["a"].tolist() == [1.5, 2.0]
    assert data["i"].dtype == np.int32
    assert params is None


def test_empty_csv_is_a_client_error() -> None:
    with pytest.raises(DataValidationError, match="not valid CSV"):
        parse_serving_input("", content_type="text/csv")


@pytest.mark.parametrize(
    "content_type",
    ["application/json; charset=utf-8", "Application/JSON", 'application/json; charset="UTF-8"'],
)
def test_json_content_types(content_type: str) -> None:
    assert parse_serving_input('{"inputs": 1}', content_type=content_type).data == 1


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/json; charset=latin-1", "application/json; format=pandas-split"],
)
def test_unsupported_content_types(content_type: str) -> None:
    with pytest.raises(HintsigException) as info:
        parse_serving_input('{"inputs": 1}', content_type=content_type)
    assert info.value.error_code == "UNSUPPORTED_MEDIA_TYPE"
    assert not isinstance(info.value, DataValidationError)


# ----------------------------------------------------------------------------- no silent changes

FLOATS = Schema([ColSpec(DataType.float, "x"), ColSpec(DataType.double, "y")])
FLOAT_TENSOR = Schema([TensorSpec(np.dtype(np.float32), (-1, 2))])


@pytest.mark.parametrize("key", ["inputs", "instances"])
@pytest.mark.parametrize("big", [1e39, -3.5e38, 1.5e300])
def test_numbers_beyond_float32_are_refused_not_made_infinite(key: str, big: float) -> None:
    with pytest.raises(DataValidationError) as caught:
        parse_serving_input(json.dumps({key: [[1.0, big]]}), schema=FLOAT_TENSOR)
    assert caught.value.errors == [(key, "numbers out of the range of float32")]


def test_numbers_within_float32_still_convert() -> None:
    parsed = parse_serving_input(json.dumps({"inputs": [[1e38, -2.5]]}), schema=FLOAT_TENSOR)
    assert parsed.data.dtype == np.float32
    assert np.isfinite(parsed.data).all()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("x,y\n1e39,2\n", "text/csv"),
        (json.dumps({"dataframe_records": [{"x": 1e39, "y": 2.0}]}), "application/json"),
    ],
)
def test_float_columns_out_of_range_stay_wide_for_enforcement(body: str, content_type: str) -> None:
    from hintsig.models.enforcement import enforce_schema

    frame = parse_serving_input(body, schema=FLOATS, content_type=content_type).data
    assert frame["x"].dtype == np.float64 and frame["x"].iloc[0] == 1e39
    with pytest.raises(DataValidationError) as caught:
        enforce_schema(frame, FLOATS)
    assert [path for path, _ in caught.value.errors] == ["column 'x'"]


@pytest.mark.parametrize(
    ("body", "content_type", "where"),
    [
        ("x,y,x\n1,2,3\n", "text/csv", "the CSV header"),
        (
            json.dumps({"dataframe_split": {"columns": ["x", "y", "x"], "data": [[1, 2, 3]]}}),
            "application/json",
            "'dataframe_split.columns'",
        ),
    ],
)
def test_a_column_named_twice_is_refused(body: str, content_type: str, where: str) -> None:
    with pytest.raises(DataValidationError, match=f"{where} names a column more than once: 'x'"):
        parse_serving_input(body, schema=FLOATS, content_type=content_type)


def test_the_keys_listed_in_an_error_are_capped() -> None:
    body = json.dumps({f"key{i}" + "k" * 100: i for i in range(50)})
    with pytest.raises(DataValidationError) as caught:
        parse_serving_input(body, schema=FLOATS)
    message = caught.value.message
    assert message.endswith("found keys: 50 other keys")  # a key may be data: not repeated
    assert "key1" not in message and len(message) < 1000
