"""Schema inference from data: what `infer_signature` and `save_model` build on.

`infer_schema(data)` accepts every data kind of MLflow's guide:

* pandas DataFrame / Series: one ColSpec per column (`_infer_pandas`);
* numpy arrays, dicts of numpy arrays and scipy csr/csc matrices: TensorSpecs whose
  first dimension is variable (`-1`);
* a dict of values (one row, named columns), a list of dicts (records; a key missing
  from some records is optional), a list of values (one unnamed column) and a single
  value: ColSpecs whose types come from `_infer_values`.

Every problem is collected with its path and raised once, as a `DataValidationError`;
inference never falls back to `AnyType` silently. A schema with integer columns comes with
MLflow's advice as a warning of our own (`warn_integer_columns`). numpy, pandas and scipy are only
touched when the data is one of theirs (checked through `sys.modules`, so inferring a
plain dict does not import them).
"""

from __future__ import annotations

import operator
import sys
import warnings
from collections.abc import Mapping
from itertools import repeat
from typing import Any

from hintsig.exceptions import DataValidationError, SchemaDefinitionError
from hintsig.models._infer_dicts import dict_columns
from hintsig.models._infer_params import infer_param_schema
from hintsig.models._infer_values import Errors, Kind, classify, infer_values, is_missing_value
from hintsig.types.schema import ColSpec, DataType, Schema, Spec, TensorSpec

__all__ = ["infer_param_schema", "infer_schema", "warn_integer_columns"]

_INTEGER_TYPES = (DataType.integer, DataType.long)


def infer_schema(data: Any) -> Schema:
    """The Schema of `data`; a `DataValidationError` listing every problem otherwise."""
    errors: Errors = []
    specs = _specs(data, errors)
    if errors or not specs:
        raise DataValidationError("Cannot infer a schema from the data", errors)
    schema = Schema(specs)
    warn_integer_columns(schema)
    return schema


def warn_integer_columns(schema: Schema) -> None:
    """Warn, as MLflow does, when an inferred column-based schema has integer columns.

    Only top-level column types count (not the items of an `Array` or the fields of an
    `Object`), tensors never do; one warning per schema.
    """
    ints = [
        (spec.name, spec.type.name)
        for spec in schema.inputs
        if isinstance(spec, ColSpec) and spec.type in _INTEGER_TYPES
    ]
    if not ints:
        return
    shown = ", ".join(
        f"{'unnamed column' if name is None else repr(name)} ({kind})" for name, kind in ints[:5]
    )
    more = f" and {len(ints) - 5} more" if len(ints) > 5 else ""
    warnings.warn(
        f"The inferred schema has integer column(s): {shown}{more}. An integer column cannot "
        "hold missing values: if data at prediction time has a missing value there, it arrives "
        "as a float and fails the schema check. If these columns can have missing values, "
        "declare them as double, or infer the signature from data that includes the missing "
        "values (such as the training set).",
        UserWarning,
        stacklevel=2,
    )


def _specs(data: Any, errors: Errors) -> list[Spec]:
    pandas_specs = _pandas_specs(data, errors)
    if pandas_specs is not None:
        return pandas_specs
    if "pyspark" in sys.modules and type(data).__name__ == "DataFrame":  # Spark's, as MLflow
        from hintsig.types._spark import spark_columns

        return Schema(spark_columns(data)).inputs
    if _is_ndarray(data):
        return [_tensor_spec(data, None, "", errors)]
    if _looks_sparse(data):
        return [_sparse_spec(data, errors)]
    if isinstance(data, dict):
        return _dict_specs(data, errors)
    if isinstance(data, list):
        return _list_specs(data, errors)
    return [_scalar_spec(data, errors)]


# ----------------------------------------------------------------------------- pandas


def _pandas_specs(data: Any, errors: Errors) -> list[Spec] | None:
    if "pandas" not in sys.modules:
        return None
    import pandas as pd

    from hintsig.models._infer_pandas import frame_specs, series_spec

    if isinstance(data, pd.DataFrame):
        return list(frame_specs(data, errors))
    if isinstance(data, pd.Series):
        return [series_spec(data, errors)]
    return None


# ----------------------------------------------------------------------------- tensors


def _is_ndarray(data: Any) -> bool:
    np = sys.modules.get("numpy")
    return np is not None and isinstance(data, np.ndarray)


def _tensor_spec(array: Any, name: str | None, path: str, errors: Errors) -> TensorSpec:
    import numpy as np

    if array.ndim == 0:
        errors.append((path, "a 0-dimensional numpy array has no batch dimension"))
        return TensorSpec(np.dtype("float64"), (-1,), name)
    try:
        return TensorSpec(_tensor_dtype(array.dtype), (-1, *array.shape[1:]), name)
    except SchemaDefinitionError as exc:
        errors.append((path, exc.message))
        return TensorSpec(np.dtype("float64"), (-1,), name)


