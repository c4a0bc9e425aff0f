"""Param schema inference: `{"temperature": 0.3, "stop": [".", "!"]}` -> ParamSchema.

A param is a scalar (`shape=None`), a 1-D list (`shape=(-1,)`) of one DataType or a dict
(an `Object` param, its properties inferred as for input values); its value becomes its
default. As MLflow infers them: a list of ints and floats is a list of doubles, an empty list
is a `datetime` list (MLflow's choice, kept so the schema JSON is the same), and a name that
is not a string is written as its text (`1` -> `"1"`). Lists of lists or dicts,
multi-dimensional arrays, empty dicts, None and binary values are errors naming the param
(MLflow cannot read binary params, so hintsig does not write them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hintsig.exceptions import DataValidationError
from hintsig.models._infer_values import Errors, Kind, classify, infer_values, numpy_datatype
from hintsig.types.schema import (
    DataType,
    Object,
    ParamSchema,
    ParamSpec,
    ParamType,
    validate_param_value,
)

__all__ = ["infer_param_schema"]

_HEADLINE = "Cannot infer a param schema"
_LIST_TYPES = (list, tuple)


def infer_param_schema(params: Mapping[str, Any]) -> ParamSchema:
    """One ParamSpec per param, its value as the default; every problem raised at once."""
    given: object = params  # callers may pass anything at runtime
    if not isinstance(given, Mapping):
        problem = f"params must be a dict of name -> value, got {type(given).__name__}"
        raise DataValidationError(_HEADLINE, [("", problem)])
    specs: list[ParamSpec] = []
    errors: Errors = []
    for key, value in params.items():
        name = key if isinstance(key, str) else str(key)  # MLflow names a param by its text
        if not name:
            errors.append(("", "param names must be non-empty strings, got an empty string"))
            continue
        if isinstance(value, Mapping):
            found = _object_type(value, f"param {name!r}", errors)
            if found is not None:
                specs.append(ParamSpec(name, found, validate_param_value(found, None, value)))
            continue
        try:
            dtype, shape = _param_type(value)
            default = validate_param_value(dtype, shape, value)
        except ValueError as exc:
            errors.append((f"param {name!r}", str(exc)))
            continue
        specs.append(ParamSpec(name, dtype, default, shape))
    if errors:
        raise DataValidationError(_HEADLINE, errors)
    return ParamSchema(specs)


def _object_type(value: Mapping[Any, Any], path: str, errors: Errors) -> ParamType | None:
    """The `Object` type of a dict param, inferred as an input value is; None on errors."""
    if not value:
        errors.append((path, "cannot infer the properties of an empty dict"))
        return None
    found: Errors = []
    pool = infer_values([dict(value)], path, found)
    if found or not isinstance(pool.type, Object):
        errors.extend(found or [(path, "expected a dict of str keys")])
        return None
    return pool.type


def _param_type(value: Any) -> tuple[DataType, tuple[int, ...] | None]:
    """The DataType and shape of one param value; ValueError (without the value) otherwise."""
    ndim = getattr(value, "ndim", None)
    if isinstance(ndim, int) and ndim >= 1:
        if ndim > 1:
            raise ValueError(f"expected a scalar or a 1-D list, got a {ndim}-D array")
        found = numpy_datatype(value.dtype)
        return (_checked(found) if found is not None else _list_type(list(value))), (-1,)
    if isinstance(value, _LIST_TYPES):
        return _list_type(list(value)), (-1,)
    return _scalar_type(value), None


def _list_type(items: list[Any]) -> DataType:
    if not items:
        return DataType.datetime  # MLflow's type for an empty list param
    if any(isinstance(item, (*_LIST_TYPES, Mapping)) or _is_array(item) for item in items):
        raise ValueError("expected a scalar or a 1-D list, got a nested list")
    found = {_scalar_type(item) for item in items}
    if found == {DataType.long, DataType.double}:
        return DataType.double
    if len(found) > 1:
        names = " and ".join(sorted(t.name for t in found))
        raise ValueError(f"expected a list of one type, got {names}")
    return found.pop()


def _scalar_type(value: Any) -> DataType:
    if value is None:
        raise ValueError("a param needs a default value, got None")
    kind, dtype = classify(type(value))
    if kind not in (Kind.SCALAR, Kind.NULLABLE) or dtype is None:
        raise ValueError(f"unsupported param type '{type(value).__name__}'")
    return _checked(dtype)


def _checked(dtype: DataType) -> DataType:
    if dtype is DataType.binary:
        raise ValueError("binary params are not supported (MLflow cannot read them)")
    return dtype


def _is_array(value: Any) -> bool:
    return isinstance(getattr(value, "ndim", None), int) and value.ndim >= 1
