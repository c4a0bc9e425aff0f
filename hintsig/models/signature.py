"""Model signatures and `infer_signature` (`hintsig.models.signature`, as in MLflow)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from hintsig.exceptions import DataValidationError
from hintsig.types.schema import ModelSignature as ModelSignature

__all__ = ["ModelSignature", "infer_signature"]

_T = TypeVar("_T")


def infer_signature(
    model_input: Any = None,
    model_output: Any = None,
    params: Mapping[str, Any] | None = None,
    *,
    strict: bool = False,
) -> ModelSignature:
    """The signature of a model, inferred from example data.

    `model_input` and `model_output` may be a pandas DataFrame or Series, a numpy array, a
    dict of numpy arrays, a scipy csr/csc matrix, a dict of values (one row), a list of
    dicts (records), a list of values or a single value; `None` leaves that part out.
    `params` maps each inference param to its default (a scalar or a 1-D list).

    As MLflow, an input or output that has no schema falls back with a warning naming the
    problems: that part becomes one `AnyType` column (mixed values in a list, a column or
    across records, conflicting record types, empty records, unsupported element types, an
    unsupported input type). `strict=True` (a hintsig extension) raises instead: a
    `DataValidationError` listing every problem (path, expected and actual type), e.g. for
    `[1, "a"]`. Params that have no schema always raise, as in MLflow.
    """
    from hintsig.models._infer import infer_param_schema, infer_schema

    if model_input is None and model_output is None and not params:
        raise DataValidationError(
            "infer_signature needs at least one of model_input, model_output or params", []
        )
    errors: list[tuple[str, str]] = []
    infer = _by_kind(infer_schema)
    inputs = _part(infer, model_input, "model_input", errors)
    if inputs is None and errors and not strict:
        inputs = _any_schema("model_input", errors)
        errors = []
    outputs = _part(infer, model_output, "model_output", errors)
    if outputs is None and errors and not strict:
        outputs = _any_schema("model_output", errors)
        errors = []
    param_schema = _part(infer_param_schema, params or None, "params", errors)
    if errors:
        raise DataValidationError("Cannot infer a signature", errors)
    return ModelSignature(inputs, outputs, param_schema)


def _by_kind(infer_schema: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`infer_schema`, except that a dataclass (class or instance) is read from its field
    types, as MLflow reads it (and, as MLflow, without the integer-column advice)."""

    def infer(data: Any) -> Any:
        from hintsig.types._dataclass_schema import dataclass_problems, is_dataclass_value

        if not is_dataclass_value(data):
            return infer_schema(data)
        from hintsig.types.schema import Schema

        columns, problems = dataclass_problems(data)
        if problems:
            raise DataValidationError("Cannot infer a schema from the dataclass", problems)
        return Schema(columns)

    return infer


def _part(
    infer: Callable[[Any], _T], data: Any, label: str, errors: list[tuple[str, str]]
) -> _T | None:
    """`infer(data)`, or None; its problems go to `errors` with `label` before each path."""
    if data is None:
        return None
    try:
        return infer(data)
    except DataValidationError as exc:
        errors.extend((f"{label} {path}".rstrip(), message) for path, message in exc.errors)
        return None


def _any_schema(label: str, errors: list[tuple[str, str]]) -> Any:
    from hintsig.types.schema import AnyType, ColSpec, Schema

    problems = "; ".join(f"{path}: {message}" for path, message in errors[:3])
    if len(errors) > 3:
        problems += f"; and {len(errors) - 3} more"
    warnings.warn(
        f"The {label} has no precise schema ({problems}); inferred AnyType for it, which is "
        "not validated. Pass strict=True to infer_signature to get the error instead.",
        UserWarning,
        stacklevel=3,
    )
    return Schema([ColSpec(AnyType())])
