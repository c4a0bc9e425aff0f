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

import logging
import os
import platform
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hintsig._files import copy_tree, write_bytes
from hintsig.exceptions import HintsigException
from hintsig.models._uri import resolve_model_uri
from hintsig.models.model import PYFUNC_FLAVOR, Model, ModelInfo, model_from_code
from hintsig.pyfunc._impl import ModelCaller
from hintsig.pyfunc._python_function import (
    CODE_DIR,
    LOADER_MODULE,
    PICKLE_FILE,
    new_context,
    run_load_context,
)
from hintsig.types.schema import ModelSignature

if TYPE_CHECKING:
    from hintsig.types.type_hints import PredictHints
from hintsig.pyfunc._mlmodel import REQUIREMENTS_FILE as REQUIREMENTS_FILE
from hintsig.pyfunc._mlmodel import ModelFlavor as ModelFlavor
from hintsig.pyfunc._mlmodel import _check_target as _check_target
from hintsig.pyfunc._mlmodel import _checked_metadata as _checked_metadata
from hintsig.pyfunc._mlmodel import _choose_signature as _choose_signature
from hintsig.pyfunc._mlmodel import _commit as _commit
from hintsig.pyfunc._mlmodel import _hinted_signature as _hinted_signature
from hintsig.pyfunc._mlmodel import _infer_input_schema as _infer_input_schema
from hintsig.pyfunc._mlmodel import _infer_output_schema as _infer_output_schema
from hintsig.pyfunc._mlmodel import _infer_params as _infer_params
from hintsig.pyfunc._mlmodel import _make_parents as _make_parents
from hintsig.pyfunc._mlmodel import _Request as _Request
from hintsig.pyfunc._mlmodel import _requirement_lines as _requirement_lines
from hintsig.pyfunc._mlmodel import _rows_as_column as _rows_as_column
from hintsig.pyfunc._mlmodel import _run_example as _run_example
from hintsig.pyfunc._mlmodel import _SignatureChoice as _SignatureChoice
from hintsig.pyfunc._mlmodel import _staging_dir as _staging_dir
from hintsig.pyfunc._mlmodel import _utc_now as _utc_now
from hintsig.pyfunc._mlmodel import _with_outputs as _with_outputs
from hintsig.pyfunc._mlmodel import _write_model as _write_model
from hintsig.pyfunc._mlmodel import _write_requirements as _write_requirements
from hintsig.pyfunc._read import _MLFLOW_LAYOUTS as _MLFLOW_LAYOUTS
from hintsig.pyfunc._read import _plugin_loader as _plugin_loader
from hintsig.pyfunc._read import _pyfunc_conf as _pyfunc_conf
from hintsig.pyfunc._read import load_model as load_model

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
        write_bytes(staging / PICKLE_FILE, source.pickled, label="saving the model")
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
            copy_tree(
                source,
                destination,
                label=f"copying {source.name}",
                ignore=shutil.ignore_patterns("__pycache__"),
            )
        else:
            shutil.copy2(source, destination)
    return CODE_DIR


def _fresh_copy(source: _Source) -> Any:
    """What loading will see: a copy unpickled from the saved bytes (or the code's model)."""
    if source.pickled is None:
        return source.model
    return unpickle_model(
        source.pickled,
        "The model",
        "save it as models-from-code instead (see the chained exception)",
    )
