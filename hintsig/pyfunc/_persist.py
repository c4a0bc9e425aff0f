"""`save_model`, `log_model` and `load_model` for python models.

Saving writes an MLflow-compatible model directory::

    MLmodel                      flavors.python_function, signature, saved_input_example_info,
                                 model_uuid, utc_time_created, hintsig_version
    python_model.pkl             the model, with cloudpickle (or the models-from-code file)
    code/                        copies of `code_paths`, put on sys.path when loading
    input_example.json           the input example (see hintsig.models._examples)
    serving_input_example.json   the REST payload that scores the example
    requirements.txt             the pip requirements

The signature comes from, in order: an explicit `signature`; else the model's type hints; else
inference from the input example and the model's output on it. When an explicit signature
disagrees with the hints, the hints win and a `UserWarning` says so (the hints are what the
model validates at run time). With `TypeFromExample`, the input schema is the example's.

The input example is run through the model while saving: first checked against the hints
(an input that does not fit is a `HintsigException` saying so), then predicted on. A pickled
model runs from a fresh copy unpickled from the bytes about to be written, so the saved file
is known to load and `load_context` does not change the caller's object.

Everything is written into a temporary sibling directory that is renamed into place at the
end; a failure at any point removes it and leaves the target as it was.

Other model flavors (the `hintsig_sklearn` plugin) reuse all of this through `save_flavor` and
`log_flavor`: a `ModelFlavor` writes its own files and says how its saved model predicts.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import importlib
import logging
import os
import platform
import shutil
import sys
import tempfile
import uuid
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import yaml

import hintsig
from hintsig.exceptions import DataValidationError, HintsigException
from hintsig.models._examples import encode_example, split_input_example, write_example
from hintsig.models._uri import resolve_model_uri
from hintsig.models.model import MLMODEL_FILE, PYFUNC_FLAVOR, Model, ModelInfo, model_from_code
from hintsig.pyfunc._impl import ModelCaller
from hintsig.pyfunc._loaded import PyFuncModel
from hintsig.pyfunc._loader import (
    CODE_DIR,
    LOADER_MODULE,
    PICKLE_FILE,
    load_python_function,
    new_context,
    run_load_context,
)
from hintsig.types.schema import ModelSignature, ParamSchema, Schema

if TYPE_CHECKING:
    from hintsig.types.type_hints import PredictHints

__all__ = [
    "ModelFlavor",
    "copy_code_paths",
    "load_model",
    "log_flavor",
    "log_model",
    "pickle_model",
    "save_flavor",
    "save_model",
    "unpickle_model",
]

_logger = logging.getLogger(__name__)

REQUIREMENTS_FILE = "requirements.txt"


# ----------------------------------------------------------------------------- public API


def save_model(
    path: str | os.PathLike[str],
    python_model: Any = None,
    input_example: Any = None,
    signature: ModelSignature | None = None,
    code_paths: Sequence[str | os.PathLike[str]] | None = None,
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    *,
    overwrite: bool = False,
) -> ModelInfo:
    """Save a python model to the directory `path` (see the module docstring).

    `python_model` is a `PythonModel` instance, a function (decorated with `@pyfunc` or
    not), or the path of a models-from-code file that calls `hintsig.models.set_model`.
    `input_example` may be an `(input, params)` tuple. An existing non-empty `path` is an
    error unless `overwrite=True`.
    """
    return save_flavor(
        path,
        _PythonFlavor.create(python_model, code_paths),
        input_example,
        signature,
        pip_requirements,
        metadata,
        overwrite=overwrite,
    )


def log_model(
    name: str | None = None,
    python_model: Any = None,
    input_example: Any = None,
    signature: ModelSignature | None = None,
    code_paths: Sequence[str | os.PathLike[str]] | None = None,
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    *,
    registered_model_name: str | None = None,
    artifact_path: str | None = None,
) -> ModelInfo:
    """Save a python model into the tracking directory and link it to the active run.

    Returns a `ModelInfo` whose `model_uri` is `runs:/<run_id>/<name>` inside a
    `start_run()` block and `models:/<model_id>` outside one. `registered_model_name` also
    registers the model as a new version of that name. (`artifact_path` is MLflow 2's name
    for `name`.)
    """
    return log_flavor(
        name,
        _PythonFlavor.create(python_model, code_paths),
        input_example,
        signature,
        pip_requirements,
        metadata,
        registered_model_name=registered_model_name,
        artifact_path=artifact_path,
    )


def save_flavor(
    path: str | os.PathLike[str],
    flavor: ModelFlavor,
    input_example: Any = None,
    signature: ModelSignature | None = None,
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    *,
    overwrite: bool = False,
) -> ModelInfo:
    """`save_model` for any flavor: write `flavor`'s model to the directory `path`."""
    target = resolve_model_uri(path)
    request = _Request(input_example, signature, pip_requirements, metadata)
    _write_model(target, flavor, request, {}, overwrite=overwrite)
    return ModelInfo.from_model(Model.load(target), os.fspath(path))


