"""Column-based schemas: read the input as columns, fit each column, assemble the DataFrame.

A DataFrame is never rebuilt: the result starts as a shallow copy (copy-on-write) of the
input, or a column-dropping view of it, and only the columns that need a cast are replaced.
Other inputs (dicts, lists of dicts, Series, lists, scalars) are first turned into columns.

Fast path: whether a column fits depends on its dtype alone unless it holds Python objects
or composite values, so each plan remembers the dtype lists that fitted as they were. A
frame whose columns are the schema's, in order, with one of those dtype lists, is returned
as a shallow copy straight away: a label comparison and a dtype comparison, whatever the
number of rows.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from hintsig.exceptions import MAX_REPORTED_ERRORS, DataValidationError
from hintsig.models._column_casts import KEEP, apply_rule, column_rule, convert_column
from hintsig.models._infer_values import is_missing_value, object_array
from hintsig.types.schema import (
    AnyType,
    ColSpec,
    ColType,
    DataType,
    Schema,
    type_label,
    value_problems,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "HEADLINE",
    "ColumnPlan",
    "column_dtypes",
    "column_values",
    "compile_columns",
    "enforce_columns",
]

HEADLINE = "The input data does not match the schema"

_logger = logging.getLogger("hintsig.models.enforcement")

Errors = list[tuple[str, str]]

_FITTING_KEPT = 4
#: Rows below which pandas copying a new column is cheaper than wrapping it in a Series.
_COPY_IS_CHEAPER_BELOW = 1_000


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """What a column schema needs at call time, worked out once per schema."""

    specs: tuple[ColSpec, ...]
    names: list[Any] | None  # the column names, None for an unnamed schema
    index: dict[Any, int]  # name -> position in `specs`
    scalars: tuple[DataType | None, ...]  # each spec's DataType (None for composite types)
    composites: tuple[int, ...]  # the specs of Array/Object/Map columns
    #: Column dtype lists that fitted with nothing to cast (see `fits_as_is`), newest last.
    fitting: list[list[Any]] = field(default_factory=list, compare=False)

    def exact(self, labels: list[Any]) -> bool:
        """True when `labels` are exactly the schema's columns, in order."""
        if self.names is None:
            return len(labels) == len(self.specs)
        return labels == self.names

    def fits_as_is(self, labels: list[Any], dtypes: list[Any]) -> bool:
        """True when a frame with these columns and dtypes is known to fit unchanged.

        List equality compares identity first, then `==`: the same test as the cached
        `column_rule` lookup, which keys rules by dtype equality.
        """
        if self.composites or not self.exact(labels):
            return False
        return dtypes in self.fitting

    def remember(self, dtypes: list[Any]) -> None:
        """Note dtypes that fitted unchanged; a few lists are kept (a frame's dtypes vary
        little: text as `str` or numpy text, datetimes of a few units)."""
        if dtypes not in self.fitting:
            self.fitting[:] = [*self.fitting[-(_FITTING_KEPT - 1) :], dtypes]


def compile_columns(schema: Schema) -> ColumnPlan:
    specs = tuple(s for s in schema if isinstance(s, ColSpec))
    scalars = tuple(s.type if isinstance(s.type, DataType) else None for s in specs)
    composites = tuple(
        i for i, s in enumerate(specs) if not isinstance(s.type, (DataType, AnyType))
    )
    if not schema.has_input_names():
        return ColumnPlan(specs, None, {}, scalars, composites)
    names: list[Any] = [s.name for s in specs]
    index = {name: i for i, name in enumerate(names)}
    return ColumnPlan(specs, names, index, scalars, composites)


def enforce_columns(data: Any, plan: ColumnPlan) -> pd.DataFrame:
    """`data` as a DataFrame fitting the schema; `DataValidationError` listing every problem."""
    import numpy as np
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return _from_frame(data, plan)
    if isinstance(data, pd.Series):
        if len(plan.specs) == 1:
            return _from_columns({_single_label(plan, data.name): data}, plan)
        return _from_frame(data.to_frame(), plan)
    if isinstance(data, np.ndarray) and data.ndim == 2:
        return _from_frame(pd.DataFrame(data, copy=False), plan)
    if isinstance(data, Mapping):
        return _from_columns(_dict_columns(data, plan), plan)
    if isinstance(data, (list, tuple)):
        return _from_columns(_list_columns(data, plan), plan)
    if isinstance(data, np.ndarray) and data.ndim == 1 and len(plan.specs) == 1:
        return _from_columns({_single_label(plan, None): data}, plan)
    if data is None or isinstance(data, np.ndarray):
        _fail("", f"expected a DataFrame, a dict, a list or a scalar, got {type_label(data)}")
    if len(plan.specs) != 1:
        _fail("", f"a single value fits a schema of one column; this one has {len(plan.specs)}")
    return _from_columns({_single_label(plan, None): [data]}, plan)


