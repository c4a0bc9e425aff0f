"""Signature inference: `infer_signature`, `infer_schema`, `infer_param_schema`.

Every expected schema below is what MLflow 3.17 infers for the same data (checked in a
scratch environment), except where a comment says hintsig deliberately differs. The error
cases call `infer_schema` (or `infer_signature(strict=True)`), which raises a
`DataValidationError` naming the path; `infer_signature` itself falls back to AnyType with a
warning, as MLflow (tests/models/test_infer_fallbacks.py).
"""

from __future__ import annotations

import collections
import datetime as dt
import decimal
import json
import subprocess
import sys
from typing import Any

import numpy as np
import pandas as pd
import pydantic
import pytest
import scipy.sparse

from hintsig.exceptions import DataValidationError, HintsigException
from hintsig.models import ModelSignature, infer_signature
from hintsig.models._infer import infer_param_schema, infer_schema
from hintsig.models._infer_dicts import dict_columns
from hintsig.models._infer_values import object_array
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    DataType,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
    TensorSpec,
)

D = DataType


def col(dtype: Any, name: str | None = None, required: bool = True) -> ColSpec:
    return ColSpec(dtype, name, required)


def one(dtype: Any, name: str | None = None, required: bool = True) -> Schema:
    return Schema([ColSpec(dtype, name, required)])


def obj(*props: Property) -> Object:
    return Object(props)


def prop(name: str, dtype: Any, required: bool = True) -> Property:
    return Property(name, dtype, required)


def objects(*values: Any) -> pd.DataFrame:
    """A one-column frame (`a`) of object dtype holding exactly `values`."""
    frame: pd.DataFrame = pd.DataFrame({"a": pd.Series(list(values), dtype=object)})
    return frame


# ----------------------------------------------------------------------------- DataFrames

NUMPY_COLUMNS = [
    ("int8", D.integer),
    ("int16", D.integer),
    ("int32", D.integer),
    ("int64", D.long),
    ("uint8", D.integer),
    ("uint16", D.integer),
    ("uint32", D.long),
    ("float16", D.float),
    ("float32", D.float),
    ("float64", D.double),
    ("bool", D.boolean),
]


@pytest.mark.parametrize(("dtype", "expected"), NUMPY_COLUMNS)
def test_numpy_column_dtypes(dtype: str, expected: DataType) -> None:
    frame = pd.DataFrame({"x": np.array([1, 0], dtype=dtype)})
    assert infer_schema(frame) == one(expected, "x")


NULLABLE_COLUMNS = [
    ("Int8", 1, D.integer),
    ("Int16", 1, D.integer),
    ("Int32", 1, D.integer),
    ("Int64", 1, D.long),
    ("UInt8", 1, D.integer),
    ("UInt16", 1, D.integer),
    ("UInt32", 1, D.long),
    ("Float32", 1.5, D.float),
    ("Float64", 1.5, D.double),
    ("boolean", True, D.boolean),
    ("string", "s", D.string),
    ("str", "s", D.string),
]


@pytest.mark.parametrize(("dtype", "value", "expected"), NULLABLE_COLUMNS)
def test_extension_dtypes_are_required_when_full(
    dtype: str, value: Any, expected: DataType
) -> None:
    frame = pd.DataFrame({"x": pd.Series([value, value], dtype=dtype)})
    assert infer_schema(frame) == one(expected, "x")


@pytest.mark.parametrize(("dtype", "value", "expected"), NULLABLE_COLUMNS)
def test_extension_dtypes_with_missing_values_are_optional(
    dtype: str, value: Any, expected: DataType
) -> None:
    frame = pd.DataFrame({"x": pd.Series([value, None], dtype=dtype)})
    assert infer_schema(frame) == one(expected, "x", required=False)


