"""Where the registry database lives: argument, HINTSIG_REGISTRY_URI, tracking directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from hintsig._registry._location import registry_path, registry_uri_for
from hintsig.exceptions import HintsigException


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    monkeypatch.delenv("HINTSIG_TRACKING_DIR", raising=False)
    monkeypatch.chdir(tmp_path)


def test_default_is_registry_db_in_default_tracking_dir(tmp_path: Path) -> None:
    assert registry_path() == tmp_path / "hintsig-runs" / "registry.db"


def test_tracking_dir_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", "elsewhere")
    assert registry_path() == tmp_path / "elsewhere" / "registry.db"


def test_registry_uri_env_wins_over_tracking_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", "elsewhere")
    monkeypatch.setenv("HINTSIG_REGISTRY_URI", f"sqlite:///{tmp_path}/reg.db")
    assert registry_path() == tmp_path / "reg.db"


def test_argument_wins_over_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HINTSIG_REGISTRY_URI", f"sqlite:///{tmp_path}/env.db")
    assert registry_path(tmp_path / "arg.db") == tmp_path / "arg.db"


@pytest.mark.parametrize(
    ("uri", "relative"),
    [
        ("sqlite:///reg.db", "reg.db"),
        ("sqlite:///sub/reg.db", "sub/reg.db"),
        ("plain/reg.db", "plain/reg.db"),
    ],
)
def test_relative_uris_resolve_against_cwd(tmp_path: Path, uri: str, relative: str) -> None:
    assert registry_path(uri) == tmp_path / relative


def test_absolute_sqlite_uri_has_four_slashes(tmp_path: Path) -> None:
    path = tmp_path / "abs.db"
    uri = registry_uri_for(path)
    assert uri == f"sqlite:///{path}"
    assert uri.startswith("sqlite:////")
    assert registry_path(uri) == path


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("postgresql://user:secret@host/db", "Unsupported registry URI scheme 'postgresql'"),
        ("sqlite://relative.db", "Unsupported registry URI scheme 'sqlite'"),
        ("sqlite:///:memory:", "in-memory database"),
        ("sqlite:///", "must name a database file"),
        ("sqlite:///reg.db?mode=ro", "no query parameters"),
    ],
)
def test_bad_uris(uri: str, expected: str) -> None:
    with pytest.raises(HintsigException, match="registry URI") as info:
        registry_path(uri)
    assert expected in info.value.message
    assert "secret" not in info.value.message
