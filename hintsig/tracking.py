"""Runs and logged models in a local tracking directory.

`with hintsig.start_run() as run:` opens a run; `hintsig.pyfunc.log_model(name=...)` inside it
stores the model in the tracking directory and links it to the run. The directory is
`HINTSIG_TRACKING_DIR` (default `./hintsig-runs`), laid out as::

    runs/<run_id>/meta.json            run id, name, start and end time, status
    runs/<run_id>/models/<name>.json   {"model_id": ...}: the model logged under that name
    models/<model_id>/meta.json        model id, name, run id, creation time
    models/<model_id>/artifacts/       the model directory (MLmodel, python_model.pkl, ...)

So `runs:/<run_id>/<name>` and `models:/<model_id>` both lead to one model directory.
Every file is written to a temporary sibling first and renamed into place.
"""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hintsig._files import write_text_atomic
from hintsig.exceptions import HintsigException

__all__ = [
    "DEFAULT_TRACKING_DIR",
    "TRACKING_DIR_ENV",
    "Run",
    "RunInfo",
    "active_run",
    "check_model_name",
    "get_registry_uri",
    "get_tracking_uri",
    "last_active_run",
    "model_artifacts_dir",
    "new_model_id",
    "record_logged_model",
    "run_model_id",
    "set_registry_uri",
    "set_tracking_uri",
    "start_run",
    "tracking_dir",
]

TRACKING_DIR_ENV = "HINTSIG_TRACKING_DIR"
DEFAULT_TRACKING_DIR = "hintsig-runs"

_NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*\Z")
_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*\Z")


def tracking_dir() -> Path:
    """The absolute tracking directory: `HINTSIG_TRACKING_DIR`, else `./hintsig-runs`."""
    configured = os.environ.get(TRACKING_DIR_ENV) or DEFAULT_TRACKING_DIR
    return Path(configured).expanduser().absolute()


@dataclass(frozen=True)
class RunInfo:
    """What identifies a run."""

    run_id: str
    run_name: str | None
    start_time: int
    artifact_uri: str


@dataclass(frozen=True)
class Run:
    """A run, as `start_run()` yields it (`run.info.run_id`, as in MLflow)."""

    info: RunInfo


_ACTIVE_RUN: ContextVar[Run | None] = ContextVar("hintsig_active_run", default=None)
_LAST_RUN: list[Run] = []  # the run that ended last in this process (MLflow's last_active_run)
_REGISTRY_URI_ENV = "HINTSIG_REGISTRY_URI"


def set_tracking_uri(uri: str | os.PathLike[str]) -> None:
    """Choose where runs and logged models are stored: a local path or a `file:` URI."""
    text = os.fspath(uri)
    if text.startswith("file:"):
        from urllib.parse import unquote, urlparse

        parsed = urlparse(text)
        text = unquote(parsed.path if parsed.netloc in ("", "localhost") else text[5:])
    elif "://" in text:
        raise HintsigException(
            f"Unsupported tracking URI scheme in {text!r}: use a local path or a file: URI"
        )
    os.environ[TRACKING_DIR_ENV] = text


def get_tracking_uri() -> str:
    """The tracking location, as a `file:` URI of the tracking directory."""
    return tracking_dir().as_uri()


def set_registry_uri(uri: str | os.PathLike[str]) -> None:
    """Choose the registry database (`sqlite:///path.db` or a file path), as MLflow does."""
    os.environ[_REGISTRY_URI_ENV] = os.fspath(uri)


def get_registry_uri() -> str:
    """The registry URI in use: the one set, else the `registry.db` of the tracking directory."""
    configured = os.environ.get(_REGISTRY_URI_ENV)
    if configured:
        return configured
    return "sqlite:///" + (tracking_dir() / "registry.db").as_posix()


def last_active_run() -> Run | None:
    """The active run, else the run that ended most recently in this process."""
    return active_run() or (_LAST_RUN[-1] if _LAST_RUN else None)