DATAFRAMES = [
    pytest.param(
        pd.DataFrame({"f": [1.0, 2.0], "s": ["A", "B"], "b": [True, False]}),
        Schema([col(D.double, "f"), col(D.string, "s"), col(D.boolean, "b")]),
        id="guide-basic",
    ),
    pytest.param(
        pd.DataFrame({"required_col": [1, 2, 3], "optional_col": [1.0, None, 3.0]}),
        Schema([col(D.long, "required_col"), col(D.double, "optional_col", False)]),
        id="guide-optional",
    ),
    pytest.param(
        pd.DataFrame(
            {
                "numbers": [1, 2, 3],
                "arrays": [[1, 2], [3, 4], [5, 6]],
                "objects": [{"a": 1}, {"b": 2}, {"c": 3}],
            }
        ),
        Schema(
            [
                col(D.long, "numbers"),
                col(Array(D.long), "arrays"),
                col(
                    obj(
                        prop("a", D.long, False), prop("b", D.long, False), prop("c", D.long, False)
                    ),
                    "objects",
                ),
            ]
        ),
        id="guide-mixed",
    ),
    pytest.param(pd.DataFrame({"i": [1, 2, None]}), one(D.double, "i", False), id="int-nan"),
    pytest.param(objects("a", "b"), one(D.string, "a"), id="object-str"),
    pytest.param(objects("a", None), one(D.string, "a", False), id="object-str-none"),
    pytest.param(objects("a", float("nan")), one(D.string, "a", False), id="object-str-nan"),
    pytest.param(objects("a", pd.NA), one(D.string, "a", False), id="object-str-na"),
    pytest.param(objects(b"a", b"b"), one(D.binary, "a"), id="bytes"),
    pytest.param(objects(b"a", None), one(D.binary, "a", False), id="bytes-none"),
    pytest.param(objects(bytearray(b"a")), one(D.binary, "a"), id="bytearray"),
    pytest.param(
        pd.DataFrame({"a": pd.to_datetime(["2020-01-01", "2021-01-01"])}),
        one(D.datetime, "a"),
        id="datetime",
    ),
    pytest.param(
        pd.DataFrame({"a": pd.Series(["2020-01-01", None], dtype="datetime64[ns]")}),
        one(D.datetime, "a", False),
        id="datetime-nat",
    ),
    pytest.param(
        pd.DataFrame({"a": pd.to_datetime(["2020-01-01"]).tz_localize("UTC")}),
        one(D.datetime, "a"),
        id="datetime-tz",
    ),
    pytest.param(objects(dt.datetime(2020, 1, 1), None), one(D.datetime, "a", False), id="dt-obj"),
    pytest.param(objects(dt.date(2020, 1, 1)), one(D.datetime, "a"), id="date-obj"),
    pytest.param(objects(pd.Timestamp("2020-01-01")), one(D.datetime, "a"), id="timestamp-obj"),
    pytest.param(objects(1, None), one(D.double, "a", False), id="object-int-none"),
    pytest.param(objects(1, 2.5), one(D.double, "a"), id="object-int-float"),
    pytest.param(objects(1, 2), one(D.long, "a"), id="object-ints"),
    pytest.param(objects(2**70), one(D.long, "a"), id="object-bigint"),
    pytest.param(objects(np.int32(1), np.int32(2)), one(D.integer, "a"), id="object-np-int32"),
    pytest.param(objects(float("nan"), None), one(D.double, "a", False), id="object-nan-none"),
    pytest.param(objects(None, None), one(AnyType(), "a", False), id="all-none"),
    pytest.param(objects(True, None), one(D.boolean, "a", False), id="object-bool-none"),
    pytest.param(
        pd.DataFrame({"a": [[1, 2], [3]], "b": [["x"], []], "c": [[1.0], None]}),
        Schema(
            [
                col(Array(D.long), "a"),
                col(Array(D.string), "b"),
                col(Array(D.double), "c", False),
            ]
        ),
        id="lists",
    ),
    pytest.param(objects([1, None], [None, 2]), one(Array(D.long), "a"), id="list-none-items"),
    pytest.param(objects([None]), one(Array(AnyType()), "a"), id="list-of-none"),
    pytest.param(objects([], []), one(AnyType(), "a"), id="only-empty-lists"),
    pytest.param(objects([[1], []]), one(Array(Array(D.long)), "a"), id="nested-lists"),
    pytest.param(objects([b"x"]), one(Array(D.binary), "a"), id="list-bytes"),
    pytest.param(objects(np.array([1, 2]), np.array([3])), one(Array(D.long), "a"), id="arrays"),
    pytest.param(objects(np.zeros((2, 2))), one(Array(Array(D.double)), "a"), id="array-2d"),
    pytest.param(objects(np.array(["x", "yy"])), one(Array(D.string), "a"), id="array-str"),
    pytest.param(
        objects({"a": 1}, {"b": 2.0}),
        one(obj(prop("a", D.long, False), prop("b", D.double, False)), "a"),
        id="dicts-merge",
    ),
    pytest.param(
        objects({"a": 1}, None), one(obj(prop("a", D.long, False)), "a", False), id="dict-none"
    ),
    pytest.param(
        objects({"a": 1}, float("nan")),
        one(obj(prop("a", D.long, False)), "a", False),
        id="dict-nan",
    ),
    pytest.param(objects({"a": 1}, {}), one(obj(prop("a", D.long, False)), "a"), id="dict-empty"),
    pytest.param(
        objects({"x": 1.5}, {"x": float("nan")}),
        one(obj(prop("x", D.double, False)), "a"),
        id="dict-float-nan",
    ),
    pytest.param(  # inf - inf is NaN, but no value is
        objects({"x": 1.5}, {"x": float("inf")}, {"x": float("-inf")}),
        one(obj(prop("x", D.double)), "a"),
        id="dict-float-infinities",
    ),
    pytest.param(
        objects({"x": {"y": 1}}, {"x": {"z": "s"}}),
        one(obj(prop("x", obj(prop("y", D.long, False), prop("z", D.string, False)))), "a"),
        id="nested-dicts",
    ),
    pytest.param(
        objects([{"x": 1}], [{"x": 2, "y": "s"}]),
        one(Array(obj(prop("x", D.long), prop("y", D.string, False))), "a"),
        id="list-of-dicts",
    ),
    pytest.param(
        pd.DataFrame({"c": pd.Categorical(["a", "b"])}), one(D.string, "c"), id="categorical"
    ),
    pytest.param(
        pd.DataFrame({"c": pd.Categorical(["a", None])}),
        one(D.string, "c", False),
        id="categorical-nan",
    ),
    pytest.param(pd.DataFrame({"c": pd.Categorical([1, 2])}), one(D.long, "c"), id="cat-int"),
    pytest.param(
        pd.DataFrame({"a": pd.Series([], dtype="float64")}), one(D.double, "a"), id="no-rows"
    ),
    # MLflow writes integer column names as JSON numbers; hintsig names are strings.
    pytest.param(
        pd.DataFrame({0: [1], 1: [2.0]}),
        Schema([col(D.long, 0), col(D.double, 1)]),
        id="int-column-names",
    ),
]


@pytest.mark.parametrize(("data", "expected"), DATAFRAMES)
def test_dataframes(data: pd.DataFrame, expected: Schema) -> None:
    assert infer_schema(data) == expected


# ----------------------------------------------------------------------------- Series

SERIES = [
    pytest.param(pd.Series([1, 2], name="x"), one(D.long, "x"), id="named"),
    pytest.param(pd.Series([1.0, None], name="x"), one(D.double, "x", False), id="named-nan"),
    pytest.param(pd.Series(["a", "b"]), one(D.string), id="unnamed-str"),
    # MLflow fails on an unnamed optional column; an unnamed input is always required.
    pytest.param(pd.Series([1.0, None]), one(D.double), id="unnamed-nan"),
    pytest.param(pd.Series(np.array([1, 2], dtype="int32")), one(D.integer), id="int32"),
    pytest.param(
        pd.Series([{"a": 1}, {"a": 2}], name="s"), one(obj(prop("a", D.long)), "s"), id="dicts"
    ),
]


@pytest.mark.parametrize(("data", "expected"), SERIES)
def test_series(data: pd.Series[Any], expected: Schema) -> None:
    assert infer_schema(data) == expected


# ----------------------------------------------------------------------------- plain values

