"""Registry operations on one SQLite file; each public method is one transaction.

Version numbers come from a per-model counter (`registered_models.last_version`) raised
inside the write transaction that inserts the version, so concurrent registrations get
1, 2, 3, ... without gaps or duplicates, and a deleted version's number is never reused.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hintsig._registry._database import transaction
from hintsig._registry._entities import READY, ModelVersion, RegisteredModel
from hintsig._registry._filters import FilterField, compile_filter
from hintsig._registry._policy import REQUIRE_SIGNATURE, check_signature_policy
from hintsig.exceptions import HintsigException
from hintsig.types.schema import ModelSignature

__all__ = ["RegistryStore", "VersionDraft"]

_MODEL_FIELDS = {"name": FilterField("rm.name")}
_MODEL_TAG = (
    "EXISTS (SELECT 1 FROM registered_model_tags t "
    "WHERE t.name = rm.name AND t.key = ? AND {value})"
)
_VERSION_FIELDS = {
    "name": FilterField("mv.name"),
    "run_id": FilterField("mv.run_id"),
    "source": FilterField("mv.source"),
    "source_path": FilterField("mv.source"),
    "version": FilterField("mv.version", integer=True),
    "version_number": FilterField("mv.version", integer=True),
}
_VERSION_TAG = (
    "EXISTS (SELECT 1 FROM model_version_tags t "
    "WHERE t.name = mv.name AND t.version = mv.version AND t.key = ? AND {value})"
)
_VERSION_COLUMNS = (
    "mv.name, mv.version, mv.source, mv.storage_location, mv.run_id, mv.creation_time, "
    "mv.last_updated_time, mv.status, mv.description, mv.signature"
)
_MODEL_COLUMNS = "rm.name, rm.creation_time, rm.last_updated_time, rm.description"


@dataclass(frozen=True)
class VersionDraft:
    """A version about to be created: everything but its number and timestamps."""

    name: str
    source: str
    storage_location: str
    run_id: str | None
    description: str | None
    signature: ModelSignature | None
    tags: Mapping[str, str] = field(default_factory=dict)


class RegistryStore:
    """The registry kept in the SQLite file at `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.path, write=False)

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.path, write=True)

    # ------------------------------------------------------------------------- the policy

    def require_signature(self) -> bool:
        with self._read() as conn:
            return _require_signature(conn)

    def set_require_signature(self, required: bool) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO registry_settings (key, value) VALUES (?, ?)",
                (REQUIRE_SIGNATURE, "true" if required else "false"),
            )

    # ------------------------------------------------------------------ registered models

    def create_registered_model(
        self, name: str, description: str | None, tags: Mapping[str, str]
    ) -> RegisteredModel:
        now = _now_ms()
        with self._write() as conn:
            if _model_exists(conn, name):
                raise HintsigException(
                    f"Registered model {name!r} already exists",
                    error_code="RESOURCE_ALREADY_EXISTS",
                )
            conn.execute(
                "INSERT INTO registered_models (name, creation_time, last_updated_time, "
                "description) VALUES (?, ?, ?, ?)",
                (name, now, now, description),
            )
            conn.executemany(
                "INSERT INTO registered_model_tags (name, key, value) VALUES (?, ?, ?)",
                [(name, key, value) for key, value in tags.items()],
            )
            return _model(conn, name)

    def get_registered_model(self, name: str) -> RegisteredModel:
        with self._read() as conn:
            return _model(conn, name)

    def search_registered_models(self, filter_string: str | None) -> list[RegisteredModel]:
        condition = compile_filter(filter_string, _MODEL_FIELDS, _MODEL_TAG)
        with self._read() as conn:
            return _models(conn, condition.where, condition.params)

    def delete_registered_model(self, name: str) -> list[str]:
        """Delete the model and its versions; returns the versions' storage locations."""
        with self._write() as conn:
            locations = [
                location
                for (location,) in conn.execute(
                    "SELECT storage_location FROM model_versions WHERE name = ?", (name,)
                )
            ]
            if conn.execute("DELETE FROM registered_models WHERE name = ?", (name,)).rowcount:
                return locations
            raise _model_not_found(name)

    # ---------------------------------------------------------------------------- versions

    def create_model_version(self, draft: VersionDraft, *, create_model: bool) -> ModelVersion:
        """A new version numbered after the model's last one; `create_model` creates the
        registered model first when it does not exist yet (in the same transaction)."""
        now = _now_ms()
        with self._write() as conn:
            if create_model:
                conn.execute(
                    "INSERT OR IGNORE INTO registered_models "
                    "(name, creation_time, last_updated_time) VALUES (?, ?, ?)",
                    (draft.name, now, now),
                )
            bumped = conn.execute(
                "UPDATE registered_models SET last_version = last_version + 1, "
                "last_updated_time = ? WHERE name = ?",
                (now, draft.name),
            )
            if not bumped.rowcount:
                raise _model_not_found(draft.name)
            if _require_signature(conn):
                check_signature_policy(draft.name, draft.source, draft.signature)
            (version,) = conn.execute(
                "SELECT last_version FROM registered_models WHERE name = ?", (draft.name,)
            ).fetchone()
            conn.execute(
                "INSERT INTO model_versions (name, version, creation_time, last_updated_time, "
                "description, source, storage_location, run_id, status, signature) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    draft.name,
                    version,
                    now,
                    now,
                    draft.description,
                    draft.source,
                    draft.storage_location,
                    draft.run_id,
                    READY,
                    _signature_text(draft.signature),
                ),
            )
            conn.executemany(
                "INSERT INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?)",
                [(draft.name, version, key, value) for key, value in draft.tags.items()],
            )
            return _version(conn, draft.name, version)

    def get_model_version(self, name: str, version: int) -> ModelVersion:
        with self._read() as conn:
            return _version(conn, name, version)

    def get_latest_version(self, name: str) -> ModelVersion:
        with self._read() as conn:
            latest = _latest_version_number(conn, name)
            if latest is None:
                _model(conn, name)  # raises when the model itself is missing
                raise HintsigException(
                    f"Registered model {name!r} has no versions",
                    error_code="RESOURCE_DOES_NOT_EXIST",
                )
            return _version(conn, name, latest)

    def get_model_version_by_alias(self, name: str, alias: str) -> ModelVersion:
        with self._read() as conn:
            row = conn.execute(
                "SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?",
                (name, alias),
            ).fetchone()
            if row is None:
                raise _alias_not_found(conn, name, alias)
            return _version(conn, name, row[0])

    def search_model_versions(self, filter_string: str | None) -> list[ModelVersion]:
        condition = compile_filter(filter_string, _VERSION_FIELDS, _VERSION_TAG)
        with self._read() as conn:
            return _versions(conn, condition.where, condition.params)

    def delete_model_version(self, name: str, version: int) -> str:
        """Delete one version; returns its storage location."""
        with self._write() as conn:
            mv = _version(conn, name, version)
            conn.execute(
                "DELETE FROM model_versions WHERE name = ? AND version = ?", (name, version)
            )
            _touch(conn, name)
            return mv.storage_location

    # ----------------------------------------------------------------------------- aliases

    def set_alias(self, name: str, alias: str, version: int) -> None:
        with self._write() as conn:
            if not _version_exists(conn, name, version):
                raise _version_not_found(conn, name, version)
            conn.execute(
                "INSERT OR REPLACE INTO registered_model_aliases (name, alias, version) "
                "VALUES (?, ?, ?)",
                (name, alias, version),
            )
            _touch(conn, name)

    def delete_alias(self, name: str, alias: str) -> None:
        with self._write() as conn:
            deleted = conn.execute(
                "DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?",
                (name, alias),
            )
            if not deleted.rowcount:
                raise _alias_not_found(conn, name, alias)
            _touch(conn, name)


# ------------------------------------------------------------------------------- row helpers


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _require_signature(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT value FROM registry_settings WHERE key = ?", (REQUIRE_SIGNATURE,)
    ).fetchone()
    return row is not None and row[0] == "true"


def _touch(conn: sqlite3.Connection, name: str) -> None:
    conn.execute(
        "UPDATE registered_models SET last_updated_time = ? WHERE name = ?", (_now_ms(), name)
    )


def _model_exists(conn: sqlite3.Connection, name: str) -> bool:
    query = "SELECT 1 FROM registered_models WHERE name = ?"
    return conn.execute(query, (name,)).fetchone() is not None


def _version_exists(conn: sqlite3.Connection, name: str, version: int) -> bool:
    query = "SELECT 1 FROM model_versions WHERE name = ? AND version = ?"
    return conn.execute(query, (name, version)).fetchone() is not None


def _model_not_found(name: str) -> HintsigException:
    return HintsigException(
        f"Registered model {name!r} not found", error_code="RESOURCE_DOES_NOT_EXIST"
    )


def _version_not_found(conn: sqlite3.Connection, name: str, version: int) -> HintsigException:
    if not _model_exists(conn, name):
        return _model_not_found(name)
    return HintsigException(
        f"Registered model {name!r} has no version {version}",
        error_code="RESOURCE_DOES_NOT_EXIST",
    )


def _alias_not_found(conn: sqlite3.Connection, name: str, alias: str) -> HintsigException:
    if not _model_exists(conn, name):
        return _model_not_found(name)
    return HintsigException(
        f"Registered model {name!r} has no alias {alias!r}", error_code="RESOURCE_DOES_NOT_EXIST"
    )


def _model(conn: sqlite3.Connection, name: str) -> RegisteredModel:
    found = _models(conn, "rm.name = ?", (name,))
    if not found:
        raise _model_not_found(name)
    return found[0]


def _models(
    conn: sqlite3.Connection, where: str, params: Sequence[object]
) -> list[RegisteredModel]:
    """The registered models (table alias `rm`) meeting the condition `where`, by name."""
    rows = conn.execute(
        f"SELECT {_MODEL_COLUMNS} FROM registered_models rm WHERE {where} ORDER BY rm.name", params
    )
    return [_model_from_row(conn, row) for row in rows.fetchall()]


def _model_from_row(conn: sqlite3.Connection, row: tuple[Any, ...]) -> RegisteredModel:
    name, created, updated, description = row
    latest = _latest_version_number(conn, name)
    return RegisteredModel(
        name=name,
        creation_timestamp=created,
        last_updated_timestamp=updated,
        description=description,
        tags=dict(_pairs(conn, "registered_model_tags", "key, value", name)),
        aliases=dict(_pairs(conn, "registered_model_aliases", "alias, version", name)),
        latest_versions=() if latest is None else (_version(conn, name, latest),),
    )


def _latest_version_number(conn: sqlite3.Connection, name: str) -> int | None:
    row = conn.execute("SELECT MAX(version) FROM model_versions WHERE name = ?", (name,))
    latest: int | None = row.fetchone()[0]
    return latest


def _version(conn: sqlite3.Connection, name: str, version: int) -> ModelVersion:
    found = _versions(conn, "mv.name = ? AND mv.version = ?", (name, version))
    if not found:
        raise _version_not_found(conn, name, version)
    return found[0]


def _versions(conn: sqlite3.Connection, where: str, params: Sequence[object]) -> list[ModelVersion]:
    """The versions (table alias `mv`) meeting the condition `where`, newest first by name."""
    rows = conn.execute(
        f"SELECT {_VERSION_COLUMNS} FROM model_versions mv "
        f"WHERE {where} ORDER BY mv.name, mv.version DESC",
        params,
    )
    return [_version_from_row(conn, row) for row in rows.fetchall()]


def _version_from_row(conn: sqlite3.Connection, row: tuple[Any, ...]) -> ModelVersion:
    name, version, source, storage, run_id, created, updated, status, description, signature = row
    tags = conn.execute(
        "SELECT key, value FROM model_version_tags WHERE name = ? AND version = ? ORDER BY key",
        (name, version),
    )
    aliases = conn.execute(
        "SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ? ORDER BY alias",
        (name, version),
    )
    return ModelVersion(
        name=name,
        version=version,
        source=source,
        storage_location=storage,
        run_id=run_id,
        creation_timestamp=created,
        last_updated_timestamp=updated,
        status=status,
        description=description,
        signature=_signature_from_text(signature),
        tags=dict(tags.fetchall()),
        aliases=tuple(alias for (alias,) in aliases.fetchall()),
    )


def _pairs(conn: sqlite3.Connection, table: str, columns: str, name: str) -> list[tuple[Any, Any]]:
    query = f"SELECT {columns} FROM {table} WHERE name = ? ORDER BY 1"
    return [(first, second) for first, second in conn.execute(query, (name,))]


def _signature_text(signature: ModelSignature | None) -> str | None:
    return None if signature is None else json.dumps(signature.to_dict())


def _signature_from_text(text: str | None) -> ModelSignature | None:
    return None if text is None else ModelSignature.from_dict(json.loads(text))
