"""Write MLflow's outcomes for the corpus to goldens.json (run with MLflow's own interpreter).

    /tmp/mlflow-venv/bin/python tools/compat/make_goldens.py

MLflow is never a dependency of hintsig: this script runs outside the project's venv, in a
scratch venv where MLflow 3.x is installed, and the JSON it writes is committed.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("MLFLOW_TRACKING_URI", f"file:{HERE / '.mlruns-scratch'}")
logging.getLogger("mlflow").setLevel(logging.WARNING)

from cases import CASES  # noqa: E402
from engine import run_cases  # noqa: E402


def main() -> None:
    import mlflow

    outcomes = run_cases(CASES, "mlflow")
    out = {"mlflow_version": mlflow.__version__, "cases": outcomes}
    (HERE / "goldens.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(f"{len(outcomes)} cases written to {HERE / 'goldens.json'}")


if __name__ == "__main__":
    main()