VALUES = [
    pytest.param(
        {"name": "Alice", "age": 30, "active": True},
        Schema([col(D.string, "name"), col(D.long, "age"), col(D.boolean, "active")]),
        id="dict-scalars",
    ),
    pytest.param(
        {"a": [1, 2], "b": ["x", "y"]},
        Schema([col(Array(D.long), "a"), col(Array(D.string), "b")]),
        id="dict-lists",
    ),
    pytest.param(
        {"a": None, "b": 1}, Schema([col(AnyType(), "a", False), col(D.long, "b")]), id="dict-none"
    ),
    pytest.param({"a": []}, one(AnyType(), "a"), id="dict-empty-list"),
    pytest.param({"a": {}}, one(AnyType(), "a"), id="dict-empty-dict"),
    # MLflow: a list value holding a missing value makes the column optional.
    pytest.param({"a": [None, None]}, one(Array(AnyType()), "a", False), id="dict-list-none"),
    pytest.param({"a": [1.0, float("nan")]}, one(Array(D.double), "a", False), id="list-nan"),
    # ... but only a Python float NaN or None: numpy NaN and NaT leave the column required.
    pytest.param(
        {"a": [np.float32("nan"), np.float32(1)]}, one(Array(D.float), "a"), id="list-f32-nan"
    ),
    pytest.param(
        {"a": [np.datetime64("NaT"), np.datetime64("2020-01-01")]},
        one(Array(D.datetime), "a"),
        id="list-nat",
    ),
    pytest.param({"a": {"b": None}}, one(obj(prop("b", AnyType(), False)), "a"), id="nested-none"),
    pytest.param(
        {"a": np.zeros(3), "b": 1},
        Schema([col(Array(D.double), "a"), col(D.long, "b")]),
        id="dict-array-and-scalar",
    ),
    pytest.param(
        {"a": np.int32(1), "b": np.float32(1), "c": np.int64(1), "d": np.bool_(1), "e": 2.0},
        Schema(
            [
                col(D.integer, "a"),
                col(D.float, "b"),
                col(D.long, "c"),
                col(D.boolean, "d"),
                col(D.double, "e"),
            ]
        ),
        id="numpy-scalars",
    ),
    pytest.param({"a": b"x"}, one(D.binary, "a"), id="dict-bytes"),
    pytest.param({"a": dt.datetime(2020, 1, 1)}, one(D.datetime, "a"), id="dict-datetime"),
    pytest.param(
        collections.OrderedDict(a=collections.OrderedDict(b=1)),
        one(obj(prop("b", D.long)), "a"),
        id="dict-subclasses",
    ),
    pytest.param(
        [{"name": "Alice", "email": "alice@example.com"}, {"name": "Bob", "email": None}],
        Schema([col(D.string, "name"), col(D.string, "email", False)]),
        id="guide-records-none",
    ),
    pytest.param(
        [{"name": "Alice", "message": "Hello"}, {"message": "Hi there"}],
        Schema([col(D.string, "name", False), col(D.string, "message")]),
        id="guide-records-missing-key",
    ),
    pytest.param(
        [{"a": {"b": 1}}, {"a": {"c": "x"}}],
        one(obj(prop("b", D.long, False), prop("c", D.string, False)), "a"),
        id="records-nested-merge",
    ),
    pytest.param([{"a": None}, {"a": 1}], one(D.long, "a", False), id="records-none-then-long"),
    pytest.param(
        [{"a": {"x": 1}}, {"a": None}],
        one(obj(prop("x", D.long, False)), "a", False),
        id="records-none-object",
    ),
    # An absent key makes the column optional but leaves its object's properties alone.
    pytest.param(
        [{"a": {"x": 1}}, {"b": 1}],
        Schema([col(obj(prop("x", D.long)), "a", False), col(D.long, "b", False)]),
        id="records-absent-object",
    ),
    # MLflow counts only None as missing in records: a NaN value is given.
    pytest.param([{"a": float("nan")}], one(AnyType(), "a"), id="records-nan"),
    pytest.param([{"a": [1]}, {"a": []}], one(Array(D.long), "a"), id="records-lists"),
    pytest.param(
        [[{"a": 1}], [{"b": 2}]],
        one(Array(obj(prop("a", D.long, False), prop("b", D.long, False)))),
        id="list-of-lists-of-dicts",
    ),
    pytest.param(["a", "b"], one(D.string), id="list-str"),
    pytest.param([1, 2], one(D.long), id="list-int"),
    pytest.param([1, np.int64(2)], one(D.long), id="list-int-np-int64"),
    pytest.param([1.0, 2.0], one(D.double), id="list-float"),
    pytest.param(["a", None], one(D.string), id="list-str-none"),
    pytest.param([None], one(AnyType()), id="list-none"),
    pytest.param([b"a"], one(D.binary), id="list-bytes"),
    pytest.param([[1, 2], [3]], one(Array(D.long)), id="list-lists"),
    pytest.param([np.zeros(2), np.zeros(2)], one(Array(D.double)), id="list-arrays"),
    pytest.param([np.datetime64("2020-01-01")], one(D.datetime), id="list-datetime64"),
    pytest.param([], one(D.string), id="empty-list"),
    pytest.param([{"a": 1}, None], one(obj(prop("a", D.long, False))), id="list-dict-none"),
    pytest.param("What is the capital of France?", one(D.string), id="str"),
    pytest.param(3, one(D.long), id="int"),
    pytest.param(1.5, one(D.double), id="float"),
    pytest.param(True, one(D.boolean), id="bool"),
    pytest.param(b"abc", one(D.binary), id="bytes"),
    pytest.param(dt.datetime(2020, 1, 1), one(D.datetime), id="datetime"),
    pytest.param(dt.date(2020, 1, 1), one(D.datetime), id="date"),
    # A pandas Timestamp outside a frame column: tests/models/test_infer_fallbacks.py.
    pytest.param(np.int32(3), one(D.integer), id="np-int32"),
    pytest.param(np.int16(3), one(D.integer), id="np-int16"),
    pytest.param(np.float32(3), one(D.float), id="np-float32"),
    pytest.param(np.str_("x"), one(D.string), id="np-str"),
    pytest.param(float("nan"), one(AnyType()), id="nan"),
]


@pytest.mark.parametrize(("data", "expected"), VALUES)
def test_plain_values(data: Any, expected: Schema) -> None:
    assert infer_schema(data) == expected


# ----------------------------------------------------------------------------- tensors

TENSORS = [
    pytest.param(np.array([[1, 2, 3], [4, 5, 6]]), [("int64", (-1, 3))], id="guide-2d"),
    pytest.param(np.zeros((10, 28, 28, 1), np.uint8), [("uint8", (-1, 28, 28, 1))], id="image"),
    pytest.param(np.zeros((2, 3), np.float16), [("float16", (-1, 3))], id="float16"),
    pytest.param(np.zeros(2, bool), [("bool", (-1,))], id="bool"),
    pytest.param(np.array(["a", "bb"]), [("str", (-1,))], id="str"),
    pytest.param(np.array([b"a", b"bb"]), [("bytes", (-1,))], id="bytes"),
    pytest.param(np.array(["a", 1], dtype=object), [("object", (-1,))], id="object"),
    pytest.param(np.array(["2020-01-01"], "datetime64[D]"), [("datetime64[D]", (-1,))], id="dt"),
    pytest.param(np.array([1], "timedelta64[s]"), [("timedelta64[s]", (-1,))], id="timedelta"),
    pytest.param(np.zeros(2, np.complex128), [("complex128", (-1,))], id="complex"),
    pytest.param(np.zeros((0, 3)), [("float64", (-1, 3))], id="no-rows"),
    pytest.param(scipy.sparse.csr_matrix([[1, 0, 2], [0, 0, 3]]), [("int64", (-1, 3))], id="csr"),
    pytest.param(scipy.sparse.csc_matrix(np.zeros((2, 3), np.float32)), [("float32", (-1, 3))]),
    # MLflow only knows the matrix classes; the newer sparse arrays work the same.
    pytest.param(scipy.sparse.csr_array([[1.0, 0.0]]), [("float64", (-1, 2))], id="csr-array"),
]


