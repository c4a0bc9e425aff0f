"""JSON bodies for type-hinted models: one pass in pydantic's JSON mode, else the full parser."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pydantic
import pytest

import hintsig.pyfunc
from hintsig.exceptions import HintsigException
from hintsig.pyfunc import PyFuncModel
from hintsig.serving._errors import ServingError
from hintsig.serving._scoring import Scorer
from hintsig.types._hint_request import RequestValidator, request_validator


def _loaded(saved_models: dict[str, Path], name: str) -> PyFuncModel:
    return hintsig.pyfunc.load_model(str(saved_models[name]))


def _fast(model: PyFuncModel) -> RequestValidator:
    hints = model.input_hints
    assert hints is not None and hints.input_validator is not None
    fast = request_validator(hints.input_validator)
    assert fast is not None
    return fast


def _dump(value: Any) -> Any:
    return value.model_dump() if isinstance(value, pydantic.BaseModel) else value


VALID_EVENTS = [
    b'{"inputs": [{"when": "2024-05-01T12:30:00"}]}',
    b'{"inputs": [{"when": "2024-05-01T12:30:00Z", "attachment": {"name": "a", "data": "YWJj"}}]}',
    b'{"inputs": [], "params": null}',
    b'{"params": {"k": [1, 2.5, "x"]}, "inputs": [{"when": "2024-05-01"}]}',
    b' {"inputs" : [ {"when": "2024-05-01T12:30:00+02:00", "attachment": null} ] } \n',
]


@pytest.mark.parametrize("body", VALID_EVENTS)
def test_the_one_pass_gives_what_the_full_parser_gives(
    saved_models: dict[str, Path], body: bytes
) -> None:
    model = _loaded(saved_models, "events")
    fast = _fast(model).validate_json(body)
    full = model.parse_serving_input(body)
    assert fast is not None
    assert [_dump(x) for x in fast.inputs] == [_dump(x) for x in full.data]
    assert fast.params == full.params


def test_iso_datetimes_and_base64_inside_nested_models_are_decoded(
    saved_models: dict[str, Path],
) -> None:
    fast = _fast(_loaded(saved_models, "events")).validate_json(VALID_EVENTS[1])
    assert fast is not None
    (event,) = fast.inputs
    assert event.when == dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.timezone.utc)
    assert event.attachment.data == b"abc"


@pytest.mark.parametrize(
    "body",
    [
        b'{"inputs": [{"when": NaN}]}',
        b'{"inputs": [], "params": {"k": Infinity}}',
        b'{"inputs": [], "params": {"k": 1e999}}',
        b'{"inputs": [{"when": "2024-05-01"}], "extra": 1}',
        b'{"inputs": [{"when": "2024-05-01"}], "instances": []}',
        b'{"params": {}}',
        b'{"inputs": [{"when": 5}]}',
        b'{"inputs": [{"when": "2024-05-01", "attachment": {"name": "a", "data": "***"}}]}',
        b'{"inputs": {"when": "2024-05-01"}}',
        b'{"inputs": [], "params": [1]}',
        b'{"inputs": [{"when": "2024-05-01"}]',
        b'{"inputs": []} trailing',
        b'[{"when": "2024-05-01"}]',
        b'{"inputs": ["\xff"]}',
        b"",
        b'{"inputs": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
)
def test_anything_not_plainly_valid_goes_to_the_full_parser(
    saved_models: dict[str, Path], body: bytes
) -> None:
    model = _loaded(saved_models, "events")
    assert _fast(model).validate_json(body) is None
    with pytest.raises(ServingError) as caught:
        Scorer(model).parse(body)
    assert caught.value.status == 400


def test_the_scorer_takes_the_one_pass_for_valid_bodies(
    saved_models: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _loaded(saved_models, "chat")
    scorer = Scorer(model)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the full parser ran for a valid body")

    monkeypatch.setattr(model, "parse_serving_input", refuse)
    body = json.dumps({"inputs": [{"role": "user", "content": "Hi"}]}).encode()
    assert json.loads(scorer.score(body)) == {"predictions": ["user: Hi"]}


def test_a_charset_other_than_utf8_is_refused_before_any_parsing(
    saved_models: dict[str, Path],
) -> None:
    scorer = Scorer(_loaded(saved_models, "chat"))
    body = b'{"inputs": [{"role": "user", "content": "Hi"}]}'
    with pytest.raises(ServingError) as caught:
        scorer.parse(body, "application/json; charset=latin-1")
    assert caught.value.status == 415


def test_models_without_validating_hints_use_the_full_parser(
    saved_models: dict[str, Path],
) -> None:
    model = _loaded(saved_models, "frame")
    assert model.input_hints is None
    parsed = Scorer(model).parse(b'{"dataframe_records": [{"x": 1.5, "name": "a"}]}')
    assert list(parsed.data.columns) == ["x", "name"]


class Reading(pydantic.BaseModel, allow_inf_nan=True):
    value: float
    tags: dict[str, list[float]] = {}


def _compiled(hint: Any) -> RequestValidator | None:
    from hintsig.types._validators import compile_validator

    return request_validator(compile_validator(hint, repr(hint), "input", "records"))


@pytest.mark.parametrize(
    "body",
    [
        b'{"inputs": [{"value": NaN}]}',
        b'{"inputs": [{"value": -Infinity}]}',
        b'{"inputs": [{"value": 1e999}]}',
        b'{"inputs": [{"value": 1' + b"0" * 400 + b".5}]}",
        b'{"inputs": [{"value": 1, "tags": {"a": [1.0, NaN]}}]}',
        b'{"inputs": [{"value": 1}], "params": {"a": [1, {"b": NaN}]}}',
    ],
)
def test_non_finite_numbers_never_pass_the_one_pass(body: bytes) -> None:
    # The model itself allows NaN; JSON bodies still cannot hold one (the strict decoder).
    fast = _compiled(list[Reading])
    assert fast is not None
    assert fast.validate_json(body) is None
    assert fast.validate_json(b'{"inputs": [{"value": 1, "tags": {"a": [2.5]}}]}') is not None


@pytest.mark.parametrize("hint", [list[Any], list[dict[str, Any]], list[dict[str, list[Any]]]])
def test_hints_that_check_nothing_somewhere_get_no_one_pass(hint: Any) -> None:
    assert _compiled(hint) is None


EDGE_BODIES = [
    b'{"inputs": [{"role": "u", "content": "\\ud800"}]}',  # a lone surrogate
    b'{"inputs": [{"role": "u", "content": "\\u0000"}]}',
    b'{"inputs": [{"role": "u", "content": "a", "content": "b"}]}',  # the last one wins
    b'{"inputs": [{"role": "u", "content": "x", "extra": 1}]}',
    b'\xef\xbb\xbf{"inputs": [{"role": "u", "content": "x"}]}',  # a byte-order mark
    b'{"inputs": [{"role": "u", "content": "x"}], "params": {"a": 1, "a": 2}}',
    b'{"inputs": [{"role": "u", "content": "x"}], "params": {"n": 123456789012345678901234567890}}',
    b'{"inputs": [{"role": "u", "content": "x"}], "params": {"n": -0.0}}',
    b'{"inputs": [{"role": "u", "content": "caf\xc3\xa9"}]}',
    b'{"inputs": [{"role": "u", "content": "x"}]}\x00',
    b'{"inputs": [{"role": "u", "content": "x"}]}\n\t\r ',
    b'{"inputs": [{"role": "u", "content": "x"}]}\x0c',
    b'{"inputs": [{"role": 1e2, "content": "x"}]}',
    b'{"inputs": [{"role": "u", "content": "x"}], "params": {"n": 1E400}}',
    b'{"inputs": [{"role": "u", "content": "x"}], "params": {"n": 1' + b"0" * 320 + b".0}}",
]


@pytest.mark.parametrize("body", EDGE_BODIES)
def test_the_one_pass_never_accepts_what_the_full_parser_refuses(
    saved_models: dict[str, Path], body: bytes
) -> None:
    model = _loaded(saved_models, "chat")
    fast = _fast(model).validate_json(body)
    try:
        full = model.parse_serving_input(body)
    except HintsigException:
        assert fast is None
        return
    if fast is not None:  # None is always allowed: the full parser then answers
        assert [_dump(x) for x in fast.inputs] == [_dump(x) for x in full.data]
        assert fast.params == full.params
