"""The Spark side of `spark_udf`: ship the model, score Arrow batches, convert the results.

Driver: `build_udf` reads the model's `MLmodel` (signature, params schema), chooses the result
type, checks the params once, zips the model directory and hands the archive to Spark
(`SparkContext.addFile`), so executors read their own copy (`SparkFiles.get`), never the
driver's path.

Executor: each Python worker unpacks the archive once (one directory per executor, shared by
its workers), loads the model once (`_WORKER_MODELS`, keyed by the archive's unique name) and
sends every Arrow batch through `PyFuncModel.predict`: the batch becomes the DataFrame (or, for
tensor signatures, the arrays) a local caller would pass, and predict's enforcement checks it.
The prediction is then converted to the UDF's Spark type as MLflow's `spark_udf` converts it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Union

import numpy as np
import pandas as pd
from pyspark import SparkFiles
from pyspark.sql import Column, SparkSession
from pyspark.sql import types as T
from pyspark.sql.pandas.functions import pandas_udf

from hintsig.exceptions import DataValidationError, HintsigException
from hintsig.models import enforcement
from hintsig.models._enforce_columns import HEADLINE
from hintsig.models._uri import resolve_model_uri
from hintsig.models.model import MLMODEL_FILE, Model
from hintsig.pyfunc._loaded import PyFuncModel
from hintsig.types._spark import SPARK_TYPES, output_spark_type
from hintsig.types.schema import ColSpec, DataType, Object, Schema, TensorSpec

__all__ = ["SparkUdf", "build_udf", "worker_model"]

#: Models loaded in this Python worker, by the name of the archive they came from.
_WORKER_MODELS: dict[str, PyFuncModel] = {}

#: The numpy type a Spark result field of each scalar type is cast to (text stays `str`).
_RESULT_DTYPES: dict[type[T.DataType], Any] = {
    SPARK_TYPES[t]: (str if t is DataType.string else t.to_numpy())
    for t in DataType
    if t not in (DataType.binary, DataType.datetime)
}
#: The prediction columns each scalar result type takes (as in MLflow, plus 32-bit ints for
#: `long`), before they are cast to it; `string` takes every column.
_RESULT_COLUMNS: dict[type[T.DataType], list[Any]] = {
    T.IntegerType: ["int8", "uint8", "int16", "uint16", "int32"],
    T.LongType: ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64"],
    T.FloatType: ["number"],
    T.DoubleType: ["number"],
    T.BooleanType: ["bool"],
}


def build_udf(
    spark: SparkSession,
    model_uri: Any,
    result_type: T.DataType | str | None,
    params: Mapping[str, Any] | None,
    extra_env: Mapping[str, str] | None,
) -> SparkUdf:
    """The UDF of `spark_udf` (its arguments already checked)."""
    directory = resolve_model_uri(model_uri)
    meta = Model.load(directory)
    spark_type = _result_type(result_type, meta.get_output_schema())
    checked = enforcement.enforce_params(params, meta.get_params_schema(), stacklevel=4)
    archive = _ship(spark, directory)
    schema = meta.get_input_schema()
    score = _scorer(archive, schema, spark_type, checked, dict(extra_env or {}))
    # (pyspark types pandas_udf by function shape; the iterator form is read from annotations)
    return SparkUdf(pandas_udf(score, spark_type), meta)  # type: ignore[call-overload]


class SparkUdf:
    """A Spark UDF scoring a saved model: `udf("a", "b")`, `udf(*df.columns)`,
    `udf(struct("a", "b"))`, or `udf()` for the columns named by the input signature.

    Columns passed one by one are named by the input signature, in its order (without a
    signature: `"0"`, `"1"`, ...); a single struct column keeps its field names.
    `metadata` is the model's `MLmodel`; other attributes are the pandas UDF's.
    """

    def __init__(self, udf: Any, metadata: Model) -> None:
        self._udf = udf
        self.metadata = metadata

    def __call__(self, *cols: Column | str) -> Column:
        if not cols:
            cols = tuple(self._signature_columns())
        column: Column = self._udf(*cols)
        return column

    def __getattr__(self, name: str) -> Any:
        return getattr(self._udf, name)

    def _signature_columns(self) -> list[str]:
        schema = self.metadata.get_input_schema()
        if schema is None:
            raise HintsigException(
                "Call the UDF with the columns to score: the model has no input signature "
                "to name them"
            )
        if not schema.has_input_names():
            raise HintsigException(
                f"Call the UDF with the columns to score: the model's input signature has "
                f"{len(schema.inputs)} unnamed inputs ({schema}), so it cannot name them"
            )
        if schema.optional_input_names():
            raise HintsigException(
                "Call the UDF with the columns to score: the model's input signature has "
                "optional columns, so the columns a DataFrame holds cannot be assumed"
            )
        return [str(name) for name in schema.input_names()]


# ----------------------------------------------------------------------------- driver


def _result_type(result_type: T.DataType | str | None, outputs: Schema | None) -> T.DataType:
    """MLflow's choice: the given type (a DataType or DDL text), else the output signature's
    type (one output: its type; several: a struct of them), else `double`."""
    if result_type is None:
        if outputs is None:
            return T.DoubleType()
        specs = outputs.inputs
        if len(specs) == 1:
            inferred = output_spark_type(specs[0])
        else:
            inferred = T.StructType(
                [
                    T.StructField(str(i if s.name is None else s.name), output_spark_type(s))
                    for i, s in enumerate(specs)
                ]
            )
        if not _is_result_type(inferred):
            raise HintsigException(
                f"spark_udf cannot return the model's output signature ({outputs}) as a Spark "
                f"type ({inferred.simpleString()}: Any values are not converted to Spark "
                "variants); pass result_type, for example result_type='string'"
            )
        return inferred
    if isinstance(result_type, str):
        result_type = _parse_ddl(result_type)
    if not isinstance(result_type, T.DataType) or not _is_result_type(result_type):
        shown = result_type.simpleString() if isinstance(result_type, T.DataType) else result_type
        raise HintsigException(
            f"Invalid spark_udf result_type {shown!r}: expected int, long, float, double, "
            "string or boolean, an array of those or of structs, a struct of those, or a "
            "map with string keys"
        )
    return result_type


def _parse_ddl(text: str) -> T.DataType:
    try:
        return T.DataType.fromDDL("boolean" if text == "bool" else text)
    except Exception as exc:
        raise HintsigException(
            f"Invalid spark_udf result_type {text!r}: not a Spark DDL type "
            f"({exc.__class__.__name__})"
        ) from None


def _is_result_type(spark: T.DataType) -> bool:
    if type(spark) in _RESULT_DTYPES:
        return True
    if isinstance(spark, T.ArrayType):
        return _is_result_type(spark.elementType)
    if isinstance(spark, T.StructType):
        return all(_is_result_type(f.dataType) for f in spark.fields)
    if isinstance(spark, T.MapType):
        return isinstance(spark.keyType, T.StringType) and _is_result_type(spark.valueType)
    return False


def _ship(spark: SparkSession, directory: Path) -> str:
    """Zip the model directory under a unique name and give it to Spark; the archive's name."""
    if not (directory / MLMODEL_FILE).is_file():
        raise HintsigException(f"No model at {directory}: {MLMODEL_FILE} is missing")
    staging = Path(tempfile.mkdtemp(prefix="hintsig-spark-"))
    name = f"hintsig-model-{uuid.uuid4().hex}"
    archive = shutil.make_archive(str(staging / name), "zip", root_dir=directory)
    spark.sparkContext.addFile(archive)
    return Path(archive).name


