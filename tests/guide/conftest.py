"""Fixtures for the seed guide's snippets: a private tracking directory and the iris data.

Where a snippet uses a name the guide never defines (`X_train`, `model`, `X_test`, ...),
these are the smallest realistic stand-ins: scikit-learn's iris data and a random forest
trained on it.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import hintsig


@pytest.fixture(autouse=True)
def tracking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every snippet logs into a tracking directory of its own (`set_tracking_uri`)."""
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(tmp_path / "unset"))
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    monkeypatch.chdir(tmp_path)
    hintsig.set_tracking_uri(tmp_path / "mlruns")
    return tmp_path / "mlruns"


@pytest.fixture(scope="session")
def iris_split() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series]:
    """`X_train, X_test, y_train, y_test` from the iris data (a fixed split)."""
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split

    iris = load_iris(as_frame=True)
    X_train, X_test, y_train, y_test = train_test_split(
        iris.data, iris.target, test_size=0.2, random_state=0
    )
    return X_train, X_test, y_train, y_test


@pytest.fixture(scope="session")
def X_train(iris_split: tuple[Any, ...]) -> pd.DataFrame:
    return iris_split[0]  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def X_test(iris_split: tuple[Any, ...]) -> pd.DataFrame:
    return iris_split[1]  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def y_train(iris_split: tuple[Any, ...]) -> pd.Series:
    return iris_split[2]  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def model(X_train: pd.DataFrame, y_train: pd.Series) -> Any:
    """A trained scikit-learn classifier (the guide's `model`)."""
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(n_estimators=10, random_state=0).fit(X_train, y_train)


@pytest.fixture
def warned(caplog: pytest.LogCaptureFixture) -> Callable[[str], AbstractContextManager[None]]:
    """`with warned("text"):` asserts the block warns with `text` in the message, as a Python
    warning or a logged WARNING (MLflow uses both; which one is not part of the contract)."""

    @contextlib.contextmanager
    def check(text: str) -> Iterator[None]:
        caplog.clear()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
        messages = [str(w.message) for w in caught]
        messages += [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert any(text in m for m in messages), f"no warning about {text!r} in {messages}"

    return check
