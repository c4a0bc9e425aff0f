"""A saved model's metadata: the `MLmodel` file, `get_model_info`, `set_signature`, `set_model`.

The `MLmodel` file is YAML with MLflow's keys: `flavors` (how to load the model),
`signature` (each part as the JSON text MLflow writes), `saved_input_example_info`,
`model_uuid`, `utc_time_created`, and from hintsig `hintsig_version`. Keys hintsig does not
know (MLflow's `mlflow_version`, `prompts`, ...) are kept as they are when the file is
rewritten, so `set_signature` on an MLflow-saved model changes the signature and nothing else.

`set_model(obj)` is for models-from-code: a Python file that builds the model and ends with
`hintsig.models.set_model(model)`. Saving such a file stores its source, and loading runs it;
nothing is unpickled.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hintsig._files import write_text_atomic
from hintsig.exceptions import HintsigException, SchemaDefinitionError
from hintsig.models._safe_yaml import read_limited, safe_load
from hintsig.models._uri import registered_model_ref, resolve_model_uri
from hintsig.types.schema import ModelSignature, ParamSchema, Schema

__all__ = [
    "MLMODEL_FILE",
    "PYFUNC_FLAVOR",
    "Model",
    "ModelInfo",
    "get_model_info",
    "model_from_code",
    "set_model",
    "set_signature",
]

MLMODEL_FILE = "MLmodel"
PYFUNC_FLAVOR = "python_function"


class Model:
    """The contents of an `MLmodel` file, and the directory it was read from."""

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, model_dir: Path | None = None
    ) -> None:
        raw = dict(data or {})
        self._signature = _parse_signature(raw.pop("signature", None), model_dir)
        self._data = raw
        self.model_dir = model_dir
        for key in ("flavors", "saved_input_example_info", "metadata"):
            if raw.get(key) is not None and not isinstance(raw[key], Mapping):
                raise HintsigException(f"Corrupt {_where(model_dir)}: {key!r} must be a mapping")

    # ------------------------------------------------------------------ reading and writing

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Model:
        """Read the `MLmodel` file of a model directory (or the file itself)."""
        target = Path(path)
        model_dir = target.parent if target.name == MLMODEL_FILE else target
        file = model_dir / MLMODEL_FILE
        if not model_dir.is_dir():
            raise HintsigException(f"No model directory at {model_dir}")
        try:
            text = read_limited(file)
        except FileNotFoundError:
            raise HintsigException(
                f"No MLmodel file in {model_dir}: this is not a saved model directory ({file})"
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise HintsigException(f"Cannot read {file}: {exc.__class__.__name__}") from exc
        try:
            data = safe_load(text, file)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" (line {mark.line + 1})" if mark is not None else ""
            raise HintsigException(f"Corrupt MLmodel file {file}: not valid YAML{line}") from None
        if not isinstance(data, dict):
            raise HintsigException(f"Corrupt MLmodel file {file}: expected a mapping of keys")
        return cls(data, model_dir=model_dir)

    def to_dict(self) -> dict[str, Any]:
        """The `MLmodel` keys, the signature as MLflow writes it."""
        out = dict(self._data)
        if self._signature is not None:
            out["signature"] = self._signature.to_dict()
        return out

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), default_flow_style=False)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the `MLmodel` file into directory `path`, atomically."""
        write_text_atomic(Path(path) / MLMODEL_FILE, self.to_yaml())

    # ------------------------------------------------------------------ fields

    def get(self, key: str, default: Any = None) -> Any:
        """Any other `MLmodel` key, as read."""
        return self._data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Set (or, with None, clear) an `MLmodel` key other than the signature."""
        if key == "signature":
            raise SchemaDefinitionError("Set the signature through Model.signature")
        if value is None:
            self._data.pop(key, None)
        else:
            self._data[key] = value

    @property
    def signature(self) -> ModelSignature | None:
        return self._signature

    @signature.setter
    def signature(self, value: ModelSignature | None) -> None:
        if value is not None and not isinstance(value, ModelSignature):
            raise SchemaDefinitionError(
                f"A model signature must be a ModelSignature, got {type(value).__name__}"
            )
        self._signature = value

    @property
    def flavors(self) -> dict[str, Any]:
        return dict(self._data.get("flavors") or {})

    @property
    def saved_input_example_info(self) -> dict[str, Any] | None:
        info = self._data.get("saved_input_example_info")
        return dict(info) if info is not None else None

    @property
    def metadata(self) -> dict[str, Any] | None:
        meta = self._data.get("metadata")
        return dict(meta) if meta is not None else None

    @property
    def model_uuid(self) -> str | None:
        return _str_or_none(self._data.get("model_uuid"))

    @property
    def model_id(self) -> str | None:
        return _str_or_none(self._data.get("model_id"))

    @property
    def run_id(self) -> str | None:
        return _str_or_none(self._data.get("run_id"))

    @property
    def artifact_path(self) -> str | None:
        return _str_or_none(self._data.get("artifact_path"))

    @property
    def utc_time_created(self) -> str | None:
        return _str_or_none(self._data.get("utc_time_created"))

    @property
    def hintsig_version(self) -> str | None:
        return _str_or_none(self._data.get("hintsig_version"))

    @property
    def mlflow_version(self) -> str | None:
        return _str_or_none(self._data.get("mlflow_version"))

    @property
    def is_signature_from_type_hint(self) -> bool:
        return self._data.get("is_signature_from_type_hint") is True

    @property
    def type_hint_from_example(self) -> bool:
        return self._data.get("type_hint_from_example") is True

    def get_input_schema(self) -> Schema | None:
        return self._signature.inputs if self._signature is not None else None

    def get_output_schema(self) -> Schema | None:
        return self._signature.outputs if self._signature is not None else None

    def get_params_schema(self) -> ParamSchema | None:
        return self._signature.params if self._signature is not None else None

    # ------------------------------------------------------------------ examples

    def load_input_example(self, path: str | os.PathLike[str] | None = None) -> Any:
        """The saved input example (DataFrame, array, dict of arrays, sparse matrix or JSON
        value), or None. `path` is a model URI; by default the directory this was read from."""
        from hintsig.models._examples import read_example

        info = self.saved_input_example_info
        if info is None:
            return None
        return read_example(self._example_dir(path), info, self.get_input_schema())

    def load_input_example_params(self, path: str | os.PathLike[str] | None = None) -> Any:
        """The params saved with the input example, or None."""
        from hintsig.models._examples import read_example_params

        info = self.saved_input_example_info
        if info is None:
            return None
        return read_example_params(self._example_dir(path), info, self.get_params_schema())

    def _example_dir(self, path: str | os.PathLike[str] | None) -> Path:
        if path is not None:
            return resolve_model_uri(path)
        if self.model_dir is None:
            raise HintsigException("This model was not read from a directory; pass its path")
        return self.model_dir


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _where(model_dir: Path | None) -> str:
    return f"MLmodel file {model_dir / MLMODEL_FILE}" if model_dir is not None else "MLmodel data"


def _parse_signature(value: Any, model_dir: Path | None) -> ModelSignature | None:
    if value is None:
        return None
    try:
        return ModelSignature.from_dict(value)
    except SchemaDefinitionError as exc:
        raise HintsigException(f"Corrupt signature in {_where(model_dir)}: {exc.message}") from None


# ----------------------------------------------------------------------------- model info


@dataclass(frozen=True)
class ModelInfo:
    """What `log_model` returns and `get_model_info` reads: a saved model's metadata."""

    model_uri: str
    artifact_path: str | None
    flavors: dict[str, Any]
    model_uuid: str | None
    model_id: str | None
    run_id: str | None
    saved_input_example_info: dict[str, Any] | None
    signature: ModelSignature | None
    utc_time_created: str | None
    hintsig_version: str | None
    mlflow_version: str | None
    metadata: dict[str, Any] | None
    registered_model_version: int | None = None

    @property
    def name(self) -> str | None:
        """The name the model was logged under."""
        return self.artifact_path

    @property
    def signature_dict(self) -> dict[str, str | None] | None:
        return self.signature.to_dict() if self.signature is not None else None

    @classmethod
    def from_model(
        cls, model: Model, model_uri: str, registered_model_version: int | None = None
    ) -> ModelInfo:
        return cls(
            model_uri=model_uri,
            artifact_path=model.artifact_path,
            flavors=model.flavors,
            model_uuid=model.model_uuid,
            model_id=model.model_id,
            run_id=model.run_id,
            saved_input_example_info=model.saved_input_example_info,
            signature=model.signature,
            utc_time_created=model.utc_time_created,
            hintsig_version=model.hintsig_version,
            mlflow_version=model.mlflow_version,
            metadata=model.metadata,
            registered_model_version=registered_model_version,
        )


