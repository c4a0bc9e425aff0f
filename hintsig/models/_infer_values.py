"""Schema inference over a pool of Python values: the elements of a list or of a column.

A pool is inferred column-wise, never row by row: one C-level pass (`set(map(type, ...))`)
finds the distinct types, each type is classified once, and only containers recurse.
Dicts are split into one pool per key (`_infer_dicts.dict_columns`), lists are flattened
into one pool of all their elements, so a million rows cost a handful of C-level passes per
nesting level and no Python frame per row.

The merge rules are MLflow's (checked against MLflow 3.17):

* None, NaN, `pd.NA`, `pd.NaT`, `[]` and `{}` carry no type; they merge into any type.
* A dict missing from, or empty in, a pool makes every property of that pool's objects
  optional (one level deep); a key absent from some dicts makes that property optional.
* Values of two different types (`long` and `string`, an object and a scalar) are an
  error naming the path; `long` and `double` are two types too.
"""

from __future__ import annotations

import datetime as _dt
import enum
import operator
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, compress, filterfalse
from typing import TYPE_CHECKING, Any

from hintsig.models._infer_dicts import Values as Values
from hintsig.models._infer_dicts import dict_columns
from hintsig.types.schema import AnyType, Array, ColType, DataType, Object, Property

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "Errors",
    "Kind",
    "Pool",
    "Values",
    "classify",
    "child_path",
    "infer_values",
    "is_missing_value",
    "numpy_datatype",
    "object_array",
]

#: Problems found so far, as `(path, message)`; inference carries on after each one.
Errors = list[tuple[str, str]]


class Kind(enum.Enum):
    """What one Python type contributes to a pool."""

    MISSING = "missing"  # None, pd.NA, pd.NaT: no type
    NULLABLE = "nullable"  # floats and numpy datetimes: a value may be NaN / NaT
    SCALAR = "scalar"
    OBJECT = "object"
    ARRAY = "array"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class Pool:
    """The inferred type of a pool and what its values lacked."""

    type: ColType  # AnyType() when no value has a type
    missing: bool  # some value is None, NaN, pd.NA or pd.NaT
    empty: bool = False  # some value is an empty list or dict


_NO_TYPE = Pool(AnyType(), missing=False)


def child_path(path: str, key: str) -> str:
    """The path of property `key` below `path` (`column 'a'.key`, or `key` at the root)."""
    return f"{path}.{key}" if path else key


def numpy_datatype(dtype: np.dtype[Any]) -> DataType | None:
    """The DataType of a numpy dtype, as MLflow maps it; None when it has none (uint64...)."""
    kind, size = dtype.kind, dtype.itemsize
    if kind == "b":
        return DataType.boolean
    if kind == "i":
        return DataType.integer if size <= 4 else DataType.long if size == 8 else None
    if kind == "u":
        return DataType.integer if size <= 2 else DataType.long if size == 4 else None
    if kind == "f":
        return DataType.float if size <= 4 else DataType.double if size == 8 else None
    return {"M": DataType.datetime, "U": DataType.string, "S": DataType.binary}.get(kind)


def classify(cls: type) -> tuple[Kind, DataType | None]:
    """The kind of a value of type `cls`, and its DataType for scalars (cached per type)."""
    found = _CLASSIFIED.get(cls)
    if found is None:
        found = _CLASSIFIED[cls] = _classify(cls)
    return found


_CLASSIFIED: dict[type, tuple[Kind, DataType | None]] = {}


def _classify(cls: type) -> tuple[Kind, DataType | None]:
    if cls is type(None) or _is_pandas_missing_type(cls):
        return Kind.MISSING, None
    if _is_pandas_timestamp(cls):  # MLflow types one only in a DataFrame column (datetime64)
        return Kind.UNSUPPORTED, None
    for base, kind, dtype in _PYTHON_TYPES:
        if issubclass(cls, base):
            return kind, dtype
    np = sys.modules.get("numpy")
    if np is not None:
        if issubclass(cls, np.ndarray) and not issubclass(cls, np.matrix):
            return Kind.ARRAY, None
        if issubclass(cls, np.generic):
            numpy_dtype = np.dtype(cls)
            found = numpy_datatype(numpy_dtype)
            if found is not None:
                nullable = numpy_dtype.kind in "fM"
                return (Kind.NULLABLE if nullable else Kind.SCALAR), found
    return Kind.UNSUPPORTED, None


