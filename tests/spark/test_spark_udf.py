"""`hintsig.pyfunc.spark_udf` on a real local SparkSession (see conftest)."""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import spark_models
from pyspark.errors import PythonException
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

import hintsig.sklearn
from hintsig.exceptions import HintsigException
from hintsig.models import ModelSignature, infer_signature
from hintsig.pyfunc import load_model, save_model, spark_udf
from hintsig.types import ColSpec, ParamSchema, ParamSpec, Schema, TensorSpec
from hintsig.types.schema import AnyType, Array, Object, Property

ALL_TYPES = (
    "l long, i int, d double, f float, b boolean, s string, bin binary, t timestamp, "
    "a array<long>, o struct<p:int,q:string>"
)
ALL_TYPES_ROW = (
    7,
    2,
    1.5,
    2.5,
    True,
    "x",
    b"ab",
    datetime.datetime(2024, 1, 2, 3, 4, 5),
    [1, 2],
    {"p": 1, "q": "s"},
)


def _save(path: Path, model: Any, signature: ModelSignature | None = None, **kw: Any) -> str:
    save_model(path, python_model=model, signature=signature, **kw)
    return str(path)


def _task_error(excinfo: pytest.ExceptionInfo[PythonException]) -> str:
    """The Python worker's error, as the driver sees it."""
    return str(excinfo.value)


@pytest.fixture(scope="module")
def linear(tmp_path_factory: pytest.TempPathFactory) -> str:
    signature = ModelSignature(
        Schema([ColSpec("double", "x"), ColSpec("long", "y")]),
        Schema([ColSpec("double")]),
        ParamSchema([ParamSpec("scale", "double", 1.0)]),
    )
    return _save(tmp_path_factory.mktemp("linear") / "m", spark_models.Linear(), signature)


@pytest.fixture(scope="module")
def xy(spark: SparkSession) -> Any:
    return spark.createDataFrame(
        pd.DataFrame({"x": np.arange(6, dtype="float64"), "y": np.arange(6) * 10})
    )


# ----------------------------------------------------------------------------- calls


def test_every_call_form_scores_the_rows(linear: str, xy: Any) -> None:
    udf = spark_udf(xy.sparkSession, linear)
    expected = [x + 10 * x for x in range(6)]
    for column in (udf("x", "y"), udf(*xy.columns), udf(F.struct("x", "y")), udf()):
        got = [row.p for row in xy.select(column.alias("p")).orderBy("x").collect()]
        assert got == expected


def test_columns_passed_one_by_one_take_the_signature_names_in_order(
    linear: str, spark: SparkSession
) -> None:
    frame = spark.createDataFrame([(2.0, 1)], "a double, b long")
    assert frame.select(spark_udf(spark, linear)("a", "b")).first()[0] == 3.0


def test_a_struct_column_keeps_its_field_names(linear: str, spark: SparkSession) -> None:
    frame = spark.createDataFrame([(1, 2.0)], "y long, x double")
    assert frame.select(spark_udf(spark, linear)(F.struct("y", "x"))).first()[0] == 3.0


def test_every_column_type_reaches_the_model_as_a_local_call_gives_it(
    spark: SparkSession, tmp_path: Path
) -> None:
    frame = spark.createDataFrame([ALL_TYPES_ROW], ALL_TYPES)
    signature = infer_signature(frame)
    path = _save(tmp_path / "echo", spark_models.Echo(), ModelSignature(signature.inputs))
    got = frame.select(spark_udf(spark, path, "string")()).first()[0]
    assert got == (
        "l<int64>=int64:7; i<int32>=int32:2; d<float64>=float64:1.5; f<float32>=float32:2.5; "
        "b<bool>=bool:True; s<str>=str:x; bin<object>=bytes:b'ab'; "
        "t<datetime64[ns]>=Timestamp:2024-01-02 03:04:05; a<object>=ndarray[int64][1, 2]; "
        "o<object>={p=int:1, q=str:s}"
    )
    local = load_model(path).predict(frame.toPandas())[0]
    assert local.replace("datetime64[us]", "datetime64[ns]") == got


def test_nulls_in_optional_columns_reach_the_model(spark: SparkSession, tmp_path: Path) -> None:
    schema = Schema(
        [
            ColSpec("long", "n"),
            ColSpec("double", "d", required=False),
            ColSpec("string", "s", required=False),
            ColSpec(Array("long"), "a", required=False),
            ColSpec(Object([Property("p", "long")]), "o", required=False),
        ]
    )
    path = _save(tmp_path / "echo", spark_models.Echo(), ModelSignature(schema))
    frame = spark.createDataFrame(
        [(1, None, None, None, None), (2, 0.5, "t", [3], {"p": 4})],
        "n long, d double, s string, a array<long>, o struct<p:long>",
    )
    udf = spark_udf(spark, path, "string")
    got = [row[0] for row in frame.orderBy("n").select(udf(*frame.columns)).collect()]
    assert got[0].split("; ")[1:4] == ["d<float64>=null", "s<str>=null", "a<object>=null"]
    assert got[1].split("; ")[1:] == [
        "d<float64>=float64:0.5",
        "s<str>=str:t",
        "a<object>=ndarray[int64][3]",
        "o<object>={p=int:4}",
    ]


