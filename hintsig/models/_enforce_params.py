"""Inference params against a `ParamSchema`: defaults, types, shapes, unknown names."""

from __future__ import annotations

import copy
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hintsig.exceptions import DataValidationError
from hintsig.models._plan_cache import PlanCache
from hintsig.types.schema import (
    DataType,
    ParamSchema,
    ParamSpec,
    ParamType,
    type_label,
    validate_param_value,
    validate_scalar,
)

__all__ = ["PARAMS_HEADLINE", "enforce_params"]

PARAMS_HEADLINE = "The params do not match the model's param schema"

#: DataTypes for which `validate_scalar` returns a value of exactly `dtype.to_python()`
#: unchanged (no range to check), so such a value needs no call at all. Not `float`, whose
#: range (float32) a Python float can pass.
_RETURNED_AS_IS = frozenset({DataType.boolean, DataType.double, DataType.string, DataType.binary})
#: Python types that are never sequences: a scalar param given one skips the shape check.
_SCALAR_TYPES = frozenset({bool, int, float, str, bytes})


@dataclass(frozen=True, slots=True)
class _Param:
    """One ParamSpec, prepared for the call."""

    name: str
    dtype: ParamType
    shape: tuple[int, ...] | None
    default: Any
    as_is: type | None  # a value of exactly this type is returned unchanged
    scalar: DataType | None  # a scalar DataType param: plain scalars skip the shape check

    @classmethod
    def of(cls, spec: ParamSpec) -> _Param:
        dtype = spec.dtype
        scalar = dtype if isinstance(dtype, DataType) and spec.shape is None else None
        as_is = scalar.to_python() if scalar in _RETURNED_AS_IS else None
        return cls(spec.name, dtype, spec.shape, spec.default, as_is, scalar)

    def default_value(self) -> Any:
        """The default, copied when it is a list or a dict (the model may change it)."""
        default = self.default
        if type(default) is list:  # of scalars, which cannot change
            return default.copy()
        return copy.deepcopy(default) if isinstance(default, dict) else default


@dataclass(frozen=True, slots=True)
class _ParamPlan:
    """A ParamSchema, prepared once: its params by name and the defaults, ready to merge."""

    params: dict[str, _Param]  # in the schema's order
    order: dict[str, int]  # name -> position, to list errors in the schema's order
    defaults: dict[str, Any]  # every param's default, in the schema's order
    copied: tuple[_Param, ...]  # params whose default is a list or a dict: copied per call

    @classmethod
    def of(cls, schema: ParamSchema) -> _ParamPlan:
        params = {spec.name: _Param.of(spec) for spec in schema}
        return cls(
            params=params,
            order={name: i for i, name in enumerate(params)},
            defaults={name: param.default for name, param in params.items()},
            copied=tuple(p for p in params.values() if isinstance(p.default, (list, dict))),
        )


_plan = PlanCache(_ParamPlan.of)


def enforce_params(
    params: Mapping[str, Any] | None, param_schema: ParamSchema | None, *, stacklevel: int = 2
) -> dict[str, Any] | None:
    """The params a model gets: every param of the schema, given or defaulted, type-checked.

    A given value is checked with `validate_param_value` (the same safe casts as columns; a
    list for a scalar param is an error); an explicit None stays None. Unknown names are
    dropped with a `UserWarning`; so are all params when the model has no param schema (the
    result is then None). `stacklevel` is the warnings' (as for `warnings.warn` called here:
    2 names the caller; a wrapper such as `PyFuncModel.predict` passes 3 to name its caller).
    The result lists the params given first, then the defaults (as MLflow); list and dict
    defaults are copies.
    Raises `DataValidationError` listing every bad param, in the schema's order.
    """
    if param_schema is None:
        if params:
            names = ", ".join(repr(k) for k in params) if isinstance(params, Mapping) else ""
            warnings.warn(
                f"The model's signature has no params; ignoring the params given: {names}",
                UserWarning,
                stacklevel=stacklevel,
            )
        # MLflow calls the model with params={} when params were given (even empty ones).
        return None if params is None else {}
    if params is None:
        params = {}
    elif type(params) is not dict and not isinstance(params, Mapping):
        raise DataValidationError(
            PARAMS_HEADLINE, [("", f"expected a dict of params, got {type_label(params)}")]
        )
    plan = _plan(param_schema)
    if not params:
        out = plan.defaults.copy()
        for param in plan.copied:
            out[param.name] = param.default_value()
        return out
    out = {}  # as MLflow: the params given first, in their order, then the defaults
    problems: list[tuple[int, str, str]] = []
    unknown = False
    for name, value in params.items():
        known = plan.params.get(name)
        if known is None:
            unknown = True
            continue
        try:
            out[name] = _checked(known, value)
        except ValueError as exc:
            problems.append((plan.order[name], f"param {name!r}", str(exc)))
    if unknown:
        _warn_unknown(params, plan, stacklevel)
    if problems:
        errors = [(path, message) for _, path, message in sorted(problems)]
        raise DataValidationError(PARAMS_HEADLINE, errors)
    for name, param in plan.params.items():
        if name not in out:
            out[name] = param.default_value()
    return out


def _checked(param: _Param, value: Any) -> Any:
    """`value` checked against `param` (raises ValueError), converted by the safe casts."""
    kind = type(value)
    if kind is param.as_is or value is None:
        return value
    if param.scalar is not None and kind in _SCALAR_TYPES:
        return validate_scalar(param.scalar, value)
    return validate_param_value(param.dtype, param.shape, value)


def _warn_unknown(params: Mapping[Any, Any], plan: _ParamPlan, stacklevel: int) -> None:
    unknown = ", ".join(repr(k) for k in params if k not in plan.params)
    supported = ", ".join(repr(name) for name in plan.params) or "none"
    warnings.warn(
        f"Ignoring params not in the model's param schema: {unknown} (supported: {supported})",
        UserWarning,
        stacklevel=stacklevel + 1,
    )
