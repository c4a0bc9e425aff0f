"""Saved models for the serving tests.

The models are models-from-code files (`model_code/`), so a server in another process
loads them without unpickling test classes. Each is saved once per session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import hintsig.pyfunc

MODEL_CODE = Path(__file__).parent / "model_code"

#: name -> the input example it is saved with.
EXAMPLES: dict[str, Callable[[], Any]] = {
    "chat": lambda: [{"role": "user", "content": "Hello"}],
    "events": lambda: [
        {"when": dt.datetime(2024, 5, 1, 12, 30), "attachment": {"name": "a.txt", "data": b"abc"}}
    ],
    "fragile": lambda: [1.0, 2.0],
    "tensor": lambda: np.array([[1.0, 2.0], [3.0, 4.5]], dtype=np.float32),
    "frame": lambda: (pd.DataFrame({"x": [1.5, 2.0], "name": ["a", "b"]}), {"scale": 2.0}),
}


@pytest.fixture(scope="session")
def saved_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> the directory the model is saved in."""
    root = tmp_path_factory.mktemp("serving-models")
    paths = {}
    for name, example in EXAMPLES.items():
        hintsig.pyfunc.save_model(
            root / name, python_model=MODEL_CODE / f"{name}.py", input_example=example()
        )
        paths[name] = root / name
    return paths
