"""`hintsig.serving` as a package, and the worker factory `serve()` uses for `--workers`."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from hintsig.exceptions import HintsigException
from hintsig.serving._server import OPTIONS_VARIABLE, app_from_environment

from .helpers import running


def test_importing_the_package_loads_no_server() -> None:
    code = "import sys, hintsig.serving; print(sorted({'starlette', 'uvicorn'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_a_worker_builds_its_app_from_the_environment(
    saved_models: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = {"model_uri": str(saved_models["chat"]), "timeout": 5.0, "max_body_size": 64}
    monkeypatch.setenv(OPTIONS_VARIABLE, json.dumps(options))
    try:
        app = app_from_environment()
    finally:
        gc.unfreeze()  # a worker process freezes what it loaded; this one is pytest's
    with running(app) as url:
        small = httpx.post(
            f"{url}/invocations",
            content=b'{"inputs": [{"role": "a", "content": "b"}]}',
            headers={"Content-Type": "application/json"},
        )
        large = httpx.post(
            f"{url}/invocations",
            content=b'{"inputs": [' + b" " * 100 + b"]}",
            headers={"Content-Type": "application/json"},
        )
    assert small.json() == {"predictions": ["a: b"]}
    assert large.status_code == 413


def test_a_worker_needs_its_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(OPTIONS_VARIABLE, raising=False)
    with pytest.raises(HintsigException, match=f"{OPTIONS_VARIABLE} is not set"):
        app_from_environment()
