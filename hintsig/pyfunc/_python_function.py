"""Reading hintsig's `python_function` flavor: the model, its code paths, its context.

The `MLmodel` file of a hintsig model names `hintsig.pyfunc._loader` (`LOADER_MODULE`) as its
`loader_module`; that module's `_load_pyfunc(path)` loads through `hintsig.pyfunc.load_model`,
which reads the flavor with the functions here.

The flavor stores the model either as `python_model.pkl` (cloudpickle) or, for
models-from-code, as the source file (`model_code_path`), which is run on load: nothing is
unpickled then. Files listed in `code_paths` when saving are copied under `code/`, which is put
on `sys.path` before the model is read.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hintsig.exceptions import HintsigException
from hintsig.pyfunc._impl import ModelCaller

__all__ = [
    "CODE_DIR",
    "LOADER_MODULE",
    "PICKLE_FILE",
    "add_code_dir",
    "load_python_function",
    "new_context",
    "read_pickle",
    "run_load_context",
]

LOADER_MODULE = "hintsig.pyfunc._loader"
PICKLE_FILE = "python_model.pkl"
CODE_DIR = "code"


def new_context() -> Any:
    """The context handed to `load_context` and to a `predict` that takes one."""
    from hintsig.pyfunc._python_model import PythonModelContext

    return PythonModelContext(artifacts={}, model_config={})


def load_python_function(directory: Path, conf: Mapping[str, Any]) -> ModelCaller:
    """Read the python model of a hintsig `python_function` flavor and prepare its calls."""
    from hintsig.pyfunc._python_model import PythonModel

    add_code_dir(directory, conf)
    python_model = _read_python_model(directory, conf)
    context = new_context()
    if isinstance(python_model, PythonModel):
        run_load_context(python_model, context)
    return ModelCaller(python_model, context)


def run_load_context(python_model: Any, context: Any) -> None:
    """Call the model's `load_context`, naming it in the error when it fails."""
    try:
        python_model.load_context(context)
    except HintsigException:
        raise
    except Exception as exc:
        raise HintsigException(
            f"The model's load_context() failed: {exc.__class__.__name__} "
            "(see the chained exception)"
        ) from exc


def add_code_dir(directory: Path, conf: Mapping[str, Any]) -> None:
    """Put the model's `code/` directory (its saved `code_paths`) on `sys.path`."""
    code = conf.get("code")
    if not code:
        return
    code_dir = str(directory / str(code))
    if code_dir not in sys.path:
        sys.path.insert(0, code_dir)


def _read_python_model(directory: Path, conf: Mapping[str, Any]) -> Any:
    from hintsig.models.model import MLMODEL_FILE, model_from_code

    if conf.get("model_code_path"):
        return model_from_code(directory / str(conf["model_code_path"]))
    if conf.get("python_model"):
        return read_pickle(directory / str(conf["python_model"]))
    raise HintsigException(
        f"Corrupt MLmodel file {directory / MLMODEL_FILE}: the python_function flavor names "
        "neither 'python_model' (a pickled model) nor 'model_code_path' (models-from-code)"
    )


def read_pickle(file: Path) -> Any:
    """The object in a (cloud)pickle file; a missing file, a missing module or a corrupt file
    is a `HintsigException` naming the file."""
    import cloudpickle

    try:
        with file.open("rb") as handle:
            return cloudpickle.load(handle)
    except FileNotFoundError:
        raise HintsigException(f"The model file is missing: {file}") from None
    except ModuleNotFoundError as exc:
        raise HintsigException(
            f"Cannot load the model file {file}: it needs the Python module {exc.name!r}, "
            "which is not installed (add it to code_paths or install it)"
        ) from exc
    except Exception as exc:
        raise HintsigException(
            f"Cannot load the model file {file}: {exc.__class__.__name__} "
            "(the file is corrupt or was written by an incompatible library version)"
        ) from exc