def test_a_null_in_a_required_column_fails_the_job_naming_it(
    spark: SparkSession, tmp_path: Path
) -> None:
    schema = Schema([ColSpec("string", "name"), ColSpec("double", "score")])
    path = _save(tmp_path / "echo", spark_models.Echo(), ModelSignature(schema))
    frame = spark.createDataFrame([("a", 1.0), ("b", None)], "name string, score double")
    with pytest.raises(PythonException) as excinfo:
        frame.select(spark_udf(spark, path, "string")()).collect()
    message = _task_error(excinfo)
    assert "DataValidationError: The input data does not match the schema" in message
    assert "column 'score': required, but 1 rows hold null" in message


def test_a_column_that_breaks_the_signature_fails_the_job_with_both_types(
    linear: str, spark: SparkSession
) -> None:
    frame = spark.createDataFrame([(1.0, "7")], "x double, y string")
    with pytest.raises(PythonException) as excinfo:
        frame.select(spark_udf(spark, linear)()).collect()
    assert "column 'y': expected long, got str" in _task_error(excinfo)


def test_an_integer_column_with_nulls_is_refused_not_cast(
    spark: SparkSession, tmp_path: Path
) -> None:
    """Arrow hands a long column with nulls over as float64: refused, never rounded."""
    schema = Schema([ColSpec("long", "n", required=False)])
    path = _save(tmp_path / "echo", spark_models.Echo(), ModelSignature(schema))
    frame = spark.createDataFrame([(1,), (None,)], "n long")
    with pytest.raises(PythonException) as excinfo:
        frame.select(spark_udf(spark, path, "string")("n")).collect()
    assert "column 'n': expected long, got float64" in _task_error(excinfo)


def test_a_missing_column_fails_the_job_naming_it(linear: str, spark: SparkSession) -> None:
    frame = spark.createDataFrame([(1.0,)], "x double")
    udf = spark_udf(spark, linear)
    for column in (udf("x"), udf(F.struct("x"))):
        with pytest.raises(PythonException) as excinfo:
            frame.select(column).collect()
        assert "column 'y': required column (long) is missing" in _task_error(excinfo)


def test_a_call_without_columns_needs_named_inputs(spark: SparkSession, tmp_path: Path) -> None:
    path = _save(tmp_path / "m", spark_models.Linear())
    with pytest.raises(HintsigException, match="no input signature"):
        spark_udf(spark, path)()


# ----------------------------------------------------------------------------- params


def test_params_reach_every_batch(linear: str, xy: Any) -> None:
    udf = spark_udf(xy.sparkSession, linear, params={"scale": 2})
    got = [row.p for row in xy.select(udf().alias("p")).orderBy("x").collect()]
    assert got == [2 * x + 10 * x for x in range(6)]


def test_bad_params_fail_on_the_driver_before_any_task(linear: str, spark: SparkSession) -> None:
    with pytest.raises(HintsigException, match="param 'scale': expected double, got str"):
        spark_udf(spark, linear, params={"scale": "2"})


def test_unknown_params_warn_once_on_the_driver(linear: str, xy: Any) -> None:
    with pytest.warns(UserWarning, match="Ignoring params not in the model's param schema"):
        udf = spark_udf(xy.sparkSession, linear, params={"other": 1})
    assert xy.select(udf()).count() == 6


# ----------------------------------------------------------------------------- results


@pytest.fixture(scope="module")
def frame_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _save(tmp_path_factory.mktemp("frame") / "m", spark_models.Frame())


@pytest.mark.parametrize(
    ("result_type", "expected"),
    [
        (None, [0.0, 1.5, 3.0]),  # no output signature: double, the first number column
        ("double", [0.0, 1.5, 3.0]),
        (T.DoubleType(), [0.0, 1.5, 3.0]),
        ("float", [0.0, 1.5, 3.0]),
        ("long", [0, 10, 20]),
        ("boolean", [False, False, True]),
        ("bool", [False, False, True]),
        ("string", ["0.0", "1.5", "3.0"]),
        ("array<double>", [[0.0, 0.0], [1.5, 10.0], [3.0, 20.0]]),
        (
            "array<string>",
            [
                ["0.0", "0", "False", "v0", "[0. 1.]"],
                ["1.5", "10", "False", "v1", "[1. 2.]"],
                ["3.0", "20", "True", "v2", "[2. 3.]"],
            ],
        ),
    ],
)
def test_result_types_take_the_matching_output_columns(
    frame_model: str, xy: Any, result_type: Any, expected: list[Any]
) -> None:
    udf = spark_udf(xy.sparkSession, frame_model, result_type)
    got = [r.p for r in xy.where("x < 3").orderBy("x").select(udf("x").alias("p")).collect()]
    assert got == expected


