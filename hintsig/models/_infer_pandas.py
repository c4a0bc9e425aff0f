"""Schema inference for pandas DataFrames and Series, one column at a time.

A typed column costs its dtype check plus one vectorised missing-value check (none at
all for int and bool columns, which cannot hold one). An object column costs one
C-level type pass, after which `_infer_values` takes over; numeric object columns go
through `infer_objects()` first, as MLflow does (`[1, None]` is a double column).
"""

from __future__ import annotations

import numbers
from collections import Counter
from typing import TYPE_CHECKING, Any

from hintsig.models._infer_values import (
    Errors,
    Kind,
    Pool,
    classify,
    infer_values,
    numpy_datatype,
)
from hintsig.types.schema import AnyType, ColSpec, DataType

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["frame_specs", "series_spec"]


def frame_specs(frame: pd.DataFrame, errors: Errors) -> list[ColSpec]:
    """One ColSpec per column; string and integer labels are kept (as MLflow keeps the ints
    of a default `RangeIndex`), any other label becomes its string."""
    names = [column_label(name) for name in frame.columns]
    if not names:
        errors.append(("", "the DataFrame has no columns"))
        return []
    duplicates = sorted(name for name, count in Counter(names).items() if count > 1)
    if duplicates:
        listed = ", ".join(repr(name) for name in duplicates)
        errors.append(("", f"duplicate column names: {listed}"))
        return []
    specs = []
    for name, (_, column) in zip(names, frame.items(), strict=True):
        pool = column_pool(column, f"column {name!r}", errors)
        specs.append(ColSpec(pool.type, name, required=not pool.missing))
    return specs


def series_spec(series: pd.Series[Any], errors: Errors) -> ColSpec:
    """The single ColSpec of a Series; an unnamed one is always required (as in MLflow)."""
    name = None if series.name is None else column_label(series.name)
    path = "" if name is None else f"column {name!r}"
    pool = column_pool(series, path, errors)
    return ColSpec(pool.type, name, required=name is None or not pool.missing)


def column_label(label: Any) -> str | int:
    """A pandas column label as a ColSpec name: a str or an int as it is, others as text."""
    if isinstance(label, str):
        return label
    if isinstance(label, bool):
        return str(label)
    if isinstance(label, numbers.Integral):  # a Python or numpy integer
        return int(label)
    return str(label)


def column_pool(column: pd.Series[Any], path: str, errors: Errors) -> Pool:
    """The type of one column and whether it holds a missing value."""
    import numpy as np
    import pandas as pd

    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _categorical_pool(column, path, errors)
    if isinstance(dtype, pd.StringDtype):
        return Pool(DataType.string, bool(column.isna().any()))
    if isinstance(dtype, pd.DatetimeTZDtype):
        return Pool(DataType.datetime, bool(column.isna().any()))
    if isinstance(dtype, np.dtype):
        if dtype.kind == "O":
            return _object_pool(column, path, errors)
        return _numpy_pool(column, dtype, path, errors)
    numpy_dtype = getattr(dtype, "numpy_dtype", None)  # Int64, UInt8, Float32, boolean, ...
    found = numpy_datatype(numpy_dtype) if isinstance(numpy_dtype, np.dtype) else None
    if found is None or dtype.kind not in "biuf":
        errors.append((path, f"unsupported column dtype {dtype}"))
        return Pool(AnyType(), missing=False)
    return Pool(found, bool(column.isna().any()))


def _numpy_pool(column: pd.Series[Any], dtype: Any, path: str, errors: Errors) -> Pool:
    import numpy as np

    found = numpy_datatype(dtype)
    if found is None or dtype.kind in "US":
        errors.append((path, f"unsupported column dtype {dtype}"))
        return Pool(AnyType(), missing=False)
    values = column.to_numpy()
    if dtype.kind == "f":
        return Pool(found, bool(np.isnan(values).any()))
    if dtype.kind == "M":
        return Pool(found, bool(np.isnat(values).any()))
    return Pool(found, missing=False)  # bool and int columns cannot hold a missing value


def _categorical_pool(column: pd.Series[Any], path: str, errors: Errors) -> Pool:
    import pandas as pd

    categories = pd.Series(column.cat.categories)
    missing = bool((column.cat.codes.to_numpy() < 0).any())
    if categories.empty:
        return Pool(AnyType(), missing)
    return Pool(column_pool(categories, path, errors).type, missing)


def _object_pool(column: pd.Series[Any], path: str, errors: Errors) -> Pool:
    values = column.to_numpy()
    types = set(map(type, values))
    if _numeric_objects(types) or _timestamp_objects(types):
        converted = column.infer_objects()
        if converted.dtype != object:
            return column_pool(converted, path, errors)
    return infer_values(values, path, errors, types)


def _numeric_objects(types: set[type]) -> bool:
    """Python/numpy numbers (and missing values) only: `infer_objects()` may give a dtype."""
    numbers = 0
    for cls in types:
        kind, dtype = classify(cls)
        if kind is Kind.MISSING:
            continue
        if dtype not in _NUMBERS:
            return False
        numbers += 1
    return numbers > 0


def _timestamp_objects(types: set[type]) -> bool:
    """pandas Timestamps (and missing values) only: `infer_objects()` gives datetime64."""
    present = [cls for cls in types if classify(cls)[0] is not Kind.MISSING]
    return bool(present) and all(
        cls.__name__ == "Timestamp" and cls.__module__.startswith("pandas") for cls in present
    )


_NUMBERS = frozenset({DataType.integer, DataType.long, DataType.float, DataType.double})