def _fail(path: str, message: str) -> NoReturn:
    raise DataValidationError(HEADLINE, [(path, message)])


def _single_label(plan: ColumnPlan, fallback: Any) -> Any:
    if plan.names is not None:
        return plan.names[0]
    return 0 if fallback is None else fallback


# ----------------------------------------------------------------------------- matching


def _match(labels: list[Any], plan: ColumnPlan, errors: Errors) -> list[int | None]:
    """For each spec, the position of its column among `labels` (None when absent)."""
    if plan.names is None:
        if len(labels) < len(plan.specs):
            errors.append(("", f"expected {len(plan.specs)} columns, got {len(labels)}"))
        return [i if i < len(labels) else None for i in range(len(plan.specs))]
    if labels == plan.names:
        return list(range(len(labels)))
    where: dict[Any, int] = {}
    for position, label in enumerate(labels):
        if label in where and label in plan.index:
            errors.append((_path(label), "appears more than once"))
        where.setdefault(label, position)
    positions = [where.get(name) for name in plan.names]
    missing = len(errors)
    for spec, found in zip(plan.specs, positions, strict=True):
        if found is None and spec.required:
            errors.append((_path(spec.name), f"required column ({spec.type}) is missing"))
    extras = [label for label in labels if label not in plan.index]
    if extras and len(errors) == missing:  # a refused input drops nothing: no warning
        _warn_extras(extras)
    return positions


def _warn_extras(extras: list[Any]) -> None:
    """Extra columns are dropped, as in MLflow, with a warning naming them (labels only)."""
    _logger.warning("Found extra inputs not defined in the model signature, dropped: %r", extras)


def _path(label: Any) -> str:
    return f"column {label!r}"


# ----------------------------------------------------------------------------- DataFrames


def column_dtypes(frame: pd.DataFrame) -> list[Any]:
    """The dtype of each column of `frame`, in order: `frame.dtypes.tolist()`, only faster.

    `DataFrame.dtypes` builds a Series (about 15 us, most of a one-row call); the frame's
    block manager lists the dtypes in well under a microsecond. `_mgr.get_dtypes()` is
    internal to pandas (2.2 to 3.x): `dtypes` is the fallback when it is missing, and a test
    checks that both agree.
    """
    get_dtypes = getattr(getattr(frame, "_mgr", None), "get_dtypes", None)
    if get_dtypes is None:
        return frame.dtypes.tolist()
    dtypes: list[Any] = get_dtypes().tolist()
    return dtypes


def column_values(frame: pd.DataFrame, position: int) -> Any:
    """The array (numpy or extension) that holds the column at `position`, not copied.

    `frame.iloc[:, i]` builds a Series (about 20 us); pandas' internal `_get_column_array`
    hands over the stored array, with `iloc` as the fallback. The array is a view that
    copy-on-write does not track: read it, never put it in a result frame as it is.
    """
    get_array = getattr(frame, "_get_column_array", None)
    if get_array is None:
        return _plain(frame.iloc[:, position])
    return get_array(position)