def _tensor_dtype(dtype: Any) -> Any:
    """Strings and bytes lose their size (`<U5` -> `str`), as MLflow stores them."""
    import numpy as np

    if dtype.kind == "U":
        return np.dtype("str")
    if dtype.kind == "S":
        return np.dtype("bytes")
    return dtype


def _looks_sparse(data: Any) -> bool:
    return type(data).__module__.startswith("scipy.sparse")


def _sparse_spec(matrix: Any, errors: Errors) -> TensorSpec:
    import numpy as np
    import scipy.sparse

    fmt = getattr(matrix, "format", None)
    dtype, shape = getattr(matrix, "dtype", None), getattr(matrix, "shape", ())
    if not scipy.sparse.issparse(matrix) or fmt not in ("csr", "csc"):
        errors.append(("", f"unsupported sparse format {fmt!r}; convert it to csr or csc"))
        return TensorSpec(np.dtype("float64"), (-1,))
    return TensorSpec(_tensor_dtype(dtype), (-1, *shape[1:]))


# ----------------------------------------------------------------------------- dicts


def _dict_specs(data: dict[Any, Any], errors: Errors) -> list[Spec]:
    if not data:
        errors.append(("", "an empty dict has no columns"))
        return []
    bad = sorted({type(key).__name__ for key in data if not isinstance(key, str) or not key})
    if bad:
        errors.append(("", f"dict keys must be non-empty strings, got {', '.join(bad)}"))
        return []
    if all(_is_ndarray(value) for value in data.values()):
        return [_tensor_spec(v, name, f"tensor {name!r}", errors) for name, v in data.items()]
    return [_value_spec(name, value, errors) for name, value in data.items()]


def _value_spec(name: str, value: Any, errors: Errors) -> ColSpec:
    """One named column holding one value (a dict input is a single row)."""
    pool = infer_values([value], f"column {name!r}", errors)
    # MLflow: a value that is missing, or a list holding a missing value, is optional.
    holds_missing = isinstance(value, list) and any(map(is_missing_value, value))
    return ColSpec(pool.type, name, required=not (pool.missing or holds_missing))


# ----------------------------------------------------------------------------- lists


def _list_specs(data: list[Any], errors: Errors) -> list[Spec]:
    if not data:
        return [ColSpec("string")]  # MLflow's choice for an empty list
    types = set(map(type, data))
    if all(classify(t)[0] is Kind.OBJECT for t in types):
        return _record_specs(data, errors, exact=types == {dict})
    return [ColSpec(infer_values(data, "", errors, types).type)]


def _record_specs(records: list[dict[Any, Any]], errors: Errors, *, exact: bool) -> list[Spec]:
    """Records: one column per key, in order of first appearance."""
    specs: list[Spec] = []
    bad: set[str] = set()
    for key, values, absent in dict_columns(records, exact=exact)[0]:
        if not isinstance(key, str) or not key:
            bad.add(type(key).__name__)
            continue
        pool = infer_values(values, f"column {key!r}", errors)
        # MLflow: a key is required when every record holds it with a value other than None
        # (a NaN value counts as given).
        required = not absent and not any(map(operator.is_, values, repeat(None)))
        specs.append(ColSpec(pool.type, key, required=required))
    if bad:
        errors.append(("", f"record keys must be non-empty strings, got {', '.join(sorted(bad))}"))
        return []
    if not specs:
        errors.append(("", "the records have no keys"))
    return specs


# ----------------------------------------------------------------------------- scalars


def _scalar_spec(value: Any, errors: Errors) -> ColSpec:
    if classify(type(value))[0] is Kind.UNSUPPORTED:
        errors.append(("", _unsupported_input(value)))
        return ColSpec("string")  # a placeholder: the errors are raised
    return ColSpec(infer_values([value], "", errors).type)


def _unsupported_input(value: Any) -> str:
    message = (
        f"unsupported input type '{type(value).__name__}'; expected a pandas DataFrame or "
        "Series, a numpy array, a scipy csr/csc matrix, a dict, a list or a scalar"
    )
    if hasattr(type(value), "model_fields"):
        message += (
            " (for pydantic models, give predict a list[YourModel] type hint: the "
            "signature then comes from the hint)"
        )
    elif isinstance(value, tuple):
        message += " (use a list instead of a tuple)"
    elif type(value).__name__ == "Timestamp" and type(value).__module__.startswith("pandas"):
        message += (
            " (as in MLflow, a pandas Timestamp is typed only in a DataFrame column; elsewhere "
            "use datetime.datetime)"
        )
    elif isinstance(value, Mapping):
        message += " (use a plain dict)"
    return message
