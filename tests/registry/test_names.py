"""Registry names, aliases and tags: no control characters, at most 256 characters, matched
in full; the CLI prints names with control characters escaped (issue 14, item 8)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hintsig.cli import cli
from hintsig.client import HintsigClient
from hintsig.exceptions import HintsigException
from hintsig.tracking import check_model_name

from .helpers import MakeModel

BAD_NAMES = ["churn\n", "churn\nINFO forged log line", "a\x1b[2Jb", "nul\x00", "tab\t", "x" * 257]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_model_names_are_refused(client: HintsigClient, name: str) -> None:
    with pytest.raises(HintsigException, match=r"control characters|at most 256"):
        client.create_registered_model(name)
    assert client.search_registered_models() == []


def test_a_name_of_256_characters_is_fine(client: HintsigClient) -> None:
    assert client.create_registered_model("x" * 256).name == "x" * 256


@pytest.mark.parametrize("alias", ["prod\n", "prod\r\n", "a\x1b", "a" * 257])
def test_bad_aliases_are_refused(client: HintsigClient, make_model: MakeModel, alias: str) -> None:
    client.register_model(str(make_model()), "churn")
    with pytest.raises(HintsigException, match="An alias must be"):
        client.set_registered_model_alias("churn", alias, 1)


def test_a_reserved_alias_with_a_trailing_newline_is_still_invalid(client: HintsigClient) -> None:
    with pytest.raises(HintsigException, match="An alias must be"):
        client.get_model_version_by_alias("churn", "latest\n")


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ({"team\n": "a"}, "control characters"),
        ({"k" * 257: "a"}, "at most 256"),
        ({"team": "a\x1b[31m"}, "must not contain control characters"),
        ({"team": "v" * 5001}, "at most 5000"),
    ],
)
def test_bad_tags_are_refused(client: HintsigClient, tags: dict[str, str], message: str) -> None:
    with pytest.raises(HintsigException, match=message):
        client.create_registered_model("churn", tags=tags)


def test_tag_values_may_hold_newlines(client: HintsigClient) -> None:
    assert client.create_registered_model("churn", tags={"note": "two\nlines\tok"}).name


def test_tracking_model_names_match_in_full() -> None:
    assert check_model_name("model.v1") == "model.v1"
    with pytest.raises(HintsigException):
        check_model_name("model\n")


def test_the_cli_escapes_control_characters_in_stored_names(
    client: HintsigClient, tracking_dir: Path
) -> None:
    """A name written by an older version (or straight into the database) cannot forge lines
    or repaint the terminal when listed."""
    client.create_registered_model("churn")
    database = next(tracking_dir.parent.rglob("*.db"))
    now = int(time.time() * 1000)
    with sqlite3.connect(database) as db:
        db.execute(
            "INSERT INTO registered_models (name, creation_time, last_updated_time) "
            "VALUES (?, ?, ?)",
            ("evil\nNAME  forged\x1b[2J", now, now),
        )
    result = CliRunner().invoke(cli, ["registry", "list"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "evil\\nNAME  forged\\x1b[2J" in result.output
    assert not any(line.startswith("NAME  forged") for line in result.output.splitlines())