def _from_frame(frame: pd.DataFrame, plan: ColumnPlan) -> pd.DataFrame:
    labels = frame.columns.tolist()
    dtypes = column_dtypes(frame)
    if plan.fits_as_is(labels, dtypes):
        same: pd.DataFrame = frame.copy(deep=False)  # as `_assemble` gives such a frame
        return same
    errors: Errors = []
    positions = _match(labels, plan, errors)
    changed: dict[int, Any] = {}
    all_keep = True
    last_dtype: Any = None
    last_type: Any = None
    rule = KEEP
    # The loop runs once per column, so it only compares identities while dtype and type
    # repeat (as they do across a wide frame).
    for position, data_type in zip(positions, plan.scalars, strict=True):
        if data_type is None or position is None:
            continue
        dtype = dtypes[position]
        if dtype is not last_dtype or data_type is not last_type:
            rule = column_rule(dtype, data_type)
            last_dtype, last_type = dtype, data_type
        if rule is not KEEP:
            all_keep = False
            column = column_values(frame, position)
            fitted = apply_rule(rule, column, data_type, _path(labels[position]), errors)
            if fitted is not column:  # values that fit as they are stay in the copied frame
                changed[position] = fitted
    for i in plan.composites:
        position = positions[i]
        if position is not None:
            spec = plan.specs[i]
            column = column_values(frame, position)
            _check_composite(
                column, spec.type, _path(labels[position]), bool(spec.required), errors
            )
    if errors:
        raise DataValidationError(HEADLINE, errors)
    if all_keep and not plan.composites and plan.exact(labels):
        plan.remember(dtypes)
    return _assemble(frame, labels, [p for p in positions if p is not None], changed)


def _assemble(
    frame: pd.DataFrame, labels: list[Any], kept: list[int], changed: dict[int, Any]
) -> pd.DataFrame:
    """The result frame: views of the kept columns, in schema order, with the `changed`
    arrays (new arrays, never views of the input) set in place of theirs."""
    import pandas as pd

    index = frame.index
    out: pd.DataFrame
    if kept == list(range(len(labels))):
        out = frame.copy(deep=False)
    elif kept == list(range(len(kept))):
        out = frame.iloc[:, : len(kept)]
    elif all(a < b for a, b in itertools.pairwise(kept)):
        keep = set(kept)
        out = frame.drop(columns=[label for i, label in enumerate(labels) if i not in keep])
    else:  # reordered: one Series per column, no data copied
        columns = {
            labels[p]: (
                pd.Series(changed[p], index=index, copy=False) if p in changed else frame.iloc[:, p]
            )
            for p in kept
        }
        out = pd.DataFrame(columns, copy=False)
        return out
    for new_position, position in enumerate(kept):
        if position in changed:
            out.isetitem(new_position, _column(changed[position], index))
    return out


def _column(values: Any, index: pd.Index) -> Any:
    """New column values, ready to go into a frame on `index` without being copied again.

    pandas copies a bare array that `isetitem` is given, not a Series's: a Series costs a
    few microseconds to build, so a short array (a copy cheaper than that) goes in bare.
    """
    import pandas as pd

    if len(values) < _COPY_IS_CHEAPER_BELOW:
        return values
    return pd.Series(values, index=index, copy=False)


def _check_composite(
    values: Any, col_type: ColType, path: str, required: bool, errors: Errors
) -> None:
    """Check a column of Array/Object/Map values row by row (`path[row].field...`).

    The values are checked, not converted; a missing value (None, NaN) is allowed in an
    optional column only.
    """
    rows = values.tolist() if hasattr(values, "tolist") else values
    reported = 0
    more = 0
    for row, value in enumerate(rows):
        if not required and is_missing_value(value):
            continue
        problems = value_problems(col_type, value, f"{path}[{row}]")
        if not problems:
            continue
        if reported < MAX_REPORTED_ERRORS:
            errors.extend(problems)
            reported += len(problems)
        else:
            more += 1
    if more:
        errors.append((path, f"{more} more rows do not fit {col_type}"))


# ----------------------------------------------------------------------------- other inputs


def _from_columns(columns: dict[Any, Any], plan: ColumnPlan) -> pd.DataFrame:
    """A DataFrame from columns of Python values or arrays (all of one length)."""
    import pandas as pd

    errors: Errors = []
    labels = list(columns)
    positions = _match(labels, plan, errors)
    out: dict[Any, Any] = {}
    for spec, position in zip(plan.specs, positions, strict=True):
        if position is None:
            continue
        label = labels[position]
        values = _plain(columns[label])
        if isinstance(spec.type, DataType):
            values = convert_column(values, spec.type, _path(label), errors)
        elif not isinstance(spec.type, AnyType):
            _check_composite(values, spec.type, _path(label), bool(spec.required), errors)
        out[label] = values
    if errors:
        raise DataValidationError(HEADLINE, errors)
    frame: pd.DataFrame = pd.DataFrame(out, copy=False)
    return frame


