"""`check_model`, `assert_model`, `hintsig models fuzz` and `check_server` on real models."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pydantic
import pytest

import hintsig
from hintsig.pyfunc import PythonModel, load_model
from hintsig.pyfunc.utils import pyfunc
from hintsig.testing import assert_model, check_model, check_server


class Message(pydantic.BaseModel):
    role: str
    content: str
    score: float | None = None


class LongLists(PythonModel):
    def predict(self, context: Any, model_input: list[Message], params: Any = None) -> list[str]:
        if len(model_input) > 3:
            raise IndexError("planted")
        return [m.content for m in model_input]


class NoneScore(PythonModel):
    def predict(self, context: Any, model_input: list[Message], params: Any = None) -> list[str]:
        return [f"{m.score + 1}" for m in model_input]  # type: ignore[operator]


class Correct(PythonModel):
    def predict(self, context: Any, model_input: list[Message], params: Any = None) -> list[str]:
        return [m.role for m in model_input]


def test_a_bug_on_long_lists_is_caught_and_shrunk() -> None:
    report = check_model(LongLists(), max_examples=60, seed=1)
    assert not report.passed
    [failure] = report.failures
    assert failure.exception_type == "IndexError"
    assert failure.minimal_input == [Message(role="", content="")] * 4
    assert "IndexError: planted" in str(report) and "minimal input:" in str(report)
    assert "Traceback" in failure.traceback


def test_a_bug_on_a_none_optional_field_is_caught_and_shrunk() -> None:
    report = check_model(NoneScore(), max_examples=60, seed=1)
    [failure] = report.failures
    assert failure.exception_type == "TypeError"
    assert failure.minimal_input == [Message(role="", content="", score=None)]


def test_a_correct_model_passes_with_timings() -> None:
    report = check_model(Correct(), max_examples=30, seed=1)
    assert report.passed and report.examples == 30
    assert report.outputs_matched is True
    assert 0 < report.percentile(50) <= report.percentile(95)
    assert "passed" in str(report) and "p95" in str(report)


def test_a_wrong_output_is_a_failure() -> None:
    @pyfunc
    def predict(model_input: list[str]) -> list[int]:
        return ["x" for _ in model_input]  # type: ignore[misc]

    report = check_model(predict, max_examples=20, seed=1)
    assert not report.passed and report.outputs_matched is False
    assert report.failures[0].minimal_input == [""]


def test_assert_model_raises_with_the_minimal_input() -> None:
    with pytest.raises(AssertionError, match="minimal input"):
        assert_model(LongLists(), max_examples=60, seed=1)
    assert_model(Correct(), max_examples=10, seed=1)


def test_loaded_models_and_uris(tmp_path: Path) -> None:
    hintsig.pyfunc.save_model(tmp_path / "m", python_model=LongLists())
    for target in (str(tmp_path / "m"), load_model(tmp_path / "m")):
        report = check_model(target, max_examples=60, seed=1)
        assert [f.exception_type for f in report.failures] == ["IndexError"]
    with hintsig.start_run():
        info = hintsig.pyfunc.log_model(name="model", python_model=Correct())
    assert check_model(info.model_uri, max_examples=10, seed=1).passed


def _fuzz(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from hintsig.cli import main; main()", "models", "fuzz"]
    here = Path(__file__).parents
    paths = [str(here[1]), str(here[2]), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}  # the pickled classes' modules
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=240, check=False, env=env
    )


def test_fuzz_exit_codes(tmp_path: Path) -> None:
    hintsig.pyfunc.save_model(tmp_path / "bug", python_model=LongLists())
    hintsig.pyfunc.save_model(tmp_path / "ok", python_model=Correct())
    bad = _fuzz("-m", str(tmp_path / "bug"), "--examples", "60", "--seed", "1")
    assert bad.returncode == 1, bad.stderr
    assert "IndexError" in bad.stdout and "minimal input: [Message(role=''" in bad.stdout
    assert "fuzzing:" not in bad.stderr  # no progress line without a terminal
    good = _fuzz("-m", str(tmp_path / "ok"), "--examples", "20", "--serve")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "served at http://127.0.0.1:" in good.stdout
    assert _fuzz("-m", str(tmp_path / "missing")).returncode == 2
    assert _fuzz("-m", str(tmp_path / "ok"), "--examples", "zero").returncode == 2


def test_the_example_model_fails_fuzz_with_its_minimal_input(tmp_path: Path) -> None:
    example = Path(__file__).parents[2] / "examples" / "contract_tests.py"
    subprocess.run([sys.executable, str(example), str(tmp_path)], check=True, timeout=240)
    result = _fuzz("-m", str(tmp_path / "buggy"), "--examples", "40", "--seed", "3")
    assert result.returncode == 1
    assert "minimal input: [Message(role='', content='', score=None)]" in result.stdout


def test_serve_catches_a_server_answering_500_for_a_client_mistake(tmp_path: Path) -> None:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from hintsig.serving._errors import ServingError
    from hintsig.serving._scoring import Scorer
    from tests.serving.helpers import running

    hintsig.pyfunc.save_model(tmp_path / "ok", python_model=Correct())
    model = load_model(tmp_path / "ok")
    scorer = Scorer(model)

    async def invocations(request: Request) -> Response:
        try:
            body = scorer.score(await request.body())
        except ServingError as exc:  # the planted server bug: every error is a 500
            return Response(json.dumps({"message": exc.message}), status_code=500)
        return Response(body, media_type="application/json")

    app = Starlette(routes=[Route("/invocations", invocations, methods=["POST"])])
    with running(app) as url:
        report = check_server(url, model, max_examples=10, seed=1)
    assert not report.passed
    assert "invalid input as inputs got HTTP 500" in str(report)
    with running(hintsig.serving.create_app(model)) as url:
        assert check_server(url, model, max_examples=10, seed=1).passed
