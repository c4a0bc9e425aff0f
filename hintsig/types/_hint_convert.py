"""Turn pandas and numpy inputs into the lists a `list[...]` hint expects.

This is the one place hintsig changes input data before validating it:

* a pandas DataFrame becomes a list: one dict per row (every column) when the elements are
  dicts or models (`list[dict[...]]`, `list[Message]`), the values of its column otherwise.
  Given several columns for a `list[str]`-like hint, the first column is used and the others
  are dropped with a warning naming them, as MLflow does (`evaluate` and `spark_udf` pass
  such frames); a DataFrame without columns is an error;
* a pandas Series or a numpy array becomes the list of its values;
* inside the converted data, numpy arrays become lists, numpy scalars Python scalars, and
  missing values (NaN, NaT, `pd.NA`) become None.

Lists pass through untouched (a numpy array nested in a list stays an array). pandas and numpy
are imported only when such a value arrives.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any, Literal, TypeAlias

import pydantic

from hintsig.exceptions import DataValidationError, DroppedColumnsWarning
from hintsig.types._hint_registry import external_stacklevel

__all__ = ["ElementKind", "to_list"]

#: How a DataFrame's rows map to elements: "records" (dicts, models: one dict per row) or
#: "values" (any other element: the values of one column).
ElementKind: TypeAlias = Literal["records", "values"]

_SHOWN_COLUMNS = 5


def to_list(data: Any, kind: ElementKind, headline: str, label: str = "") -> Any:
    """`data` as a list when it is a DataFrame, a Series or an ndarray; else `data` itself.

    `label` names the hint in the warning about the columns a DataFrame loses.
    """
    module = type(data).__module__
    if module.startswith("pandas"):
        import pandas as pd

        if isinstance(data, pd.DataFrame):
            return _clean(_frame_to_list(data, kind, headline, label))
        if isinstance(data, pd.Series):
            return _clean(data.tolist())
    elif module == "numpy":
        import numpy as np

        if isinstance(data, np.ndarray):
            return _clean(data.tolist())
    return data


def _frame_to_list(frame: Any, kind: ElementKind, headline: str, label: str) -> list[Any]:
    columns = len(frame.columns)
    if kind == "records":
        if columns == 1 and _holds_records(frame.iloc[:, 0]):
            return list(frame.iloc[:, 0].tolist())
        return list(frame.to_dict(orient="records"))
    if columns == 0:
        raise DataValidationError(
            headline, [("", "expected a DataFrame with one column, got one with no columns")]
        )
    if columns > 1:
        _warn_dropped(frame.columns, label)
    return list(frame.iloc[:, 0].tolist())


def _warn_dropped(labels: Any, hint: str) -> None:
    dropped = [repr(c) for c in labels[1:]]
    shown = ", ".join(dropped[:_SHOWN_COLUMNS])
    if len(dropped) > _SHOWN_COLUMNS:
        shown += f" and {len(dropped) - _SHOWN_COLUMNS} more"
    warnings.warn(
        f"`{hint}` takes one value per row, but the DataFrame has {len(labels)} columns: "
        f"the first column ({labels[0]!r}) is used and {shown} dropped, as MLflow does; pass "
        "a DataFrame with one column, or a list",
        DroppedColumnsWarning,
        stacklevel=external_stacklevel(),
    )


def _holds_records(column: Any) -> bool:
    """True when a column's cells are dicts or models already (a column of records)."""
    return len(column) > 0 and all(
        isinstance(cell, (Mapping, pydantic.BaseModel)) for cell in column
    )


def _clean(value: Any) -> Any:
    """`value` with lists for arrays, Python scalars for numpy ones, None for missing values."""
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, float):
        return None if value != value else value
    if value is None or isinstance(value, (str, int, bytes)):
        return value
    return _clean_foreign(value)


def _clean_foreign(value: Any) -> Any:
    if type(value).__name__ in ("NAType", "NaTType"):  # pd.NA, pd.NaT
        return None
    if type(value).__module__ == "numpy":
        tolist = getattr(value, "tolist", None)  # ndarray -> list, numpy scalar -> Python
        if callable(tolist):
            return _clean(tolist())
    return value
