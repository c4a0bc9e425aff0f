"""examples/registry_flow.py runs, and writes nothing outside its temporary directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parents[2] / "examples" / "registry_flow.py"


def test_registry_flow_example(tmp_path: Path) -> None:
    outside = tmp_path / "outside-tracking-dir"
    env = {**os.environ, "HINTSIG_TRACKING_DIR": str(outside)}
    env.pop("HINTSIG_REGISTRY_URI", None)
    result = subprocess.run(
        [sys.executable, str(EXAMPLE)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "version 1: signature None"
    assert lines[1].startswith("version 2: signature inputs [")
    assert lines[2].startswith("refused: This registry requires every model version to have")
    assert "input_example=" in lines[2] and "set_signature" in lines[2]
    assert list(tmp_path.iterdir()) == []  # nothing in the working directory
    assert not (EXAMPLE.parent / "hintsig-runs").exists()
