"""hintsig's scikit-learn flavor: save, log and load estimators with their signature.

Use it as `hintsig.sklearn` (which checks that scikit-learn is installed):

    with hintsig.start_run():
        info = hintsig.sklearn.log_model(model, name="iris_model", input_example=X.iloc[[0]])
    estimator = hintsig.sklearn.load_model(info.model_uri)  # the estimator itself
    checked = hintsig.pyfunc.load_model(info.model_uri)  # predict() enforces the signature

The saved `MLmodel` has a `sklearn` flavor laid out as MLflow's (so `mlflow.sklearn` reads
it) and a `python_function` flavor whose loader is `hintsig_sklearn._loader`.
"""

from __future__ import annotations

from hintsig_sklearn._loader import FLAVOR_NAME as FLAVOR_NAME
from hintsig_sklearn._persist import load_model as load_model
from hintsig_sklearn._persist import log_model as log_model
from hintsig_sklearn._persist import save_model as save_model

__all__ = ["FLAVOR_NAME", "load_model", "log_model", "save_model"]