@pytest.mark.parametrize(
    "result_type",
    [
        "struct<double:double,text:string,vector:array<double>>",
        "double double, text string, vector array<double>",
        T.StructType(
            [
                T.StructField("double", T.DoubleType()),
                T.StructField("text", T.StringType()),
                T.StructField("vector", T.ArrayType(T.DoubleType())),
            ]
        ),
    ],
)
def test_a_struct_result_comes_from_the_output_columns(
    frame_model: str, xy: Any, result_type: Any
) -> None:
    udf = spark_udf(xy.sparkSession, frame_model, result_type)
    row = xy.where("x = 2").select(udf("x").alias("p")).first().p
    assert row.asDict() == {"double": 3.0, "text": "v2", "vector": [2.0, 3.0]}


def test_a_struct_result_needs_its_columns(frame_model: str, xy: Any) -> None:
    udf = spark_udf(xy.sparkSession, frame_model, "struct<nope:int>")
    with pytest.raises(PythonException, match="The model's output has no column 'nope'"):
        xy.select(udf("x")).collect()


def test_the_default_result_type_comes_from_the_output_signature(
    frame_model: str, xy: Any, tmp_path: Path
) -> None:
    inputs = Schema([ColSpec("double", "x")])
    outputs = Schema([ColSpec("double", "double"), ColSpec("string", "text")])
    path = _save(tmp_path / "m", spark_models.Frame(), ModelSignature(inputs, outputs))
    udf = spark_udf(xy.sparkSession, path)
    assert udf.returnType == T.StructType(
        [T.StructField("double", T.DoubleType()), T.StructField("text", T.StringType())]
    )
    assert xy.where("x = 1").select(udf().alias("p")).first().p.asDict() == {
        "double": 1.5,
        "text": "v1",
    }


def test_an_output_of_no_requested_type_is_a_clear_error(frame_model: str, xy: Any) -> None:
    # as in MLflow, `int` takes only the 8- to 32-bit integer columns, and the model's are int64
    udf = spark_udf(xy.sparkSession, frame_model, "int")
    with pytest.raises(PythonException, match="no values of the requested result type 'int'"):
        xy.select(udf("x")).collect()


def test_an_any_output_signature_asks_for_a_result_type(
    spark: SparkSession, tmp_path: Path
) -> None:
    signature = ModelSignature(Schema([ColSpec("double", "x")]), Schema([ColSpec(AnyType())]))
    path = _save(tmp_path / "any", spark_models.Linear(), signature)
    with pytest.raises(HintsigException, match="pass result_type"):
        spark_udf(spark, path)


@pytest.mark.parametrize("result_type", ["date", "binary", "map<int,string>", "not a type"])
def test_unsupported_result_types_are_refused(
    linear: str, spark: SparkSession, result_type: str
) -> None:
    with pytest.raises(HintsigException, match="Invalid spark_udf result_type"):
        spark_udf(spark, linear, result_type)


# ----------------------------------------------------------------------------- model kinds


def test_a_pyfunc_decorated_model(spark: SparkSession, tmp_path: Path) -> None:
    path = _save(tmp_path / "m", spark_models.shout, input_example=["hi"])
    frame = spark.createDataFrame([("a",), ("b",)], "text string")
    udf = spark_udf(spark, path)
    assert udf.returnType == T.StringType()
    assert sorted(r[0] for r in frame.select(udf("text")).collect()) == ["A!", "B!"]


def test_a_type_hint_model_fed_a_struct_column(spark: SparkSession, tmp_path: Path) -> None:
    path = _save(tmp_path / "m", spark_models.Basket())
    frame = spark.createDataFrame(
        [("apple", 2, None), ("pear", 1, 0.5)], "name string, count long, weight double"
    )
    udf = spark_udf(spark, path, "string")
    got = sorted(r[0] for r in frame.select(udf(F.struct(*frame.columns))).collect())
    assert got == ["applex2:None", "pearx1:0.5"]
    bad = spark.createDataFrame([("apple", "two")], "name string, count string")
    with pytest.raises(PythonException, match=r"\[0\]\.count"):
        bad.select(udf(F.struct(*bad.columns))).collect()


