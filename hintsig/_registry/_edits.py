"""Changes to what a registry entry says about itself: tags and descriptions.

Each function is one write transaction on a `RegistryStore`, and raises the store's own
"not found" errors for a missing model or version. The model or version edited has its
`last_updated_timestamp` moved to now (as for aliases).
"""

from __future__ import annotations

import sqlite3

from hintsig._registry._entities import ModelVersion, RegisteredModel
from hintsig._registry._store import (
    RegistryStore,
    _model,
    _model_exists,
    _model_not_found,
    _now_ms,
    _touch,
    _version,
    _version_exists,
    _version_not_found,
)
from hintsig.exceptions import HintsigException

__all__ = [
    "delete_model_tag",
    "delete_version_tag",
    "describe_model",
    "describe_version",
    "set_model_tag",
    "set_version_tag",
]


def set_model_tag(store: RegistryStore, name: str, key: str, value: str) -> None:
    with store._write() as conn:
        if not _model_exists(conn, name):
            raise _model_not_found(name)
        conn.execute(
            "INSERT OR REPLACE INTO registered_model_tags (name, key, value) VALUES (?, ?, ?)",
            (name, key, value),
        )
        _touch(conn, name)


def delete_model_tag(store: RegistryStore, name: str, key: str) -> None:
    with store._write() as conn:
        if not _model_exists(conn, name):
            raise _model_not_found(name)
        deleted = conn.execute(
            "DELETE FROM registered_model_tags WHERE name = ? AND key = ?", (name, key)
        )
        if not deleted.rowcount:
            raise _no_tag(f"Registered model {name!r}", key)
        _touch(conn, name)


def set_version_tag(store: RegistryStore, name: str, version: int, key: str, value: str) -> None:
    with store._write() as conn:
        if not _version_exists(conn, name, version):
            raise _version_not_found(conn, name, version)
        conn.execute(
            "INSERT OR REPLACE INTO model_version_tags (name, version, key, value) "
            "VALUES (?, ?, ?, ?)",
            (name, version, key, value),
        )
        _touch_version(conn, name, version)


def delete_version_tag(store: RegistryStore, name: str, version: int, key: str) -> None:
    with store._write() as conn:
        if not _version_exists(conn, name, version):
            raise _version_not_found(conn, name, version)
        deleted = conn.execute(
            "DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?",
            (name, version, key),
        )
        if not deleted.rowcount:
            raise _no_tag(f"Version {version} of {name!r}", key)
        _touch_version(conn, name, version)


def describe_model(store: RegistryStore, name: str, description: str) -> RegisteredModel:
    with store._write() as conn:
        updated = conn.execute(
            "UPDATE registered_models SET description = ?, last_updated_time = ? WHERE name = ?",
            (description, _now_ms(), name),
        )
        if not updated.rowcount:
            raise _model_not_found(name)
        return _model(conn, name)


def describe_version(
    store: RegistryStore, name: str, version: int, description: str
) -> ModelVersion:
    with store._write() as conn:
        if not _version_exists(conn, name, version):
            raise _version_not_found(conn, name, version)
        conn.execute(
            "UPDATE model_versions SET description = ? WHERE name = ? AND version = ?",
            (description, name, version),
        )
        _touch_version(conn, name, version)
        return _version(conn, name, version)


def _touch_version(conn: sqlite3.Connection, name: str, version: int) -> None:
    conn.execute(
        "UPDATE model_versions SET last_updated_time = ? WHERE name = ? AND version = ?",
        (_now_ms(), name, version),
    )
    _touch(conn, name)


def _no_tag(owner: str, key: str) -> HintsigException:
    return HintsigException(f"{owner} has no tag {key!r}", error_code="RESOURCE_DOES_NOT_EXIST")
