"""`hintsig.pyfunc.spark_udf`: batch scoring on Spark, with MLflow's arguments.

This module imports without pyspark, so a missing `spark` extra is a clear error at the call;
the Spark work is in `hintsig.pyfunc._spark_worker`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import HintsigException

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DataType

    from hintsig.pyfunc._spark_worker import SparkUdf

__all__ = ["spark_udf"]


def spark_udf(
    spark: SparkSession,
    model_uri: str | os.PathLike[str],
    result_type: DataType | str | None = None,
    env_manager: str | None = "local",
    params: Mapping[str, Any] | None = None,
    extra_env: Mapping[str, str] | None = None,
    prebuilt_env_uri: str | None = None,
    model_config: str | Path | Mapping[str, Any] | None = None,
) -> SparkUdf:
    """A Spark UDF that scores the model at `model_uri` on each Arrow batch of its columns.

    Called as `udf("a", "b")`, `udf(*df.columns)`, `udf(struct("a", "b"))` or, when the model
    has an input signature, `udf()` (the signature's column names pick the columns). Every
    batch goes through `PyFuncModel.predict`, so it is checked against the input signature as
    a local call is; a batch that breaks it fails the Spark task with the HintsigException.

    `result_type` (a Spark `DataType` or DDL text such as `"double"`, `"array<string>"`,
    `"a int, b string"`) defaults to the output signature's type, else `double`. `params` are
    checked against the model's param schema here, before any task runs. `extra_env` is set
    in the executors' Python workers while they load the model and score.

    Differences from MLflow: the executors' own Python environment scores the model
    (`env_manager` must be `"local"` or None; `prebuilt_env_uri` is refused), and
    `model_config` is refused (hintsig models take no load-time config).
    """
    if env_manager not in (None, "local") or prebuilt_env_uri is not None:
        given = f"prebuilt_env_uri={prebuilt_env_uri!r}" if prebuilt_env_uri else repr(env_manager)
        raise HintsigException(
            f"spark_udf supports only env_manager='local' (got {given}): the model runs in "
            "the executors' own Python environment; hintsig does not build conda, "
            "virtualenv or uv environments, so install the model's requirements there"
        )
    if model_config:
        raise HintsigException(
            "spark_udf does not take model_config: hintsig models read no load-time "
            "configuration (save it with the model, or pass it as params)"
        )
    for name in ("pyspark", "pyarrow"):
        try:
            importlib.import_module(name)
        except ImportError:
            raise HintsigException(
                f"spark_udf needs pyspark and pyarrow ({name} is not installed); install the "
                "'spark' extra: pip install 'hintsig[spark]'"
            ) from None
    from hintsig.pyfunc._spark_worker import build_udf

    return build_udf(spark, model_uri, result_type, params, extra_env)
