"""Who is at fault: a model whose output breaks its own hint is a 500, not a bad request."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import hintsig.pyfunc
from hintsig.exceptions import DataValidationError, OutputValidationError
from hintsig.pyfunc.utils import pyfunc
from hintsig.serving._errors import ServingError
from hintsig.serving._scoring import Scorer


@pyfunc(validate_output=True)
def lengths(model_input: list[str]) -> list[int]:
    return [len(s) if s != "bad" else "oops" for s in model_input]  # type: ignore[misc]


@pytest.fixture(scope="module")
def scorer(tmp_path_factory: pytest.TempPathFactory) -> Scorer:
    path: Path = tmp_path_factory.mktemp("output") / "model"
    hintsig.pyfunc.save_model(path, python_model=lengths, input_example=["ab"])
    return Scorer(hintsig.pyfunc.load_model(str(path)))


def test_output_errors_are_their_own_kind() -> None:
    with pytest.raises(OutputValidationError) as caught:
        lengths(["a", "bad"])
    assert isinstance(caught.value, DataValidationError)
    assert [path for path, _ in caught.value.errors] == ["[1]"]


def test_an_output_that_breaks_the_hint_is_a_500(
    scorer: Scorer, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.ERROR, logger="hintsig.serving"),
        pytest.raises(ServingError) as caught,
    ):
        scorer.score(b'{"inputs": ["a", "bad"]}')
    assert caught.value.status == 500
    assert caught.value.error_code == "INTERNAL_ERROR"
    assert "output" in caught.value.message
    assert "does not fit its type hint" in caplog.text


def test_a_bad_input_to_the_same_model_is_still_a_400(scorer: Scorer) -> None:
    with pytest.raises(ServingError) as caught:
        scorer.score(b'{"inputs": ["a", 3]}')
    assert caught.value.status == 400
    assert not isinstance(caught.value, OutputValidationError)
    assert scorer.score(b'{"inputs": ["abc"]}') == b'{"predictions":[3]}'
