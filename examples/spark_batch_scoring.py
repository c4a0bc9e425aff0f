"""Batch scoring on Spark: a saved model scored on a Spark DataFrame, its signature enforced."""

import os
import sys
import warnings
from typing import Any

import pandas as pd
from pyspark.sql import SparkSession

import hintsig.pyfunc
from hintsig.models import infer_signature


class Discount(hintsig.pyfunc.PythonModel):
    def predict(
        self, context: Any, model_input: pd.DataFrame, params: dict[str, Any] | None = None
    ) -> pd.Series:
        rate = (params or {}).get("rate", 0.1)
        total: pd.Series = model_input["price"] * (1 - rate) * model_input["quantity"]
        return total


example = pd.DataFrame({"price": [9.5, 20.0], "quantity": [1, 3]})
signature = infer_signature(example, Discount().predict(None, example), params={"rate": 0.1})
hintsig.pyfunc.save_model("discount_model", python_model=Discount(), signature=signature)

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # executors run this Python
warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas", FutureWarning)
spark = SparkSession.builder.master("local[2]").getOrCreate()
spark.sparkContext.setLogLevel("FATAL")  # the failing task below is reported by hintsig
orders = spark.createDataFrame(pd.DataFrame({"price": [9.5, 20.0, 4.0], "quantity": [2, 1, 5]}))

# the columns named by the signature are scored; params are checked once, on the driver
total = hintsig.pyfunc.spark_udf(spark, "discount_model", params={"rate": 0.2})
orders.withColumn("total", total()).show()

# a batch that breaks the signature fails the job with the column and both types named
bad = spark.createDataFrame(pd.DataFrame({"price": ["9.5"], "quantity": [2]}))
try:
    bad.withColumn("total", total()).collect()
except Exception as error:  # pyspark's PythonException, carrying hintsig's message
    print("refused:", next(line for line in str(error).splitlines() if "column 'price'" in line))
spark.stop()
