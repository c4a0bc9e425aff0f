"""The model a server serves, loaded once, with what its pages describe.

`ServedModel.load(uri)` pins a registered model to one version first: a server started from
`models:/name@champion` keeps serving the version the alias named at start, and its page
says which (name and version), even if the alias moves later.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from hintsig.client import ModelVersion, get_registered_version
from hintsig.models._json_schema import payload_formats
from hintsig.models._naming import model_name
from hintsig.models.model import Model
from hintsig.pyfunc._loaded import PyFuncModel
from hintsig.types.schema import ModelSignature

__all__ = ["ServedModel", "signature_json"]


@dataclass(frozen=True)
class ServedModel:
    """A loaded model, the URI it was loaded from and, for a registered one, its version."""

    model: PyFuncModel
    model_uri: str
    registered: ModelVersion | None
    #: The serving example (`serving_input_example.json`) as saved, or None.
    example_text: str | None
    #: The name the model is served under (`hintsig.models._naming.model_name`).
    name: str

    @classmethod
    def load(cls, model_uri: str | os.PathLike[str], name: str | None = None) -> ServedModel:
        """Load the model `model_uri` names (a registered one at the version named now);
        `name` is the name to serve it under (default: `model_name`'s choice)."""
        from hintsig.pyfunc._persist import load_model

        version = get_registered_version(model_uri)
        model = load_model(version.model_uri if version is not None else model_uri)
        return cls.of(model, os.fspath(model_uri), version, name)

    @classmethod
    def of(
        cls,
        model: PyFuncModel,
        model_uri: str,
        registered: ModelVersion | None = None,
        name: str | None = None,
    ) -> ServedModel:
        """An already loaded model; its serving example is read now, once."""
        served_name = model_name(model_uri, model.metadata, name)
        return cls(model, model_uri, registered, _serving_example(model.metadata), served_name)

    @property
    def metadata(self) -> Model:
        return self.model.metadata

    @property
    def signature(self) -> ModelSignature | None:
        return self.model.metadata.signature

    @property
    def version(self) -> str:
        """The registered version, else `1` (a model repository's first version)."""
        return "1" if self.registered is None else str(self.registered.version)

    @property
    def title(self) -> str:
        """The model's name, with ` v3` for a registered model."""
        if self.registered is not None:
            return f"{self.name} v{self.registered.version}"
        return self.name

    @property
    def type_hinted(self) -> bool:
        """True when a `list[...]` hint validates the model's input: it takes `inputs` only.

        Tensor and DataFrame hints take every format their schema allows.
        """
        return self.model.input_validator is not None

    @property
    def formats(self) -> tuple[str, ...]:
        """The payload formats the model takes."""
        signature = self.signature
        inputs = signature.inputs if signature is not None else None
        return payload_formats(inputs, type_hinted=self.type_hinted)

    def example(self) -> Any:
        """The serving example as a JSON value, or None."""
        text = self.example_text
        return None if text is None else json.loads(text)

    def describe(self) -> dict[str, Any]:
        """What `GET /metadata` answers: the signature, the serving example, the MLmodel keys."""
        signature = self.signature
        mlmodel = self.metadata.to_dict()
        mlmodel.pop("signature", None)
        return {
            "model_uri": self.model_uri,
            "registered_model": _registered(self.registered),
            "signature": None if signature is None else signature_json(signature),
            "serving_example": self.example(),
            "payload_formats": list(self.formats),
            "mlmodel": mlmodel,
        }


def _serving_example(metadata: Model) -> str | None:
    from hintsig.models.utils import load_serving_example

    if metadata.model_dir is None or metadata.saved_input_example_info is None:
        return None
    return load_serving_example(metadata.model_dir)


def signature_json(signature: ModelSignature) -> dict[str, Any]:
    """Each part of the signature as a JSON value (MLflow stores them as JSON text)."""
    return {
        part: None if text is None else json.loads(text)
        for part, text in signature.to_dict().items()
    }


def _registered(version: ModelVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {"name": version.name, "version": version.version, "aliases": list(version.aliases)}