def log_flavor(
    name: str | None,
    flavor: ModelFlavor,
    input_example: Any = None,
    signature: ModelSignature | None = None,
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    *,
    registered_model_name: str | None = None,
    artifact_path: str | None = None,
) -> ModelInfo:
    """`log_model` for any flavor: save `flavor`'s model in the tracking directory."""
    from hintsig import tracking

    model_name = tracking.check_model_name(name if name is not None else artifact_path)
    run = tracking.active_run()
    model_id = tracking.new_model_id()
    target = tracking.model_artifacts_dir(model_id)
    extra = {
        "artifact_path": model_name,
        "model_id": model_id,
        "run_id": run.info.run_id if run is not None else None,
    }
    request = _Request(input_example, signature, pip_requirements, metadata)
    _write_model(target, flavor, request, extra, overwrite=False)
    tracking.record_logged_model(model_id, model_name, run)
    model = Model.load(target)
    if model.signature is None:  # as MLflow, on log_model only
        _logger.warning(
            "Model logged without a signature: its inputs will not be checked. Pass "
            "log_model(..., signature=...) or input_example= (or type-hint predict)."
        )
    uri = f"runs:/{run.info.run_id}/{model_name}" if run is not None else f"models:/{model_id}"
    version = None
    if registered_model_name is not None:
        from hintsig.client import register_model

        version = register_model(uri, registered_model_name).version
    return ModelInfo.from_model(model, uri, version)


def load_model(model_uri: str | os.PathLike[str]) -> PyFuncModel:
    """Load a saved model as a `PyFuncModel` (any URI form hintsig accepts).

    Models saved by hintsig and its plugins load; so do scikit-learn models saved by MLflow
    (`mlflow.sklearn`), whose files the `hintsig.sklearn` plugin reads. Other MLflow models
    are a `HintsigException` saying so.
    """
    directory = resolve_model_uri(model_uri)
    meta = Model.load(directory)
    conf = _pyfunc_conf(meta, directory)
    loader = str(conf.get("loader_module") or "")
    if loader == LOADER_MODULE:
        return PyFuncModel(meta, load_python_function(directory, conf))
    loader = _MLFLOW_LAYOUTS.get(loader, loader)
    if loader.split(".", 1)[0] == "mlflow":
        raise HintsigException(
            f"The model in {directory} was saved by MLflow ({MLMODEL_FILE} names the loader "
            f"{loader!r}). hintsig reads its signature and input example (get_model_info, "
            "load_serving_example, validate_schema), but cannot load MLflow's own model "
            "classes to predict: load it with mlflow.pyfunc.load_model, or save the model "
            "again with hintsig.pyfunc.save_model"
        )
    if loader.startswith(("hintsig.", "hintsig_")):
        impl = _plugin_loader(loader, directory)._load_pyfunc(str(directory))
        return impl if isinstance(impl, PyFuncModel) else PyFuncModel(meta, impl)
    raise HintsigException(
        f"Cannot load the model in {directory}: {MLMODEL_FILE} names the unknown loader "
        f"{loader!r}; hintsig loads the python_function flavor written by hintsig "
        f"(loader_module {LOADER_MODULE}) and by hintsig plugins"
    )


#: MLflow flavors whose files a hintsig plugin reads: MLflow's loader -> the plugin's.
_MLFLOW_LAYOUTS = {"mlflow.sklearn": "hintsig_sklearn._loader"}