@pytest.mark.parametrize(("data", "expected"), TENSORS)
def test_tensors(data: Any, expected: list[tuple[str, tuple[int, ...]]]) -> None:
    schema = infer_schema(data)
    assert schema == Schema([TensorSpec(np.dtype(t), shape) for t, shape in expected])
    assert schema.is_tensor_spec()


def test_dict_of_arrays_gives_named_tensors() -> None:
    data = {"image": np.zeros((5, 4, 3)), "mask": np.zeros((5, 2), dtype=np.int64)}
    assert infer_schema(data) == Schema(
        [
            TensorSpec(np.dtype("float64"), (-1, 4, 3), "image"),
            TensorSpec(np.dtype("int64"), (-1, 2), "mask"),
        ]
    )


def test_sized_strings_are_stored_without_their_size() -> None:
    (spec,) = infer_schema({"a": np.array(["x", "yyy"])}).inputs
    assert isinstance(spec, TensorSpec)
    assert spec.to_dict()["tensor-spec"] == {"dtype": "str", "shape": (-1,)}


# ----------------------------------------------------------------------------- the guide


def _guide_examples() -> dict[str, tuple[Any, ...]]:
    return {
        "simple_dict": ({"name": "Alice", "age": 30, "active": True},),
        "complex_data": (
            {"user": {"id": 123, "tags": ["premium", "beta"]}, "scores": [0.8, 0.9, 0.7]},
        ),
        "complex_input": (
            {
                "user_data": {
                    "id": 12345,
                    "preferences": ["action", "comedy"],
                    "metadata": {"created_date": "2023-01-01", "is_premium": True},
                },
                "context": {"device": "mobile", "location": None},
            },
        ),
        "chat": ({"messages": [{"role": "user", "content": "What is machine learning?"}]},),
        "dict_example": (
            {
                "messages": [
                    {"role": "system", "content": "You are a helpful assistant"},
                    {"role": "user", "content": "Hello!"},
                ],
                "temperature": 0.7,
            },
        ),
        "translate": (
            "Translate to French: Hello world",
            None,
            {"temperature": 0.3, "max_tokens": 50, "stop_sequences": [".", "!"]},
        ),
        "spanish": (
            "Translate to Spanish: Good morning",
            None,
            {"temperature": 0.2, "max_length": 50, "do_sample": True},
        ),
        "minimal": (
            {"required_field": "example_value", "optional_field": None, "array_field": ["sample"]},
        ),
        "multi_tensor": (
            {"image": np.zeros((5, 224, 224, 3)), "mask": np.zeros((5, 224, 224, 1), np.int64)},
        ),
        "sparse_example": (scipy.sparse.csr_matrix([[1, 0, 2], [0, 0, 3]]),),
        "single_record": (
            pd.DataFrame(
                [{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}]
            ),
        ),
    }


#: `infer_signature(*example).to_dict()` as MLflow 3.17 writes it, for examples of the guide.
GUIDE_MLFLOW = {
    "simple_dict": {
        "inputs": '[{"type": "string", "name": "name", "required": true}, {"type": "long", '
        '"name": "age", "required": true}, {"type": "boolean", "name": "active", '
        '"required": true}]',
    },
    "complex_data": {
        "inputs": '[{"type": "object", "properties": {"id": {"type": "long", "required": true}, '
        '"tags": {"type": "array", "items": {"type": "string"}, "required": true}}, "name": '
        '"user", "required": true}, {"type": "array", "items": {"type": "double"}, "name": '
        '"scores", "required": true}]',
    },
    "complex_input": {
        "inputs": '[{"type": "object", "properties": {"id": {"type": "long", "required": true}, '
        '"metadata": {"type": "object", "properties": {"created_date": {"type": "string", '
        '"required": true}, "is_premium": {"type": "boolean", "required": true}}, "required": '
        'true}, "preferences": {"type": "array", "items": {"type": "string"}, "required": '
        'true}}, "name": "user_data", "required": true}, {"type": "object", "properties": '
        '{"device": {"type": "string", "required": true}, "location": {"type": "any", '
        '"required": false}}, "name": "context", "required": true}]',
    },
    "chat": {
        "inputs": '[{"type": "array", "items": {"type": "object", "properties": {"content": '
        '{"type": "string", "required": true}, "role": {"type": "string", "required": true}}}, '
        '"name": "messages", "required": true}]',
    },
    "dict_example": {
        "inputs": '[{"type": "array", "items": {"type": "object", "properties": {"content": '
        '{"type": "string", "required": true}, "role": {"type": "string", "required": true}}}, '
        '"name": "messages", "required": true}, {"type": "double", "name": "temperature", '
        '"required": true}]',
    },
    "translate": {
        "inputs": '[{"type": "string", "required": true}]',
        "params": '[{"name": "temperature", "default": 0.3, "shape": null, "type": "double"}, '
        '{"name": "max_tokens", "default": 50, "shape": null, "type": "long"}, {"name": '
        '"stop_sequences", "default": [".", "!"], "shape": [-1], "type": "string"}]',
    },
    "spanish": {
        "inputs": '[{"type": "string", "required": true}]',
        "params": '[{"name": "temperature", "default": 0.2, "shape": null, "type": "double"}, '
        '{"name": "max_length", "default": 50, "shape": null, "type": "long"}, {"name": '
        '"do_sample", "default": true, "shape": null, "type": "boolean"}]',
    },
    "minimal": {
        "inputs": '[{"type": "string", "name": "required_field", "required": true}, {"type": '
        '"any", "name": "optional_field", "required": false}, {"type": "array", "items": '
        '{"type": "string"}, "name": "array_field", "required": true}]',
    },
    "multi_tensor": {
        "inputs": '[{"name": "image", "type": "tensor", "tensor-spec": {"dtype": "float64", '
        '"shape": [-1, 224, 224, 3]}}, {"name": "mask", "type": "tensor", "tensor-spec": '
        '{"dtype": "int64", "shape": [-1, 224, 224, 1]}}]',
    },
    "sparse_example": {
        "inputs": '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1, 3]}}]',
    },
    "single_record": {
        "inputs": '[{"type": "double", "name": "sepal_length", "required": true}, {"type": '
        '"double", "name": "sepal_width", "required": true}, {"type": "double", "name": '
        '"petal_length", "required": true}, {"type": "double", "name": "petal_width", '
        '"required": true}]',
    },
}


