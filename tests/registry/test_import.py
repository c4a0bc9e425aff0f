"""The registry client and its command line load neither numpy nor pandas."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
import {module}
print(json.dumps(sorted(m for m in ("numpy", "pandas", "starlette") if m in sys.modules)))
"""


@pytest.mark.parametrize("module", ["hintsig.client", "hintsig.cli._registry"])
def test_registry_imports_are_light(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == []
