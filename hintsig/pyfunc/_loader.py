"""The loader of hintsig's `python_function` flavor.

The `MLmodel` file of a hintsig model names this module as its `loader_module`, so both
`hintsig.pyfunc.load_model` and `mlflow.pyfunc.load_model` (wherever hintsig is installed)
load the model through `_load_pyfunc(path)`. The flavor itself is read by
`hintsig.pyfunc._python_function`.
"""

from __future__ import annotations

from hintsig.pyfunc._loaded import PyFuncModel
from hintsig.pyfunc._read import load_model

__all__: list[str] = []


def _load_pyfunc(path: str) -> PyFuncModel:
    """MLflow's loader hook: the model directory in, a model with `predict(data, params)` out."""
    return load_model(path)
