"""Numbers beyond a column's or a param's type are refused in every input path with one
message (issue 14, item 4): `1e39` for `float`, `2**63` for `long`, `2**31` for `integer`."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from hintsig.exceptions import DataValidationError
from hintsig.models._payload import parse_serving_input
from hintsig.models.enforcement import enforce_params, enforce_schema
from hintsig.types.schema import ColSpec, DataType, ParamSchema, ParamSpec, Schema, validate_scalar

BEYOND = [
    (DataType.float, "1e39", "expected float, got a number out of its range"),
    (DataType.float, "-1e39", "expected float, got a number out of its range"),
    (DataType.long, str(2**63), "expected long, got an int out of its range"),
    (DataType.integer, str(2**31), "expected integer, got an int out of its range"),
]


def _columns(dtype: DataType) -> Schema:
    return Schema([ColSpec(dtype, "a")])


def _json(body: str, dtype: DataType) -> Any:
    return enforce_schema(parse_serving_input(body, schema=_columns(dtype)).data, _columns(dtype))


PATHS: dict[str, Callable[[DataType, str], Any]] = {
    "json split": lambda t, n: _json(
        f'{{"dataframe_split": {{"columns": ["a"], "data": [[{n}]]}}}}', t
    ),
    "json records": lambda t, n: _json(f'{{"dataframe_records": [{{"a": {n}}}]}}', t),
    "json inputs": lambda t, n: _json(f'{{"inputs": {{"a": [{n}]}}}}', t),
    "csv": lambda t, n: enforce_schema(
        parse_serving_input(f"a\n{n}\n", schema=_columns(t), content_type="text/csv").data,
        _columns(t),
    ),
    "python dict": lambda t, n: enforce_schema({"a": [1, json.loads(n)]}, _columns(t)),
    "python frame": lambda t, n: enforce_schema(pd.DataFrame({"a": [json.loads(n)]}), _columns(t)),
    "param": lambda t, n: enforce_params({"p": json.loads(n)}, ParamSchema([ParamSpec("p", t, 1)])),
    "json param": lambda t, n: enforce_params(
        parse_serving_input(f'{{"inputs": [1], "params": {{"p": {n}}}}}').params,
        ParamSchema([ParamSpec("p", t, 1)]),
    ),
    "list param": lambda t, n: enforce_params(
        {"p": [json.loads(n)]}, ParamSchema([ParamSpec("p", t, [1], (-1,))])
    ),
}


@pytest.mark.parametrize("path", sorted(PATHS))
@pytest.mark.parametrize(("dtype", "number", "message"), BEYOND)
def test_every_path_refuses_with_one_message(
    path: str, dtype: DataType, number: str, message: str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "overflow encountered in cast" on the way
        with pytest.raises(DataValidationError) as info:
            PATHS[path](dtype, number)
    [(_, problem)] = info.value.errors
    assert problem.removeprefix("[0]: ") == message  # a list param names the item first


@pytest.mark.parametrize(
    ("dtype", "value"),
    [(DataType.float, 3.4e38), (DataType.float, float("nan")), (DataType.float, float("inf"))],
)
def test_values_within_float_are_kept(dtype: DataType, value: float) -> None:
    assert json.dumps(validate_scalar(dtype, value)) == json.dumps(value)


def test_an_int_beyond_any_float_is_out_of_range_not_an_overflow() -> None:
    with pytest.raises(ValueError, match="expected double, got a number out of its range"):
        validate_scalar(DataType.double, 10**400)


def test_small_int64_values_for_integer_keep_the_lossless_cast_message() -> None:
    with pytest.raises(DataValidationError, match="only lossless casts"):
        enforce_schema(pd.DataFrame({"a": [1]}), _columns(DataType.integer))
