"""Reading a saved scikit-learn model, and its `python_function` loader.

The `MLmodel` file of a model saved by `hintsig_sklearn` has two flavors:

- `sklearn`: `pickled_model` (the estimator, with cloudpickle), `sklearn_version`,
  `serialization_format`, `code`; the keys MLflow's own `sklearn` flavor uses, so
  `mlflow.sklearn.load_model` reads the estimator too. `load_estimator` reads this flavor,
  also when MLflow wrote it (in the `cloudpickle` or `pickle` format).
- `python_function`: `loader_module` names this module, whose `_load_pyfunc(path)` gives an
  `SklearnPredictor`; `hintsig.pyfunc.load_model` (and `mlflow.pyfunc.load_model`, wherever
  hintsig is installed) wrap it in a model that enforces the signature on every call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal, get_args

from hintsig.exceptions import HintsigException
from hintsig.models.model import MLMODEL_FILE, PYFUNC_FLAVOR, Model
from hintsig.pyfunc._python_function import add_code_dir, read_pickle

__all__ = [
    "FLAVOR_NAME",
    "LOADER_MODULE",
    "MODEL_FILE",
    "PREDICT_METHODS",
    "PredictMethod",
    "SklearnPredictor",
    "load_estimator",
    "predict_method",
]

_logger = logging.getLogger(__name__)

FLAVOR_NAME = "sklearn"
LOADER_MODULE = "hintsig_sklearn._loader"
MODEL_FILE = "model.pkl"
#: The estimator methods a saved model may predict with (`pyfunc_predict_fn`).
PredictMethod = Literal["predict", "predict_proba", "predict_log_proba", "decision_function"]
PREDICT_METHODS: tuple[str, ...] = get_args(PredictMethod)
_PICKLE_FORMATS = ("cloudpickle", "pickle")


class SklearnPredictor:
    """An estimator as a python model: `predict(data, params=None)` calls one of its methods.

    The method is `predict` unless the model was saved with another `pyfunc_predict_fn`.
    Estimators take no params: any given are ignored.
    """

    def __init__(self, estimator: Any, method: str = "predict") -> None:
        self.estimator = estimator
        self._method = predict_method(estimator, method)

    def __repr__(self) -> str:
        return f"<SklearnPredictor {type(self.estimator).__name__}.{self._method.__name__}>"

    def predict(self, model_input: Any, params: Mapping[str, Any] | None = None) -> Any:
        return self._method(model_input)


def predict_method(estimator: Any, method: str) -> Callable[[Any], Any]:
    """The estimator's bound `method`, which must be one of `PREDICT_METHODS`."""
    if method not in PREDICT_METHODS:
        raise HintsigException(
            f"pyfunc_predict_fn must be one of {', '.join(PREDICT_METHODS)}; got {method!r}"
        )
    bound = getattr(estimator, method, None)
    if not callable(bound):
        raise HintsigException(f"The estimator {type(estimator).__name__} has no {method}() method")
    predict: Callable[[Any], Any] = bound
    return predict


def load_estimator(directory: Path, meta: Model) -> Any:
    """The estimator of the model in `directory`, read as its `sklearn` flavor says."""
    conf = meta.flavors.get(FLAVOR_NAME)
    if not isinstance(conf, Mapping):
        found = ", ".join(sorted(meta.flavors)) or "none"
        raise HintsigException(
            f"The model in {directory} has no {FLAVOR_NAME!r} flavor (its flavors: {found}); "
            "load it with hintsig.pyfunc.load_model"
        )
    file_format = conf.get("serialization_format", "cloudpickle")
    if file_format not in _PICKLE_FORMATS:
        raise HintsigException(
            f"Cannot load the model in {directory}: its estimator is stored in the "
            f"{file_format!r} format; hintsig reads {' and '.join(_PICKLE_FORMATS)}"
        )
    pickled = conf.get("pickled_model")
    if not isinstance(pickled, str) or not pickled:
        raise HintsigException(
            f"Corrupt MLmodel file {directory / MLMODEL_FILE}: the {FLAVOR_NAME} flavor names "
            "no 'pickled_model' file"
        )
    _check_version(conf.get("sklearn_version"))
    add_code_dir(directory, conf)
    return read_pickle(directory / pickled)


def _check_version(saved: Any) -> None:
    import sklearn

    if saved is not None and str(saved) != sklearn.__version__:
        _logger.warning(
            "The model was saved with scikit-learn %s and is loaded with %s: it may not load "
            "or predict the same",
            saved,
            sklearn.__version__,
        )


def _load_pyfunc(path: str) -> SklearnPredictor:
    """The loader hook of the `python_function` flavor: the model directory in, the model out."""
    directory = Path(path)
    meta = Model.load(directory)
    conf = meta.flavors.get(PYFUNC_FLAVOR)
    method = conf.get("predict_fn") if isinstance(conf, Mapping) else None
    return SklearnPredictor(load_estimator(directory, meta), str(method or "predict"))
