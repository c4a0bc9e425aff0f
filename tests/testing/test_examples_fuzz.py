"""`hintsig models fuzz` on the models the examples log: each passes its own contract.

The scikit-learn quick start is left out on purpose: fuzzing it finds two real limits of
the RandomForest behind it (an empty batch, which its signature allows, and doubles beyond
float32, which scikit-learn casts to), and a full run takes about a minute.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FUZZ = [sys.executable, "-c", "from hintsig.cli import main; main()", "models", "fuzz"]
LOGGING_EXAMPLES = [
    "hints_deployment.py",
    "hints_legacy.py",
    "hints_quickstart.py",
    "hints_serving.py",
    "hints_type_from_example.py",
]


@pytest.mark.parametrize("script", LOGGING_EXAMPLES)
def test_every_model_an_example_logs_passes_fuzz(script: str, tmp_path: Path) -> None:
    env = {**os.environ, "HINTSIG_TRACKING_DIR": str(tmp_path / "runs")}
    subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    models = sorted(path.parent for path in (tmp_path / "runs").rglob("MLmodel"))
    assert models, f"{script} logged no model"
    for model in models:
        result = subprocess.run(
            [*FUZZ, "-m", str(model), "--examples", "30", "--seed", "0"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        assert result.returncode == 0, f"{script}: {model}\n{result.stdout}\n{result.stderr}"
        assert "examples tried: 30" in result.stdout
