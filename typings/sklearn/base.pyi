from typing import Any

from typing_extensions import Self

__all__ = ["BaseEstimator", "ClassifierMixin"]

class BaseEstimator:
    def get_params(self, deep: bool = True) -> dict[str, Any]: ...
    def set_params(self, **params: Any) -> Self: ...

class ClassifierMixin:
    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float: ...