# Order matters: bool before int, datetime (and pd.Timestamp) before date.
_PYTHON_TYPES: tuple[tuple[type | tuple[type, ...], Kind, DataType | None], ...] = (
    (bool, Kind.SCALAR, DataType.boolean),
    (float, Kind.NULLABLE, DataType.double),
    (int, Kind.SCALAR, DataType.long),
    (str, Kind.SCALAR, DataType.string),
    ((bytes, bytearray), Kind.SCALAR, DataType.binary),
    (_dt.date, Kind.SCALAR, DataType.datetime),
    (dict, Kind.OBJECT, None),
    (list, Kind.ARRAY, None),
)


def _is_pandas_timestamp(cls: type) -> bool:
    return cls.__name__ == "Timestamp" and cls.__module__.startswith("pandas")


def _is_pandas_missing_type(cls: type) -> bool:
    return cls.__name__ in ("NAType", "NaTType") and cls.__module__.startswith("pandas")


def is_missing_value(value: Any) -> bool:
    """True for None, NaN, pd.NA and pd.NaT (what MLflow counts as a missing value)."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    return classify(type(value))[0] is Kind.MISSING


def _is_na(value: Any) -> bool:
    """True for what `pd.isna` counts as missing: also NaN numpy floats and NaT datetime64."""
    kind = classify(type(value))[0]
    if kind is Kind.NULLABLE:  # NaN and NaT differ from themselves
        return bool(value != value)
    return kind is Kind.MISSING


def object_array(values: Values) -> npt.NDArray[Any]:
    """`values` as a 1-D object array, without looking into nested lists."""
    import numpy as np

    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    return np.fromiter(values, dtype=object, count=len(values))


def infer_values(values: Values, path: str, errors: Errors, types: set[type] | None = None) -> Pool:
    """The merged type of every value in `values` (`types`: their types, when known)."""
    found = set(map(type, values)) if types is None else types
    unsupported = sorted(t.__name__ for t in found if classify(t)[0] is Kind.UNSUPPORTED)
    if unsupported:
        errors.append((path, _unsupported_message(unsupported)))
        return _NO_TYPE
    missing = False
    if any(classify(t)[0] in (Kind.MISSING, Kind.NULLABLE) for t in found):
        values, found, missing = _drop_missing(values, found)
    return _infer_present(values, found, path, errors, missing)


def _unsupported_message(names: list[str]) -> str:
    listed = ", ".join(f"'{name}'" for name in names)
    note = (
        " (as in MLflow, a pandas Timestamp is typed only in a DataFrame column; elsewhere "
        "use datetime.datetime)"
        if "Timestamp" in names
        else ""
    )
    return (
        f"unsupported value type {listed}; expected str, bytes, bool, int, float, "
        f"datetime, list, dict or None{note}"
    )


def _drop_missing(values: Values, types: set[type]) -> tuple[Values, set[type], bool]:
    """`values` without None/NaN/NA/NaT, their types, and whether any was dropped."""
    kinds = {cls: classify(cls)[0] for cls in types}
    present = {cls for cls, kind in kinds.items() if kind is not Kind.MISSING}
    if Kind.NULLABLE not in kinds.values() and all(kinds[c] is Kind.SCALAR for c in present):
        return values, present, True  # None/NA/NaT beside plain scalars: no mask needed
    if types == {float} and not _sum_is_nan(values):
        return values, types, False
    if "pandas" not in sys.modules:  # plain Python data: not worth importing pandas for
        left = list(filterfalse(_is_na, values))
        return left, set(map(type, left)), len(left) < len(values)
    import numpy as np
    import pandas as pd

    if types == {float}:  # the common all-float pool: one conversion, one isnan
        floats = np.fromiter(values, dtype=np.float64, count=len(values))
        nan = np.isnan(floats)
        if not nan.any():
            return values, types, False
        return values, (set() if nan.all() else types), True
    array = object_array(values)
    mask = pd.isna(array)
    if not mask.any():
        return values, types, False
    kept = array[~mask]
    return kept, set(map(type, kept)), True


def _sum_is_nan(floats: Values) -> bool:
    """Whether the sum is NaN: always when a value is NaN, seldom otherwise (inf - inf)."""
    total = sum(floats, 0.0)
    return bool(total != total)


def _infer_present(
    values: Values, types: set[type], path: str, errors: Errors, missing: bool
) -> Pool:
    """The type of a pool whose values are all present (no None/NaN left)."""
    kinds = _kinds(types)
    empty = False
    if len(kinds) > 1 and kinds & {"object", "array"}:
        # Empty containers carry no type in MLflow: drop them before comparing kinds.
        values, empty = _drop_empty(values, types)
        types = set(map(type, values))
        kinds = _kinds(types)
    if len(kinds) > 1:
        errors.append((path, f"expected values of one type, got {' and '.join(sorted(kinds))}"))
        return Pool(AnyType(), missing, empty)
    if not kinds:
        return Pool(AnyType(), missing, empty)
    (kind,) = kinds
    if kind == "object":
        optional = missing or empty
        exact = types == {dict}
        found, empty_dicts = _infer_dicts(values, path, errors, optional=optional, exact=exact)
        return Pool(found, missing, empty or empty_dicts)
    if kind == "array":
        found, empty_lists = _infer_lists(values, types, path, errors)
        return Pool(found, missing, empty or empty_lists)
    return Pool(DataType[kind], missing, empty)


def _kinds(types: Iterable[type]) -> set[str]:
    """The distinct types of a pool: DataType names, 'object' and 'array'."""
    out = set()
    for cls in types:
        kind, dtype = classify(cls)
        if dtype is not None:
            out.add(dtype.name)
        elif kind is Kind.OBJECT:
            out.add("object")
        elif kind is Kind.ARRAY:
            out.add("array")
    return out


def _drop_empty(values: Values, types: set[type]) -> tuple[list[Any], bool]:
    """`values` without empty lists, dicts and arrays, and whether there was one.

    Scalars come first, then the non-empty containers (a pool's order does not matter).
    """
    boxed = {cls: classify(cls)[0] in (Kind.OBJECT, Kind.ARRAY) for cls in types}
    flags = list(map(boxed.__getitem__, map(type, values)))
    boxes = list(compress(values, flags))
    try:
        sizes = list(map(len, boxes))
    except TypeError:  # a 0-d numpy array: not empty (and an error, reported later)
        sizes = list(map(_length, boxes))
    full = list(compress(boxes, sizes))
    return list(compress(values, map(operator.not_, flags))) + full, len(full) < len(boxes)


def _length(value: Any) -> int:
    try:
        return len(value)
    except TypeError:  # a 0-d numpy array
        return 1


# ----------------------------------------------------------------------------- dicts


def _infer_dicts(
    dicts: Values, path: str, errors: Errors, *, optional: bool, exact: bool
) -> tuple[ColType, bool]:
    """The Object type of a pool of dicts, and whether one of them was empty."""
    columns, empty = dict_columns(dicts, exact=exact)
    optional = optional or empty
    properties = []
    for key, values, absent in columns:
        if not isinstance(key, str) or not key:
            label = "an empty string" if key == "" else type(key).__name__
            errors.append((path, f"property names must be non-empty strings, got {label}"))
            continue
        pool = infer_values(values, child_path(path, key), errors)
        del values  # before the next column is gathered
        required = not (optional or absent or pool.missing or pool.empty)
        properties.append(Property(key, pool.type, required))
    return (Object(properties) if properties else AnyType()), empty


# ----------------------------------------------------------------------------- lists


def _infer_lists(
    lists: Values, types: set[type], path: str, errors: Errors
) -> tuple[ColType, bool]:
    """The Array type of a pool of lists and numpy arrays, and whether one was empty."""
    np = sys.modules.get("numpy")
    if np is not None and any(issubclass(cls, np.ndarray) for cls in types):
        is_array = {cls: issubclass(cls, np.ndarray) for cls in types}
        arrays = list(compress(lists, map(is_array.__getitem__, map(type, lists))))
        if 0 in map(_NDIM, arrays):
            errors.append((path, "0-dimensional numpy arrays are not supported; use a scalar"))
            return AnyType(), False
        if len(arrays) == len(lists):
            shared = _shared_array_type(arrays)
            if shared is not None:
                return shared, not all(map(len, arrays))
    empty = not all(map(len, lists))
    items = list(chain.from_iterable(lists))
    if not items:
        return AnyType(), empty
    pool = infer_values(items, f"{path}[]", errors)
    return Array(pool.type), empty


def _shared_array_type(arrays: list[Any]) -> ColType | None:
    """The Array type of numpy arrays sharing one dtype and ndim (no element walk), else None."""
    dtypes = set(map(_DTYPE, arrays))
    ndims = set(map(_NDIM, arrays))
    scalar = numpy_datatype(dtypes.pop()) if len(dtypes) == 1 and len(ndims) == 1 else None
    if scalar is None:
        return None
    result: ColType = scalar
    for _ in range(ndims.pop()):
        result = Array(result)
    return result


_NDIM = operator.attrgetter("ndim")
_DTYPE = operator.attrgetter("dtype")
