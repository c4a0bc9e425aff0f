"""Fixtures shared by the whole test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

#: Fixture files (signatures written by MLflow, ...), read by several test modules.
DATA_DIR = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    """The `tests/data` folder."""
    return DATA_DIR
