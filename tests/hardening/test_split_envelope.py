"""`dataframe_split` envelopes are checked before any model code runs: a client mistake is a
400 naming the place, never the model's TypeError as a 500 (issue 14, item 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pandas as pd
import pytest

from hintsig.exceptions import DataValidationError
from hintsig.models._payload import parse_serving_input
from hintsig.serving import create_app
from tests.serving.helpers import running

from .conftest import frame_model


@pytest.mark.parametrize(
    ("split", "path", "words"),
    [
        ({"columns": [{"a": 1}, "b"], "data": [[1, 2]]}, "columns[0]", "not an object"),
        ({"columns": ["a", ["b"]], "data": [[1, 2]]}, "columns[1]", "not a list"),
        ({"columns": [None, "b"], "data": [[1, 2]]}, "columns[0]", "not null"),
        ({"columns": ["a"], "data": [[1]], "index": [[1]]}, "index[0]", "not a list"),
        ({"columns": ["a"], "data": [[1]], "index": [{"k": 1}]}, "index[0]", "not an object"),
        ({"columns": ["a"], "data": [[1], [2]], "index": [0]}, "index", "1 labels for 2 rows"),
        ({"columns": ["a"], "data": [[1]], "index": 7}, "", "must be a list of row labels"),
        ({"data": [[1, 2], [3]]}, "data[1]", "1 values for 2 values in the first row"),
        ({"columns": ["a", "b"], "data": [[1, 2], [3]]}, "data[1]", "1 values for 2 columns"),
    ],
)
def test_bad_envelopes_are_refused_with_their_place(
    split: dict[str, Any], path: str, words: str
) -> None:
    with pytest.raises(DataValidationError) as info:
        parse_serving_input({"dataframe_split": split})
    assert any(p == path and words in m for p, m in info.value.errors) or (
        path == "" and words in info.value.message
    ), info.value.errors


def test_numbers_as_column_names_are_taken_as_mlflow_takes_them() -> None:
    frame = parse_serving_input({"dataframe_split": {"columns": [1, 2.5], "data": [[1, 2]]}}).data
    assert list(frame.columns) == [1, 2.5]
    labelled = {"columns": ["a"], "data": [[1], [2]], "index": ["x", None]}
    index = parse_serving_input({"dataframe_split": labelled}).data.index
    assert index[0] == "x" and pd.isna(index[1])


@pytest.mark.parametrize(
    "split",
    [
        {"columns": [{"x": 1}, "name"], "data": [[1.5, "a"]]},
        {"columns": [["x"], "name"], "data": [[1.5, "a"]]},
        {"columns": [None, "name"], "data": [[1.5, "a"]]},
        {"columns": ["x", "name"], "data": [[1.5, "a"]], "index": [[0]]},
        {"data": [[1.5, "a"], [2.0]]},
    ],
)
def test_the_server_answers_400_before_the_model_runs(
    tmp_path: Path, split: dict[str, Any]
) -> None:
    with running(create_app(frame_model(tmp_path))) as url:
        answer = httpx.post(f"{url}/invocations", json={"dataframe_split": split}, timeout=30)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error_code"] == "BAD_REQUEST"
