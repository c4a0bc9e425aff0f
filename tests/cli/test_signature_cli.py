"""`hintsig signature infer`: the schema of a data file, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hintsig.cli import _commands, cli  # noqa: F401  (_commands registers the groups)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["signature", *args], input=stdin)


def assert_fails(result: Result, words: str, exit_code: int = 1) -> None:
    assert result.exit_code == exit_code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert words in lines[0]


@pytest.mark.parametrize("command", [[], ["infer"]], ids=str)
def test_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: ")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "rows.json",
            '[{"a": 1, "b": "x"}, {"a": 2}]',
            [
                {"type": "long", "name": "a", "required": True},
                {"type": "string", "name": "b", "required": False},
            ],
        ),
        ("texts.json", '["a", "b"]', [{"type": "string", "required": True}]),
        (
            "table.csv",
            "a,b\n1,x\n2,y\n",
            [
                {"type": "long", "name": "a", "required": True},
                {"type": "string", "name": "b", "required": True},
            ],
        ),
        ("data.txt --format json", "[1.5]", [{"type": "double", "required": True}]),
    ],
)
def test_infer(tmp_path: Path, name: str, content: str, expected: list[object]) -> None:
    file_name, *options = name.split()
    path = tmp_path / file_name
    path.write_text(content)
    result = run("infer", "-i", str(path), *options)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == expected


def test_infer_from_stdin() -> None:
    result = run("infer", "-i", "-", stdin='{"text": "hi"}')
    assert json.loads(result.stdout) == [{"type": "string", "name": "text", "required": True}]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("data.txt", "[1]", "Cannot tell the format of"),
        ("bad.json", "{", "is not valid JSON"),
        ("empty.json", "{}", "an empty dict has no columns"),
        ("empty.csv", "", "is not valid CSV"),
    ],
)
def test_infer_failures(tmp_path: Path, name: str, content: str, words: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    assert_fails(run("infer", "-i", str(path)), words)


def test_parquet_needs_pyarrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    path = tmp_path / "data.parquet"
    path.write_bytes(b"PAR1")
    assert_fails(run("infer", "-i", str(path)), "Reading Parquet needs pyarrow")


def test_a_missing_file(tmp_path: Path) -> None:
    assert_fails(run("infer", "-i", str(tmp_path / "none.csv")), "No such file or directory")


def test_the_input_is_required() -> None:
    assert_fails(run("infer"), "Missing option '-i' / '--input-path'", exit_code=2)