@pytest.mark.parametrize("name", sorted(GUIDE_MLFLOW))
def test_guide_examples_give_mlflows_json(name: str) -> None:
    signature = infer_signature(*_guide_examples()[name])
    expected = {"inputs": None, "outputs": None, "params": None, **GUIDE_MLFLOW[name]}
    assert signature.to_dict() == expected
    assert ModelSignature.from_dict(expected) == signature


def test_outputs_are_inferred_the_same_way() -> None:
    signature = infer_signature(pd.DataFrame({"a": [1.0]}), pd.Series([0, 1]))
    assert signature == ModelSignature(one(D.double, "a"), one(D.long))
    signature = infer_signature("x", np.array([0.1, 0.2]))
    assert signature.outputs == Schema([TensorSpec(np.dtype("float64"), (-1,))])


def test_output_alone_and_empty_params() -> None:
    signature = infer_signature(None, ["a"], {})
    assert signature == ModelSignature(None, one(D.string), None)


def test_model_signature_is_the_schema_class() -> None:
    from hintsig.models import signature
    from hintsig.types import schema

    assert signature.ModelSignature is schema.ModelSignature


# ----------------------------------------------------------------------------- exact & lazy


def test_a_key_in_one_late_row_is_an_optional_property() -> None:
    rows: list[dict[str, Any]] = [
        {"user": {"id": i, "tier": "free"}, "score": 0.5} for i in range(20_000)
    ]
    rows[18_000]["user"]["beta"] = True
    expected = obj(
        prop("score", D.double),
        prop(
            "user", obj(prop("beta", D.boolean, False), prop("id", D.long), prop("tier", D.string))
        ),
    )
    assert infer_schema(pd.DataFrame({"p": rows})) == one(expected, "p")
    assert infer_schema(rows) == Schema(
        [col(expected.properties[1].dtype, "user"), col(D.double, "score")]
    )


def test_a_key_missing_from_one_late_row_is_optional() -> None:
    rows: list[dict[str, Any]] = [{"a": i, "b": "x"} for i in range(5_000)]
    del rows[4_000]["b"]
    rows[4_001] = {"a": 1, "c": True}  # same length as the others, another key
    expected = obj(prop("a", D.long), prop("b", D.string, False), prop("c", D.boolean, False))
    assert infer_schema(objects(*rows)) == one(expected, "a")


def test_a_mixed_type_in_one_late_row_is_found() -> None:
    rows: list[dict[str, Any]] = [{"a": i} for i in range(5_000)]
    rows[4_500] = {"a": "x"}
    with pytest.raises(DataValidationError) as info:
        infer_schema(objects(*rows))
    assert info.value.errors == [
        ("column 'a'.a", "expected values of one type, got long and string")
    ]


def test_dict_subclasses_are_read_without_growing() -> None:
    rows = [collections.defaultdict(int, a=1), collections.defaultdict(int, b=2)]
    assert infer_schema(rows) == Schema([col(D.long, "a", False), col(D.long, "b", False)])
    assert [dict(r) for r in rows] == [{"a": 1}, {"b": 2}]


# ----------------------------------------------------------------------------- dict columns

DICT_COLUMNS = [
    pytest.param(
        [{"a": 1, "b": 2}, {"a": 3, "b": 4}],
        {"a": ([1, 3], False), "b": ([2, 4], False)},
        False,
        id="shared-keys",
    ),
    pytest.param(
        [{"a": 1}, {"a": 2, "b": 3}, {"a": 4}],
        {"a": ([1, 2, 4], False), "b": ([3], True)},
        False,
        id="one-longer-dict",
    ),
    pytest.param(
        [{"a": 1, "b": 2}, {"b": 3}, {"c": 4, "a": 5}],
        {"a": ([1, 5], True), "b": ([2, 3], True), "c": ([4], True)},
        False,
        id="scattered-keys",
    ),
    pytest.param(
        [{"a": 1}, {"b": 2}, {"a": 3}],
        {"a": ([1, 3], True), "b": ([2], True)},
        False,
        id="same-size-other-key",
    ),
    pytest.param(
        [{"a": 1, "b": 2}, {"a": 3, "c": 4}, {"a": 5, "b": 6}],
        {"a": ([1, 3, 5], False), "b": ([2, 6], True), "c": ([4], True)},
        False,
        id="other-key-after-a-shared-one",
    ),
    pytest.param(
        [{"b": 1, "a": 2}, {"a": 3, "b": 4}],
        {"b": ([1, 4], False), "a": ([2, 3], False)},
        False,
        id="other-key-order",
    ),
    pytest.param([{}, {"a": 1}], {"a": ([1], True)}, True, id="first-empty"),
    pytest.param([{"a": 1}, {}], {"a": ([1], True)}, True, id="later-empty"),
    pytest.param([{}, {}], {}, True, id="all-empty"),
]


@pytest.mark.parametrize(("dicts", "expected", "empty"), DICT_COLUMNS)
@pytest.mark.parametrize("exact", [True, False], ids=["plain", "subclass-safe"])
@pytest.mark.parametrize("as_array", [False, True], ids=["list", "array"])
def test_dict_columns(
    dicts: list[dict[str, Any]],
    expected: dict[str, tuple[list[Any], bool]],
    empty: bool,
    exact: bool,
    as_array: bool,
) -> None:
    pool = object_array(dicts) if as_array else dicts
    columns, found_empty = dict_columns(pool, exact=exact)
    found = [(key, (list(values), absent)) for key, values, absent in columns]
    assert found == list(expected.items())  # in order of first appearance
    assert found_empty is empty


