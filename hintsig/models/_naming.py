"""The one name a served or exported model goes by.

In order: the name the user gives (`hintsig models serve --name`, `export_metadata(name=)`),
else the registered model's name for a `models:/<name>/...` URI, else the name the model was
logged under (`log_model(name=...)`), else the model directory's name, else the URI itself.
"""

from __future__ import annotations

import os

from hintsig.models._uri import registered_model_ref
from hintsig.models.model import Model

__all__ = ["model_name"]


def model_name(model_uri: str | os.PathLike[str], metadata: Model, name: str | None = None) -> str:
    """The name of the model `model_uri` names and `metadata` describes (`name` first)."""
    if name:
        return name
    ref = registered_model_ref(model_uri)
    if ref is not None:
        return ref.name
    if metadata.artifact_path:
        return metadata.artifact_path
    if metadata.model_dir is not None:
        return metadata.model_dir.name
    return os.fspath(model_uri)
