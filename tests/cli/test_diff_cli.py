"""`hintsig models diff OLD_URI NEW_URI`: the report, and exit status 1 when a change breaks."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import hintsig.pyfunc
from hintsig.cli import _commands, cli  # noqa: F401  (_commands registers the groups)
from hintsig.models import set_signature
from hintsig.types.schema import ColSpec, ModelSignature, ParamSchema, ParamSpec, Schema

BASE = ModelSignature(
    inputs=Schema([ColSpec("long", "age"), ColSpec("string", "note", required=False)]),
    outputs=Schema([ColSpec("double")]),
    params=ParamSchema([ParamSpec("temperature", "double", 0.7)]),
)

#: Makes a copy of the base model with another signature: `(name, signature) -> path`.
MakeModel = Callable[[str, ModelSignature], str]


def echo(model_input):  # type: ignore[no-untyped-def]  # no hints: the signature is explicit
    return model_input


@pytest.fixture(scope="module")
def base_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("diff") / "base"
    hintsig.pyfunc.save_model(path, python_model=echo, signature=BASE)
    return path


@pytest.fixture
def model_with(base_model: Path, tmp_path: Path) -> MakeModel:
    """A copy of the base model with another signature."""

    def make(name: str, signature: ModelSignature) -> str:
        path = tmp_path / name
        shutil.copytree(base_model, path)
        set_signature(path, signature)
        return str(path)

    return make


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["models", "diff", *args])


def test_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert "OLD_URI NEW_URI" in result.stdout


def test_same_signature_exits_0(base_model: Path) -> None:
    result = run(str(base_model), str(base_model))
    assert result.exit_code == 0, result.output
    assert result.stdout == "No signature changes.\n"


def test_compatible_changes_exit_0(base_model: Path, model_with: MakeModel) -> None:
    new = model_with(
        "compatible",
        ModelSignature(
            inputs=Schema([ColSpec("long", "age")]),
            outputs=Schema([ColSpec("double")]),
            params=ParamSchema(
                [ParamSpec("temperature", "double", 0.7), ParamSpec("top_k", "long", 5)]
            ),
        ),
    )
    result = run(str(base_model), new)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Signature changes from {base_model} to {new}:",
        "  compatible  inputs['note']: input removed (callers may still send it: extra inputs "
        "are dropped)",
        "  compatible  params['top_k']: new param (long, default 5)",
        "2 changes: 0 breaking, 2 compatible.",
    ]


def test_breaking_changes_exit_1(base_model: Path, model_with: MakeModel) -> None:
    new = model_with(
        "breaking",
        ModelSignature(
            inputs=Schema(
                [
                    ColSpec("integer", "age"),
                    ColSpec("string", "note", required=False),
                    ColSpec("string", "city"),
                ]
            ),
            outputs=Schema([ColSpec("float")]),
            params=ParamSchema([ParamSpec("temperature", "double", 0.7)]),
        ),
    )
    result = run(str(base_model), new)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f"Signature changes from {base_model} to {new}:",
        "  BREAKING    inputs['age']: long -> integer (narrowed)",
        "  BREAKING    inputs['city']: new required input (string)",
        "  BREAKING    outputs[0]: double -> float (changed)",
        "3 changes: 3 breaking, 0 compatible.",
    ]
    assert result.stderr == ""


def test_json_output(base_model: Path, model_with: MakeModel) -> None:
    new = model_with(
        "json",
        ModelSignature(
            inputs=Schema([ColSpec("long", "age"), ColSpec("string", "note")]),
            outputs=Schema([ColSpec("double")]),
        ),
    )
    result = run("--json", str(base_model), new)
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout) == {
        "old": str(base_model),
        "new": new,
        "breaking": True,
        "changes": [
            {
                "path": "inputs['note']",
                "kind": "required",
                "description": "optional -> required",
                "breaking": True,
            },
            {
                "path": "params['temperature']",
                "kind": "removed",
                "description": "param removed (callers that still pass it get a warning)",
                "breaking": False,
            },
        ],
    }


def test_unreadable_model_is_one_error_line(base_model: Path, tmp_path: Path) -> None:
    result = run(str(base_model), str(tmp_path / "missing"))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "missing" in lines[0]


def test_missing_argument_is_a_usage_error(base_model: Path) -> None:
    result = run(str(base_model))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "NEW_URI" in result.stderr
