"""Tests of hintsig.models.enforcement: column schemas, tensor schemas and params."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import numpy as np
import pandas as pd
import pytest

from hintsig.exceptions import DataValidationError, SchemaDefinitionError
from hintsig.models._column_casts import SAFE_CASTS
from hintsig.models._enforce_columns import (
    _plain,
    column_dtypes,
    column_values,
    compile_columns,
    enforce_columns,
)
from hintsig.models.enforcement import enforce_params, enforce_schema, validate_schema
from hintsig.types.schema import (
    AnyType,
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

D = DataType


def errors_of(data: Any, schema: Schema) -> list[tuple[str, str]]:
    with pytest.raises(DataValidationError) as info:
        enforce_schema(data, schema)
    return info.value.errors


def one_column(dtype: Any, name: str = "a", required: bool = True) -> Schema:
    return Schema([ColSpec(dtype, name, required)])


def column_frame(values: Any) -> pd.DataFrame:
    """A one-column frame keeping the values' dtype (pandas would infer `str` from objects)."""
    frame: pd.DataFrame = pd.DataFrame(
        {"a": pd.Series(values, dtype=getattr(values, "dtype", None))}
    )
    return frame


# ----------------------------------------------------------------------------- the cast table

# (column values, DataType, dtype of the result; None when the column is refused)
CASTS: list[tuple[Any, DataType, str | None]] = [
    # integers: widening only
    (np.array([1], np.int8), D.integer, "int32"),
    (np.array([1], np.int16), D.integer, "int32"),
    (np.array([1], np.int32), D.integer, "int32"),
    (np.array([1], np.uint16), D.integer, "int32"),
    (np.array([1], np.int64), D.integer, None),
    (np.array([1], np.uint32), D.integer, None),
    (np.array([1], np.int8), D.long, "int64"),
    (np.array([1], np.int32), D.long, "int64"),
    (np.array([1], np.int64), D.long, "int64"),
    (np.array([1], np.uint32), D.long, "int64"),
    (np.array([1], np.uint64), D.long, None),
    # integer -> double; wider integers -> float/double when every value is exact (as MLflow
    # casts a one-row column)
    (np.array([1], np.int32), D.double, "float64"),
    (np.array([1], np.uint32), D.double, "float64"),
    (np.array([1], np.int64), D.double, "float64"),
    (np.array([1], np.int32), D.float, "float32"),
    (np.array([2**53 + 1], np.int64), D.double, None),
    (np.array([2**24 + 1], np.int64), D.float, None),
    # floats: widening only, never to an integer type
    (np.array([1.5], np.float16), D.float, "float32"),
    (np.array([1.5], np.float32), D.float, "float32"),
    (np.array([1.5], np.float64), D.float, None),
    (np.array([1.5], np.float32), D.double, "float64"),
    (np.array([1.5], np.float64), D.double, "float64"),
    (np.array([1.0], np.float64), D.long, None),
    (np.array([1.0], np.float64), D.integer, None),
    # booleans are not numbers
    (np.array([True]), D.boolean, "bool"),
    (np.array([True]), D.long, None),
    (np.array([1], np.int64), D.boolean, None),
    # text is never parsed as a number, bytes or a boolean
    (pd.array(["1"], dtype="str"), D.string, "str"),
    (pd.array(["1"], dtype="str"), D.double, None),
    (pd.array(["1"], dtype="str"), D.long, None),
    (pd.array(["1"], dtype="str"), D.binary, "str"),  # MLflow passes text on as binary
    (np.array(["x"], dtype=object), D.string, "object"),
    (np.array([b"x"], dtype=object), D.binary, "object"),
    (np.array([1.5], np.float64), D.string, None),
    # datetimes of any unit, as nanoseconds (the unit MLflow hands the model)
    (np.array(["2024-01-02"], "datetime64[s]"), D.datetime, "datetime64[ns]"),
    (np.array(["2024-01-02"], "datetime64[us]"), D.datetime, "datetime64[ns]"),
    (np.array(["2024-01-02"], "datetime64[ns]"), D.datetime, "datetime64[ns]"),
    (pd.array(pd.to_datetime(["2024-01-02"]).tz_localize("UTC")), D.datetime, None),
    (np.array(["2024-01-02"], "datetime64[ns]"), D.long, None),
    # dtypes that never fit
    (pd.Categorical(["x"]), D.string, None),
]


@pytest.mark.parametrize(("values", "data_type", "expected"), CASTS)
def test_column_casts(values: Any, data_type: DataType, expected: str | None) -> None:
    frame = column_frame(values)
    if expected is None:
        [(path, message)] = errors_of(frame, one_column(data_type))
        assert path == "column 'a'"
        assert message.startswith(f"expected {data_type.name}, got {frame['a'].dtype}")
    else:
        assert str(enforce_schema(frame, one_column(data_type))["a"].dtype) == expected


def test_cast_table_covers_every_data_type() -> None:
    assert set(SAFE_CASTS) == set(DataType)


def test_refused_numeric_cast_says_only_lossless_casts_apply() -> None:
    [(_, message)] = errors_of(pd.DataFrame({"a": [1.5]}), one_column("float"))
    assert message == (
        "expected float, got float64: only lossless casts are applied (integer widening, "
        "integer to double, float to double); astype(...) the column, or change the schema"
    )


@pytest.mark.parametrize(
    ("values", "data_type", "dtype"),
    [
        ([1, 2], "double", "float64"),
        ([1, -(2**24)], "float", "float32"),
        ([2**53], "double", "float64"),
    ],
)
def test_integers_reach_a_float_column_as_floats_when_exact(
    values: list[int], data_type: str, dtype: str
) -> None:
    """MLflow casts a one-row int64 column to float/double; hintsig casts any int column whose
    values the float type holds exactly (lenient), and refuses one it would round."""
    column = enforce_schema(pd.DataFrame({"a": values}), one_column(data_type))["a"]
    assert str(column.dtype) == dtype
    assert column.tolist() == [float(v) for v in values]


@pytest.mark.parametrize(("value", "data_type"), [(2**53 + 1, "double"), (2**24 + 1, "float")])
def test_integers_a_float_type_would_round_are_refused(value: int, data_type: str) -> None:
    [(path, message)] = errors_of(pd.DataFrame({"a": [value, 1]}), one_column(data_type))
    assert path == "column 'a'"
    assert message.startswith(f"expected {data_type}, got int64 values that {data_type} cannot")
    assert str(value) not in message


