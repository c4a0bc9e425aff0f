"""Map keys are values: no error about a dict entry prints the key (issue 14, item 5).

Every error path is tried with a secret-looking key: the type-hint validator (Python calls
and JSON bodies), nested and `extra="forbid"` pydantic models, `Map`/`Object` columns and
params, the serving envelope's unknown keys, and the server itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pandas as pd
import pydantic
import pytest

import hintsig.pyfunc
from hintsig.exceptions import HintsigException
from hintsig.models._payload import parse_serving_input
from hintsig.models.enforcement import enforce_params, enforce_schema
from hintsig.serving import create_app
from hintsig.types._validators import Validator
from hintsig.types.schema import (
    ColSpec,
    DataType,
    Map,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
)
from tests.serving.helpers import running

SECRET = "sk_live_4f9a8b7c6d5e"


class Closed(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")
    a: int


class Tagged(pydantic.BaseModel):
    tags: dict[str, int]


def _hint(hint: Any, data: Any) -> Callable[[], Any]:
    return lambda: Validator(hint, str(hint)).validate(data)


def _hint_json(hint: Any, data: Any) -> Callable[[], Any]:
    return lambda: Validator(hint, str(hint)).validate_json(json.dumps(data))


MAP = Schema([ColSpec(Map(DataType.long), "m")])
OBJECT = Schema([ColSpec(Object([Property("a", DataType.long)]), "m")])

PATHS: dict[str, Callable[[], Any]] = {
    "dict hint": _hint(list[dict[str, int]], [{SECRET: "x"}]),
    "dict hint, json": _hint_json(list[dict[str, int]], [{SECRET: "x"}]),
    "dict of lists": _hint(list[dict[str, list[int]]], [{SECRET: ["x"]}]),
    "model with a dict": _hint(list[Tagged], [{"tags": {SECRET: "x"}}]),
    "model with a dict, json": _hint_json(list[Tagged], [{"tags": {SECRET: "x"}}]),
    "closed model": _hint(list[Closed], [{"a": 1, SECRET: 2}]),
    "closed model, json": _hint_json(list[Closed], [{"a": 1, SECRET: 2}]),
    "map column": lambda: enforce_schema(pd.DataFrame({"m": [{SECRET: "x"}]}), MAP),
    "object column": lambda: enforce_schema(pd.DataFrame({"m": [{"a": 1, SECRET: 1}]}), OBJECT),
    "map param": lambda: enforce_params(
        {"p": {SECRET: "x"}}, ParamSchema([ParamSpec("p", Map(DataType.long), {"k": 1})])
    ),
    "envelope": lambda: parse_serving_input(json.dumps({SECRET: [1]})),
    "split envelope": lambda: parse_serving_input(
        json.dumps({"dataframe_split": {"data": [[1]], SECRET: 1}})
    ),
}


@pytest.mark.parametrize("path", sorted(PATHS))
def test_no_error_prints_a_map_key(path: str) -> None:
    with pytest.raises(HintsigException) as caught:
        PATHS[path]()
    assert SECRET not in str(caught.value)
    assert SECRET[:8] not in caught.value.message


def test_the_path_names_the_entry_by_position() -> None:
    with pytest.raises(HintsigException) as caught:
        Validator(list[dict[str, int]], "h").validate([{"ok": 1, SECRET: "x"}])
    assert "[0][<key 1>]: expected int, got str" in caught.value.message


def test_field_names_still_show() -> None:
    with pytest.raises(HintsigException) as caught:
        Validator(list[Tagged], "h").validate([{"tags": {SECRET: "x"}}])
    assert "[0].tags[<key 0>]" in caught.value.message


def test_the_server_does_not_echo_a_key(tmp_path: Path) -> None:
    path = tmp_path / "chat"
    hintsig.pyfunc.save_model(
        path,
        python_model=Path(__file__).parent.parent / "serving" / "model_code" / "chat.py",
        input_example=[{"role": "user", "content": "Hello"}],
    )
    bodies = [
        {SECRET: [1]},
        {"inputs": [{"role": "user", "content": {SECRET: 1}}]},
        {"dataframe_split": {"data": [["user", "x"]], SECRET: 1}},
    ]
    with running(create_app(path)) as url:
        for body in bodies:
            answer = httpx.post(f"{url}/invocations", json=body, timeout=10)
            assert answer.status_code == 400, answer.text
            assert SECRET not in answer.text
