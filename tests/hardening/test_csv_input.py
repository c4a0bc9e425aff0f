"""CSV bodies: every row as long as the header, and NaN, infinity and `1e400` in a number
column refused as the same values are in JSON (issue 14, item 3)."""

from __future__ import annotations

import json

import pytest

from hintsig.exceptions import DataValidationError
from hintsig.models._payload import parse_serving_input
from hintsig.types.schema import ColSpec, DataType, Schema

SCHEMA = Schema([ColSpec(DataType.double, "a"), ColSpec(DataType.string, "b")])


def _csv(text: str, schema: Schema | None = SCHEMA) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        parse_serving_input(text, schema=schema, content_type="text/csv")
    return info.value


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        ("a,b\n1.5,x,EXTRA\n", "row 0 (line 2)", "3 fields for 2 columns"),
        ("a,b\n1.5,x\n2.5,y,EXTRA\n", "row 1 (line 3)", "3 fields for 2 columns"),
        ("a,b\n1.5,x\n2.5\n", "row 1 (line 3)", "1 fields for 2 columns"),
    ],
)
def test_rows_longer_or_shorter_than_the_header_are_refused(
    text: str, path: str, words: str
) -> None:
    error = _csv(text)
    assert [p for p, _ in error.errors] == [path]
    assert words in error.errors[0][1]
    assert "EXTRA" not in error.message


@pytest.mark.parametrize("cell", ["1e400", "-1e400", "inf", "-Infinity", "nan", "NaN"])
@pytest.mark.parametrize("schema", [SCHEMA, None])
def test_non_finite_numbers_are_refused_as_in_json(cell: str, schema: Schema | None) -> None:
    error = _csv(f"a,b\n1.5,x\n{cell},y\n", schema)
    assert error.errors[0][0] == "row 1, column 'a'"
    as_json = cell.replace("inf", "Infinity").replace("nan", "NaN").replace("InfinityNaN", "")
    with pytest.raises(DataValidationError):  # the same value in a JSON body: refused too
        parse_serving_input(
            '{"dataframe_split": {"columns": ["a", "b"], "data": [[CELL, "y"]]}}'.replace(
                "CELL", as_json
            ),
            schema=schema,
        )


def test_missing_cells_and_text_that_says_nan_are_kept() -> None:
    frame = parse_serving_input("a,b\n,nan text\n2.5,inf\n", schema=SCHEMA, content_type="text/csv")
    assert frame.data["b"].tolist() == ["nan text", "inf"]
    assert json.dumps(frame.data["a"].tolist()) == "[NaN, 2.5]"  # the empty cell: missing


def test_a_blank_line_is_not_a_row() -> None:
    frame = parse_serving_input("a,b\n1.5,x\n\n2.5,y\n", schema=SCHEMA, content_type="text/csv")
    assert frame.data["a"].tolist() == [1.5, 2.5]