# ----------------------------------------------------------------------------- executors


def worker_model(archive: str) -> PyFuncModel:
    """The model of `archive`, loaded once per Python worker from the executor's copy."""
    model = _WORKER_MODELS.get(archive)
    if model is None:
        from hintsig.pyfunc._persist import load_model

        model = _WORKER_MODELS[archive] = load_model(_unpacked(archive))
    return model


def _unpacked(archive: str) -> Path:
    """The archive unpacked beside the executor's copy of it, once per executor (a worker
    unpacks into a fresh directory and renames it into place; the first rename wins)."""
    copy = Path(SparkFiles.get(archive))
    target = copy.with_suffix("")
    if not (target / MLMODEL_FILE).is_file():
        staging = tempfile.mkdtemp(dir=copy.parent, prefix=".unpacking-")
        shutil.unpack_archive(copy, staging, "zip")
        try:
            os.rename(staging, target)
        except OSError:  # another worker of this executor was first
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _scorer(
    archive: str,
    schema: Schema | None,
    spark_type: T.DataType,
    params: dict[str, Any] | None,
    env: dict[str, str],
) -> Any:
    """The pandas UDF's function: an iterator of Arrow batches in, one result per batch out."""
    names = None if schema is None else schema.input_names()
    tensors = schema is not None and schema.is_tensor_spec()
    required = [] if schema is None or tensors else schema.required_input_names()
    specs = None if schema is None or tensors else {spec.name: spec for spec in schema.inputs}

    def score(batches: Any) -> Any:
        with _environ(env):
            model = worker_model(archive)
            for batch in batches:
                args = (batch,) if isinstance(batch, (pd.Series, pd.DataFrame)) else batch
                if not len(args[0]):
                    continue
                data: Any = _frame(args, names, specs)
                if required:
                    _refuse_nulls(data, required)
                if tensors:
                    assert schema is not None
                    data = _tensors(data, schema)
                yield to_result(model.predict(data, params), spark_type)

    # pandas_udf reads the iterator form from these (typing.Union: it does not read `|`).
    batch_type = tuple[Union[pd.Series, pd.DataFrame], ...]  # noqa: UP007
    result: type = pd.DataFrame if isinstance(spark_type, T.StructType) else pd.Series
    score.__annotations__ = {"batches": Iterator[batch_type], "return": Iterator[result]}  # type: ignore[valid-type]
    return score


