"""Reading a saved model: `load_model` for hintsig's flavor, its plugins' and MLflow's
sklearn files.

Part of `hintsig.pyfunc._persist`, which re-exports these names.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import HintsigException
from hintsig.models._uri import resolve_model_uri
from hintsig.models.model import MLMODEL_FILE, PYFUNC_FLAVOR, Model
from hintsig.pyfunc._confine import check_flavor_paths
from hintsig.pyfunc._loaded import PyFuncModel
from hintsig.pyfunc._python_function import (
    LOADER_MODULE,
    load_python_function,
)

if TYPE_CHECKING:
    pass

__all__ = [
    "load_model",
]


def load_model(model_uri: str | os.PathLike[str]) -> PyFuncModel:
    """Load a saved model as a `PyFuncModel` (any URI form hintsig accepts).

    Models saved by hintsig and its plugins load; so do scikit-learn models saved by MLflow
    (`mlflow.sklearn`), whose files the `hintsig.sklearn` plugin reads. Other MLflow models
    are a `HintsigException` saying so.
    """
    directory = resolve_model_uri(model_uri)
    meta = Model.load(directory)
    conf = _pyfunc_conf(meta, directory)
    check_flavor_paths(directory, conf)  # an untrusted directory cannot point outside itself
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