def _pyfunc_conf(meta: Model, directory: Path) -> Mapping[str, Any]:
    conf = meta.flavors.get(PYFUNC_FLAVOR)
    if not isinstance(conf, Mapping):
        found = ", ".join(sorted(meta.flavors)) or "none"
        raise HintsigException(
            f"Cannot load the model in {directory}: {directory / MLMODEL_FILE} has no "
            f"{PYFUNC_FLAVOR!r} flavor (unknown flavors: {found})"
        )
    return conf


def _plugin_loader(loader: str, directory: Path) -> Any:
    try:
        return importlib.import_module(loader)
    except ImportError as exc:
        raise HintsigException(
            f"Cannot load the model in {directory}: its loader {loader!r} is not installed "
            "(install the hintsig plugin that saved it)"
        ) from exc


# ----------------------------------------------------------------------------- saving


class ModelFlavor(Protocol):
    """One kind of model, as the saving machinery sees it: the hook for plugin flavors.

    The machinery does everything else: the staging directory, the signature, the input
    example (run through `loaded()`), `MLmodel`, `requirements.txt`.
    """

    @property
    def hints(self) -> PredictHints | None:
        """The type hints of the model's `predict`, if it has any."""

    def store(self, staging: Path) -> dict[str, Any]:
        """Write the model's files into `staging`; return the `flavors` entry of `MLmodel`."""

    def loaded(self) -> Any:
        """A fresh copy of the saved model as loading gives it (with `predict(data, params)`),
        so that the input example runs through exactly what is saved."""

    def requirements(self) -> list[str]:
        """The pip requirements the saved model needs besides hintsig."""


@dataclass(frozen=True)
class _Request:
    input_example: Any
    signature: ModelSignature | None
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None
    metadata: Mapping[str, Any] | None


@dataclass(frozen=True)
class _Source:
    """The model object, and how it is stored: pickled bytes or a code file."""

    model: Any
    pickled: bytes | None
    code_file: Path | None


@dataclass(frozen=True)
class _PythonFlavor:
    """The python_function flavor of a python model (a PythonModel, a function, or code)."""

    source: _Source
    code_paths: Sequence[str | os.PathLike[str]] | None
    hints: PredictHints | None

    @classmethod
    def create(
        cls, python_model: Any, code_paths: Sequence[str | os.PathLike[str]] | None
    ) -> _PythonFlavor:
        source = _model_source(python_model)
        return cls(source, code_paths, _predict_hints(source.model))

    def store(self, staging: Path) -> dict[str, Any]:
        return {PYFUNC_FLAVOR: _store_model(staging, self.source, self.code_paths)}

    def loaded(self) -> ModelCaller:
        from hintsig.pyfunc._python_model import PythonModel

        model = _fresh_copy(self.source)
        context = new_context()
        if isinstance(model, PythonModel):
            run_load_context(model, context)
        return ModelCaller(model, context)

    def requirements(self) -> list[str]:
        if self.source.pickled is None:
            return []
        import cloudpickle

        return [f"cloudpickle=={cloudpickle.__version__}"]


def _write_model(
    target: Path,
    flavor: ModelFlavor,
    request: _Request,
    extra: Mapping[str, Any],
    *,
    overwrite: bool,
) -> None:
    if request.signature is not None and not isinstance(request.signature, ModelSignature):
        raise HintsigException(
            f"signature must be a ModelSignature, got {type(request.signature).__name__}"
        )
    with _staging_dir(target, overwrite) as staging:
        hints = flavor.hints
        flavors = flavor.store(staging)
        has_example = request.input_example is not None
        example, params = split_input_example(request.input_example)
        encoded = encode_example(example, params) if has_example else None
        choice = _choose_signature(request.signature, hints, has_example, example, params)
        model = Model(
            {
                **{k: v for k, v in extra.items() if v is not None},
                "flavors": flavors,
                "hintsig_version": hintsig.__version__,
                "model_uuid": uuid.uuid4().hex,
                "utc_time_created": _utc_now(),
                "is_signature_from_type_hint": choice.from_hints,
                "type_hint_from_example": bool(hints is not None and hints.type_from_example),
            }
        )
        model.signature = choice.signature
        if encoded is not None:
            output = _run_example(flavor, model, example, params)
            model.signature = _with_outputs(choice, output)
            model.set("saved_input_example_info", write_example(staging, encoded))
        model.set("metadata", _checked_metadata(request.metadata))
        _write_requirements(staging, request.pip_requirements, flavor.requirements())
        model.save(staging)


