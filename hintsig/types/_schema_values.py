"""Value checks against a type node: scalars, param values, nested lists and dicts.

Part of `hintsig.types.schema`, which re-exports the public names; see its docstring.
"""

from __future__ import annotations

import copy
import datetime as _dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, Union

from hintsig.exceptions import SchemaDefinitionError
from hintsig.types._ranges import FLOAT32_MAX, out_of_range

if TYPE_CHECKING:
    pass
from hintsig.types._schema_dtypes import (
    DataType,
)
from hintsig.types._schema_types import (
    AnyType,
    Array,
    ColType,
    Map,
    Object,
)

__all__ = [
    "ParamType",
    "ParamValue",
    "type_label",
    "validate_param_value",
    "validate_scalar",
    "value_problems",
]

# ----------------------------------------------------------------------------- params

#: A param's default (or a value given at call time): a scalar, a list or a dict.
ParamValue: TypeAlias = Any
#: The type of a param: a scalar DataType or, for a dict param, an Object.
ParamType: TypeAlias = Union[DataType, Object]  # noqa: UP007


# ----------------------------------------------------------------------------- value checks

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def validate_scalar(dtype: DataType, value: Any) -> Any:
    """`value` as a Python value of `dtype`, with only safe conversions.

    Accepts numpy scalars of a fitting kind, ints for floating types, and for `datetime` a
    `datetime`, a `date` (kept as a date), an ISO string (a date-only one gives a `date`), a
    pandas Timestamp or a numpy datetime64. Raises `ValueError` (no value in the message)
    otherwise.
    """
    kind = _scalar_kind(value)
    match dtype:
        case DataType.string:
            if kind == "str":
                return str(value)
        case DataType.boolean:
            if kind == "bool":
                return bool(value)
        case DataType.long | DataType.integer:
            if kind == "int":
                number = int(value)
                low, high = _INT32 if dtype is DataType.integer else _INT64
                if not low <= number <= high:
                    raise ValueError(out_of_range(dtype.name, integral=True))
                return number
        case DataType.double | DataType.float:
            if kind in ("int", "float"):
                try:
                    real = float(value)
                except OverflowError:  # an int beyond any float (10**400)
                    raise ValueError(out_of_range(dtype.name, integral=False)) from None
                # (NaN and infinity are float32 values too)
                if dtype is DataType.float and math.isfinite(real) and abs(real) > FLOAT32_MAX:
                    raise ValueError(out_of_range(dtype.name, integral=False))
                return real
        case DataType.binary:
            if kind == "bytes":
                return bytes(value)
        case DataType.datetime:
            converted = _to_datetime(value)
            if converted is not None:
                return converted
    raise ValueError(f"expected {dtype.name}, got {type_label(value)}")


def validate_param_value(dtype: ParamType, shape: tuple[int, ...] | None, value: Any) -> Any:
    """A param value checked against its type and shape (`None` scalar, `(-1,)` list).

    Scalars and list items go through `validate_scalar` (so they come back normalised); a dict
    for an `Object` param is checked property by property and returned as a deep copy.
    Raises `ValueError` listing every problem.
    """
    if isinstance(dtype, Object):
        problems = value_problems(dtype, value)
        if problems:
            raise ValueError(_join_problems(problems))
        return copy.deepcopy(value)
    if shape is None:
        if _is_sequence_value(value):
            raise ValueError(f"expected a scalar {dtype.name}, got a list")
        return validate_scalar(dtype, value)
    if not _is_sequence_value(value):
        raise ValueError(f"expected a list of {dtype.name}, got {type_label(value)}")
    out = []
    problems = []
    for i, item in enumerate(value):
        if _is_sequence_value(item):
            problems.append((f"[{i}]", f"expected {dtype.name}, got a nested list"))
            continue
        try:
            out.append(validate_scalar(dtype, item))
        except ValueError as exc:
            problems.append((f"[{i}]", str(exc)))
    if problems:
        raise ValueError(_join_problems(problems))
    return out


