"""Schemas <-> Spark types (`Schema.as_spark_schema`, `Schema.from_spark`), and the `spark`
extra's absence."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from pyspark.sql import SparkSession
from pyspark.sql import types as T

from hintsig.exceptions import HintsigException
from hintsig.models import infer_signature
from hintsig.types import ColSpec, Schema, TensorSpec
from hintsig.types.schema import Array, Map, Object, Property

NESTED = Schema(
    [
        ColSpec("long", "a"),
        ColSpec("string", "b", required=False),
        ColSpec(Array("double"), "c"),
        ColSpec(Object([Property("p", "long"), Property("q", "string", required=False)]), "o"),
        ColSpec(Map("long"), "m"),
    ]
)


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        # MLflow 3.17's answers for the scalar schemas
        (
            Schema(
                [
                    ColSpec("long", "a"),
                    ColSpec("string", "b", required=False),
                    ColSpec("datetime", "t"),
                    ColSpec("binary", "x"),
                ]
            ),
            T.StructType(
                [
                    T.StructField("a", T.LongType(), False),
                    T.StructField("b", T.StringType(), True),
                    T.StructField("t", T.TimestampType(), False),
                    T.StructField("x", T.BinaryType(), False),
                ]
            ),
        ),
        (Schema([ColSpec("double")]), T.DoubleType()),
        (
            Schema([ColSpec("double"), ColSpec("long")]),
            T.StructType(
                [T.StructField("0", T.DoubleType(), False), T.StructField("1", T.LongType(), False)]
            ),
        ),
        # nested types (MLflow's as_spark_schema raises on these; hintsig maps them)
        (
            NESTED,
            T.StructType(
                [
                    T.StructField("a", T.LongType(), False),
                    T.StructField("b", T.StringType(), True),
                    T.StructField("c", T.ArrayType(T.DoubleType()), False),
                    T.StructField(
                        "o",
                        T.StructType(
                            [
                                T.StructField("p", T.LongType(), False),
                                T.StructField("q", T.StringType(), True),
                            ]
                        ),
                        False,
                    ),
                    T.StructField("m", T.MapType(T.StringType(), T.LongType()), False),
                ]
            ),
        ),
    ],
)
def test_as_spark_schema(schema: Schema, expected: Any) -> None:
    assert schema.as_spark_schema() == expected


def test_from_spark_reads_a_struct_type_as_infer_signature_reads_a_dataframe(
    spark: SparkSession,
) -> None:
    struct = NESTED.as_spark_schema()
    read = Schema.from_spark(struct)
    # Spark marks columns nullable by default, so (as in MLflow) columns are all required;
    # struct fields keep their nullability
    assert read == Schema([ColSpec(spec.type, spec.name) for spec in NESTED.inputs])
    frame = spark.createDataFrame([(1, "x", [1.0], {"p": 1, "q": None}, {"k": 2})], struct)
    # a map column of a DataFrame is read, as in MLflow, as an object of the keys its rows hold
    with_keys = [*read.inputs[:-1], ColSpec(Object([Property("k", "long")]), "m")]
    assert infer_signature(frame).inputs == Schema(with_keys)


def test_tensor_schemas_have_no_spark_schema() -> None:
    with pytest.raises(HintsigException, match="A tensor schema has no Spark schema"):
        Schema([TensorSpec(np.dtype("float32"), (-1, 2), "t")]).as_spark_schema()


def test_spark_udf_without_pyspark_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['pyspark'] = None\n"
        "from hintsig.pyfunc import spark_udf\n"
        "from hintsig.exceptions import HintsigException\n"
        "try:\n"
        "    spark_udf(None, 'model')\n"
        "except HintsigException as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert "pip install 'hintsig[spark]'" in result.stdout