def active_run() -> Run | None:
    """The run opened by the innermost `start_run()` of this context, or None."""
    return _ACTIVE_RUN.get()


@contextmanager
def start_run(*, run_name: str | None = None, nested: bool = False) -> Iterator[Run]:
    """Open a run for the `with` block; models logged inside it belong to it.

    A run inside another needs `nested=True` (as in MLflow). The run's status is
    `FINISHED` when the block ends normally and `FAILED` when it raises.
    """
    if active_run() is not None and not nested:
        raise HintsigException(
            "A run is already active; end it first or pass nested=True to start_run()"
        )
    run_id = uuid.uuid4().hex
    run_dir = _run_dir(run_id)
    start = _now_ms()
    run = Run(RunInfo(run_id, run_name, start, (run_dir / "artifacts").as_uri()))
    meta: dict[str, Any] = {
        "run_id": run_id,
        "run_name": run_name,
        "start_time": start,
        "end_time": None,
        "status": "RUNNING",
    }
    _write_json(run_dir / "meta.json", meta)
    token = _ACTIVE_RUN.set(run)
    status = "FAILED"
    try:
        yield run
        status = "FINISHED"
    finally:
        _ACTIVE_RUN.reset(token)
        _LAST_RUN[:] = [run]
        _write_json(run_dir / "meta.json", {**meta, "end_time": _now_ms(), "status": status})


def new_model_id() -> str:
    """A fresh logged-model id, in MLflow's form (`m-` and 32 hex digits)."""
    return f"m-{uuid.uuid4().hex}"


def model_artifacts_dir(model_id: str) -> Path:
    """Where the model directory of logged model `model_id` lives."""
    return _model_dir(model_id) / "artifacts"


def record_logged_model(model_id: str, name: str, run: Run | None) -> None:
    """Write the model's own record and, inside a run, the run's pointer to it."""
    _write_json(
        _model_dir(model_id) / "meta.json",
        {
            "model_id": model_id,
            "name": name,
            "run_id": run.info.run_id if run is not None else None,
            "creation_time": _now_ms(),
        },
    )
    if run is not None:
        _write_json(_run_dir(run.info.run_id) / "models" / f"{name}.json", {"model_id": model_id})


def run_model_id(run_id: str, name: str) -> str:
    """The id of the model logged as `name` in run `run_id`; a clear error when there is none."""
    run_dir = _run_dir(run_id)
    check_model_name(name)
    if not run_dir.is_dir():
        raise HintsigException(f"No run {run_id!r} in the tracking directory {tracking_dir()}")
    pointer = run_dir / "models" / f"{name}.json"
    try:
        data = json.loads(pointer.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HintsigException(f"Run {run_id!r} has no model logged as {name!r}") from None
    except (OSError, ValueError) as exc:
        raise HintsigException(f"Cannot read {pointer}: {exc.__class__.__name__}") from exc
    model_id = data.get("model_id") if isinstance(data, dict) else None
    if not isinstance(model_id, str):
        raise HintsigException(f"Corrupt model pointer {pointer}: no 'model_id' string")
    return model_id


def check_model_name(name: object) -> str:
    """A model name is one path segment: letters, digits, `_`, `.` and `-`."""
    if not isinstance(name, str) or not _NAME_PATTERN.fullmatch(name):
        raise HintsigException(
            f"Invalid model name {name!r}: use letters, digits, '_', '.' and '-', "
            "starting with a letter or digit"
        )
    return name


def _check_id(value: str, what: str) -> None:
    if not _ID_PATTERN.fullmatch(value):
        raise HintsigException(f"Invalid {what} {value!r}")


def _run_dir(run_id: str) -> Path:
    _check_id(run_id, "run id")
    return tracking_dir() / "runs" / run_id


def _model_dir(model_id: str) -> Path:
    _check_id(model_id, "model id")
    return tracking_dir() / "models" / model_id


def _now_ms() -> int:
    return int(time.time() * 1000)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write `data` to `path` atomically (a temporary sibling renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps(data, indent=2))