@pytest.mark.parametrize(
    ("values", "data_type", "dtype"),
    [(["1.5", "secret"], "double", "str"), ([1.25, 2.5], "long", "float64")],
)
def test_unsafe_cast_message_says_what_to_do_without_values(
    values: list[Any], data_type: str, dtype: str
) -> None:
    frame = pd.DataFrame({"a": pd.Series(values, dtype=dtype)})
    [(_, message)] = errors_of(frame, one_column(data_type))
    assert message.startswith(f"expected {data_type}, got {frame['a'].dtype}")
    assert message.endswith("astype(...) the column, or change the schema")
    assert not any(str(value) in message for value in values)


# ----------------------------------------------------------------------------- DataFrames

SCHEMA = Schema(
    [
        ColSpec("double", "x"),
        ColSpec("long", "n"),
        ColSpec("string", "s"),
        ColSpec("boolean", "b", required=False),
    ]
)


def frame_of(**columns: Any) -> pd.DataFrame:
    frame: pd.DataFrame = pd.DataFrame(columns)
    return frame


def shares_data(left: pd.Series, right: pd.Series) -> bool:
    """Whether two columns hold the same memory, for numpy- and Arrow-backed data alike."""
    a, b = left.array, right.array
    if hasattr(a, "__arrow_array__") and hasattr(b, "__arrow_array__"):
        buffers = [
            [
                buf.address
                for chunk in arr.__arrow_array__().chunks
                for buf in chunk.buffers()
                if buf
            ]
            for arr in (a, b)
        ]
        return buffers[0] == buffers[1]
    return bool(np.shares_memory(left.to_numpy(), right.to_numpy()))


def test_frame_that_fits_reuses_every_column() -> None:
    frame = frame_of(x=[1.5, 2.5], n=[1, 2], s=["a", "b"], b=[True, False])
    out = enforce_schema(frame, SCHEMA)
    assert out is not frame
    pd.testing.assert_frame_equal(out, frame)
    for name in frame.columns:
        assert shares_data(out[name], frame[name])


def test_only_the_cast_columns_are_new_and_the_input_is_untouched() -> None:
    frame = frame_of(x=np.array([1, 2], np.int32), n=np.array([3, 4], np.int32), s=["a", "b"])
    out = enforce_schema(frame, SCHEMA)
    assert out.dtypes.astype(str).tolist() == ["float64", "int64", "str"]
    assert out["x"].tolist() == [1.0, 2.0]
    assert frame.dtypes.astype(str).tolist() == ["int32", "int32", "str"]
    assert shares_data(out["s"], frame["s"])


def test_columns_are_reordered_and_extra_columns_dropped(caplog: pytest.LogCaptureFixture) -> None:
    frame = frame_of(extra=[0, 0], s=["a", "b"], n=np.array([1, 2], np.int16), x=[1.0, 2.0])
    with caplog.at_level(logging.DEBUG, logger="hintsig.models.enforcement"):
        out = enforce_schema(frame, SCHEMA)
    assert out.columns.tolist() == ["x", "n", "s"]
    assert out["n"].dtype == np.int64
    assert np.shares_memory(out["x"].to_numpy(), frame["x"].to_numpy())
    assert "'extra'" in caplog.text


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["x", "n", "s", "extra"], ["x", "n", "s"]),  # extras at the end: a view
        (["extra", "x", "n", "s"], ["x", "n", "s"]),  # extras in between: dropped
        (["x", "n", "s", "b"], ["x", "n", "s", "b"]),
        (["b", "s", "n", "x"], ["x", "n", "s", "b"]),  # reversed
    ],
)
@pytest.mark.parametrize("n_dtype", [np.int64, np.int32])
def test_result_columns_follow_the_schema(
    columns: list[str], expected: list[str], n_dtype: Any
) -> None:
    values = {"x": [1.0], "n": np.array([1], n_dtype), "s": ["a"], "b": [True], "extra": [0]}
    frame = pd.DataFrame({c: values[c] for c in columns}, index=[7])
    out = enforce_schema(frame, SCHEMA)
    assert out.columns.tolist() == expected
    assert out.index.tolist() == [7]
    assert out["n"].dtype == np.int64
    assert np.shares_memory(out["x"].to_numpy(), frame["x"].to_numpy())


@pytest.mark.parametrize("rows", [2, 2_000])  # short new columns go in bare, long ones as Series
@pytest.mark.parametrize("columns", [["x", "n"], ["n", "x"], ["n", "extra", "x"]])
def test_cast_columns_keep_the_frames_index(columns: list[str], rows: int) -> None:
    values = {
        "x": np.arange(rows, dtype=np.int32),
        "n": np.arange(rows, dtype=np.int16),
        "extra": np.zeros(rows),
    }
    index = pd.RangeIndex(rows).to_numpy()[::-1] + 5
    frame = pd.DataFrame({c: values[c] for c in columns}, index=index)
    out = enforce_schema(frame, Schema([ColSpec("double", "x"), ColSpec("long", "n")]))
    assert out.columns.tolist() == ["x", "n"]
    assert out.dtypes.astype(str).tolist() == ["float64", "int64"]
    assert out.index.tolist() == index.tolist()
    assert out["n"].tolist() == list(range(rows))


def test_all_missing_required_columns_are_listed_at_once() -> None:
    assert errors_of(frame_of(b=[True]), SCHEMA) == [
        ("column 'x'", "required column (double) is missing"),
        ("column 'n'", "required column (long) is missing"),
        ("column 's'", "required column (string) is missing"),
    ]


def test_every_problem_is_reported_together() -> None:
    frame = frame_of(x=["1.5"], n=[1.5], b=[1])
    assert [path for path, _ in errors_of(frame, SCHEMA)] == [
        "column 's'",
        "column 'x'",
        "column 'n'",
        "column 'b'",
    ]


def test_empty_frames() -> None:
    frame = pd.DataFrame({"x": pd.Series([], dtype=float), "n": pd.Series([], dtype=object)})
    frame["s"] = pd.Series([], dtype="str")
    out = enforce_schema(frame, SCHEMA)
    assert out.dtypes.astype(str).tolist() == ["float64", "int64", "str"]
    assert len(out) == 0


