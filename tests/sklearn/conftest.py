"""Iris data and small fitted estimators for the scikit-learn flavor tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier

import hintsig.sklearn


@pytest.fixture(scope="session")
def iris() -> tuple[pd.DataFrame, pd.Series]:
    data = load_iris(as_frame=True)
    return data.data, data.target


@pytest.fixture(scope="session")
def forest(iris: tuple[pd.DataFrame, pd.Series]) -> RandomForestClassifier:
    X, y = iris
    return RandomForestClassifier(n_estimators=5, random_state=0).fit(X, y)


@pytest.fixture
def saved(
    tmp_path: Path, forest: RandomForestClassifier, iris: tuple[pd.DataFrame, pd.Series]
) -> Path:
    """The forest, saved with the first row of iris as its input example."""
    path = tmp_path / "forest"
    hintsig.sklearn.save_model(forest, path, input_example=iris[0].iloc[[0]])
    return path


@pytest.fixture
def runs_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    runs = tmp_path / "runs"
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(runs))
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    return runs
