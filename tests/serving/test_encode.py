"""Model outputs as JSON answers: one conversion pass, then `json.dumps(allow_nan=False)`."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import numpy as np
import pandas as pd
import pydantic
import pytest

from hintsig.serving._encode import predictions_bytes
from hintsig.serving._errors import ServingError


class Reply(pydantic.BaseModel):
    text: str
    at: dt.datetime
    raw: bytes


ENCODED = [
    ([1, "a", None, True], [1, "a", None, True]),
    (np.array([1.5, 2.5], dtype=np.float32), [1.5, 2.5]),
    (np.array([[1, 2], [3, 4]]), [[1, 2], [3, 4]]),
    (np.int64(7), 7),
    ([math.nan, 1.0], [None, 1.0]),
    (np.array([np.nan, 2.0]), [None, 2.0]),
    (pd.Series([1, 2]), [1, 2]),
    (pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}), [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]),
    (pd.DataFrame({"t": pd.to_datetime(["2024-01-02"])}), [{"t": "2024-01-02T00:00:00"}]),
    ({"scores": np.array([0.25]), "labels": ["a"]}, {"scores": [0.25], "labels": ["a"]}),
    (
        [dt.datetime(2024, 1, 2, 3, 4, 5), dt.date(2024, 1, 2)],
        ["2024-01-02T03:04:05", "2024-01-02"],
    ),
    ([b"\x00\xff"], ["AP8="]),
    (
        [Reply(text="hi", at=dt.datetime(2024, 1, 2), raw=b"ok")],
        [{"text": "hi", "at": "2024-01-02T00:00:00", "raw": "b2s="}],
    ),
]


@pytest.mark.parametrize(("output", "expected"), ENCODED)
def test_outputs_become_json(output: Any, expected: Any) -> None:
    assert json.loads(predictions_bytes(output)) == {"predictions": expected}


def test_the_answer_is_compact_utf8() -> None:
    assert predictions_bytes(["é"]) == '{"predictions":["é"]}'.encode()


@pytest.mark.parametrize(
    ("output", "words"),
    [
        ([math.inf], "[0]: an infinite float"),
        (np.array([1.0, -np.inf]), "an infinite float"),
        ({"a": object()}, "a: a value of type object"),
        ([{1, 2}], "a value of type set"),
    ],
)
def test_outputs_without_a_json_form_are_server_errors(output: Any, words: str) -> None:
    with pytest.raises(ServingError) as caught:
        predictions_bytes(output)
    assert caught.value.status == 500
    assert caught.value.error_code == "INTERNAL_ERROR"
    assert words in caught.value.message


def test_an_output_nested_too_deeply_is_a_server_error() -> None:
    deep: list[Any] = []
    # Deeper than any recursion limit a test run sets (mypy.api raises it to 2**14).
    for _ in range(40_000):
        deep = [deep]
    with pytest.raises(ServingError, match="nests too deeply"):
        predictions_bytes(deep)
