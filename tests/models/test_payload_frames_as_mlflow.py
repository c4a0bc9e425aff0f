"""`dataframe_records` and CSV bodies give the frame MLflow 3.17 gives for the same data.

The expected columns, dtypes and values were observed with MLflow 3.17.2 and pandas 3.1
(`mlflow.pyfunc.scoring_server.infer_and_parse_data` for records, `parse_csv_input` for
CSV), with and without an input schema. The one deliberate difference (an optional
`boolean` column with a missing value, which MLflow turns into True) is in the README's
"Deliberate differences from MLflow".
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from hintsig.models._payload import parse_serving_input
from hintsig.types.schema import Schema

Column = tuple[str, str, list[Any]]

NAN = float("nan")

RECORDS: dict[str, tuple[list[dict[str, Any]], list[Column]]] = {
    "ints": (
        [{"a": 1, "b": 2}, {"a": 3, "b": 4}],
        [("a", "int64", [1, 3]), ("b", "int64", [2, 4])],
    ),
    "floats": ([{"x": 1.5}, {"x": 2}], [("x", "float64", [1.5, 2.0])]),
    "int-null": ([{"x": 1}, {"x": None}], [("x", "float64", [1.0, NAN])]),
    "str-null": ([{"s": "a"}, {"s": None}], [("s", "str", ["a", NAN])]),
    "strings": ([{"s": "a", "t": "b"}], [("s", "str", ["a"]), ("t", "str", ["b"])]),
    "bools": ([{"b": True}, {"b": False}], [("b", "bool", [True, False])]),
    "bool-null": ([{"b": True}, {"b": None}], [("b", "object", [True, None])]),
    "missing-key": (
        [{"a": 1, "b": "x"}, {"a": 2}],
        [("a", "int64", [1, 2]), ("b", "str", ["x", NAN])],
    ),
    "disjoint-keys": (
        [{"a": 1}, {"b": 2.5}],
        [("a", "float64", [1.0, NAN]), ("b", "float64", [NAN, 2.5])],
    ),
    "order": (
        [{"b": 1, "a": 2}, {"a": 3, "c": 4, "b": 5}],
        [("b", "int64", [1, 5]), ("a", "int64", [2, 3]), ("c", "float64", [NAN, 4.0])],
    ),
    "mixed-int-str": ([{"m": 1}, {"m": "x"}], [("m", "object", [1, "x"])]),
}

CSV: dict[str, tuple[str, list[Column]]] = {
    "ints": ("a,b\n1,2\n3,4\n", [("a", "int64", [1, 3]), ("b", "int64", [2, 4])]),
    "floats": ("x\n1.5\n2\n", [("x", "float64", [1.5, 2.0])]),
    "int-null": ("x,y\n1,a\n,b\n", [("x", "float64", [1.0, NAN]), ("y", "str", ["a", "b"])]),
    "str-null": ("s,n\na,1\n,2\n", [("s", "str", ["a", NAN]), ("n", "int64", [1, 2])]),
    "bools": ("b\nTrue\nFalse\n", [("b", "bool", [True, False])]),
    "bools-lower": ("b\ntrue\nfalse\n", [("b", "bool", [True, False])]),
    "order": ("b,a\n1,2\n", [("b", "int64", [1]), ("a", "int64", [2])]),
}

SCHEMA = Schema.from_json(
    json.dumps(
        [
            {"type": "integer", "name": "i"},
            {"type": "float", "name": "f"},
            {"type": "double", "name": "d"},
            {"type": "string", "name": "s"},
            {"type": "boolean", "name": "b", "required": False},
            {"type": "long", "name": "n"},
        ]
    )
)
TYPED = [
    ("n", "int64", [5, 6]),
    ("s", "str", ["x", "y"]),
    ("d", "float64", [1.0, 2.5]),
    ("f", "float32", [1.5, 2.0]),
    ("i", "int32", [1, 2]),
]


def columns(frame: Any) -> list[Column]:
    return [(str(name), str(frame[name].dtype), frame[name].tolist()) for name in frame.columns]


def same(actual: list[Column], expected: list[Column]) -> bool:
    """Equal, NaN matching NaN."""

    def norm(value: Any) -> Any:
        return "NaN" if isinstance(value, float) and math.isnan(value) else value

    def key(cols: list[Column]) -> list[Any]:
        return [(name, dtype, [norm(v) for v in values]) for name, dtype, values in cols]

    return key(actual) == key(expected)


@pytest.mark.parametrize("case", sorted(RECORDS))
def test_records_give_mlflows_frame(case: str) -> None:
    records, expected = RECORDS[case]
    frame = parse_serving_input({"dataframe_records": records}).data
    assert same(columns(frame), expected), columns(frame)


@pytest.mark.parametrize("case", sorted(CSV))
def test_csv_gives_mlflows_frame(case: str) -> None:
    text, expected = CSV[case]
    frame = parse_serving_input(text, content_type="text/csv").data
    assert same(columns(frame), expected), columns(frame)


def test_records_with_a_schema_give_mlflows_frame() -> None:
    records = [
        {"n": 5, "s": "x", "d": 1, "f": 1.5, "i": 1, "b": True},
        {"i": 2, "f": 2, "d": 2.5, "s": "y", "n": 6, "b": False},
    ]
    frame = parse_serving_input({"dataframe_records": records}, schema=SCHEMA).data
    assert same(columns(frame), [*TYPED, ("b", "bool", [True, False])]), columns(frame)


def test_a_missing_optional_boolean_stays_missing() -> None:
    """MLflow turns the missing value into True (a deliberate difference)."""
    records = [{"n": 5, "s": "x", "d": 1, "f": 1.5, "i": 1, "b": True}, {"i": 2, "n": 6}]
    frame = parse_serving_input({"dataframe_records": records}, schema=SCHEMA).data
    assert frame["b"].tolist()[0] is True
    assert frame["b"].isna().tolist() == [False, True]


def test_csv_with_a_schema_gives_mlflows_frame() -> None:
    text = "n,s,d,f,i,b\n5,x,1,1.5,1,True\n6,y,2.5,2,2,False\n"
    frame = parse_serving_input(text, schema=SCHEMA, content_type="text/csv").data
    expected = [(n, "object" if n == "s" else t, v) for n, t, v in TYPED]
    assert same(columns(frame), [*expected, ("b", "bool", [True, False])]), columns(frame)


def test_csv_string_columns_keep_their_text() -> None:
    text = "i,f,d,s,n\n1,1.5,1.0,007,3\n"
    frame = parse_serving_input(text, schema=SCHEMA, content_type="text/csv").data
    assert columns(frame)[3] == ("s", "object", ["007"])