def test_optional_column_may_be_missing() -> None:
    out = enforce_schema(frame_of(x=[1.0], n=[1], s=["a"]), SCHEMA)
    assert out.columns.tolist() == ["x", "n", "s"]


def test_duplicate_schema_column_is_an_error() -> None:
    frame = pd.DataFrame([[1.0, 2.0]], columns=["a", "a"])
    assert errors_of(frame, one_column("double")) == [("column 'a'", "appears more than once")]


def test_messages_never_echo_values() -> None:
    frame = frame_of(x=["top-secret"], n=["hunter2"], s=[1])
    with pytest.raises(DataValidationError) as info:
        enforce_schema(frame, SCHEMA)
    assert "top-secret" not in str(info.value) and "hunter2" not in str(info.value)


# ----------------------------------------------------------------------------- missing values

NAN_FIX = "declare the column as 'double' in the signature"


@pytest.mark.parametrize(
    "values",
    [
        [1.0, np.nan],  # an int column that met a NaN: float64
        pd.array([1, None], dtype="Int64"),  # nullable integers
        [1, None],  # a Python list with None (object column)
        np.array([1, None], dtype=object),
    ],
)
def test_missing_values_in_an_integer_column_explain_the_fix(values: Any) -> None:
    [(path, message)] = errors_of(column_frame(values), one_column("long"))
    assert path == "column 'a'"
    assert message.startswith("expected long, got")
    assert NAN_FIX in message


def test_a_float_column_for_long_without_missing_values_gets_no_nan_hint() -> None:
    [(_, message)] = errors_of(frame_of(a=[1.5, np.nan]), one_column("long"))
    assert NAN_FIX not in message
    [(_, message)] = errors_of(frame_of(a=[1.0, 2.0]), one_column("long"))
    assert NAN_FIX not in message


@pytest.mark.parametrize(
    ("values", "data_type", "dtype", "expected"),
    [
        (pd.array([1, 2], dtype="Int64"), "long", "int64", [1, 2]),
        (pd.array([1, 2], dtype="Int16"), "integer", "int32", [1, 2]),
        (pd.array([1, None], dtype="Int32"), "double", "float64", [1.0, None]),
        (pd.array([1.5, None], dtype="Float64"), "double", "float64", [1.5, None]),
        (pd.array([1.5, None], dtype="Float32"), "float", "float32", [1.5, None]),
        (pd.array([True, False], dtype="boolean"), "boolean", "bool", [True, False]),
        (pd.array([True, None], dtype="boolean"), "boolean", "boolean", [True, None]),
        (np.array([True, None], dtype=object), "boolean", "object", [True, None]),  # as MLflow
        (np.array([1.5, None], dtype=object), "double", "float64", [1.5, None]),
        (pd.array(["a", None], dtype="str"), "string", "str", ["a", None]),
        (np.array(["a", None], dtype=object), "string", "object", ["a", None]),
        (np.array([None, None], dtype=object), "double", "float64", [None, None]),
    ],
)
def test_nullable_and_missing_values(
    values: Any, data_type: str, dtype: str, expected: list[Any]
) -> None:
    column = enforce_schema(column_frame(values), one_column(data_type))["a"]
    assert str(column.dtype) == dtype
    assert [None if pd.isna(v) else v for v in column] == expected


def test_nullable_integers_refused_for_a_narrower_type() -> None:
    [(_, message)] = errors_of(frame_of(a=pd.array([1], dtype="Int64")), one_column("integer"))
    assert message.startswith("expected integer, got Int64")


# ----------------------------------------------------------------------------- Python values


@pytest.mark.parametrize(
    ("values", "data_type", "dtype", "expected"),
    [
        ([1, 2], "double", "float64", [1.0, 2.0]),  # an int fits double (validate_scalar)
        ([1, 2.5], "double", "float64", [1.0, 2.5]),
        ([1.5], "float", "float32", [1.5]),
        ([1, 2], "integer", "int32", [1, 2]),
        ([2**40], "long", "int64", [2**40]),
        ([True, False], "boolean", "bool", [True, False]),
        (["a", "b"], "string", "str", ["a", "b"]),  # pandas' own text dtype, as DataFrame() gives
        ([b"a"], "binary", "object", [b"a"]),
        ([np.int16(3), 4], "long", "int64", [3, 4]),
    ],
)
def test_python_values_are_judged_by_value(
    values: list[Any], data_type: str, dtype: str, expected: list[Any]
) -> None:
    column = enforce_schema({"a": values}, one_column(data_type))["a"]
    assert str(column.dtype) == dtype
    assert column.tolist() == expected


@pytest.mark.parametrize(
    ("values", "data_type", "expected"),
    [
        ([2**31], "integer", [("column 'a'", "expected integer, got an int out of its range")]),
        ([2**70], "long", [("column 'a'[0]", "expected long, got an int out of its range")]),
        ([1.5], "long", [("column 'a'", "expected long, got float")]),
        ([1, 2.0], "long", [("column 'a'", "expected long, got float")]),  # a float among ints
        ([True], "long", [("column 'a'", "expected long, got bool")]),
        (["1"], "double", [("column 'a'", "expected double, got str")]),
        ([1], "string", [("column 'a'", "expected string, got int")]),
        (
            ["a", 1, "b", 2.5],
            "string",
            [
                ("column 'a'[1]", "expected string, got int"),
                ("column 'a'[3]", "expected string, got float"),
            ],
        ),
    ],
)
def test_python_values_that_do_not_fit(
    values: list[Any], data_type: str, expected: list[tuple[str, str]]
) -> None:
    assert errors_of({"a": values}, one_column(data_type)) == expected


def test_bad_rows_are_counted_after_the_first_twenty() -> None:
    errors = errors_of({"a": ["x"] + [1] * 30}, one_column("string"))
    assert [p for p, _ in errors[:2]] == ["column 'a'[1]", "column 'a'[2]"]
    assert len(errors) == 21
    assert errors[-1] == ("column 'a'", "10 more values do not fit")


# ----------------------------------------------------------------------------- datetimes


