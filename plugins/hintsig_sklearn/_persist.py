"""`save_model`, `log_model` and `load_model` for scikit-learn estimators.

Saving goes through hintsig's own saving machinery (`hintsig.pyfunc._persist.save_flavor`),
so a scikit-learn model is written like a python model: atomically, with `MLmodel`,
`input_example.json`, `serving_input_example.json` and `requirements.txt`. Only the model
file and the flavors differ (see `hintsig_sklearn._loader`).

The signature is `signature=` when given; else, with an `input_example`, the input schema is
inferred from the example and the output schema from the estimator's predictions on it (a
classifier's 1-D labels give one column, as in MLflow). The example is predicted by a copy of
the estimator unpickled from the bytes being saved, through the same schema enforcement as
the loaded model, so a model that saves is known to load and predict.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import HintsigException
from hintsig.models._uri import resolve_model_uri
from hintsig.models.model import PYFUNC_FLAVOR, Model, ModelInfo
from hintsig.pyfunc._persist import (
    copy_code_paths,
    log_flavor,
    pickle_model,
    save_flavor,
    unpickle_model,
)
from hintsig.types.schema import ModelSignature
from hintsig_sklearn._loader import (
    FLAVOR_NAME,
    LOADER_MODULE,
    MODEL_FILE,
    PredictMethod,
    SklearnPredictor,
    load_estimator,
    predict_method,
)

if TYPE_CHECKING:
    from hintsig.types.type_hints import PredictHints

__all__ = ["load_model", "log_model", "save_model"]

_SERIALIZATION_FORMAT = "cloudpickle"


def save_model(
    sk_model: object,
    path: str | os.PathLike[str],
    input_example: Any = None,
    signature: ModelSignature | None = None,
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    *,
    code_paths: Sequence[str | os.PathLike[str]] | None = None,
    pyfunc_predict_fn: PredictMethod = "predict",
    overwrite: bool = False,
) -> ModelInfo:
    """Save a scikit-learn estimator to the directory `path`, with its signature.

    `input_example` (a DataFrame, an array, ...) gives the signature when `signature` is not
    given. `pyfunc_predict_fn` is the estimator method the loaded python model calls
    (`predict`, `predict_proba`, `predict_log_proba` or `decision_function`). `code_paths`
    are files or directories copied under `code/` and put on `sys.path` before the estimator
    is unpickled (the modules of custom transformers). An existing non-empty `path` is an
    error unless `overwrite=True`.
    """
    flavor = _SklearnFlavor.create(sk_model, pyfunc_predict_fn, code_paths)
    return save_flavor(
        path, flavor, input_example, signature, pip_requirements, metadata, overwrite=overwrite
    )


def log_model(
    sk_model: object,
    name: str | None = None,
    input_example: Any = None,
    signature: ModelSignature | None = None,
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None = None,
    metadata: Mapping[str, Any] | None = None,
    *,
    code_paths: Sequence[str | os.PathLike[str]] | None = None,
    pyfunc_predict_fn: PredictMethod = "predict",
    registered_model_name: str | None = None,
    artifact_path: str | None = None,
) -> ModelInfo:
    """Save a scikit-learn estimator into the tracking directory, linked to the active run.

    As `hintsig.pyfunc.log_model`: the `ModelInfo`'s `model_uri` is `runs:/<run_id>/<name>`
    inside a `start_run()` block; `registered_model_name` also registers it. The other
    arguments are `save_model`'s.
    """
    flavor = _SklearnFlavor.create(sk_model, pyfunc_predict_fn, code_paths)
    return log_flavor(
        name,
        flavor,
        input_example,
        signature,
        pip_requirements,
        metadata,
        registered_model_name=registered_model_name,
        artifact_path=artifact_path,
    )


def load_model(model_uri: str | os.PathLike[str]) -> Any:
    """The estimator of a saved scikit-learn model (any URI form hintsig accepts).

    It is the estimator itself: its `predict` does not check the signature (load the model
    with `hintsig.pyfunc.load_model` for that).
    """
    directory = resolve_model_uri(model_uri)
    return load_estimator(directory, Model.load(directory))


@dataclass(frozen=True)
class _SklearnFlavor:
    """A scikit-learn estimator, as the saving machinery sees it (a `ModelFlavor`)."""

    pickled: bytes
    predict_fn: str
    code_paths: Sequence[str | os.PathLike[str]] | None

    @property
    def hints(self) -> PredictHints | None:
        """None: an estimator's signature comes from `signature=` or its input example."""
        return None

    @classmethod
    def create(
        cls,
        sk_model: object,
        predict_fn: str,
        code_paths: Sequence[str | os.PathLike[str]] | None,
    ) -> _SklearnFlavor:
        if sk_model is None or isinstance(sk_model, type):
            what = "None" if sk_model is None else f"the class {sk_model.__name__}"
            raise HintsigException(f"sk_model must be a scikit-learn estimator, got {what}")
        predict_method(sk_model, predict_fn)
        what = f"the estimator {type(sk_model).__name__}"
        return cls(
            pickle_model(sk_model, what, "see the chained exception"), predict_fn, code_paths
        )

    def store(self, staging: Path) -> dict[str, Any]:
        import sklearn

        (staging / MODEL_FILE).write_bytes(self.pickled)
        code = copy_code_paths(staging, self.code_paths)
        return {
            PYFUNC_FLAVOR: {
                "code": code,
                "loader_module": LOADER_MODULE,
                "model_path": MODEL_FILE,
                "predict_fn": self.predict_fn,
                "python_version": platform.python_version(),
            },
            FLAVOR_NAME: {
                "code": code,
                "pickled_model": MODEL_FILE,
                "serialization_format": _SERIALIZATION_FORMAT,
                "sklearn_version": sklearn.__version__,
            },
        }

    def loaded(self) -> SklearnPredictor:
        estimator = unpickle_model(self.pickled, "The estimator", "see the chained exception")
        return SklearnPredictor(estimator, self.predict_fn)

    def requirements(self) -> list[str]:
        import cloudpickle
        import sklearn

        return [f"cloudpickle=={cloudpickle.__version__}", f"scikit-learn=={sklearn.__version__}"]