@contextlib.contextmanager
def _environ(env: Mapping[str, str]) -> Iterator[None]:
    """`extra_env` set in the worker while it loads the model and scores, then restored."""
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _frame(
    args: Sequence[Any], names: list[str | int] | None, specs: Mapping[Any, Any] | None = None
) -> pd.DataFrame:
    """One batch as the model's input DataFrame: a lone struct column is that DataFrame;
    columns passed one by one take the signature's names in order (extra ones are dropped)."""
    if len(args) == 1 and isinstance(args[0], pd.DataFrame):
        return args[0]
    if names is None:
        names = [str(i) for i in range(len(args))]
    frame: pd.DataFrame = pd.DataFrame(
        {
            name: _column(arg, None if specs is None else specs.get(name))
            for name, arg in zip(names, args, strict=False)
        },
        copy=False,
    )
    return frame


def _refuse_nulls(frame: pd.DataFrame, required: list[str | int]) -> None:
    """Spark marks nearly every column nullable, so a null in a column the signature requires
    is refused here, before predict (which, as in MLflow, lets NaN through)."""
    errors = []
    for name in required:
        if name in frame.columns:
            nulls = int(frame[name].isna().sum())
            if nulls:
                errors.append((f"column {name!r}", f"required, but {nulls} rows hold null"))
    if errors:
        raise DataValidationError(HEADLINE, errors)


def _column(arg: pd.Series | pd.DataFrame, spec: ColSpec | None) -> pd.Series:
    """A struct column (a DataFrame in the batch) becomes a column of dicts, as a local caller
    passes an object column: a null struct is None, a null field None (not NaN), and a whole
    number field that Arrow widened to float for its nulls is an int again where the
    signature's object property is an integer type."""
    if isinstance(arg, pd.Series):
        return arg
    integral = set()
    if spec is not None and isinstance(spec.type, Object):
        integral = {p.name for p in spec.type.properties if p.dtype in _INTEGRAL}
    fields = {name: _field_values(arg[name], name in integral) for name in arg.columns}
    rows = [
        None if all(v is None for v in values) else dict(zip(fields, values, strict=True))
        for values in zip(*fields.values(), strict=True)
    ]
    return pd.Series(rows, index=arg.index, dtype=object)


_INTEGRAL = (DataType.long, DataType.integer)


def _field_values(values: pd.Series, integral: bool) -> list[Any]:
    """One struct field's values as Python objects, nulls as None."""
    nulls = values.isna().to_numpy()
    objects = values.astype(object).to_numpy()
    if integral and values.dtype.kind == "f":
        return [None if null else int(v) for v, null in zip(objects, nulls, strict=True)]
    return [None if null else v for v, null in zip(objects, nulls, strict=True)]


def _tensors(frame: pd.DataFrame, schema: Schema) -> Any:
    """Array columns stacked and reshaped to the tensors of a tensor signature (C order)."""
    specs = [spec for spec in schema if isinstance(spec, TensorSpec)]
    if specs[0].name is None:
        if len(frame.columns) == 1:
            return _tensor(frame.iloc[:, 0], specs[0], "the input column")
        return frame.to_numpy()
    return {
        spec.name: _tensor(frame[spec.name], spec, f"column {spec.name!r}")
        for spec in specs
        if spec.name in frame.columns
    }


def _tensor(column: pd.Series, spec: TensorSpec, label: str) -> Any:
    values = column.to_numpy()
    if values.dtype != object:  # a column of scalars
        stacked = values
    else:
        try:
            stacked = np.stack([_dense(value) for value in values])
        except (ValueError, TypeError):
            raise HintsigException(
                f"Cannot reshape {label} to the tensor shape {spec.shape}: its rows must be "
                "arrays of one length (no nulls)"
            ) from None
    shape = (len(values), *spec.shape[1:])
    if -1 in shape[1:] or stacked.shape == shape:
        return stacked
    try:
        return stacked.reshape(shape)
    except ValueError:
        raise HintsigException(
            f"Cannot reshape {label} to the tensor shape {spec.shape}: each row holds "
            f"{stacked[0].size if stacked.ndim > 1 else 1} values"
        ) from None