@pytest.mark.parametrize(
    "values",
    [
        ["2024-01-02", "2024-01-02T03:04:05"],
        pd.array(["2024-01-02", "2024-01-02T03:04:05"], dtype="str"),
        np.array(["2024-01-02", "2024-01-02T03:04:05"]),  # numpy '<U19'
        [dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, 3, 4, 5)],
        [pd.Timestamp("2024-01-02"), "2024-01-02T03:04:05"],
    ],
)
def test_datetimes_from_iso_strings_and_date_objects(values: Any) -> None:
    for data in ({"d": values}, pd.DataFrame({"d": values})):
        column = enforce_schema(data, one_column("datetime", "d"))["d"]
        assert column.dtype.kind == "M"
        assert column.tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-02 03:04:05")]


def test_datetime_strings_that_do_not_parse_name_their_rows() -> None:
    frame = frame_of(d=["2024-01-02", "soon", None, "2024-13-01"])
    assert errors_of(frame, one_column("datetime", "d")) == [
        ("column 'd'[1]", "expected an ISO 8601 datetime string"),
        ("column 'd'[3]", "expected an ISO 8601 datetime string"),
    ]


def test_timezone_aware_datetimes_are_refused() -> None:
    [(_, message)] = errors_of({"d": ["2024-01-02T00:00:00+01:00"]}, one_column("datetime", "d"))
    assert "timezone-aware" in message


# ----------------------------------------------------------------------------- other inputs


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        ({"x": 1.5, "n": 1, "s": "a", "ignored": [1, 2]}, 1),  # one row
        ({"x": [1.5, 2], "n": [1, 2], "s": ["a", "b"]}, 2),  # a list per column
        ({"x": np.array([1.5, 2.0]), "n": pd.Series([1, 2], index=[5, 6]), "s": ["a", "b"]}, 2),
        ([{"x": 1.5, "n": 1, "s": "a"}, {"s": "b", "n": 2, "x": 2, "extra": 0}], 2),
        ((({"x": 1.5, "n": 1, "s": "a"}),), 1),
    ],
)
def test_dicts_and_lists_of_dicts(data: Any, rows: int) -> None:
    out = enforce_schema(data, SCHEMA)
    assert out.columns.tolist() == ["x", "n", "s"]
    assert out.dtypes.astype(str).tolist() == ["float64", "int64", "str"]
    assert len(out) == rows
    assert out["x"].iloc[0] == 1.5


def test_rows_without_a_key_hold_a_missing_value() -> None:
    out = enforce_schema([{"x": 1.0, "n": 1, "s": "a"}, {"n": 2, "s": "b"}], SCHEMA)
    assert out["x"].isna().tolist() == [False, True]
    assert errors_of([{"x": 1.0, "n": 1, "s": "a"}, {"x": 2.0, "s": "b"}], SCHEMA)[0][0] == (
        "column 'n'"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"x": [1.5], "n": 1, "s": "a"},
            "a dict input holds either one value per column (one row) or one list per column "
            "(several rows); this one mixes both",
        ),
        (
            {"x": [1.5, 2.5], "n": [1], "s": ["a", "b"]},
            "the dict's columns must all be lists of one length (or all single values)",
        ),
        (5, "a single value fits a schema of one column; this one has 4"),
        (
            [1, 2],
            "a list fits a schema of one column, or must hold dicts (rows); this schema "
            "has 4 columns",
        ),
        (None, "expected a DataFrame, a dict, a list or a scalar, got None"),
        (np.zeros((1, 1, 1)), "expected a DataFrame, a dict, a list or a scalar, got ndarray"),
    ],
)
def test_inputs_that_cannot_be_read_as_columns(data: Any, expected: str) -> None:
    assert errors_of(data, SCHEMA) == [("", expected)]


def test_a_list_mixing_rows_and_other_values() -> None:
    assert errors_of([{"x": 1.0, "n": 1, "s": "a"}, 3], SCHEMA) == [
        ("[1]", "expected a dict (one row), got int")
    ]


@pytest.mark.parametrize(
    "data",
    [
        3,
        [3],
        np.array([3], dtype=np.int32),
        pd.Series([3], name="other"),
        pd.DataFrame({"n": [3]}),
        {"n": 3},
        [{"n": 3}],
    ],
)
def test_single_column_inputs(data: Any) -> None:
    out = enforce_schema(data, one_column("long", "n"))
    assert out.columns.tolist() == ["n"]
    assert out["n"].dtype == np.int64
    assert out["n"].tolist() == [3]


def test_series_for_a_wider_schema_is_read_as_its_named_column() -> None:
    out = enforce_schema(
        pd.Series([1.5], name="x"),
        Schema([ColSpec("double", "x"), ColSpec("long", "n", required=False)]),
    )
    assert out.columns.tolist() == ["x"]


# ----------------------------------------------------------------------------- unnamed columns

UNNAMED = Schema([ColSpec("double"), ColSpec("long")])


def test_unnamed_schema_matches_columns_by_position() -> None:
    frame = pd.DataFrame({"p": [1.5], "q": np.array([2], np.int32), "r": ["extra"]})
    out = enforce_schema(frame, UNNAMED)
    assert out.columns.tolist() == ["p", "q"]
    assert out["q"].dtype == np.int64


def test_unnamed_schema_accepts_a_two_dimensional_array() -> None:
    out = enforce_schema(np.array([[1.0, 2.0]]), Schema([ColSpec("double"), ColSpec("double")]))
    assert out.shape == (1, 2)


@pytest.mark.parametrize("data", [{"p": [1.5], "q": [2]}, {"p": 1.5, "q": 2}, [{"p": 1.5, "q": 2}]])
def test_unnamed_schema_reads_dicts_in_key_order(data: Any) -> None:
    out = enforce_schema(data, UNNAMED)
    assert out.columns.tolist() == ["p", "q"]
    assert out.dtypes.astype(str).tolist() == ["float64", "int64"]


@pytest.mark.parametrize("data", [pd.DataFrame({"p": [1.5]}), {"p": [1.5]}, {"p": 1.5}])
def test_unnamed_schema_with_too_few_columns(data: Any) -> None:
    assert errors_of(data, UNNAMED) == [("", "expected 2 columns, got 1")]


