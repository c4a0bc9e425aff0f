"""Tensor-based schemas: exact dtype, every fixed dimension, `-1` for any size.

An array that fits is returned as it is (no copy): the check is a dtype comparison and a few
integer comparisons, prepared once per schema. JSON-like lists (what a REST request carries)
are first converted to the spec's dtype, when their values fit it: booleans to booleans,
integers to any integer type that holds them or to floats, floats to floats, text to text.
Ragged inputs (a 1-D object array of arrays) pass where the spec allows them, as in MLflow:
an `object` spec of shape `(-1,)`, or a spec with `-1` after its first dimension; the arrays
inside are checked too.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import DataValidationError
from hintsig.models._column_casts import fits_number
from hintsig.models._enforce_columns import HEADLINE
from hintsig.types.schema import Schema, TensorSpec, type_label

if TYPE_CHECKING:
    import numpy as np

__all__ = ["TensorPlan", "compile_tensors", "enforce_tensors"]

_logger = logging.getLogger("hintsig.models.enforcement")

Errors = list[tuple[str, str]]

#: The numpy kinds a JSON-like list may be converted to, by the kind numpy infers for it.
_LIST_CASTS = {"b": "b", "i": "iuf", "u": "iuf", "f": "f", "U": "U", "S": "S"}


@dataclass(frozen=True, slots=True)
class _Check:
    """One TensorSpec, prepared for fast comparisons."""

    name: str | None
    dtype: np.dtype[Any]
    shape: tuple[int, ...]
    fixed: tuple[tuple[int, int], ...]  # (axis, size) of every dimension that is not -1
    kind_only: bool  # text and bytes: any length fits ('<U0' accepts '<U7')
    any_value: bool  # object spec of shape (-1,): anything goes
    ragged: bool  # a 1-D object array of arrays may stand for this spec

    @classmethod
    def of(cls, spec: TensorSpec) -> _Check:
        dtype = spec.type
        shape = spec.shape
        return cls(
            name=spec.name,
            dtype=dtype,
            shape=shape,
            fixed=tuple((axis, size) for axis, size in enumerate(shape) if size != -1),
            kind_only=dtype.kind in "US",
            any_value=shape == (-1,) and dtype.kind == "O",
            ragged=len(shape) > 1 and -1 in shape[1:],
        )

    def describe(self) -> str:
        return f"dtype {self.dtype} and shape {_shape(self.shape)}"

    def dtype_fits(self, dtype: np.dtype[Any]) -> bool:
        return dtype == self.dtype or (self.kind_only and dtype.kind == self.dtype.kind)


@dataclass(frozen=True, slots=True)
class TensorPlan:
    """What a tensor schema needs at call time, worked out once per schema."""

    checks: tuple[_Check, ...]
    named: bool
    index: dict[str, int]


def compile_tensors(schema: Schema) -> TensorPlan:
    checks = tuple(_Check.of(s) for s in schema if isinstance(s, TensorSpec))
    index = {c.name: i for i, c in enumerate(checks) if c.name is not None}
    return TensorPlan(checks, schema.has_input_names(), index)


def enforce_tensors(data: Any, plan: TensorPlan) -> Any:
    """`data` (an array, or a dict of arrays for named tensors) checked against the plan."""
    import numpy as np

    if not plan.named:
        check = plan.checks[0]
        if isinstance(data, np.ndarray):
            problem = _problem(data, check)
            if problem:
                raise DataValidationError(HEADLINE, [("", problem)])
            return data
        return _single(data, check)
    if isinstance(data, Mapping):
        return _named(data, plan)
    if type(data).__name__ == "DataFrame":  # one column per named tensor, as MLflow
        return _named({label: data[label].tolist() for label in data.columns}, plan)
    if len(plan.checks) == 1 and isinstance(data, (np.ndarray, list, tuple)):
        name = plan.checks[0].name
        return _named({name: data}, plan)
    raise DataValidationError(
        HEADLINE,
        [("", f"expected a dict of numpy arrays (one per named tensor), got {type_label(data)}")],
    )


def _single(data: Any, check: _Check) -> Any:
    import pandas as pd

    errors: Errors = []
    if isinstance(data, (list, tuple)):
        array = _from_list(data, check, "", errors)
    elif isinstance(data, pd.DataFrame) and len(data.columns) == 1:
        # one column, as MLflow: its rows (scalars, or lists stacked) are the tensor's rows
        array = _from_list(data.iloc[:, 0].tolist(), check, "", errors)
    elif isinstance(data, pd.DataFrame):
        array = data.to_numpy()
    elif isinstance(data, pd.Series):
        array = _from_list(data.tolist(), check, "", errors)
    elif hasattr(data, "tocsr") and hasattr(data, "dtype"):  # a scipy sparse matrix
        array = data
    else:
        raise DataValidationError(
            HEADLINE, [("", f"expected a numpy array or a list, got {type_label(data)}")]
        )
    if not errors:
        problem = _problem(array, check)
        if problem:
            errors.append(("", problem))
    if errors:
        raise DataValidationError(HEADLINE, errors)
    return array


def _named(data: Mapping[Any, Any], plan: TensorPlan) -> dict[str, Any]:
    import numpy as np

    errors: Errors = []
    out: dict[str, Any] = {}
    for check in plan.checks:
        name = check.name
        assert name is not None
        path = f"tensor {name!r}"
        if name not in data:  # tensors are always required
            errors.append((path, f"required tensor ({check.describe()}) is missing"))
            continue
        value = data[name]
        if isinstance(value, (list, tuple)):
            found = len(errors)
            value = _from_list(value, check, path, errors)
            if len(errors) > found:
                continue
        elif not isinstance(value, np.ndarray):
            errors.append((path, f"expected a numpy array, got {type_label(value)}"))
            continue
        problem = _problem(value, check)
        if problem:
            errors.append((path, problem))
        out[name] = value
    extras = [key for key in data if key not in plan.index]
    if extras and not errors:  # as MLflow: named, then dropped
        _logger.warning(
            "Found extra inputs not defined in the model signature, dropped: %r", extras
        )
    if errors:
        raise DataValidationError(HEADLINE, errors)
    return out


def _shape(shape: Sequence[int]) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _problem(array: Any, check: _Check) -> str:
    """Why `array` does not fit `check` ("" when it does)."""
    if check.any_value:
        return ""
    dtype = array.dtype
    shape = array.shape
    if check.ragged and len(shape) == 1 and dtype.kind == "O":
        return _ragged_problem(array, check)
    shape_fits = len(shape) == len(check.shape) and all(shape[a] == n for a, n in check.fixed)
    if check.dtype_fits(dtype) and shape_fits:
        return ""
    return f"expected {check.describe()}, got dtype {dtype} and shape {_shape(shape)}"


def _ragged_problem(array: Any, check: _Check) -> str:
    """A 1-D object array standing for a ragged tensor: check the arrays it holds."""
    import numpy as np

    inner = tuple((axis - 1, size) for axis, size in check.fixed if axis > 0)
    problems = []
    for row, item in enumerate(array):
        if not isinstance(item, np.ndarray) or item.dtype.kind == "O":
            continue  # lists and nested ragged arrays carry no dtype to compare
        shape = item.shape
        fits = (
            check.dtype_fits(item.dtype)
            and len(shape) == len(check.shape) - 1
            and all(shape[a] == n for a, n in inner)
        )
        if not fits:
            problems.append(
                f"[{row}]: expected dtype {check.dtype} and shape {_shape(check.shape[1:])}, "
                f"got dtype {item.dtype} and shape {_shape(shape)}"
            )
    return "; ".join(problems[:5]) + (f"; {len(problems) - 5} more" if len(problems) > 5 else "")


def _from_list(data: Sequence[Any], check: _Check, path: str, errors: Errors) -> Any:
    """A JSON-like list as an array of the spec's dtype, when its values fit that dtype."""
    import numpy as np

    try:
        natural = np.asarray(data)
    except ValueError:  # rows of different lengths
        if not (check.ragged or check.any_value):
            errors.append((path, f"expected {check.describe()}, got lists of uneven lengths"))
            return data
        rows = np.empty(len(data), dtype=object)
        for i, row in enumerate(data):
            rows[i] = _from_list(row, check, f"{path}[{i}]", errors)
        return rows
    target = check.dtype
    if natural.dtype == target or target.kind == "O":
        return natural if natural.dtype == target else np.asarray(data, dtype=object)
    if natural.size == 0:
        return natural.astype(target)
    allowed = _LIST_CASTS.get(natural.dtype.kind, "")
    if target.kind not in allowed:
        errors.append((path, f"expected values of dtype {target}, got {_list_kind(natural)}"))
        return data
    if target.kind in "iuf" and not fits_number(natural, target):  # never wrap or overflow
        what = "integers" if target.kind in "iu" else "numbers"
        errors.append((path, f"{what} out of range for {target}"))
        return data
    if target.kind in "US" and target.itemsize == 0:
        return natural
    return natural.astype(target)


def _list_kind(array: Any) -> str:
    names = {"b": "booleans", "i": "integers", "u": "integers", "f": "floats", "U": "strings"}
    return names.get(array.dtype.kind, "values of mixed types")