def get_model_info(model_uri: str | os.PathLike[str]) -> ModelInfo:
    """The metadata of the model at `model_uri` (any URI form hintsig accepts)."""
    model = Model.load(resolve_model_uri(model_uri))
    return ModelInfo.from_model(model, os.fspath(model_uri))


def set_signature(model_uri: str | os.PathLike[str], signature: ModelSignature) -> None:
    """Replace the signature of a saved model; every other `MLmodel` key stays as it is.

    A registered version (`models:/<name>/<version>`, `models:/<name>@<alias>`) is fixed once
    created: set the signature on its source and register a new version instead.
    """
    if not isinstance(signature, ModelSignature):
        raise SchemaDefinitionError(
            f"set_signature() needs a ModelSignature, got {type(signature).__name__}"
        )
    if registered_model_ref(model_uri) is not None:
        raise HintsigException(
            f"Cannot set the signature of {os.fspath(model_uri)!r}: registered model versions "
            "do not change. Set it on the version's source "
            "(HintsigClient().get_model_version(name, version).source) and create a new version"
        )
    directory = resolve_model_uri(model_uri)
    model = Model.load(directory)
    model.signature = signature
    model.save(directory)


# ----------------------------------------------------------------------------- models-from-code


class _CodeModelSlot:
    """Where `set_model` leaves the model while a models-from-code file runs."""

    lock = threading.RLock()
    unset = object()
    value: Any = unset


def set_model(model: Any) -> None:
    """Declare the model built by a models-from-code file (call it once, at the end)."""
    if model is None:
        raise HintsigException("set_model() needs a model object, got None")
    _CodeModelSlot.value = model


def model_from_code(path: Path) -> Any:
    """Run a models-from-code file and return the model it passed to `set_model`."""
    if not path.is_file():
        raise HintsigException(f"The model code file is missing: {path}")
    module_name = f"_hintsig_model_code_{uuid.uuid4().hex}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise HintsigException(f"Cannot load the model code file {path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    with _CodeModelSlot.lock:
        _CodeModelSlot.value = _CodeModelSlot.unset
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException as exc:
            sys.modules.pop(module_name, None)
            _CodeModelSlot.value = _CodeModelSlot.unset
            if isinstance(exc, HintsigException | KeyboardInterrupt | SystemExit):
                raise
            raise HintsigException(
                f"Running the model code file {path} failed: {exc.__class__.__name__} "
                "(see the chained exception)"
            ) from exc
        model, _CodeModelSlot.value = _CodeModelSlot.value, _CodeModelSlot.unset
    if model is _CodeModelSlot.unset:
        raise HintsigException(
            f"The model code file {path} did not call hintsig.models.set_model(model)"
        )
    return model
