"""An `MLmodel` with YAML anchors/aliases ("billion laughs") or of excessive size is refused
quickly with a `HintsigException`, never expanded (issue 14, item 7)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hintsig.cli import _commands, cli  # noqa: F401  (_commands registers the groups)
from hintsig.exceptions import HintsigException
from hintsig.models._safe_yaml import MAX_MLMODEL_SIZE
from hintsig.models.model import Model


def _laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        refs = ",".join(f"*a{i - 1}" for _ in range(9))
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(["flavors: {}", *lines, f"top: *a{levels - 1}", ""])


def test_a_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "MLmodel").write_text(_laughs(), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(HintsigException, match="anchors or aliases"):
        Model.load(tmp_path)
    assert time.perf_counter() - started < 1.0


def test_a_single_anchor_is_refused(tmp_path: Path) -> None:
    (tmp_path / "MLmodel").write_text("flavors: &f {}\nother: 1\n", encoding="utf-8")
    with pytest.raises(HintsigException, match=r"anchors or aliases \(line 1\)"):
        Model.load(tmp_path)


def test_the_cli_refuses_it_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "MLmodel").write_text(_laughs(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["models", "signature", "-m", str(tmp_path)])
    assert result.exit_code != 0
    assert "anchors or aliases" in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_an_oversized_mlmodel_is_refused(tmp_path: Path) -> None:
    with (tmp_path / "MLmodel").open("w", encoding="utf-8") as handle:
        handle.write("flavors: {}\npadding: '")
        handle.write("x" * MAX_MLMODEL_SIZE)
        handle.write("'\n")
    with pytest.raises(HintsigException, match="larger than"):
        Model.load(tmp_path)


def test_a_plain_mlmodel_still_reads(tmp_path: Path) -> None:
    (tmp_path / "MLmodel").write_text("flavors: {}\nutc_time_created: '2024'\n", "utf-8")
    assert Model.load(tmp_path).to_dict()["utc_time_created"] == "2024"
