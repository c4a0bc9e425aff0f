"""Flavour paths in an `MLmodel` stay inside the model directory.

A model directory may come from anyone; its `python_function` flavour names files to read
(`python_model`, `model_code_path`, `data`, `code`, `artifacts`) and a module to import
(`loader_module`). An absolute path, a `..` step or a symlink that resolves outside the
directory would make loading read (or import) a file elsewhere, so each is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from hintsig.exceptions import HintsigException

__all__ = ["check_flavor_paths", "inside"]

_PATH_KEYS = ("python_model", "model_code_path", "data", "code")
_MODULE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\Z")


def inside(directory: Path, value: object, what: str) -> Path:
    """`directory / value`, refused unless it is a relative path that stays in `directory`."""
    if not isinstance(value, str) or not value:
        raise HintsigException(f"{what} in MLmodel must be a relative path, got {value!r}")
    posix, windows = PurePosixPath(value), PureWindowsPath(value)
    if posix.is_absolute() or windows.is_absolute() or windows.drive:
        raise HintsigException(
            f"{what} in MLmodel must be a path inside the model directory, not absolute: {value!r}"
        )
    if ".." in posix.parts or ".." in windows.parts:
        raise HintsigException(
            f"{what} in MLmodel must not leave the model directory ('..'): {value!r}"
        )
    root = directory.resolve()
    target = (directory / value).resolve()
    if target != root and root not in target.parents:
        raise HintsigException(
            f"{what} in MLmodel leaves the model directory through a symlink: {value!r}"
        )
    return directory / value


def check_flavor_paths(directory: Path, conf: Mapping[str, Any]) -> None:
    """Refuse a `python_function` flavour whose paths or loader module leave `directory`."""
    loader = conf.get("loader_module")
    if loader is not None and not (isinstance(loader, str) and _MODULE.fullmatch(loader)):
        raise HintsigException(
            f"python_function.loader_module in MLmodel must be a dotted module name, got {loader!r}"
        )
    for key in _PATH_KEYS:
        if conf.get(key):
            inside(directory, conf[key], f"python_function.{key}")
    artifacts = conf.get("artifacts") or {}
    if not isinstance(artifacts, Mapping):
        raise HintsigException("python_function.artifacts in MLmodel must be a mapping")
    for name, entry in artifacts.items():
        path = entry.get("path") if isinstance(entry, Mapping) else entry
        inside(directory, path, f"python_function.artifacts[{name!r}]")