def test_unnamed_schema_reports_columns_by_their_label() -> None:
    frame = pd.DataFrame({"p": ["a"], "q": [1]})
    assert errors_of(frame, UNNAMED)[0][0] == "column 'p'"


# ----------------------------------------------------------------------------- composite columns

MESSAGE = Object(
    [
        Property("role", "string"),
        Property("content", "string"),
        Property("n", "long", required=False),
    ]
)
CHAT = Schema([ColSpec(Array(MESSAGE), "msgs"), ColSpec(Map("double"), "scores", required=False)])


def test_composite_columns_that_fit_are_kept_as_they_are() -> None:
    msgs = [[{"role": "user", "content": "hi"}], [{"role": "user", "content": "yo", "n": 2}]]
    frame = pd.DataFrame({"msgs": msgs, "scores": [{"a": 1.0}, None]})
    out = enforce_schema(frame, CHAT)
    assert out["msgs"].tolist() == msgs
    assert out["scores"].tolist()[0] == {"a": 1.0}


def test_composite_problems_carry_element_paths() -> None:
    data = [
        {"msgs": [{"role": "user", "content": "hi"}]},
        {
            "msgs": [{"role": "user"}, {"role": "user", "content": 3, "extra": 1}],
            "scores": {"a": "x"},
        },
        {"msgs": "hello", "scores": {"b": 1}},
        {"msgs": None},
    ]
    assert errors_of(data, CHAT) == [
        ("column 'msgs'[1][0].content", "missing required property of type string"),
        ("column 'msgs'[1][1]", "an unknown property; the properties are 'content', 'n', 'role'"),
        ("column 'msgs'[1][1].content", "expected string, got int"),
        ("column 'msgs'[2]", "expected a list, got str"),
        ("column 'msgs'[3]", "expected a list, got None"),
        ("column 'scores'[1][<key 0>]", "expected double, got str"),
    ]


def test_any_type_column_takes_anything() -> None:
    rows = [{"a": 1}, {"a": "x"}, {"a": None}, {"a": [1]}]
    assert enforce_schema(rows, one_column(AnyType()))["a"].tolist() == [1, "x", None, [1]]


def test_a_dict_of_composite_columns_only_is_one_row() -> None:
    out = enforce_schema({"a": [1, "x"]}, one_column(AnyType()))
    assert out["a"].tolist() == [[1, "x"]]


def test_array_column_from_a_single_row_dict() -> None:
    out = enforce_schema({"tags": ["a", "b"]}, one_column(Array("string"), "tags"))
    assert out["tags"].tolist() == [["a", "b"]]


def test_many_bad_composite_rows_are_counted() -> None:
    errors = errors_of(pd.DataFrame({"tags": [[1]] * 25}), one_column(Array("string"), "tags"))
    assert len(errors) == 21
    assert errors[-1] == ("column 'tags'", "5 more rows do not fit Array(string)")


# ----------------------------------------------------------------------------- tensors

IMAGES = Schema([TensorSpec(np.float32, (-1, 28, 28, 1))])


def test_a_fitting_tensor_is_returned_as_it_is() -> None:
    array = np.zeros((3, 28, 28, 1), np.float32)
    assert enforce_schema(array, IMAGES) is array


@pytest.mark.parametrize(
    ("array", "got"),
    [
        (np.zeros((3, 28, 28, 1)), "dtype float64 and shape (3, 28, 28, 1)"),
        (np.zeros((3, 28, 28), np.float32), "dtype float32 and shape (3, 28, 28)"),
        (np.zeros((3, 28, 27, 1), np.float32), "dtype float32 and shape (3, 28, 27, 1)"),
        (np.zeros((3, 28, 28, 1, 1), np.float32), "dtype float32 and shape (3, 28, 28, 1, 1)"),
        (np.zeros((3, 28, 28, 1), np.int32), "dtype int32 and shape (3, 28, 28, 1)"),
    ],
)
def test_tensor_dtype_and_shape_must_match(array: Any, got: str) -> None:
    assert errors_of(array, IMAGES) == [
        ("", f"expected dtype float32 and shape (-1, 28, 28, 1), got {got}")
    ]


@pytest.mark.parametrize("rows", [0, 1, 1000])
def test_minus_one_matches_any_size(rows: int) -> None:
    array = np.zeros((rows, 28, 28, 1), np.float32)
    assert enforce_schema(array, IMAGES) is array


def test_text_tensors_match_whatever_the_length() -> None:
    array = np.array(["a", "bcdef"])
    assert enforce_schema(array, Schema([TensorSpec(np.dtype(str), (-1,))])) is array


@pytest.mark.parametrize(
    ("data", "dtype", "shape", "expected"),
    [
        ([[1, 2], [3, 4]], np.float32, (-1, 2), np.array([[1, 2], [3, 4]], np.float32)),
        ([[1.5, 2.5]], np.float64, (-1, 2), np.array([[1.5, 2.5]])),
        ([1, 2], np.int8, (-1,), np.array([1, 2], np.int8)),
        ([True], np.bool_, (-1,), np.array([True])),
        (["a", "bc"], np.dtype(str), (-1,), np.array(["a", "bc"])),
        ([], np.int32, (-1,), np.array([], np.int32)),
    ],
)
def test_lists_are_converted_to_the_tensor_dtype(
    data: Any, dtype: Any, shape: tuple[int, ...], expected: Any
) -> None:
    out = enforce_schema(data, Schema([TensorSpec(dtype, shape)]))
    assert out.dtype == expected.dtype
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize(
    ("data", "dtype", "expected"),
    [
        ([1.5], np.int32, "expected values of dtype int32, got floats"),
        ([300], np.int8, "integers out of range for int8"),
        ([1e39], np.float32, "numbers out of range for float32"),
        ([2**200 * 1.0], np.float16, "numbers out of range for float16"),
        ([True], np.float32, "expected values of dtype float32, got booleans"),
        (["1"], np.float64, "expected values of dtype float64, got strings"),
        (
            [[1, 2], [3]],
            np.float64,
            "expected dtype float64 and shape (-1, 2), got lists of uneven lengths",
        ),
    ],
)
def test_lists_that_do_not_fit_the_tensor_dtype(data: Any, dtype: Any, expected: str) -> None:
    assert errors_of(
        data, Schema([TensorSpec(dtype, (-1, 2) if expected.endswith("lengths") else (-1,))])
    ) == [("", expected)]


