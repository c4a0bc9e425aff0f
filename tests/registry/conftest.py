"""Registry test fixtures: a private tracking directory and saved models to register."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from hintsig.client import HintsigClient
from hintsig.types.schema import ModelSignature

from .helpers import MakeModel, doubler


@pytest.fixture(autouse=True)
def tracking_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own tracking directory (and so its own registry.db)."""
    runs = tmp_path / "runs"
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(runs))
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    monkeypatch.chdir(tmp_path)
    return runs


@pytest.fixture
def client(tracking_dir: Path) -> HintsigClient:
    return HintsigClient()


@pytest.fixture
def make_model(tmp_path: Path) -> MakeModel:
    """Save a model under `saved/<name>` (`model-1`, `model-2`, ... by default)."""
    counter = itertools.count(1)

    def make(name: str | None = None, signature: ModelSignature | None = None) -> Path:
        from hintsig.pyfunc import save_model

        path = tmp_path / "saved" / (name or f"model-{next(counter)}")
        save_model(path, python_model=doubler(), signature=signature)
        return path

    return make
