"""Models for the hardening tests, saved from the serving tests' model-code files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import hintsig.pyfunc

MODEL_CODE = Path(__file__).parent.parent / "serving" / "model_code"


def frame_model(root: Path) -> Path:
    """A DataFrame model (columns x: double, name: string; param scale) saved under `root`."""
    path = root / "frame"
    if not path.exists():
        example = (pd.DataFrame({"x": [1.5, 2.0], "name": ["a", "b"]}), {"scale": 2.0})
        hintsig.pyfunc.save_model(path, python_model=MODEL_CODE / "frame.py", input_example=example)
    return path
