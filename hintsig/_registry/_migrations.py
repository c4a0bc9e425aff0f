"""The registry's tables, as an append-only list of migration steps.

`MIGRATIONS[i]` brings a database from schema version `i` to `i + 1`; a new database runs them
all. The schema version is stored in SQLite's `user_version`. Never edit a step that has
shipped: add a new one, and `schema_version()` follows.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "schema_version"]

_VERSION_1 = (
    """
    CREATE TABLE registered_models (
        name TEXT NOT NULL PRIMARY KEY,
        creation_time INTEGER NOT NULL,
        last_updated_time INTEGER NOT NULL,
        description TEXT,
        last_version INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE model_versions (
        name TEXT NOT NULL REFERENCES registered_models (name) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        creation_time INTEGER NOT NULL,
        last_updated_time INTEGER NOT NULL,
        description TEXT,
        source TEXT NOT NULL,
        storage_location TEXT NOT NULL,
        run_id TEXT,
        status TEXT NOT NULL,
        signature TEXT,
        PRIMARY KEY (name, version)
    )
    """,
    "CREATE INDEX model_versions_by_run_id ON model_versions (run_id)",
    """
    CREATE TABLE registered_model_tags (
        name TEXT NOT NULL REFERENCES registered_models (name) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (name, key)
    )
    """,
    """
    CREATE TABLE model_version_tags (
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (name, version, key),
        FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE registered_model_aliases (
        name TEXT NOT NULL,
        alias TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (name, alias),
        FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE registry_settings (
        key TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
)

#: The steps, oldest first; each is a tuple of SQL statements run in one transaction.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_VERSION_1,)


def schema_version() -> int:
    """The schema version this hintsig writes: the number of migration steps."""
    return len(MIGRATIONS)