def test_ragged_tensors_where_the_spec_allows_them() -> None:
    ragged = Schema([TensorSpec(np.float64, (-1, -1))])
    rows = np.empty(2, dtype=object)
    rows[0], rows[1] = np.zeros(2), np.zeros(3)
    assert enforce_schema(rows, ragged) is rows
    out = enforce_schema([[1.0, 2.0], [3.0]], ragged)
    assert out.dtype == object and [r.tolist() for r in out] == [[1.0, 2.0], [3.0]]
    anything = np.array([1, "a", None], dtype=object)
    assert enforce_schema(anything, Schema([TensorSpec(object, (-1,))])) is anything


def test_ragged_rows_are_checked() -> None:
    rows = np.empty(2, dtype=object)
    rows[0], rows[1] = np.zeros(2), np.zeros((3, 2), np.float32)
    assert errors_of(rows, Schema([TensorSpec(np.float64, (-1, -1))])) == [
        ("", "[1]: expected dtype float64 and shape (-1,), got dtype float32 and shape (3, 2)")
    ]


def test_ragged_input_is_refused_for_a_fixed_shape() -> None:
    rows = np.empty(2, dtype=object)
    rows[0], rows[1] = np.zeros(2), np.zeros(3)
    [(_, message)] = errors_of(rows, Schema([TensorSpec(np.float64, (-1, 2))]))
    assert message == "expected dtype float64 and shape (-1, 2), got dtype object and shape (2,)"


NAMED = Schema([TensorSpec(np.float32, (-1, 3), "x"), TensorSpec(np.int64, (-1,), "y")])


def test_named_tensors_by_key() -> None:
    x = np.zeros((2, 3), np.float32)
    out = enforce_schema({"y": [1, 2], "x": x, "extra": 1}, NAMED)
    assert list(out) == ["x", "y"]
    assert out["x"] is x
    assert out["y"].dtype == np.int64


def test_named_tensor_problems_are_all_listed() -> None:
    assert errors_of({"x": np.zeros((2, 4), np.float32)}, NAMED) == [
        (
            "tensor 'x'",
            "expected dtype float32 and shape (-1, 3), got dtype float32 and shape (2, 4)",
        ),
        ("tensor 'y'", "required tensor (dtype int64 and shape (-1,)) is missing"),
    ]
    assert errors_of({"x": "zeros", "y": [1.5]}, NAMED) == [
        ("tensor 'x'", "expected a numpy array, got str"),
        ("tensor 'y'", "expected values of dtype int64, got floats"),
    ]


def test_a_single_named_tensor_accepts_a_bare_array() -> None:
    array = np.zeros((2, 3), np.float32)
    out = enforce_schema(array, Schema([TensorSpec(np.float32, (-1, 3), "x")]))
    assert out == {"x": array}


@pytest.mark.parametrize(
    ("data", "schema", "expected"),
    [
        ({"x": np.zeros(2)}, IMAGES, "expected a numpy array or a list, got a dict"),
        ("pixels", IMAGES, "expected a numpy array or a list, got str"),
        (np.zeros(2), NAMED, "expected a dict of numpy arrays (one per named tensor), got ndarray"),
    ],
)
def test_tensor_inputs_of_the_wrong_kind(data: Any, schema: Schema, expected: str) -> None:
    assert errors_of(data, schema) == [("", expected)]


def test_a_sparse_matrix_for_an_unnamed_tensor() -> None:
    from scipy.sparse import csr_matrix

    matrix = csr_matrix(np.eye(3, dtype=np.float32))
    assert enforce_schema(matrix, Schema([TensorSpec(np.float32, (-1, 3))])) is matrix
    [(_, message)] = errors_of(matrix, Schema([TensorSpec(np.float64, (-1, 3))]))
    assert message == "expected dtype float64 and shape (-1, 3), got dtype float32 and shape (3, 3)"


def test_a_dataframe_for_an_unnamed_tensor() -> None:
    frame = pd.DataFrame({"a": [1.0], "b": [2.0]})
    out = enforce_schema(frame, Schema([TensorSpec(np.float64, (-1, 2))]))
    np.testing.assert_array_equal(out, [[1.0, 2.0]])


# ----------------------------------------------------------------------------- the fast path

FAST = Schema(
    [
        ColSpec("double", "x"),
        ColSpec("long", "n"),
        ColSpec("string", "s"),
        ColSpec("boolean", "b", required=False),
        ColSpec("datetime", "d", required=False),
    ]
)


def layout(**dtypes: Any) -> Any:
    """A maker of two-row frames with these columns and dtypes; `seed` varies the values."""

    def make(seed: int) -> pd.DataFrame:
        values = {
            "x": [1.5 + seed, 2.5],
            "n": [3 + seed, 4],
            "s": [f"a{seed}", "b"],
            "b": [bool(seed), True],
            "d": [f"2024-01-0{1 + seed}", "2024-02-03"],
            "extra": [seed, 0],
        }
        columns = {name: pd.Series(values[name], dtype=dt) for name, dt in dtypes.items()}
        frame: pd.DataFrame = pd.DataFrame(columns)
        return frame

    return make


EXACT = {"x": "float64", "n": "int64", "s": "str", "b": "bool", "d": "datetime64[ns]"}

# (frame maker, True when the dtypes are remembered: the second frame takes the fast path)
FAST_CASES = [
    pytest.param(layout(**EXACT), True, id="exact dtypes"),
    pytest.param(layout(**{**EXACT, "s": "string"}), True, id="text as string[pyarrow]"),
    pytest.param(layout(**{**EXACT, "d": "datetime64[s]"}), False, id="another datetime unit"),
    pytest.param(layout(**{**EXACT, "n": "int32"}), False, id="a column to cast"),
    pytest.param(layout(**EXACT, extra="int64"), False, id="an extra column"),
    pytest.param(layout(extra="int64", **EXACT), False, id="an extra column first"),
    pytest.param(
        layout(x="float64", n="int64", s="str", d="datetime64[ns]"), False, id="optional missing"
    ),
    pytest.param(layout(**dict(reversed(EXACT.items()))), False, id="reordered"),
    pytest.param(layout(**{**EXACT, "s": "object"}), False, id="object strings"),
    pytest.param(layout(**{**EXACT, "s": "string"}), True, id="nullable string dtype"),
    pytest.param(layout(**{**EXACT, "n": "Int64"}), False, id="nullable integers"),
    pytest.param(layout(**{**EXACT, "b": "boolean"}), False, id="nullable booleans"),
    pytest.param(layout(**{**EXACT, "d": "str"}), False, id="ISO datetime strings"),
]