@contextmanager
def _staging_dir(target: Path, overwrite: bool) -> Iterator[Path]:
    """A temporary sibling of `target`, renamed onto it when the block succeeds.

    On failure the sibling is removed, and so are the parent directories made for it.
    """
    _check_target(target, overwrite)
    made = _make_parents(target.parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.saving-", dir=target.parent))
        try:
            staging.chmod(0o755)
            yield staging
            _commit(staging, target, overwrite)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except BaseException:
        for directory in reversed(made):
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise


def _make_parents(directory: Path) -> list[Path]:
    """Create `directory` and its missing parents; return the ones created, outermost first."""
    missing = [d for d in (directory, *directory.parents) if not d.exists()][::-1]
    directory.mkdir(parents=True, exist_ok=True)
    return missing


def _check_target(target: Path, overwrite: bool) -> None:
    if target.is_file():
        raise HintsigException(f"Cannot save a model to {target}: it is an existing file")
    if target.is_dir() and any(target.iterdir()) and not overwrite:
        raise HintsigException(
            f"Cannot save a model to {target}: the directory exists and is not empty "
            "(pass overwrite=True to replace it)"
        )


def _commit(staging: Path, target: Path, overwrite: bool) -> None:
    _check_target(target, overwrite)
    if not target.exists():
        os.rename(staging, target)
        return
    backup = target.with_name(f".{target.name}.replaced-{uuid.uuid4().hex}")
    os.rename(target, backup)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _model_source(python_model: Any) -> _Source:
    from hintsig.pyfunc._python_model import PythonModel

    if python_model is None:
        raise HintsigException("save_model() needs python_model=...")
    if isinstance(python_model, (str, os.PathLike)):
        return _code_source(Path(python_model))
    if isinstance(python_model, type):
        raise HintsigException(
            f"python_model must be an instance, not the class {python_model.__name__}: "
            f"pass {python_model.__name__}()"
        )
    if not isinstance(python_model, PythonModel) and not callable(python_model):
        raise HintsigException(
            "python_model must be a PythonModel instance, a function, or the path of a "
            f"models-from-code file; got {type(python_model).__name__}"
        )
    model = _validating_function(python_model)
    return _Source(model, pickle_model(model, "the model", _PICKLE_ADVICE), None)


def _code_source(file: Path) -> _Source:
    file = file.expanduser().absolute()
    if not file.is_file() or file.suffix != ".py":
        raise HintsigException(
            f"A models-from-code python_model must be an existing .py file; got {file}"
        )
    return _Source(model_from_code(file), None, file)


def _validating_function(python_model: Any) -> Any:
    """A plain function with type hints is decorated with `@pyfunc`, so its calls validate."""
    from hintsig.pyfunc._python_model import PythonModel
    from hintsig.pyfunc.utils import is_pyfunc, wrap_predict

    if isinstance(python_model, PythonModel) or is_pyfunc(python_model):
        return python_model
    return wrap_predict(python_model)


_PICKLE_ADVICE = (
    "save it as models-from-code instead: a .py file that builds the model and calls "
    "hintsig.models.set_model"
)


def pickle_model(model: object, what: str, advice: str) -> bytes:
    """`model` as cloudpickle bytes; a `HintsigException` naming `what` and giving `advice`
    when it cannot be pickled (the pickling error is chained)."""
    import cloudpickle

    try:
        data: bytes = cloudpickle.dumps(model)
    except Exception as exc:
        raise HintsigException(
            f"Cannot pickle {what} ({exc.__class__.__name__}); {advice}"
        ) from exc
    return data


def unpickle_model(data: bytes, what: str, advice: str) -> Any:
    """The object in cloudpickle `data`; a `HintsigException` saying that `what` (capitalised)
    pickles but does not unpickle, with `advice`, when it fails (the error is chained)."""
    import cloudpickle

    try:
        return cloudpickle.loads(data)
    except Exception as exc:
        raise HintsigException(
            f"{what} pickles but does not unpickle ({exc.__class__.__name__}); {advice}"
        ) from exc


def _predict_hints(model: Any) -> PredictHints | None:
    from hintsig.types.type_hints import get_predict_hints

    return get_predict_hints(model)


def _store_model(
    staging: Path, source: _Source, code_paths: Sequence[str | os.PathLike[str]] | None
) -> dict[str, Any]:
    """Write the model (and its code paths); return the python_function flavor entry."""
    flavor: dict[str, Any] = {
        "loader_module": LOADER_MODULE,
        "python_version": platform.python_version(),
        "code": copy_code_paths(staging, code_paths),
        "streamable": _is_streamable(source.model),
    }
    if source.code_file is not None:
        shutil.copy2(source.code_file, staging / source.code_file.name)
        flavor["model_code_path"] = source.code_file.name
    else:
        import cloudpickle

        assert source.pickled is not None
        (staging / PICKLE_FILE).write_bytes(source.pickled)
        flavor["python_model"] = PICKLE_FILE
        flavor["cloudpickle_version"] = cloudpickle.__version__
    return flavor


def _is_streamable(model: Any) -> bool:
    from hintsig.pyfunc._python_model import PythonModel

    if not isinstance(model, PythonModel):
        return False
    return ModelCaller(model, None).streamable


def copy_code_paths(
    staging: Path, code_paths: Sequence[str | os.PathLike[str]] | None
) -> str | None:
    """Copy `code_paths` (files or directories) under `code/` in `staging`; return the
    flavor's `code` entry (None when there are none)."""
    if not code_paths:
        return None
    if isinstance(code_paths, (str, os.PathLike)):
        raise HintsigException("code_paths must be a list of paths, not a single path")
    code_dir = staging / CODE_DIR
    code_dir.mkdir()
    for entry in code_paths:
        source = Path(entry).expanduser()
        destination = code_dir / source.name
        if not source.exists():
            raise HintsigException(f"A code path does not exist: {source}")
        if destination.exists():
            raise HintsigException(f"Two code paths have the same name: {source.name!r}")
        if source.is_dir():
            shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination)
    return CODE_DIR