def _dense(value: Any) -> Any:
    """An array from Arrow (nested arrays arrive as object arrays of arrays) made dense."""
    if isinstance(value, np.ndarray) and value.dtype == object:
        return np.stack([_dense(item) for item in value])
    if value is None:
        raise ValueError("null")
    return value


# ----------------------------------------------------------------------------- results
# pandas-stubs type most constructors and casts as returning Any, hence the typed locals.


def to_result(result: Any, spark_type: T.DataType) -> pd.Series | pd.DataFrame:
    """A prediction as the values of `spark_type`, converted as MLflow's spark_udf does."""
    if isinstance(result, dict):
        result = {key: list(value) for key, value in result.items()}
    if isinstance(spark_type, T.StructType):
        return _struct_frame(_as_frame(result), spark_type)
    values: pd.Series
    if isinstance(spark_type, T.ArrayType) and not _is_scalar_type(spark_type.elementType):
        values = pd.Series([_array(row, spark_type.elementType) for row in _rows(result)])
        return values
    if isinstance(spark_type, T.MapType):
        values = pd.Series(_rows(result), dtype=object)
        return values
    element = spark_type.elementType if isinstance(spark_type, T.ArrayType) else spark_type
    frame = _typed_columns(_as_frame(result), element)
    if isinstance(spark_type, T.ArrayType):
        values = pd.Series(frame.to_numpy().tolist())
        return values
    return frame.iloc[:, 0]


def _is_scalar_type(spark: T.DataType) -> bool:
    return type(spark) in _RESULT_DTYPES


def _as_frame(result: Any) -> pd.DataFrame:
    if isinstance(result, pd.DataFrame):
        return result
    if isinstance(result, list) and result and hasattr(result[0], "model_dump"):
        result = [item.model_dump() for item in result]
    frame: pd.DataFrame = pd.DataFrame([result] if np.isscalar(result) else result)
    return frame


def _rows(result: Any) -> list[Any]:
    if isinstance(result, pd.DataFrame):
        return list(result.iloc[:, 0])
    return list(result)


def _typed_columns(frame: pd.DataFrame, element: T.DataType) -> pd.DataFrame:
    """The prediction columns that the scalar type `element` takes, cast to it."""
    kinds = _RESULT_COLUMNS.get(type(element))
    if kinds is not None:
        frame = frame.select_dtypes(include=kinds)
    if not len(frame.columns):
        raise HintsigException(
            "The model returned no values of the requested result type "
            f"{element.simpleString()!r}; ask spark_udf for result_type='string' or "
            "'array<string>' to get any value as text"
        )
    typed: pd.DataFrame = (
        frame.map(str)
        if isinstance(element, T.StringType)
        else frame.astype(_RESULT_DTYPES[type(element)])
    )
    return typed


def _struct_frame(frame: pd.DataFrame, struct: T.StructType) -> pd.DataFrame:
    """The output columns that the struct's fields name, each converted to its field type."""
    missing = [name for name in struct.fieldNames() if name not in frame.columns]
    if missing:
        raise HintsigException(
            f"The model's output has no column {', '.join(map(repr, missing))} for the struct "
            f"result type {struct.simpleString()!r} (its columns: "
            f"{', '.join(map(repr, map(str, frame.columns)))})"
        )
    fields = {f.name: _field_column(frame[f.name], f.dataType) for f in struct.fields}
    typed: pd.DataFrame = pd.DataFrame(fields, index=frame.index)
    return typed


def _field_column(values: pd.Series, spark: T.DataType) -> pd.Series:
    dtype = _RESULT_DTYPES.get(type(spark))
    if dtype is not None:
        return values if values.isna().all() else values.astype(dtype)
    typed: pd.Series = pd.Series(
        [_value(value, spark) for value in values], index=values.index, dtype=object
    )
    return typed


def _is_null(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def _value(value: Any, spark: T.DataType) -> Any:
    """One value of a nested result field converted to `spark`; None and NaN stay null."""
    if _is_null(value):
        return None
    dtype = _RESULT_DTYPES.get(type(spark))
    if dtype is not None:
        return np.array(value, dtype=dtype).item()
    if isinstance(spark, T.ArrayType):
        return _array(value, spark.elementType)
    if isinstance(spark, T.StructType):
        if hasattr(value, "model_dump"):
            value = value.model_dump()
        return {f.name: _value(value.get(f.name), f.dataType) for f in spark.fields}
    if isinstance(spark, T.MapType):
        return {key: _value(item, spark.valueType) for key, item in value.items()}
    return value


def _array(values: Any, element: T.DataType) -> Any:
    if _is_null(values):
        return None
    dtype = _RESULT_DTYPES.get(type(element))
    if dtype is not None:
        return np.array(values, dtype=dtype)
    return [_value(value, element) for value in values]