def shared_columns(out: pd.DataFrame, frame: pd.DataFrame) -> list[bool]:
    """For each numpy-backed column of `out`, whether it shares memory with the input's."""
    return [
        np.shares_memory(out[name].to_numpy(), frame[name].to_numpy())
        for name in out.columns
        if isinstance(out[name].dtype, np.dtype) and out[name].dtype.kind != "O"
    ]


@pytest.mark.parametrize(("make", "remembered"), FAST_CASES)
def test_the_fast_path_gives_what_the_full_path_gives(make: Any, remembered: bool) -> None:
    plan = compile_columns(FAST)
    enforce_columns(make(0), plan)
    assert bool(plan.fitting) is remembered
    frame = make(1)  # the same layout, other values
    fast = enforce_columns(frame, plan)
    full = enforce_columns(frame, compile_columns(FAST))  # a new plan remembers nothing
    pd.testing.assert_frame_equal(fast, full)
    assert fast is not frame
    assert shared_columns(fast, frame) == shared_columns(full, frame)


def test_the_fast_path_still_refuses_what_does_not_fit() -> None:
    plan = compile_columns(FAST)
    make = layout(**EXACT)
    enforce_columns(make(0), plan)
    assert plan.fitting
    with pytest.raises(DataValidationError) as info:
        enforce_columns(layout(**{**EXACT, "n": "float64"})(0), plan)
    assert [path for path, _ in info.value.errors] == ["column 'n'"]
    with pytest.raises(DataValidationError, match="column 'x'"):
        enforce_columns(make(0).drop(columns="x"), plan)


def test_a_plan_keeps_a_few_fitting_dtype_lists() -> None:
    plan = compile_columns(FAST)
    python_str = pd.StringDtype("python", na_value=np.nan)
    python_string = pd.StringDtype("python")
    for text in ("str", "string", python_str, "str"):
        enforce_columns(layout(**{**EXACT, "s": text})(0), plan)
    assert len(plan.fitting) == 3
    enforce_columns(layout(**{**EXACT, "s": python_string})(0), plan)
    enforce_columns(layout(**{**EXACT, "s": "string"})(0), plan)  # already known: kept once
    assert [dtypes[2] for dtypes in plan.fitting] == [
        pd.StringDtype(na_value=np.nan),
        pd.StringDtype(),
        python_str,
        python_string,
    ]


def test_composite_columns_are_always_checked() -> None:
    plan = compile_columns(CHAT)
    frame = pd.DataFrame({"msgs": [[{"role": "user", "content": "hi"}]]})
    enforce_columns(frame, plan)
    assert plan.fitting == []
    with pytest.raises(DataValidationError, match=r"column 'msgs'\[0\]"):
        enforce_columns(pd.DataFrame({"msgs": [[{"role": "user"}]]}), plan)


@pytest.mark.parametrize(
    "make",
    [
        layout(**EXACT),
        layout(**{**EXACT, "n": "int32"}),
        layout(**{**EXACT, "s": "object"}),
        layout(**{**EXACT, "b": "boolean"}),
        layout(**{**EXACT, "d": "str"}),
        layout(**dict(reversed(EXACT.items()))),
        lambda seed: frame_of(x=[1.0, 2.0], n=[1, 2], s=["a", "b"], b=pd.array([True, None])),
    ],
    ids=["exact", "cast", "object strings", "booleans", "ISO strings", "reordered", "NA"],
)
def test_writing_into_the_result_never_changes_the_input(make: Any) -> None:
    frame = make(0)
    before = frame.copy(deep=True)
    for _ in range(2):  # the second call takes the fast path where there is one
        out = enforce_schema(frame, FAST)
        for i in range(out.shape[1]):
            out.iloc[0, i] = out.iloc[1, i]
        out["x"] = 0.0
    pd.testing.assert_frame_equal(frame, before)


FRAMES_OF_EVERY_KIND = [
    pd.DataFrame(),
    pd.DataFrame({"a": pd.Series([], dtype="float32")}),
    layout(**EXACT, extra="Int64")(0),
    pd.DataFrame(np.zeros((2, 3)), columns=["a", "a", "b"]),  # one block, repeated labels
    pd.DataFrame(
        {
            "c": pd.Categorical(["x", "y"]),
            "t": pd.to_datetime(["2024-01-01", "2024-01-02"]).tz_localize("UTC"),
            "f": pd.array([1.5, None], dtype="Float32"),
            "o": [b"a", None],
            "u": np.array([1, 2], np.uint16),
        }
    ),
]


@pytest.mark.parametrize("frame", FRAMES_OF_EVERY_KIND)
def test_column_dtypes_and_values_agree_with_pandas_public_api(frame: pd.DataFrame) -> None:
    assert column_dtypes(frame) == frame.dtypes.tolist()
    for i in range(frame.shape[1]):
        values = column_values(frame, i)
        assert values.dtype == frame.dtypes.iloc[i]
        np.testing.assert_array_equal(np.asarray(values), frame.iloc[:, i].to_numpy())