def _run_example(
    flavor: ModelFlavor, meta: Model, example: Any, params: dict[str, Any] | None
) -> Any:
    """The model's output on the input example, predicted as the loaded model will predict
    (the same schema enforcement or type-hint validation), by a fresh copy of what is saved."""
    loaded = PyFuncModel(meta, flavor.loaded(), input_example=example)
    try:
        return loaded.predict(example, params)
    except DataValidationError as exc:
        against = "type hints" if loaded.validated_by_hints else "signature"
        raise HintsigException(
            f"The input example does not fit the model's {against}: {exc.message}"
        ) from exc
    except HintsigException:
        raise
    except Exception as exc:
        raise HintsigException(
            f"The model failed on the input example: {exc.__class__.__name__} "
            "(see the chained exception)"
        ) from exc


def _fresh_copy(source: _Source) -> Any:
    """What loading will see: a copy unpickled from the saved bytes (or the code's model)."""
    if source.pickled is None:
        return source.model
    return unpickle_model(
        source.pickled,
        "The model",
        "save it as models-from-code instead (see the chained exception)",
    )


def _utc_now() -> str:
    return str(_dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None))


def _checked_metadata(metadata: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if metadata is None:
        return None
    if not isinstance(metadata, Mapping) or not all(isinstance(k, str) for k in metadata):
        raise HintsigException("metadata must be a dict with string keys")
    try:
        yaml.safe_dump(dict(metadata))
    except yaml.YAMLError:
        raise HintsigException(
            "metadata must hold plain values (str, int, float, bool, None, lists and dicts) "
            "to be written to the MLmodel file"
        ) from None
    return dict(metadata)


def _write_requirements(
    staging: Path,
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None,
    defaults: list[str],
) -> None:
    lines = _requirement_lines(pip_requirements, defaults)
    (staging / REQUIREMENTS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _requirement_lines(
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None, defaults: list[str]
) -> list[str]:
    if pip_requirements is None:
        return [f"hintsig=={hintsig.__version__}", *defaults]
    if isinstance(pip_requirements, (str, os.PathLike)):
        file = Path(pip_requirements)
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise HintsigException(
                f"Cannot read the requirements file {file}: {exc.__class__.__name__}"
            ) from exc
        return [line.strip() for line in text.splitlines() if line.strip()]
    if not all(isinstance(line, str) for line in pip_requirements):
        raise HintsigException("pip_requirements must be a list of strings or a file path")
    return [line.strip() for line in pip_requirements if line.strip()]


# ----------------------------------------------------------------------------- signature


@dataclass(frozen=True)
class _SignatureChoice:
    """The signature to store before the example runs, and where it came from."""

    signature: ModelSignature | None
    from_hints: bool
    infer_outputs: bool  # fill the output schema from the model's output on the example


def _choose_signature(
    explicit: ModelSignature | None,
    hints: PredictHints | None,
    has_example: bool,
    example: Any,
    params: dict[str, Any] | None,
) -> _SignatureChoice:
    """Explicit signature, else the type hints, else inference from the input example."""
    if hints is not None and hints.type_from_example and not has_example:
        raise HintsigException(
            "A model whose input hint is TypeFromExample needs an input_example: "
            "its input type is taken from the example"
        )
    hinted = None if hints is None or hints.type_from_example else hints.input_schema
    if hinted is not None:
        assert hints is not None
        signature = _hinted_signature(explicit, hinted, hints.output_schema, params)
        return _SignatureChoice(signature, True, signature.outputs is None)
    if explicit is not None:
        return _SignatureChoice(explicit, False, False)
    if not has_example:
        return _SignatureChoice(None, False, False)
    outputs = hints.output_schema if hints is not None else None
    signature = ModelSignature(_infer_input_schema(example), outputs, _infer_params(params))
    return _SignatureChoice(signature, False, outputs is None)


def _hinted_signature(
    explicit: ModelSignature | None,
    hinted: Schema,
    hinted_outputs: Schema | None,
    params: dict[str, Any] | None,
) -> ModelSignature:
    if explicit is None:
        return ModelSignature(hinted, hinted_outputs, _infer_params(params))
    agrees = explicit.inputs == hinted and (
        hinted_outputs is None or explicit.outputs == hinted_outputs
    )
    if agrees:
        return explicit
    warnings.warn(
        "The signature passed to save_model differs from the one the model's type hints "
        f"give; the type hints win (inputs: {hinted}"
        + (f", outputs: {hinted_outputs}" if hinted_outputs is not None else "")
        + "). Do not pass signature= for a type-hinted model.",
        UserWarning,
        stacklevel=6,
    )
    return ModelSignature(
        hinted, hinted_outputs or explicit.outputs, explicit.params or _infer_params(params)
    )


def _with_outputs(choice: _SignatureChoice, output: Any) -> ModelSignature | None:
    signature = choice.signature
    if signature is None or not choice.infer_outputs:
        return signature
    outputs = _infer_output_schema(_rows_as_column(output, signature.inputs))
    return ModelSignature(signature.inputs, outputs, signature.params)


def _rows_as_column(output: Any, inputs: Schema | None) -> Any:
    """A 1-D array predicted from columns holds one value per row: a column, as MLflow infers
    it (`[{"type": "long"}]` for a classifier's labels, not a tensor)."""
    np = sys.modules.get("numpy")
    if np is None or not isinstance(output, np.ndarray) or output.ndim != 1:
        return output
    if inputs is None or inputs.is_tensor_spec():
        return output
    import pandas as pd

    return pd.Series(output)


def _infer_input_schema(example: Any) -> Schema:
    from hintsig.models._infer import infer_schema

    try:
        return infer_schema(example)
    except HintsigException as exc:
        raise HintsigException(
            f"Cannot infer the input schema from the input example: {exc.message} "
            "(pass signature= to give it explicitly)"
        ) from exc


def _infer_output_schema(output: Any) -> Schema | None:
    if output is None:
        return None
    from hintsig.models._infer import infer_schema

    try:
        return infer_schema(output)
    except HintsigException as exc:
        _logger.warning(
            "No output schema: the model's output on the input example has no schema "
            "(%s). Pass signature= to give one.",
            exc.message,
        )
        return None


def _infer_params(params: dict[str, Any] | None) -> ParamSchema | None:
    if params is None:
        return None
    from hintsig.models._infer import infer_param_schema

    return infer_param_schema(params)
