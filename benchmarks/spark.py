"""Batch scoring on Spark: `hintsig.pyfunc.spark_udf` against a bare pandas UDF.

Run: `.venv/bin/python benchmarks/spark.py` (about a minute; needs the `spark` extra and Java).
1,000,000 rows x 8 double columns (cached) go through, on `local[2]`:

* hintsig: `spark_udf(spark, model)(*columns)` of a saved `PythonModel` whose signature names
  the 8 columns: every Arrow batch is checked against the signature by `PyFuncModel.predict`;
* the floor: a bare `pandas_udf` calling the same predict function on the same batches,
  without hintsig (no signature, no checks).

Both sum the results on Spark so the whole column is computed; the ratio is hintsig / floor
(goal: at most 1.3x).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from _timing import compare, header, row
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.functions import pandas_udf

from hintsig.models import ModelSignature
from hintsig.pyfunc import PythonModel, save_model, spark_udf
from hintsig.types import ColSpec, Schema

ROWS = 1_000_000
COLUMNS = [f"c{i}" for i in range(8)]


def weighted_sum(frame: pd.DataFrame) -> pd.Series:
    """The model: a weighted sum of the 8 columns."""
    total = frame[COLUMNS[0]] * 1.0
    for i, name in enumerate(COLUMNS[1:], start=2):
        total = total + frame[name] * i
    return total


class WeightedSum(PythonModel):
    def predict(self, context: Any, model_input: pd.DataFrame, params: Any = None) -> Any:
        return weighted_sum(model_input)


def main() -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("hintsig-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "2g")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    frame = spark.range(ROWS, numPartitions=2).select(
        *[(F.rand(seed=i) * 100).alias(name) for i, name in enumerate(COLUMNS)]
    )
    frame = frame.cache()
    frame.count()

    signature = ModelSignature(
        Schema([ColSpec("double", name) for name in COLUMNS]), Schema([ColSpec("double")])
    )
    path = Path(tempfile.mkdtemp(prefix="hintsig-bench-")) / "model"
    save_model(path, python_model=WeightedSum(), signature=signature)
    udf = spark_udf(spark, str(path))

    @pandas_udf("double")  # type: ignore[call-overload]
    def floor_udf(*columns: pd.Series) -> pd.Series:
        return weighted_sum(pd.DataFrame(dict(zip(COLUMNS, columns, strict=True))))

    def score(column: Any) -> float:
        result: float = frame.select(column.alias("p")).agg(F.sum("p")).first()[0]
        return result

    assert abs(score(udf(*COLUMNS)) - score(floor_udf(*COLUMNS))) < 1e-6 * ROWS * 100
    hintsig_s, floor_s = compare(lambda: score(udf(*COLUMNS)), lambda: score(floor_udf(*COLUMNS)))
    print(header("spark_udf, 1M rows x 8 columns", baseline="pandas_udf"))
    print(row("local[2], Arrow batches", hintsig_s, floor_s))
    spark.stop()


if __name__ == "__main__":
    main()
