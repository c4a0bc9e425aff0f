"""Schema and params enforcement: what a loaded model checks before its `predict` runs.

* `enforce_schema(data, schema)` returns the data fitted to an input schema: a DataFrame
  with the schema's columns in order (column schemas), or the array / dict of arrays
  (tensor schemas). Only lossless casts are applied; every problem is collected and raised
  at once as a `DataValidationError` whose paths name the column (`column 'age'`), the row
  and the field inside it (`column 'msgs'[3].content`) or the tensor (`tensor 'x'`).
* `validate_schema(data, schema)` runs the same checks and returns nothing.
* `enforce_params(params, param_schema)` returns the params a model gets (see
  `hintsig.models._enforce_params.enforce_params`).

The work that depends only on the schema is done once per schema object and kept.
"""

from __future__ import annotations

from typing import Any

from hintsig.exceptions import SchemaDefinitionError
from hintsig.models._enforce_columns import ColumnPlan, compile_columns, enforce_columns
from hintsig.models._enforce_params import enforce_params as enforce_params
from hintsig.models._enforce_tensors import TensorPlan, compile_tensors, enforce_tensors
from hintsig.models._plan_cache import PlanCache
from hintsig.types.schema import Schema

__all__ = ["enforce_params", "enforce_schema", "validate_schema"]


def enforce_schema(data: Any, schema: Schema) -> Any:
    """`data` fitted to `schema`; raises `DataValidationError` listing every problem.

    Column schemas take a DataFrame, a dict (one row, or a list per column), a list of
    dicts, a Series, a list of values or a scalar (for a one-column schema), and return a
    DataFrame with the schema's columns in order; extra columns are dropped (logged at
    DEBUG level on `hintsig.models.enforcement`), optional ones may be absent. The input's
    arrays are reused (no copy) unless a column needs a cast. For a DataFrame the result is
    never the input itself but a copy-on-write copy, so writing into it never changes the
    caller's frame; one that already fits costs a label and a dtype comparison, plus the
    shallow copy.

    Tensor schemas take a numpy array, a dict of arrays (named tensors) or nested lists
    (converted to the spec's dtype first), and return the array or dict of arrays.
    """
    plan = _plan(schema)
    if isinstance(plan, TensorPlan):
        return enforce_tensors(data, plan)
    return enforce_columns(data, plan)


def validate_schema(data: Any, schema: Schema) -> None:
    """Check `data` against `schema` as a loaded model would, without a model.

    Raises `DataValidationError` listing every problem; returns None when the data fits.
    """
    enforce_schema(data, schema)


def _compile(schema: Schema) -> ColumnPlan | TensorPlan:
    if not isinstance(schema, Schema):
        raise SchemaDefinitionError(f"expected a Schema, got {type(schema).__name__}")
    return compile_tensors(schema) if schema.is_tensor_spec() else compile_columns(schema)


_plan = PlanCache(_compile)
