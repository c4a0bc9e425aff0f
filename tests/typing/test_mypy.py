"""`mypy --strict` accepts hintsig's typed examples and the typing contract file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_typed_files_pass_mypy_strict() -> None:
    files = [
        Path(__file__).with_name("pyfunc_typing.py"),
        *sorted((ROOT / "examples").glob("*.py")),
    ]
    # Errors in hintsig's own modules are `make lint`'s business, not this test's.
    command = [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent"]
    result = subprocess.run(
        [*command, *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"no issues found in {len(files)} source files" in result.stdout