def test_an_sklearn_model(spark: SparkSession, tmp_path: Path) -> None:
    from sklearn.linear_model import LinearRegression

    X = pd.DataFrame({"a": [0.0, 1.0, 2.0, 3.0], "b": [1.0, 0.0, 1.0, 0.0]})
    model = LinearRegression().fit(X, 2 * X["a"] + 3 * X["b"])
    path = tmp_path / "sk"
    hintsig.sklearn.save_model(model, path, input_example=X)
    frame = spark.createDataFrame(X)
    got = [r.p for r in frame.select(spark_udf(spark, str(path))().alias("p")).collect()]
    assert np.allclose(got, model.predict(X))


def test_tensor_models_get_array_columns_reshaped(spark: SparkSession, tmp_path: Path) -> None:
    unnamed = ModelSignature(Schema([TensorSpec(np.dtype("float64"), (-1, 2, 2))]))
    path = _save(tmp_path / "one", spark_models.Tensors(), unnamed)
    frame = spark.createDataFrame([([1.0, 2.0, 3.0, 4.0], [1, 2])], "v array<double>, w array<int>")
    assert frame.select(spark_udf(spark, path, "string")("v")).first()[0] == (
        "x(1, 2, 2)float64:10"
    )
    named = ModelSignature(
        Schema(
            [
                TensorSpec(np.dtype("float64"), (-1, 4), "v"),
                TensorSpec(np.dtype("int32"), (-1, 2), "w"),
            ]
        )
    )
    path = _save(tmp_path / "two", spark_models.Tensors(), named)
    got = frame.select(spark_udf(spark, path, "string")()).first()[0]
    assert got == "v(1, 4)float64:10, w(1, 2)int32:3"
    wrong = spark.createDataFrame([([1.0, 2.0, 3.0],)], "v array<double>")
    with pytest.raises(PythonException, match=r"Cannot reshape the input column to the tensor"):
        wrong.select(spark_udf(spark, str(tmp_path / "one"), "string")("v")).collect()


# ----------------------------------------------------------------------------- environment


def test_executors_read_their_own_copy_not_the_drivers_path(
    spark: SparkSession, tmp_path: Path
) -> None:
    signature = ModelSignature(
        Schema([ColSpec("double", "x"), ColSpec("long", "y")]), Schema([ColSpec("double")])
    )
    path = _save(tmp_path / "gone", spark_models.Linear(), signature)
    udf = spark_udf(spark, path)
    shutil.rmtree(path)
    frame = spark.createDataFrame([(1.0, 2)], "x double, y long")
    assert frame.select(udf()).first()[0] == 3.0


def test_the_model_is_loaded_once_per_python_worker(spark: SparkSession, tmp_path: Path) -> None:
    loads = tmp_path / "loads.txt"
    loads.touch()
    path = _save(tmp_path / "m", spark_models.CountLoads())
    udf = spark_udf(spark, path, extra_env={"HINTSIG_LOADS": str(loads)})
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "10")
    try:
        frame = spark.range(400).repartition(2).selectExpr("cast(id as double) as x")
        workers = {row[0] for row in frame.select(udf("x")).collect()}
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    pids = loads.read_text().split()
    assert len(pids) == len(set(pids)), "a worker loaded the model more than once"
    assert {float(pid) for pid in pids} >= workers
    assert "HINTSIG_LOADS" not in os.environ


@pytest.mark.parametrize(
    "arguments",
    [
        {"env_manager": "conda"},
        {"env_manager": "virtualenv"},
        {"env_manager": "uv"},
        {"prebuilt_env_uri": "/tmp/env.tar.gz"},
    ],
)
def test_only_the_local_environment_is_supported(
    linear: str, spark: SparkSession, arguments: dict[str, str]
) -> None:
    with pytest.raises(HintsigException, match="supports only env_manager='local'"):
        spark_udf(spark, linear, **arguments)  # type: ignore[arg-type]


def test_model_config_is_refused(linear: str, spark: SparkSession) -> None:
    with pytest.raises(HintsigException, match="does not take model_config"):
        spark_udf(spark, linear, model_config={"k": 1})
    assert spark_udf(spark, linear, env_manager=None, model_config=None).metadata is not None


def test_a_call_without_columns_is_refused_when_columns_are_optional(
    spark: SparkSession, tmp_path: Path
) -> None:
    schema = Schema([ColSpec("double", "x"), ColSpec("long", "y", required=False)])
    path = _save(tmp_path / "m", spark_models.Linear(), ModelSignature(schema))
    with pytest.raises(HintsigException, match="optional columns"):
        spark_udf(spark, path)()
