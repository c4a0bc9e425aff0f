from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassifierMixin
from typing_extensions import Self

__all__ = ["RandomForestClassifier"]

_X = ArrayLike | pd.DataFrame

class RandomForestClassifier(ClassifierMixin, BaseEstimator):
    classes_: NDArray[Any]
    def __init__(
        self,
        n_estimators: int = 100,
        *,
        max_depth: int | None = None,
        n_jobs: int | None = None,
        random_state: int | None = None,
    ) -> None: ...
    def fit(self, X: _X, y: ArrayLike | pd.Series[Any], sample_weight: Any = None) -> Self: ...
    def predict(self, X: _X) -> NDArray[Any]: ...
    def predict_proba(self, X: _X) -> NDArray[np.float64]: ...