class WithoutInternals:
    """A frame seen through pandas' public API only (`dtypes`, `iloc`)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.dtypes = frame.dtypes
        self.iloc = frame.iloc


def test_column_dtypes_and_values_without_pandas_internals() -> None:
    frame = layout(**EXACT, extra="Int64")(0)
    plain: Any = WithoutInternals(frame)
    assert column_dtypes(plain) == frame.dtypes.tolist()
    assert column_values(plain, 0).tolist() == [1.5, 2.5]
    assert column_values(plain, 5).dtype == "Int64"
    assert type(column_values(plain, 5)) is type(_plain(frame["extra"]))


# ----------------------------------------------------------------------------- validate_schema


def test_validate_schema_returns_none_or_raises() -> None:
    validate_schema({"n": [1]}, one_column("long", "n"))
    with pytest.raises(DataValidationError, match="column 'n'"):
        validate_schema({"n": ["1"]}, one_column("long", "n"))


def test_equal_schemas_built_apart_behave_alike() -> None:
    first, second = one_column("long", "n"), one_column("long", "n")
    assert enforce_schema([1], first).equals(enforce_schema([1], second))


def test_a_schema_is_required() -> None:
    with pytest.raises(SchemaDefinitionError):
        enforce_schema([1], "long")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- params

PARAMS = ParamSchema(
    [
        ParamSpec("temperature", "double", 0.7),
        ParamSpec("max_tokens", "long", 256),
        ParamSpec("stop", "string", ["\n"], (-1,)),
        ParamSpec("stream", "boolean", False),
        ParamSpec("seed", "integer", None),
    ]
)
DEFAULTS = {"temperature": 0.7, "max_tokens": 256, "stop": ["\n"], "stream": False, "seed": None}


@pytest.mark.parametrize(
    ("given", "changed"),
    [
        (None, {}),
        ({}, {}),
        ({"temperature": 0.2}, {"temperature": 0.2}),
        ({"temperature": 1}, {"temperature": 1.0}),  # int -> double
        ({"max_tokens": np.int32(5)}, {"max_tokens": 5}),
        ({"stop": ("a", "b")}, {"stop": ["a", "b"]}),
        ({"stop": np.array(["a"])}, {"stop": ["a"]}),
        ({"temperature": None}, {"temperature": None}),  # an explicit None stays None
        ({"seed": 7, "stream": True}, {"seed": 7, "stream": True}),
    ],
)
def test_params_get_defaults_and_checked_values(
    given: dict[str, Any] | None, changed: dict[str, Any]
) -> None:
    out = enforce_params(given, PARAMS)
    assert out == {**DEFAULTS, **changed}
    given_names = [name for name in given or {} if name in DEFAULTS]
    # As MLflow: the params given first, in their order, then the defaults.
    assert list(out or {}) == given_names + [n for n in DEFAULTS if n not in given_names]
    assert type((out or {})["temperature"]) is type(({**DEFAULTS, **changed})["temperature"])


def test_every_bad_param_is_listed() -> None:
    given = {"temperature": [0.1], "max_tokens": 1.5, "stop": "x", "stream": 1, "seed": 2**31}
    with pytest.raises(DataValidationError) as info:
        enforce_params(given, PARAMS)
    assert info.value.errors == [
        ("param 'temperature'", "expected a scalar double, got a list"),
        ("param 'max_tokens'", "expected long, got float"),
        ("param 'stop'", "expected a list of string, got str"),
        ("param 'stream'", "expected boolean, got int"),
        ("param 'seed'", "expected integer, got an int out of its range"),
    ]


def test_params_must_be_a_dict() -> None:
    with pytest.raises(DataValidationError) as info:
        enforce_params([("temperature", 0.1)], PARAMS)  # type: ignore[arg-type]
    assert info.value.errors == [("", "expected a dict of params, got a list")]


def test_unknown_params_are_dropped_with_a_warning() -> None:
    with pytest.warns(
        UserWarning, match=r"Ignoring params not in the model's param schema: 'top_k'"
    ) as record:
        out = enforce_params({"top_k": 5, "temperature": 0.1}, PARAMS)
    assert out == {**DEFAULTS, "temperature": 0.1}
    assert record[0].filename == __file__


def test_params_for_a_model_without_params_warn_and_give_an_empty_dict() -> None:
    """As MLflow: given params are ignored with a warning and the model gets params={}."""
    with pytest.warns(UserWarning, match="has no params; ignoring the params given: 'a'") as record:
        assert enforce_params({"a": 1}, None) == {}
    assert record[0].filename == __file__
    assert enforce_params(None, None) is None
    assert enforce_params({}, None) == {}


def test_default_lists_are_copies() -> None:
    out = enforce_params(None, PARAMS)
    assert out is not None
    out["stop"].append("changed")
    assert PARAMS.get("stop").default == ["\n"]  # type: ignore[union-attr]


def test_params_come_out_given_first_and_fail_in_the_schemas_order() -> None:
    out = enforce_params({"seed": 1, "temperature": 0.5}, PARAMS)
    assert out is not None
    assert list(out) == ["seed", "temperature"] + [
        n for n in DEFAULTS if n not in ("seed", "temperature")
    ]
    with pytest.raises(DataValidationError) as info:
        enforce_params({"stream": "yes", "max_tokens": "many", "temperature": "hot"}, PARAMS)
    assert [path for path, _ in info.value.errors] == [
        "param 'temperature'",
        "param 'max_tokens'",
        "param 'stream'",
    ]


@pytest.mark.parametrize("params", [[], (), "temperature"])
def test_empty_or_odd_params_that_are_not_a_dict_are_refused(params: Any) -> None:
    with pytest.raises(DataValidationError, match="expected a dict of params"):
        enforce_params(params, PARAMS)


def test_a_given_list_param_is_not_the_default_and_defaults_stay_intact() -> None:
    given = ["x"]
    out = enforce_params({"stop": given}, PARAMS)
    assert out is not None and out["stop"] == ["x"]
    assert PARAMS.get("stop").default == ["\n"]  # type: ignore[union-attr]


def test_object_params() -> None:
    schema = ParamSchema([ParamSpec("opts", Object([Property("k", "long")]), {"k": 1})])
    assert enforce_params({"opts": {"k": 2}}, schema) == {"opts": {"k": 2}}
    out = enforce_params(None, schema)
    assert out is not None
    out["opts"]["k"] = 3
    assert schema.get("opts").default == {"k": 1}  # type: ignore[union-attr]
    with pytest.raises(DataValidationError, match="param 'opts'"):
        enforce_params({"opts": {"k": "x"}}, schema)


def test_extra_columns_are_dropped_with_a_warning_naming_them(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import pandas as pd

    from hintsig.models.enforcement import enforce_schema
    from hintsig.types.schema import ColSpec, Schema

    schema = Schema([ColSpec("long", "a")])
    with caplog.at_level("WARNING", logger="hintsig.models.enforcement"):
        out = enforce_schema(pd.DataFrame({"a": [1], "extra_col": [2]}), schema)
    assert list(out.columns) == ["a"]
    assert "extra_col" in caplog.text