def test_mixed_key_sets_across_many_rows() -> None:
    rows: list[dict[str, Any]] = []
    for i in range(3_000):
        row: dict[str, Any] = {"id": i, "kind": "a" if i % 3 else "b"}
        if i % 3 == 0:
            row["score"] = i / 7
        if i % 5 == 0:
            del row["kind"]
        rows.append(row)
    rows[2_900]["late"] = {"x": [1, 2]}
    late = obj(prop("x", Array(D.long)))
    expected = obj(
        prop("id", D.long),
        prop("kind", D.string, False),
        prop("late", late, False),
        prop("score", D.double, False),
    )
    assert infer_schema(objects(*rows)) == one(expected, "a")
    assert infer_schema(rows) == Schema(
        [
            col(D.long, "id"),
            col(D.double, "score", False),
            col(D.string, "kind", False),
            col(late, "late", False),
        ]
    )


def test_nested_dicts_with_varying_shapes() -> None:
    rows: list[dict[str, Any]] = [
        {"user": {"id": i, "tags": ["t"] if i % 2 else []}} for i in range(2_000)
    ]
    rows[1_500]["user"] = {"id": 1, "meta": {"since": dt.datetime(2020, 1, 1)}}
    rows[1_700]["user"]["meta"] = {"since": dt.datetime(2021, 1, 1), "vip": True}
    meta = obj(prop("since", D.datetime), prop("vip", D.boolean, False))
    user = obj(prop("id", D.long), prop("meta", meta, False), prop("tags", Array(D.string), False))
    assert infer_schema(objects(*rows)) == one(obj(prop("user", user)), "a")


def test_missing_values_among_many_dicts() -> None:
    rows: list[dict[str, Any]] = [{"a": i, "b": "x"} for i in range(2_000)]
    rows[10]["a"] = float("nan")
    rows[20]["b"] = None
    assert infer_schema(objects(*rows)) == one(
        obj(prop("a", D.long, False), prop("b", D.string, False)), "a"
    )
    with_missing = objects(*rows[:1_000], None, float("nan"), pd.NA, *rows[1_000:])
    assert infer_schema(with_missing) == one(
        obj(prop("a", D.long, False), prop("b", D.string, False)), "a", False
    )


def test_lists_of_dicts_with_differing_keys() -> None:
    rows: list[Any] = [[{"role": "user", "content": "hi"}] * 2 for _ in range(1_000)]
    rows[800] = [{"role": "tool", "content": "x", "name": "search"}, {"role": "user"}]
    rows[900] = []
    item = obj(
        prop("content", D.string, False), prop("name", D.string, False), prop("role", D.string)
    )
    assert infer_schema(objects(*rows)) == one(Array(item), "a")


@pytest.mark.parametrize("kind", [dict, collections.OrderedDict], ids=["dict", "OrderedDict"])
def test_inconsistent_nesting_in_scattered_dicts_names_the_path(kind: type[dict[str, Any]]) -> None:
    rows = [kind(a=kind(b=1), c=i) if i % 2 else kind(a=kind(b=kind(deep=1))) for i in range(1_000)]
    with pytest.raises(DataValidationError) as info:
        infer_schema(objects(*rows))
    assert info.value.errors == [
        ("column 'a'.a.b", "expected values of one type, got long and object")
    ]


def test_ordered_dicts_are_read_in_their_own_order() -> None:
    first = collections.OrderedDict(a=1, b="x")
    first.move_to_end("a")  # iterates b, a; a plain dict view of it would give a, b
    rows = [first, collections.OrderedDict(b="y", a=2)]
    assert infer_schema(rows) == Schema([col(D.string, "b"), col(D.long, "a")])
    assert infer_schema(objects(*rows)) == one(obj(prop("a", D.long), prop("b", D.string)), "a")


#: Rows built in a process without numpy, where dict pools take the plain-Python path.
PLAIN_ROWS = [
    '[{"a": i, "b": "x"} if i % 2 else {"a": i, "c": 1.5} for i in range(500)]',
    '[{"u": {"id": i, **({"beta": True} if i == 450 else {})}} for i in range(500)]',
    '[{"a": i} for i in range(300)] + [{"a": 1, "z": [{"k": 1}, {"j": "s"}, {}]}, {}]',
    '[{"a": {"b": [{"c": i}] if i % 3 else []}} for i in range(300)]',
    '[{"a": float("nan") if i == 7 else i / 2, "b": None if i == 9 else "s"} for i in range(99)]',
    '[{"a": {"b": 1}}, None, {"a": None}, {"a": {"c": [None, 1.5]}}]',
    '[{"t": __import__("datetime").date(2020, 1, i)} for i in range(1, 9)] + [{"t": None}]',
]

PLAIN_PROBE = """
import json, sys
from hintsig.models._infer import infer_schema
rows = {rows}
schemas = [infer_schema(rows).to_json(), infer_schema([{{"x": row}} for row in rows]).to_json()]
print(json.dumps([schemas, [m for m in ("numpy", "pandas") if m in sys.modules]]))
"""