def _plain(values: Any) -> Any:
    """A column without an index: arrays as they are, lists as 1-D object arrays."""
    import numpy as np
    import pandas as pd

    if isinstance(values, pd.Series):
        return (
            values.array
            if isinstance(values.dtype, pd.api.extensions.ExtensionDtype)
            else values.to_numpy()
        )
    if isinstance(values, (np.ndarray, pd.api.extensions.ExtensionArray)):
        return values
    return object_array(values)


def _is_sequence(value: Any) -> bool:
    import numpy as np
    import pandas as pd

    if isinstance(value, (list, tuple, pd.Series, pd.api.extensions.ExtensionArray)):
        return True
    return isinstance(value, np.ndarray) and value.ndim >= 1


def _dict_columns(data: Mapping[Any, Any], plan: ColumnPlan) -> dict[Any, Any]:
    """A dict as one row (a value per column) or as columns (a list per column)."""
    if plan.names is None:
        relevant = list(data)[: len(plan.specs)]
        types = [s.type for s in plan.specs[: len(relevant)]]
    else:
        relevant = [key for key in data if key in plan.index]
        types = [plan.specs[plan.index[key]].type for key in relevant]
    scalar_keys = [k for k, t in zip(relevant, types, strict=True) if isinstance(t, DataType)]
    as_lists = [_is_sequence(data[key]) for key in scalar_keys]
    if scalar_keys and all(as_lists):
        lengths = {key: len(data[key]) for key in relevant if _is_sequence(data[key])}
        if len(set(lengths.values())) > 1 or len(lengths) < len(relevant):
            _fail("", "the dict's columns must all be lists of one length (or all single values)")
        return dict(data)
    if any(as_lists):
        _fail(
            "",
            "a dict input holds either one value per column (one row) or one list per "
            "column (several rows); this one mixes both",
        )
    return {key: [value] for key, value in data.items()}


def _list_columns(data: Sequence[Any], plan: ColumnPlan) -> dict[Any, Any]:
    """A list of dicts (rows), or the values of the schema's only column."""
    rows = [row for row in data if isinstance(row, Mapping)]
    if rows and _rows_name_columns(rows, plan):
        errors = [
            (f"[{i}]", f"expected a dict (one row), got {type_label(row)}")
            for i, row in enumerate(data)
            if not isinstance(row, Mapping)
        ]
        if errors:
            raise DataValidationError(HEADLINE, errors)
        keys: dict[Any, None] = {}
        for row in rows:
            keys.update(dict.fromkeys(row))
        if plan.names is not None:
            extras = [key for key in keys if key not in plan.index]
            if extras:
                _warn_extras(extras)
            keys = {key: None for key in keys if key in plan.index}
        return {key: [row.get(key) for row in rows] for key in keys}
    if _positional(data, plan):  # rows of values under integer labels 0..n-1, as pandas
        width = len(data[0])
        bad = [
            (f"[{i}]", f"expected {width} values, got {len(row)}")
            for i, row in enumerate(data)
            if len(row) != width
        ]
        if bad:
            raise DataValidationError(HEADLINE, bad)
        return {label: [row[label] for row in data] for label in range(width)}
    if len(plan.specs) != 1:
        _fail(
            "",
            f"a list fits a schema of one column, or must hold dicts (rows); this schema has "
            f"{len(plan.specs)} columns",
        )
    return {_single_label(plan, None): data}


def _positional(data: Sequence[Any], plan: ColumnPlan) -> bool:
    """A list of lists for a schema whose names are integers: `pd.DataFrame(data)`'s labels."""
    names = plan.names
    return (
        bool(data)
        and names is not None
        and len(names) > 1
        and all(type(name) is int for name in names)
        and all(isinstance(row, (list, tuple)) for row in data)
    )


def _rows_name_columns(rows: list[Mapping[Any, Any]], plan: ColumnPlan) -> bool:
    """Whether dicts are rows: always, unless the only column takes dicts as its values."""
    if len(plan.specs) != 1 or isinstance(plan.specs[0].type, DataType):
        return True
    name = plan.specs[0].name
    return name is not None and any(name in row for row in rows)
