"""Opening the registry database: checks, migrations, transactions and error messages.

Every call opens its own connection (no state shared across threads or forked processes)
and runs inside one transaction: `BEGIN IMMEDIATE` for writes, so two writers queue on
SQLite's lock instead of racing, and a deferred `BEGIN` for reads, so a read sees one
consistent state.

Before anything is written the file is checked: a file that is not SQLite, a SQLite file of
another application, or a schema newer than this hintsig knows raises `HintsigException`
and the file is left untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hintsig._registry import _migrations
from hintsig._registry._filters import install_sql_functions
from hintsig.exceptions import HintsigException

__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_SECONDS", "transaction"]

#: Marks a SQLite file as a hintsig registry (`PRAGMA application_id`): "hsig".
APPLICATION_ID = 0x68736967

#: How long a call waits for another process's write to finish before giving up.
BUSY_TIMEOUT_SECONDS = 60.0


@contextmanager
def transaction(path: Path, *, write: bool) -> Iterator[sqlite3.Connection]:
    """A connection inside one transaction, committed on success and rolled back on error.

    SQLite errors become `HintsigException`s that name the registry file.
    """
    try:
        conn = _open(path)
        try:
            with _begin(conn, write=write):
                yield conn
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _registry_error(exc, path) from exc


@contextmanager
def _begin(conn: sqlite3.Connection, *, write: bool) -> Iterator[None]:
    """One transaction on `conn`: committed when the block ends, rolled back when it raises."""
    conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _open(path: Path) -> sqlite3.Connection:
    """A connection to an up-to-date registry, created or migrated on first use."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HintsigException(
            f"Cannot create the registry directory {path.parent}: {exc.strerror}"
        ) from None
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if _current_version(conn, path) < _migrations.schema_version():
            _migrate(conn, path)
        install_sql_functions(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _current_version(conn: sqlite3.Connection, path: Path) -> int:
    """`_checked_version` read in one transaction: another process creating the schema at
    the same moment is seen either not at all or whole, never tables without a version."""
    with _begin(conn, write=False):
        return _checked_version(conn, path)


def _checked_version(conn: sqlite3.Connection, path: Path) -> int:
    """The file's schema version, after making sure hintsig can use the file."""
    has_tables = conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
    version = _pragma(conn, "user_version")
    if version == 0:
        if has_tables:
            raise _not_a_registry(path)
        return 0
    if _pragma(conn, "application_id") != APPLICATION_ID:
        raise _not_a_registry(path)
    if version > _migrations.schema_version():
        raise HintsigException(
            f"The registry {path} has schema version {version}, newer than the version this "
            f"hintsig knows ({_migrations.schema_version()}); upgrade hintsig to use it",
            error_code="INVALID_STATE",
        )
    return version


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply the missing migration steps in one write transaction."""
    with _begin(conn, write=True):
        # Read again under the write lock: another process may have migrated meanwhile.
        version = _checked_version(conn, path)
        for step in _migrations.MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {_migrations.schema_version()}")


def _pragma(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute(f"PRAGMA {name}").fetchone()
    return int(row[0])


def _not_a_registry(path: Path) -> HintsigException:
    return HintsigException(
        f"The file {path} is a SQLite database but not a hintsig registry; "
        "give the registry a path of its own (HINTSIG_REGISTRY_URI=sqlite:///PATH)",
        error_code="INVALID_STATE",
    )


_ERROR_TEXT = {
    "SQLITE_NOTADB": "is not a SQLite database; give the registry a path of its own "
    "(HINTSIG_REGISTRY_URI=sqlite:///PATH)",
    "SQLITE_CANTOPEN": "cannot be opened (check that the path is a file you can write)",
    "SQLITE_READONLY": "is read-only; the registry needs write access",
    "SQLITE_CORRUPT": "is corrupt",
    "SQLITE_FULL": "cannot grow: the disk is full",
}


def _registry_error(exc: sqlite3.Error, path: Path) -> HintsigException:
    # `sqlite_errorname` exists from Python 3.11 ("SQLITE_CANTOPEN_ISDIR" -> "SQLITE_CANTOPEN");
    # older versions fall back on SQLite's own words.
    name = str(getattr(exc, "sqlite_errorname", ""))
    primary = "_".join(name.split("_")[:2])
    if primary == "SQLITE_BUSY":
        text = f"stayed locked by another process for more than {BUSY_TIMEOUT_SECONDS:g} s"
    else:
        text = _ERROR_TEXT.get(primary, f"failed: {exc}")
    return HintsigException(f"The registry database {path} {text}", error_code="INVALID_STATE")
