"""What the registry returns: `RegisteredModel` and `ModelVersion`, plain frozen values.

Timestamps are milliseconds since the epoch, as MLflow gives them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hintsig.types.schema import ModelSignature

__all__ = ["READY", "ModelVersion", "RegisteredModel"]

#: The status of every version: registration is synchronous, so a version exists once ready.
READY = "READY"


@dataclass(frozen=True)
class ModelVersion:
    """One version of a registered model, fixed once created.

    `source` is the saved model it was created from (an absolute path); `storage_location`
    is the registry's own copy, which `models:/<name>/<version>` loads. `signature` is the
    copy's signature: a later `set_signature(mv.source, ...)` shows in the next version only.
    """

    name: str
    version: int
    source: str
    storage_location: str
    run_id: str | None
    creation_timestamp: int
    last_updated_timestamp: int
    status: str
    description: str | None
    signature: ModelSignature | None
    tags: dict[str, str] = field(default_factory=dict, hash=False)
    aliases: tuple[str, ...] = ()

    @property
    def model_uri(self) -> str:
        """The URI that loads this version: `models:/<name>/<version>`."""
        return f"models:/{self.name}/{self.version}"


@dataclass(frozen=True)
class RegisteredModel:
    """A named model: its versions are listed by `search_model_versions(f"name='{name}'")`.

    `aliases` maps each alias to its version; `latest_versions` holds the newest version
    (empty while the model has none).
    """

    name: str
    creation_timestamp: int
    last_updated_timestamp: int
    description: str | None
    tags: dict[str, str] = field(default_factory=dict, hash=False)
    aliases: dict[str, int] = field(default_factory=dict, hash=False)
    latest_versions: tuple[ModelVersion, ...] = ()