@pytest.mark.parametrize("rows", PLAIN_ROWS)
def test_plain_python_path_infers_the_same_schema(rows: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PLAIN_PROBE.format(rows=rows)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    schemas, loaded = json.loads(result.stdout)
    assert loaded == []
    data = eval(rows)  # the same rows, in this process (numpy loaded)
    nested = [{"x": row} for row in data]
    assert schemas == [infer_schema(data).to_json(), infer_schema(nested).to_json()]
    frame = pd.DataFrame({"x": pd.Series(data, dtype=object)})
    assert schemas[1] == infer_schema(frame).to_json()


LAZY_PROBE = """
import json, sys
from hintsig.models import infer_signature
infer_signature({data}, params={{"t": 0.5, "stop": ["."]}})
print(json.dumps(sorted(m for m in ("numpy", "pandas", "scipy") if m in sys.modules)))
"""


@pytest.mark.parametrize(
    ("data", "loaded"),
    [
        ('{"a": "x", "b": [1, 2], "c": {"d": True}}', []),
        ('[{"a": 1}, {"a": 2, "b": "x"}]', []),
        ('__import__("numpy").zeros((2, 3))', ["numpy"]),
    ],
)
def test_plain_data_loads_no_numpy_pandas_or_scipy(data: str, loaded: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", LAZY_PROBE.format(data=data)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == loaded


# ----------------------------------------------------------------------------- errors


class _Pydantic(pydantic.BaseModel):
    a: int


ERRORS = [
    pytest.param(
        [{"a": {"b": 1}}, {"a": 1}],
        [("column 'a'", "expected values of one type, got long and object")],
        id="inconsistent-nesting",
    ),
    pytest.param(
        [{"level1": {"level2": "value"}}, {"level1": "direct_value"}],
        [("column 'level1'", "expected values of one type, got object and string")],
        id="guide-inconsistent-nesting",
    ),
    pytest.param([1, "a"], [("", "expected values of one type, got long and string")], id="mix"),
    pytest.param([1, 2.5], [("", "expected values of one type, got double and long")], id="num"),
    pytest.param([True, 1], [("", "expected values of one type, got boolean and long")], id="bool"),
    pytest.param(
        [1, np.int32(2)], [("", "expected values of one type, got integer and long")], id="widths"
    ),
    pytest.param(
        [{"a": 1}, 3], [("", "expected values of one type, got long and object")], id="dict-scalar"
    ),
    pytest.param(
        objects(1, "a"),
        [("column 'a'", "expected values of one type, got long and string")],
        id="df-mixed",
    ),
    pytest.param(
        objects("x", b"y"),
        [("column 'a'", "expected values of one type, got binary and string")],
        id="df-str-bytes",
    ),
    pytest.param(
        [{"a": [[1], ["s"]]}],
        [("column 'a'[][]", "expected values of one type, got long and string")],
        id="nested-lists",
    ),
    pytest.param(
        objects({"x": {"y": 1}}, {"x": {"y": "s"}}),
        [("column 'a'.x.y", "expected values of one type, got long and string")],
        id="nested-property",
    ),
    pytest.param(
        {"a": [{"x": 1}, {"x": [1]}]},
        [("column 'a'[].x", "expected values of one type, got array and long")],
        id="list-of-dicts-property",
    ),
    pytest.param({"a": (1, 2)}, [("column 'a'", "unsupported value type 'tuple'")], id="tuple"),
    pytest.param(
        objects(decimal.Decimal(1), 1j),
        [("column 'a'", "unsupported value type 'Decimal', 'complex'")],
        id="decimal-complex",
    ),
    pytest.param([[{1, 2}]], [("[]", "unsupported value type 'set'")], id="nested-set"),
    pytest.param({1: "a"}, [("", "dict keys must be non-empty strings, got int")], id="int-key"),
    pytest.param({"": "a"}, [("", "dict keys must be non-empty strings, got str")], id="empty-key"),
    pytest.param(
        [{1: "a"}], [("", "record keys must be non-empty strings, got int")], id="record-key"
    ),
    pytest.param(
        [{"a": 1, 2: "x"}, {"a": "s"}],
        [
            ("column 'a'", "expected values of one type, got long and string"),
            ("", "record keys must be non-empty strings, got int"),
        ],
        id="record-key-and-mixed-column",
    ),
    pytest.param(
        {"a": {1: "x", "b": 2}},
        [("column 'a'", "property names must be non-empty strings, got int")],
        id="property-key",
    ),
    pytest.param(
        objects({"a": 1}, {2: "x"}),
        [("column 'a'", "property names must be non-empty strings, got int")],
        id="property-key-in-a-later-dict",
    ),
    pytest.param(
        objects({"a": 1}, {"a": 2, "": "x"}),
        [("column 'a'", "property names must be non-empty strings, got an empty string")],
        id="empty-property-in-a-longer-dict",
    ),
    pytest.param({}, [("", "an empty dict has no columns")], id="empty-dict"),
    pytest.param([{}], [("", "the records have no keys")], id="empty-records"),
    pytest.param(pd.DataFrame(), [("", "the DataFrame has no columns")], id="no-columns"),
    pytest.param(
        pd.DataFrame([[1, 2]], columns=["a", "a"]),
        [("", "duplicate column names: 'a'")],
        id="duplicate-columns",
    ),
    pytest.param(
        pd.DataFrame({"u": np.array([1], "uint64")}),
        [("column 'u'", "unsupported column dtype uint64")],
        id="uint64",
    ),
    pytest.param(
        pd.DataFrame({"u": pd.array([1], dtype="UInt64")}),
        [("column 'u'", "unsupported column dtype UInt64")],
        id="UInt64",
    ),
    pytest.param(
        objects(2**63 + 1, 1), [("column 'a'", "unsupported column dtype uint64")], id="big-ints"
    ),
    pytest.param(
        pd.DataFrame({"t": pd.to_timedelta([1], unit="s")}),
        [("column 't'", "unsupported column dtype timedelta64")],
        id="timedelta",
    ),
    pytest.param(
        pd.DataFrame({"p": pd.period_range("2020-01", periods=2, freq="M")}),
        [("column 'p'", "unsupported column dtype period[M]")],
        id="period",
    ),
    pytest.param(
        pd.DataFrame({"s": pd.arrays.SparseArray([0, 1])}),
        [("column 's'", "unsupported column dtype Sparse[int64, 0]")],
        id="sparse-column",
    ),
    pytest.param(
        pd.DataFrame({"c": np.zeros(1, np.complex64)}),
        [("column 'c'", "unsupported column dtype complex64")],
        id="complex-column",
    ),
    pytest.param(np.array(5), [("", "a 0-dimensional numpy array has no batch dimension")]),
    pytest.param(
        {"t": np.array(5)},
        [("tensor 't'", "a 0-dimensional numpy array has no batch dimension")],
        id="0d-named",
    ),
    pytest.param(
        {"a": [np.array(1)]},
        [("column 'a'[]", "0-dimensional numpy arrays are not supported; use a scalar")],
        id="0d-nested",
    ),
    pytest.param(
        np.zeros(2, dtype=[("a", "i4")]),
        [("", "TensorSpec: structured and void dtypes are not supported")],
        id="structured",
    ),
    pytest.param(
        scipy.sparse.coo_matrix([[1, 0]]),
        [("", "unsupported sparse format 'coo'; convert it to csr or csc")],
        id="coo",
    ),
    pytest.param({1, 2}, [("", "unsupported input type 'set'")], id="set"),
    pytest.param(object(), [("", "unsupported input type 'object'")], id="object"),
    pytest.param((1, 2), [("", "(use a list instead of a tuple)")], id="top-tuple"),
    pytest.param(_Pydantic(a=1), [("", "list[YourModel] type hint")], id="pydantic"),
]


@pytest.mark.parametrize(("data", "expected"), ERRORS)
def test_errors_name_the_path(data: Any, expected: list[tuple[str, str]]) -> None:
    with pytest.raises(DataValidationError) as info:
        infer_schema(data)
    assert len(info.value.errors) == len(expected)
    for (path, message), (want_path, want_text) in zip(info.value.errors, expected, strict=True):
        assert path == want_path
        assert want_text in message
    assert isinstance(info.value, HintsigException)
    assert isinstance(info.value, ValueError)


def test_every_problem_is_reported_at_once() -> None:
    frame = pd.DataFrame(
        {
            "ok": [1, 2],
            "mixed": pd.Series([1, "a"], dtype=object),
            "nested": pd.Series([{"x": 1}, {"x": "s", "y": (1,)}], dtype=object),
            "u": np.array([1, 2], dtype="uint64"),
        }
    )
    with pytest.raises(DataValidationError) as info:
        infer_schema(frame)
    assert [path for path, _ in info.value.errors] == [
        "column 'mixed'",
        "column 'nested'.x",
        "column 'nested'.y",
        "column 'u'",
    ]


def test_signature_errors_cover_every_part() -> None:
    with pytest.raises(DataValidationError) as info:
        infer_signature([1, "a"], {"a": (1,)}, {"p": None}, strict=True)
    assert [path for path, _ in info.value.errors] == [
        "model_input",
        "model_output column 'a'",
        "params param 'p'",
    ]
    assert info.value.headline == "Cannot infer a signature"


def test_messages_never_echo_values() -> None:
    secret = "hunter2-secret"
    with pytest.raises(DataValidationError) as info:
        infer_signature([{"a": secret}, {"a": 1}], None, {"p": [secret, 1]}, strict=True)
    assert secret not in str(info.value)


def test_infer_signature_needs_some_data() -> None:
    with pytest.raises(DataValidationError, match="at least one of"):
        infer_signature()
    with pytest.raises(DataValidationError, match="at least one of"):
        infer_signature(None, None, {})


# ----------------------------------------------------------------------------- params

PARAMS = [
    pytest.param(
        {"temperature": 0.3, "max_tokens": 50, "stop": [".", "!"]},
        [
            ParamSpec("temperature", D.double, 0.3),
            ParamSpec("max_tokens", D.long, 50),
            ParamSpec("stop", D.string, [".", "!"], (-1,)),
        ],
        id="guide",
    ),
    pytest.param(
        {"a": True, "b": "s", "c": np.int32(3), "d": np.float32(0.5), "e": np.str_("x")},
        [
            ParamSpec("a", D.boolean, True),
            ParamSpec("b", D.string, "s"),
            ParamSpec("c", D.integer, 3),
            ParamSpec("d", D.float, 0.5),
            ParamSpec("e", D.string, "x"),
        ],
        id="scalars",
    ),
    pytest.param(
        {"a": dt.datetime(2020, 1, 2), "b": dt.date(2020, 1, 2)},
        [
            ParamSpec("a", D.datetime, dt.datetime(2020, 1, 2)),
            ParamSpec("b", D.datetime, dt.date(2020, 1, 2)),  # MLflow writes "2020-01-02"
        ],
        id="datetimes",
    ),
    pytest.param(
        {"a": [1, 2], "b": [1, 2.5], "c": [True], "d": (1.0, 2.0), "e": np.array([1, 2])},
        [
            ParamSpec("a", D.long, [1, 2], (-1,)),
            ParamSpec("b", D.double, [1.0, 2.5], (-1,)),
            ParamSpec("c", D.boolean, [True], (-1,)),
            ParamSpec("d", D.double, [1.0, 2.0], (-1,)),
            ParamSpec("e", D.long, [1, 2], (-1,)),
        ],
        id="lists",
    ),
    pytest.param(
        {"a": [dt.datetime(2020, 1, 1)], "b": np.array(["x", "y"])},
        [
            ParamSpec("a", D.datetime, [dt.datetime(2020, 1, 1)], (-1,)),
            ParamSpec("b", D.string, ["x", "y"], (-1,)),
        ],
        id="datetime-and-str-lists",
    ),
]


@pytest.mark.parametrize(("params", "expected"), PARAMS)
def test_params(params: dict[str, Any], expected: list[ParamSpec]) -> None:
    assert infer_param_schema(params) == ParamSchema(expected)
    assert infer_signature("x", None, params).params == ParamSchema(expected)


PARAM_ERRORS = [
    pytest.param({"p": None}, "a param needs a default value, got None", id="none"),
    pytest.param({"p": {}}, "cannot infer the properties of an empty dict", id="empty-dict"),
    pytest.param({"p": [{"a": 1}]}, "got a nested list", id="list-of-dicts"),
    pytest.param({"p": [[1, 2]]}, "got a nested list", id="nested"),
    pytest.param({"p": np.zeros((2, 2))}, "got a 2-D array", id="2d"),
    pytest.param({"p": [1, "x"]}, "expected a list of one type, got long and string", id="mixed"),
    pytest.param({"p": [True, 1]}, "got boolean and long", id="bool-int"),
    pytest.param({"p": [None, 1]}, "a param needs a default value, got None", id="none-item"),
    pytest.param({"p": b"x"}, "binary params are not supported", id="bytes"),
    pytest.param({"p": [b"x"]}, "binary params are not supported", id="bytes-list"),
    pytest.param({"p": np.uint64(3)}, "unsupported param type 'uint64'", id="uint64"),
    pytest.param({"p": 2**70}, "range", id="big-int"),
    pytest.param({"p": {1, 2}}, "unsupported param type 'set'", id="set"),
]


@pytest.mark.parametrize(("params", "message"), PARAM_ERRORS)
def test_param_errors_name_the_param(params: dict[str, Any], message: str) -> None:
    with pytest.raises(DataValidationError) as info:
        infer_param_schema(params)
    ((path, text),) = info.value.errors
    assert path == "param 'p'"
    assert message in text


def test_param_errors_are_all_reported() -> None:
    with pytest.raises(DataValidationError) as info:
        infer_param_schema({"a": None, "ok": 1, "b": [[1]], "": 1})
    assert [path for path, _ in info.value.errors] == ["param 'a'", "param 'b'", ""]
    assert "param names must be non-empty strings, got an empty string" in info.value.errors[2][1]


def test_params_must_be_a_dict() -> None:
    with pytest.raises(DataValidationError, match="params must be a dict"):
        infer_param_schema([("a", 1)])  # type: ignore[arg-type]


def test_mixed_values_fall_back_to_anytype_with_a_warning_unless_strict() -> None:
    """As MLflow: a one-column input or an output without a schema is AnyType, with a warning."""
    with pytest.warns(UserWarning, match="inferred AnyType"):
        signature = infer_signature([1, "a"], [{"a": 1}, {"a": "x"}])
    assert signature.to_dict()["inputs"] == '[{"type": "any", "required": true}]'
    assert signature.to_dict()["outputs"] == '[{"type": "any", "required": true}]'
    with pytest.raises(DataValidationError):
        infer_signature([1, "a"], strict=True)
    with pytest.raises(DataValidationError):
        infer_signature(["x"], [1, "a"], strict=True)
