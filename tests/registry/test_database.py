"""The registry file: created and migrated on first use, refused (untouched) when foreign."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from hintsig._registry import _database, _migrations
from hintsig._registry._database import APPLICATION_ID
from hintsig.client import HintsigClient
from hintsig.exceptions import HintsigException

#: Calls that must all refuse a bad file: reads and writes.
CALLS: list[tuple[str, Callable[[HintsigClient], object]]] = [
    ("search", lambda c: c.search_registered_models()),
    ("get", lambda c: c.get_registered_model("m")),
    ("create", lambda c: c.create_registered_model("m")),
    ("policy", lambda c: c.set_require_signature(True)),
]


def _pragma(path: Path, name: str) -> int:
    with sqlite3.connect(path) as conn:
        value: int = conn.execute(f"PRAGMA {name}").fetchone()[0]
    conn.close()
    return value


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    conn.close()
    return {name for (name,) in rows}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_first_use_creates_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "registry.db"
    client = HintsigClient(f"sqlite:///{path}")
    assert client.search_registered_models() == []
    assert _pragma(path, "user_version") == _migrations.schema_version() == 1
    assert _pragma(path, "application_id") == APPLICATION_ID
    assert {"registered_models", "model_versions", "registry_settings"} <= _tables(path)


@pytest.mark.parametrize(("label", "call"), CALLS)
@pytest.mark.parametrize("content", [b"hello, not a database", bytes(range(256)) * 20])
def test_non_sqlite_file_is_refused_and_untouched(
    tmp_path: Path, label: str, call: Callable[[HintsigClient], object], content: bytes
) -> None:
    path = tmp_path / "registry.db"
    path.write_bytes(content)
    with pytest.raises(HintsigException, match="is not a SQLite database") as info:
        call(HintsigClient(path))
    assert str(path) in info.value.message
    assert _snapshot(tmp_path) == {"registry.db": content}


@pytest.mark.parametrize(("label", "call"), CALLS)
def test_sqlite_file_of_another_application_is_refused(
    tmp_path: Path, label: str, call: Callable[[HintsigClient], object]
) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE experiments (id INTEGER)")
    conn.close()
    before = _snapshot(tmp_path)
    with pytest.raises(HintsigException, match="not a hintsig registry"):
        call(HintsigClient(path))
    assert _snapshot(tmp_path) == before


def test_sqlite_file_with_a_foreign_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(HintsigException, match="not a hintsig registry"):
        HintsigClient(path).search_registered_models()


@pytest.mark.parametrize(("label", "call"), CALLS)
def test_newer_schema_is_refused_and_untouched(
    tmp_path: Path, label: str, call: Callable[[HintsigClient], object]
) -> None:
    path = tmp_path / "registry.db"
    HintsigClient(path).create_registered_model("kept")
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {_migrations.schema_version() + 1}")
    conn.close()
    before = _snapshot(tmp_path)
    with pytest.raises(HintsigException, match=r"schema version 2, newer .* \(1\); upgrade"):
        call(HintsigClient(path))
    assert _snapshot(tmp_path) == before


def test_empty_file_becomes_a_registry(tmp_path: Path) -> None:
    path = tmp_path / "registry.db"
    path.touch()
    HintsigClient(path).create_registered_model("m")
    assert [m.name for m in HintsigClient(path).search_registered_models()] == ["m"]


def test_older_schema_is_migrated_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "registry.db"
    client = HintsigClient(path)
    client.create_registered_model("kept", description="from version 1")
    step = ("CREATE TABLE extra (x INTEGER)", "INSERT INTO extra (x) VALUES (42)")
    monkeypatch.setattr(_migrations, "MIGRATIONS", (*_migrations.MIGRATIONS, step))

    assert client.get_registered_model("kept").description == "from version 1"
    assert _pragma(path, "user_version") == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT x FROM extra").fetchall() == [(42,)]
    conn.close()
    client.create_registered_model("after")  # the step is not applied a second time
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM extra").fetchone() == (1,)
    conn.close()


def test_failed_migration_leaves_the_old_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "registry.db"
    HintsigClient(path).create_registered_model("kept")
    step = ("CREATE TABLE extra (x INTEGER)", "THIS IS NOT SQL")
    monkeypatch.setattr(_migrations, "MIGRATIONS", (*_migrations.MIGRATIONS, step))
    with pytest.raises(HintsigException, match="failed"):
        HintsigClient(path).search_registered_models()
    assert _pragma(path, "user_version") == 1
    assert "extra" not in _tables(path)


def test_locked_registry_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "registry.db"
    client = HintsigClient(path)
    client.create_registered_model("m")
    monkeypatch.setattr(_database, "BUSY_TIMEOUT_SECONDS", 0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(HintsigException, match=r"stayed locked .* 0\.05 s"):
            client.create_registered_model("other")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [m.name for m in client.search_registered_models()] == ["m"]


def test_directory_path_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(HintsigException, match="cannot be opened"):
        HintsigClient(tmp_path).search_registered_models()
