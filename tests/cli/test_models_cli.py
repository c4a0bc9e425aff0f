"""`hintsig models ...`: output, and one clear line on stderr for every failure."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner, Result

import hintsig.pyfunc
from hintsig.cli import _commands, cli  # noqa: F401  (_commands registers the groups)
from hintsig.models import signature_to_json_schema
from hintsig.models.model import Model

MODEL_CODE = Path(__file__).parents[1] / "serving" / "model_code"
EXAMPLES: dict[str, Any] = {
    "chat": [{"role": "user", "content": "Hello"}],
    "fragile": [1.0],
    "frame": (pd.DataFrame({"x": [1.5], "name": ["a"]}), {"scale": 2.0}),
    "tensor": np.array([[1.0, 2.0]], dtype=np.float32),
}
CHAT_BODY = '{"inputs": [{"role": "user", "content": "Hi"}]}'


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("cli-models")
    for name, example in EXAMPLES.items():
        hintsig.pyfunc.save_model(
            root / name, python_model=MODEL_CODE / f"{name}.py", input_example=example
        )
    return {name: str(root / name) for name in EXAMPLES}


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["models", *args], input=stdin)


def assert_fails(result: Result, words: str, exit_code: int = 1) -> None:
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert words in lines[0]


@pytest.mark.parametrize(
    "command", [[], ["serve"], ["predict"], ["signature"], ["validate"]], ids=str
)
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")


# ----------------------------------------------------------------------------- predict


def test_predict_reads_stdin_and_writes_stdout(models: dict[str, str]) -> None:
    result = run("predict", "-m", models["chat"], stdin=CHAT_BODY)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"predictions": ["user: Hi"]}


def test_predict_reads_and_writes_files(models: dict[str, str], tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.json"
    source.write_text("x,name\n2.0,b\n")
    result = run(
        "predict", "-m", models["frame"], "-i", str(source), "-t", "csv", "-o", str(target)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(target.read_text()) == {
        "predictions": [{"x": 2.0, "scaled": 4.0, "label": "B"}]
    }


def test_predict_a_tensor(models: dict[str, str]) -> None:
    result = run("predict", "-m", models["tensor"], stdin='{"inputs": [[1, 2], [3, 4]]}')
    assert json.loads(result.stdout) == {"predictions": [3.0, 7.0]}


@pytest.mark.parametrize(
    ("model", "body", "words"),
    [
        ("chat", '{"inputs": [{"role": "user"}]}', "[0].content: Field required"),
        ("chat", "{", "not valid JSON"),
        (
            "fragile",
            '{"inputs": [0.0]}',
            "The model raised ZeroDivisionError: float division by zero",
        ),
        ("tensor", '{"inputs": [[1, 2, 3]]}', "shape"),
    ],
)
def test_predict_failures_are_one_line(
    models: dict[str, str], model: str, body: str, words: str
) -> None:
    assert_fails(run("predict", "-m", models[model], stdin=body), words)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-m", "no/such/model"], "No model directory at"),
        (["-i", "missing.json"], "missing.json: No such file or directory"),
    ],
)
def test_predict_missing_things(
    models: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    words: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    options = ["-m", models["chat"], *args] if args[0] != "-m" else args
    assert_fails(run("predict", *options, stdin=CHAT_BODY), words)


# ----------------------------------------------------------------------------- signature


def test_signature_prints_the_signature_as_json(models: dict[str, str]) -> None:
    result = run("signature", "-m", models["frame"])
    assert result.exit_code == 0, result.stderr
    signature = Model.load(models["frame"]).signature
    assert signature is not None
    assert json.loads(result.stdout) == {
        part: None if text is None else json.loads(text)
        for part, text in signature.to_dict().items()
    }


@pytest.mark.parametrize(("model", "hinted"), [("chat", True), ("frame", False)])
def test_signature_json_schema(models: dict[str, str], model: str, hinted: bool) -> None:
    result = run("signature", "-m", models[model], "--json-schema")
    assert result.exit_code == 0, result.stderr
    signature = Model.load(models[model]).signature
    assert signature is not None
    assert json.loads(result.stdout) == signature_to_json_schema(signature, type_hinted=hinted)


def test_signature_of_a_model_without_one(tmp_path: Path) -> None:
    (tmp_path / "MLmodel").write_text("flavors: {}\n")
    assert_fails(run("signature", "-m", str(tmp_path)), "has no signature")


# ----------------------------------------------------------------------------- validate


def test_validate_prints_the_predictions(models: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "payload.json"
    source.write_text(CHAT_BODY)
    result = run("validate", "-m", models["chat"], "-i", str(source))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"predictions": ["user: Hi"]}


@pytest.mark.parametrize(
    ("model", "body", "words"),
    [
        ("chat", '{"inputs": [{"role": 1, "content": "x"}]}', "[0].role: expected str, got int"),
        ("chat", '[{"role": "user", "content": "x"}]', 'wrap it as {"inputs": [...]}'),
        ("fragile", '{"inputs": [0]}', "The model raised ZeroDivisionError"),
    ],
)
def test_validate_failures(models: dict[str, str], model: str, body: str, words: str) -> None:
    assert_fails(run("validate", "-m", models[model], stdin=body), words)


# ----------------------------------------------------------------------------- serve


def test_serve_passes_its_options(models: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(
        "hintsig.serving._server.serve", lambda uri, **options: calls.append((uri, options))
    )
    args = ["-m", models["chat"], "-p", "8123", "-w", "2", "-t", "2.5", "--max-body-size", "2MiB"]
    result = run(
        "serve", *args, "--env-manager", "local", "--workers-threads", "3", "--name", "chatbot"
    )
    assert result.exit_code == 0, result.stderr
    assert calls == [
        (
            models["chat"],
            {
                "host": "127.0.0.1",
                "port": 8123,
                "workers": 2,
                "timeout": 2.5,
                "max_body_size": 2 * 1024 * 1024,
                "access_log": True,
                "workers_threads": 3,
                "name": "chatbot",
            },
        )
    ]
    calls.clear()
    assert run("serve", "-m", models["chat"], "--no-access-log").exit_code == 0
    assert calls[0][1]["access_log"] is False


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], "Missing option '-m' / '--model-uri'"),
        (["-m", "x", "--max-body-size", "lots"], "'lots' is not a size"),
        (["-m", "x", "-p", "70000"], "70000 is not in the range"),
        (["-m", "x", "-w", "0"], "0 is not in the range x>=1"),
        (["-m", "x", "--env-manager", "conda"], "'conda': hintsig runs the model in the current"),
        (["-m", "x", "--env-manager", "virtualenv"], "use --env-manager local"),
    ],
)
def test_serve_usage_mistakes(args: list[str], words: str) -> None:
    assert_fails(run("serve", *args), words, exit_code=2)


@pytest.mark.parametrize("manager", ["virtualenv", "uv", "conda"])
def test_predict_refuses_other_env_managers(models: dict[str, str], manager: str) -> None:
    result = run("predict", "-m", models["chat"], "--env-manager", manager, stdin=CHAT_BODY)
    assert_fails(result, "builds none; use --env-manager local", exit_code=2)


def test_predict_takes_mlflows_flags(models: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "in.json").write_text(CHAT_BODY)
    args = ["-m", models["chat"], "-i", str(tmp_path / "in.json"), "-o", str(tmp_path / "o.json")]
    result = run("predict", *args, "--content-type", "json", "--env-manager", "local")
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "o.json").read_text()) == {"predictions": ["user: Hi"]}


def test_serve_on_a_port_in_use(models: dict[str, str]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run("serve", "-m", models["chat"], "-p", str(port))
    assert_fails(result, f"Cannot listen on 127.0.0.1:{port}: Address already in use")


def test_serve_a_missing_model(tmp_path: Path) -> None:
    assert_fails(run("serve", "-m", str(tmp_path / "nothing")), "No model directory at")


def test_an_unknown_command() -> None:
    assert_fails(run("deploy"), "No such command 'deploy'", exit_code=2)
