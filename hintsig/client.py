"""The model registry (`hintsig.client`): named models with numbered versions and aliases.

`HintsigClient()` works on a SQLite file: `registry_uri` if given, else
`HINTSIG_REGISTRY_URI` (`sqlite:///PATH`), else `registry.db` in the tracking directory
(`HINTSIG_TRACKING_DIR`, default `./hintsig-runs`). The file is created, or its schema
migrated, on first use; every write is one transaction.

A version records the saved model it was made from (`source`, an absolute path) and keeps
its own copy of that model (`storage_location`, next to the registry file), so a version
never changes: its `signature` is the copy's. A registry whose policy requires signatures
(`set_require_signature(True)`, or `hintsig registry init --require-signature`) refuses
models without one.

`models:/<name>/<version>`, `models:/<name>/latest` and `models:/<name>@<alias>` load a
registered version wherever a model URI is accepted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hintsig._registry import _edits
from hintsig._registry._entities import ModelVersion as ModelVersion
from hintsig._registry._entities import RegisteredModel as RegisteredModel
from hintsig._registry._location import registry_path, registry_uri_for
from hintsig._registry._names import check_identifier, check_tag_value
from hintsig._registry._storage import ModelStorage
from hintsig._registry._store import RegistryStore, VersionDraft
from hintsig.exceptions import HintsigException

if TYPE_CHECKING:
    from hintsig.models.model import ModelInfo

__all__ = [
    "MlflowClient",
    "HintsigClient",
    "ModelVersion",
    "RegisteredModel",
    "get_registered_version",
    "register_model",
    "resolve_registered_uri",
]

_ALIAS_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,255}\Z")
_RESERVED_ALIAS = re.compile(r"(latest|v\d+)\Z", re.IGNORECASE)


class HintsigClient:
    """A client of one registry database; see the module docstring for where it lives."""

    def __init__(self, registry_uri: str | os.PathLike[str] | None = None) -> None:
        path = registry_path(registry_uri)
        self._store = RegistryStore(path)
        self._storage = ModelStorage.beside(path)

    @property
    def registry_uri(self) -> str:
        """The registry database as a `sqlite:///` URI."""
        return registry_uri_for(self._store.path)

    # ------------------------------------------------------------------------- the policy

    @property
    def require_signature(self) -> bool:
        """Whether this registry refuses versions without a signature with an input schema."""
        return self._store.require_signature()

    def set_require_signature(self, required: bool = True) -> None:
        """Store the signature policy in the registry, so every client applies it."""
        if not isinstance(required, bool):
            raise HintsigException(
                f"require_signature must be a bool, got {type(required).__name__}"
            )
        self._store.set_require_signature(required)

    # ------------------------------------------------------------------ registered models

    def create_registered_model(
        self,
        name: str,
        *,
        description: str | None = None,
        tags: Mapping[str, Any] | None = None,
    ) -> RegisteredModel:
        """A new registered model with no versions; an error if the name is taken."""
        return self._store.create_registered_model(
            _model_name(name), _optional_str(description, "description"), _tags(tags)
        )

    def get_registered_model(self, name: str) -> RegisteredModel:
        return self._store.get_registered_model(_model_name(name))

    def search_registered_models(self, filter_string: str | None = None) -> list[RegisteredModel]:
        """Registered models sorted by name, filtered on `name` and `tags.<key>`
        (e.g. `name LIKE 'churn%'`)."""
        return self._store.search_registered_models(filter_string)

    def delete_registered_model(self, name: str) -> None:
        """Delete the model with its versions, aliases and the registry's copies of the
        models (the sources stay)."""
        for location in self._store.delete_registered_model(_model_name(name)):
            self._storage.remove(location)

    # ---------------------------------------------------------------------------- versions

    def create_model_version(
        self,
        name: str,
        source: str | os.PathLike[str],
        run_id: str | None = None,
        *,
        description: str | None = None,
        tags: Mapping[str, Any] | None = None,
    ) -> ModelVersion:
        """The next version of registered model `name`, for the saved model at `source`.

        `source` is any model URI or path. `run_id` defaults to the run the source was
        logged in, when it is known.
        """
        return self._create_version(name, source, run_id, description, tags, create_model=False)

    def register_model(
        self,
        model_uri: str | os.PathLike[str],
        name: str,
        *,
        tags: Mapping[str, Any] | None = None,
    ) -> ModelVersion:
        """`create_model_version`, creating the registered model first if it does not exist."""
        return self._create_version(name, model_uri, None, None, tags, create_model=True)

    def get_model_version(self, name: str, version: int | str) -> ModelVersion:
        return self._store.get_model_version(_model_name(name), _version_number(version))

    def get_model_version_by_alias(self, name: str, alias: str) -> ModelVersion:
        return self._store.get_model_version_by_alias(_model_name(name), _alias(alias))

    def get_latest_version(self, name: str) -> ModelVersion:
        """The highest-numbered version of `name` (`models:/<name>/latest`)."""
        return self._store.get_latest_version(_model_name(name))

    def search_model_versions(
        self, filter_string: str | None = None, max_results: int = 10000
    ) -> list[ModelVersion]:
        """Versions by name, newest first, filtered on `name`, `run_id`, `source`, `version`
        and `tags.<key>`, e.g. `name = 'churn' AND run_id = 'abc'`; at most `max_results`."""
        if isinstance(max_results, bool) or not isinstance(max_results, int) or max_results < 1:
            raise HintsigException(f"max_results must be a positive int, got {max_results!r}")
        return self._store.search_model_versions(filter_string)[:max_results]

    def delete_model_version(self, name: str, version: int | str) -> None:
        """Delete one version, its aliases and the registry's copy of the model; its number is
        never given out again."""
        location = self._store.delete_model_version(_model_name(name), _version_number(version))
        self._storage.remove(location)

    # ----------------------------------------------------------------------------- aliases

    def set_registered_model_alias(self, name: str, alias: str, version: int | str) -> None:
        """Point `alias` at `version` (moving it if it pointed elsewhere)."""
        self._store.set_alias(_model_name(name), _alias(alias), _version_number(version))

    def delete_registered_model_alias(self, name: str, alias: str) -> None:
        self._store.delete_alias(_model_name(name), _alias(alias))

    # ------------------------------------------------------------ tags and descriptions

    def set_registered_model_tag(self, name: str, key: str, value: Any) -> None:
        """Set tag `key` of registered model `name` (the value is stored as text)."""
        [(checked_key, text)] = _tags({key: value}).items()
        _edits.set_model_tag(self._store, _model_name(name), checked_key, text)

    def delete_registered_model_tag(self, name: str, key: str) -> None:
        _edits.delete_model_tag(self._store, _model_name(name), _tag_key(key))

    def set_model_version_tag(
        self,
        name: str,
        version: int | str | None = None,
        key: str | None = None,
        value: Any = None,
        stage: str | None = None,
    ) -> None:
        """Set tag `key` of one version (MLflow's argument order; `stage` is not supported:
        hintsig's registry has aliases instead of stages)."""
        number = _version_for_tag(version, stage)
        [(checked_key, text)] = _tags({_tag_key(key): value}).items()
        _edits.set_version_tag(self._store, _model_name(name), number, checked_key, text)

    def delete_model_version_tag(
        self,
        name: str,
        version: int | str | None = None,
        key: str | None = None,
        stage: str | None = None,
    ) -> None:
        number = _version_for_tag(version, stage)
        _edits.delete_version_tag(self._store, _model_name(name), number, _tag_key(key))

    def update_registered_model(
        self, name: str, description: str | None = None, deployment_job_id: str | None = None
    ) -> RegisteredModel:
        """Set the description of registered model `name` (None leaves it as it is)."""
        if deployment_job_id is not None:
            raise HintsigException("deployment_job_id is a Databricks feature hintsig has not")
        checked = _model_name(name)
        if description is None:
            return self._store.get_registered_model(checked)
        text = _optional_str(description, "description") or ""
        return _edits.describe_model(self._store, checked, text)

    def update_model_version(
        self, name: str, version: int | str, description: str | None = None
    ) -> ModelVersion:
        """Set the description of one version (None leaves it as it is)."""
        checked, number = _model_name(name), _version_number(version)
        if description is None:
            return self._store.get_model_version(checked, number)
        text = _optional_str(description, "description") or ""
        return _edits.describe_version(self._store, checked, number, text)

    # ---------------------------------------------------------------------------- internal

    def _create_version(
        self,
        name: str,
        source: str | os.PathLike[str],
        run_id: str | None,
        description: str | None,
        tags: Mapping[str, Any] | None,
        *,
        create_model: bool,
    ) -> ModelVersion:
        checked_name = _model_name(name)
        checked_tags = _tags(tags)
        checked_description = _optional_str(description, "description")
        checked_run_id = _optional_str(run_id, "run_id")
        source_dir = _model_dir(source)
        copy = self._storage.copy_in(source_dir)
        try:
            info = _model_info(copy)
            draft = VersionDraft(
                name=checked_name,
                source=str(source_dir),
                storage_location=str(copy),
                run_id=checked_run_id or info.run_id,
                description=checked_description,
                signature=info.signature,
                tags=checked_tags,
            )
            return self._store.create_model_version(draft, create_model=create_model)
        except BaseException:
            self._storage.remove(str(copy))
            raise


def register_model(
    model_uri: str | os.PathLike[str], name: str, *, tags: Mapping[str, Any] | None = None
) -> ModelVersion:
    """Register the model at `model_uri` as a new version of `name`, creating `name` if needed.

    Uses the registry chosen by the environment (see `HintsigClient`).
    """
    return HintsigClient().register_model(model_uri, name, tags=tags)


def resolve_registered_uri(name: str, version: str | None, alias: str | None) -> str:
    """Where the model of the version a `models:/` URI names is kept (its storage location):
    `models:/<name>/<version>` (`version` may be `latest`) or `models:/<name>@<alias>`.
    Exactly one of `version` and `alias` is given."""
    return _registered_version(HintsigClient(), name, version, alias).storage_location


def get_registered_version(model_uri: str | os.PathLike[str]) -> ModelVersion | None:
    """The registered version a `models:/<name>/<version>` or `models:/<name>@<alias>` URI
    names (its `.name` and `.version`), or None for any other kind of URI."""
    from hintsig.models._uri import registered_model_ref

    ref = registered_model_ref(model_uri)
    if ref is None:
        return None
    return _registered_version(HintsigClient(), ref.name, ref.version, ref.alias)


def _registered_version(
    client: HintsigClient, name: str, version: str | None, alias: str | None
) -> ModelVersion:
    if alias is not None and version is None:
        return client.get_model_version_by_alias(name, alias)
    if version is not None and alias is None:
        if version.lower() == "latest":
            return client.get_latest_version(name)
        return client.get_model_version(name, version)
    raise HintsigException("A models:/ URI names a version or an alias: exactly one of them")


# --------------------------------------------------------------------------- argument checks


def _model_dir(source: object) -> Path:
    """The saved model directory `source` (a model URI or path) leads to."""
    from hintsig.models._uri import resolve_model_uri

    if not isinstance(source, (str, os.PathLike)):
        raise HintsigException(f"source must be a model URI or path, got {type(source).__name__}")
    path = resolve_model_uri(source)
    _model_info(path)  # a clear error, before copying, when it is not a saved model
    return path


def _model_info(model_dir: Path) -> ModelInfo:
    from hintsig.models.model import get_model_info

    return get_model_info(model_dir)


def _model_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip() or "/" in name or "@" in name:
        raise HintsigException(
            "A registered model name must be a non-empty string without '/' or '@' "
            f"(got {_kind(name)})"
        )
    return check_identifier(name, "A registered model name")


def _alias(alias: object) -> str:
    if not isinstance(alias, str) or not _ALIAS_PATTERN.fullmatch(alias):
        raise HintsigException(
            f"An alias must be 1 to 255 letters, digits, '_' or '-' (got {_kind(alias)})"
        )
    if _RESERVED_ALIAS.fullmatch(alias):
        raise HintsigException(
            f"The alias {alias!r} is reserved: 'latest' and 'v<number>' name versions"
        )
    return alias


def _version_number(version: object) -> int:
    number = version
    if isinstance(version, str) and version.isascii() and version.strip().isdigit():
        number = int(version)
    if isinstance(number, int) and not isinstance(number, bool) and 0 < number < 2**63:
        return number
    raise HintsigException(f"A model version must be a positive integer (got {_kind(version)})")


def _tag_key(key: object) -> str:
    if not isinstance(key, str) or not key:
        raise HintsigException(f"A tag key must be a non-empty string (got {_kind(key)})")
    return key


def _version_for_tag(version: object, stage: object) -> int:
    if stage is not None:
        raise HintsigException(
            "Model stages are not supported (MLflow deprecated them): name the version, "
            "or point an alias at it"
        )
    if version is None:
        raise HintsigException("A version tag needs the version")
    return _version_number(version)


def _optional_str(value: object, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise HintsigException(f"{what} must be a str or None, got {type(value).__name__}")


def _tags(tags: Mapping[str, Any] | None) -> dict[str, str]:
    if tags is None:
        return {}
    if not isinstance(tags, Mapping):
        raise HintsigException(f"tags must be a mapping, got {type(tags).__name__}")
    if not all(isinstance(key, str) and key for key in tags):
        raise HintsigException("Tag keys must be non-empty strings")
    checked = {check_identifier(key, "A tag key"): str(value) for key, value in tags.items()}
    return {key: check_tag_value(value, key) for key, value in checked.items()}


def _kind(value: object) -> str:
    """A rejected identifier: quoted when it is a str, else only its type."""
    return repr(value) if isinstance(value, str) else f"a value of type {type(value).__name__}"


MlflowClient = HintsigClient
"""The registry client under MLflow's name (`from hintsig.client import MlflowClient`)."""