def value_problems(dtype: ColType, value: Any, path: str = "") -> list[tuple[str, str]]:
    """Every way `value` does not fit `dtype`, as `(path, message)` pairs (empty if it fits).

    Paths read `a.b[2]`. An optional property may be missing or None; keys an `Object` does
    not declare are problems. Values are checked, not converted.
    """
    match dtype:
        case AnyType():
            return []
        case DataType():
            try:
                validate_scalar(dtype, value)
            except ValueError as exc:
                return [(path, str(exc))]
            return []
        case Array(dtype=items):
            if not _is_sequence_value(value):
                return [(path, f"expected a list, got {type_label(value)}")]
            return [
                problem
                for i, item in enumerate(value)
                for problem in value_problems(items, item, f"{path}[{i}]")
            ]
        case Map(value_type=values):
            if not isinstance(value, Mapping):
                return [(path, f"expected a dict, got {type_label(value)}")]
            return _map_problems(values, value, path)
        case Object():
            if not isinstance(value, Mapping):
                return [(path, f"expected a dict, got {type_label(value)}")]
            return _object_problems(dtype, value, path)
    raise SchemaDefinitionError(f"Not a schema type: {type(dtype).__name__}")


def _map_problems(values: ColType, value: Mapping[Any, Any], path: str) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for position, (key, item) in enumerate(value.items()):
        if isinstance(key, str):  # keys are data: the path names the entry's position only
            problems.extend(value_problems(values, item, f"{path}[<key {position}>]"))
        else:
            problems.append((path, f"expected string keys, got a {type(key).__name__} key"))
    return problems


def _object_problems(obj: Object, value: Mapping[Any, Any], path: str) -> list[tuple[str, str]]:
    declared = {p.name for p in obj.properties}
    unknown = sum(key not in declared for key in value)
    problems = []
    if unknown:  # the keys themselves may be data: counted, not repeated
        known = ", ".join(repr(name) for name in sorted(declared)) or "none"
        many = f"{unknown} unknown properties" if unknown > 1 else "an unknown property"
        problems.append((path, f"{many}; the properties are {known}"))
    for prop in obj.properties:
        where = _join_path(path, prop.name)
        if prop.name not in value:
            if prop.required:
                problems.append((where, f"missing required property of type {prop.dtype}"))
        elif value[prop.name] is not None or prop.required:
            problems.extend(value_problems(prop.dtype, value[prop.name], where))
    return problems


def _join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _join_problems(problems: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{path}: {message}" if path else message for path, message in problems)


def _is_sequence_value(value: Any) -> bool:
    if isinstance(value, (str, bytes, bytearray, Mapping)):
        return False
    if isinstance(value, (list, tuple)):
        return True
    return bool(getattr(value, "ndim", 0) >= 1)


def _scalar_kind(value: Any) -> str:
    """'bool', 'int', 'float', 'str', 'bytes' or 'other', numpy scalars included."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (bytes, bytearray)):
        return "bytes"
    kind = _numpy_kind(value)
    if kind is not None and getattr(value, "ndim", 1) == 0:
        return _NUMPY_KINDS.get(kind, "other")
    return "other"


_NUMPY_KINDS = {"b": "bool", "i": "int", "u": "int", "f": "float", "U": "str", "S": "bytes"}


def _numpy_kind(value: Any) -> str | None:
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    return kind if isinstance(kind, str) else None


def _to_datetime(value: Any) -> _dt.date | None:
    """A date or datetime for `value`, or None when it is not one (NaT is not one)."""
    if isinstance(value, _dt.datetime) and type(value) is not _dt.datetime:
        to_plain = getattr(value, "to_pydatetime", None)  # pandas.Timestamp, NaT
        value = to_plain() if callable(to_plain) else None
        return value if type(value) is _dt.datetime else None
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            stamp = _dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        return stamp.date() if _DATE_ONLY.fullmatch(value) else stamp
    if _numpy_kind(value) == "M" and getattr(value, "ndim", None) == 0:  # numpy.datetime64
        item = value.astype("datetime64[us]").item()
        return item if type(item) is _dt.datetime else None
    return None


def type_label(value: Any) -> str:
    """The kind of `value` for an error message (`a list`, `int`), never the value itself."""
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "a dict"
    if value is None:
        return "None"
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    return type(value).__name__


def _param_value_to_json(value: Any) -> Any:
    """A param value as MLflow writes it: dates and datetimes as ISO strings."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_param_value_to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _param_value_to_json(v) for k, v in value.items()}
    return value
