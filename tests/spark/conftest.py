"""One real local SparkSession for the Spark tests, started once per test session.

The models scored on Spark are defined in `spark_models`, which the executors' Python workers
cannot import (the tests folder is not installed): cloudpickle stores that module's classes
and functions by value in the saved models.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator

import cloudpickle
import pytest
import spark_models
from pyspark.sql import SparkSession

cloudpickle.register_pickle_by_value(spark_models)


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    if shutil.which("java") is None:
        pytest.fail("The Spark tests need a Java 17+ runtime on PATH (make test installs one)")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("hintsig-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "1g")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
