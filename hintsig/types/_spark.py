"""Spark SQL types <-> hintsig schemas: one table keyed by `DataType`, used both ways.

`SPARK_TYPES` maps each scalar `DataType` to its Spark type; the reverse is built from it
(plus the Spark types that also read as one of ours: `byte`/`short` as `integer`, `date` and
`timestamp_ntz` as `datetime`, as MLflow reads them). `Array`, `Object`, `Map`, `AnyType` and
`TensorSpec` each take one small branch. Imported only by code that needs pyspark
(`Schema.as_spark_schema`, `Schema.from_spark`, `infer_signature` on a Spark DataFrame,
`hintsig.pyfunc.spark_udf`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from hintsig.exceptions import DataValidationError, HintsigException

try:
    from pyspark.sql import types as T
except ImportError:  # pragma: no cover - the extra is installed in the tests
    raise HintsigException(
        "Spark schemas need pyspark: install the 'spark' extra: pip install 'hintsig[spark]'"
    ) from None
# The nodes come from the modules below `hintsig.types.schema`, whose `Schema` methods call
# this module: it never imports `Schema` itself (no import cycle).
from hintsig.types._schema_dtypes import DataType
from hintsig.types._schema_specs import ColSpec, Spec, TensorSpec
from hintsig.types._schema_types import AnyType, Array, ColType, Map, Object, Property


class _Specs(Protocol):
    """What `as_spark_schema` reads of a `Schema`."""

    def is_tensor_spec(self) -> bool: ...

    def __iter__(self) -> Iterator[Spec]: ...


__all__ = [
    "SPARK_TYPES",
    "as_spark_schema",
    "from_spark_type",
    "output_spark_type",
    "spark_columns",
    "to_spark_type",
]

#: The one table: each scalar DataType and the Spark type that holds it.
SPARK_TYPES: dict[DataType, type[T.DataType]] = {
    DataType.boolean: T.BooleanType,
    DataType.integer: T.IntegerType,
    DataType.long: T.LongType,
    DataType.float: T.FloatType,
    DataType.double: T.DoubleType,
    DataType.string: T.StringType,
    DataType.binary: T.BinaryType,
    DataType.datetime: T.TimestampType,
}
_FROM_SPARK: dict[type[T.DataType], DataType] = {
    **{spark: ours for ours, spark in SPARK_TYPES.items()},
    T.ByteType: DataType.integer,
    T.ShortType: DataType.integer,
    T.DateType: DataType.datetime,
    T.TimestampNTZType: DataType.datetime,
}
#: A tensor's numpy dtype (by name; text and bytes by kind) -> the DataType of its elements.
_TENSOR_TYPES: dict[str, DataType] = {
    **{ours.to_numpy().name: ours for ours in DataType},
    "U": DataType.string,
    "S": DataType.binary,
}


def to_spark_type(dtype: ColType, *, nullable_fields: bool = False) -> T.DataType:
    """The Spark type of a column type. Object properties are nullable when not required
    (or always, with `nullable_fields`: what a UDF result needs, as in MLflow)."""
    if isinstance(dtype, DataType):
        return SPARK_TYPES[dtype]()
    if isinstance(dtype, Array):
        return T.ArrayType(to_spark_type(dtype.dtype, nullable_fields=nullable_fields))
    if isinstance(dtype, Object):
        return T.StructType(
            [
                T.StructField(
                    p.name,
                    to_spark_type(p.dtype, nullable_fields=nullable_fields),
                    nullable=nullable_fields or not p.required,
                )
                for p in dtype.properties
            ]
        )
    if isinstance(dtype, Map):
        value = to_spark_type(dtype.value_type, nullable_fields=nullable_fields)
        return T.MapType(T.StringType(), value)
    assert isinstance(dtype, AnyType)
    return T.VariantType()


def output_spark_type(spec: Spec) -> T.DataType:
    """The Spark type of one output column or tensor (a tensor of 1 or 2 dimensions is an
    array or an array of arrays, as in MLflow)."""
    if isinstance(spec, ColSpec):
        return to_spark_type(spec.type, nullable_fields=True)
    element = _TENSOR_TYPES.get(spec.type.name) or _TENSOR_TYPES.get(spec.type.kind)
    if element is None or len(spec.shape) > 2:
        raise HintsigException(
            f"The model output {_spec_label(spec)} (dtype {spec.type}, shape {spec.shape}) has "
            "no Spark type: spark_udf returns tensors of 1 or 2 dimensions of booleans, "
            "numbers, text or bytes; pass result_type to choose one"
        )
    spark: T.DataType = T.ArrayType(SPARK_TYPES[element]())
    return T.ArrayType(spark) if len(spec.shape) == 2 else spark


def as_spark_schema(schema: _Specs) -> T.DataType:
    """`Schema.as_spark_schema`: one unnamed column is its type, else a struct (unnamed
    columns are named 0, 1, ...; an optional column is nullable), as in MLflow."""
    if schema.is_tensor_spec():
        raise HintsigException(
            "A tensor schema has no Spark schema: a tensor input reaches spark_udf as an "
            "array column, reshaped to the tensor's shape"
        )
    specs = [spec for spec in schema if isinstance(spec, ColSpec)]
    if len(specs) == 1 and specs[0].name is None:
        return to_spark_type(specs[0].type)
    return T.StructType(
        [
            T.StructField(
                str(i if spec.name is None else spec.name),
                to_spark_type(spec.type),
                not spec.required,
            )
            for i, spec in enumerate(specs)
        ]
    )


def from_spark_type(spark: T.DataType, path: str = "", data: Any = None) -> ColType:
    """The column type of a Spark type. A map reads as `Map` from a bare type; given the
    DataFrame `data` holding it (at top-level column `path`), as an `Object` of the keys
    found in the data, which is what MLflow infers."""
    scalar = _FROM_SPARK.get(type(spark))
    if scalar is not None:
        return scalar
    if isinstance(spark, T.ArrayType):
        return Array(from_spark_type(spark.elementType, f"{path}[]"))
    if isinstance(spark, T.StructType):
        return Object(
            [
                Property(f.name, from_spark_type(f.dataType, f"{path}.{f.name}"), not f.nullable)
                for f in spark.fields
            ]
        )
    if isinstance(spark, T.MapType) and isinstance(spark.keyType, T.StringType):
        value = from_spark_type(spark.valueType, f"{path}{{}}")
        if data is None:
            return Map(value)
        if isinstance(spark.valueType, T.MapType):
            raise _unsupported(path, "a map of maps (declare the column as a struct)")
        return Object([Property(key, value) for key in _map_keys(data, path)])
    if isinstance(spark, T.VariantType):
        return AnyType()
    raise _unsupported(path, f"the Spark type {spark.simpleString()}")


def spark_columns(source: Any) -> list[ColSpec]:
    """`Schema.from_spark`: the columns of the Schema of a Spark DataFrame or of a StructType.

    Every top-level column is required (Spark marks nearly every column nullable, so MLflow
    does not read `nullable` there); struct fields are required unless nullable.
    """
    data = None if isinstance(source, T.StructType) else source
    struct = source if data is None else data.schema
    if not isinstance(struct, T.StructType):
        raise HintsigException(
            f"Schema.from_spark takes a Spark DataFrame or a StructType, got {type(source)}"
        )
    return [ColSpec(from_spark_type(f.dataType, f.name, data), f.name) for f in struct]


def _map_keys(data: Any, column: str) -> list[str]:
    from pyspark.sql import functions as F

    rows = data.select(F.explode(F.map_keys(F.col(column))).alias("k")).distinct().collect()
    keys = sorted(str(row.k) for row in rows)
    if not keys:
        raise _unsupported(column, "a map column whose keys are unknown (no rows hold any)")
    return keys


def _unsupported(path: str, what: str) -> DataValidationError:
    return DataValidationError(
        "Cannot infer a schema from the Spark DataFrame",
        [(f"column {path!r}" if path else "", f"unsupported: {what}")],
    )


def _spec_label(spec: TensorSpec) -> str:
    return repr(spec.name) if spec.name else "tensor"
