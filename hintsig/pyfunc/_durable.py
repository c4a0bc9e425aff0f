"""Making a saved model durable and its replacement atomic.

- `umask_mode`: the mode a new file or directory gets under the process's umask (files made
  by `tempfile` are 0600/0700 whatever the umask; saved models follow it like other files).
- `fsync_tree`: every file and directory of a staged model flushed to disk before the rename.
- `exchange`: two directories swapped in one step (Linux `renameat2(RENAME_EXCHANGE)`), so a
  kill -9 while overwriting leaves the old model or the new one, never neither.
- `sweep_stale`: `.NAME.saving-PID-*` / `.NAME.replaced-PID-*` left by a killed save are
  removed by the next save to the same parent, once their process is gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
from pathlib import Path

from hintsig._files import umask_mode

__all__ = ["exchange", "fsync_dir", "fsync_tree", "staging_prefix", "sweep_stale", "umask_mode"]

_STALE = re.compile(r"\..+\.(saving|replaced)-(\d+)-.*\Z", re.DOTALL)


def staging_prefix(name: str, kind: str = "saving") -> str:
    """The prefix of a staging (or backup) sibling of `name`, holding this process's pid."""
    return f".{name}.{kind}-{os.getpid()}-"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a directory's entries (a rename into it) to disk, where the platform can."""
    with contextlib.suppress(OSError):
        _fsync(path)


def fsync_tree(root: Path) -> None:
    """Flush every file, then every directory (deepest first) under `root` to disk."""
    for directory, _, files in os.walk(root, topdown=False):
        for name in files:
            path = Path(directory, name)
            if not path.is_symlink():
                _fsync(path)
        fsync_dir(Path(directory))


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False where the system cannot (then no change)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name or not hasattr(os, "fork"):
        return False
    try:
        renameat2 = ctypes.CDLL(libc_name, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not supported here
        return False
    raise OSError(errno, os.strerror(errno), str(second))


def _alive(pid: int, since: float) -> bool:
    """Whether process `pid` exists and is older than something made at `since`."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):  # a pid reused by a newer process
        return os.stat(f"/proc/{pid}").st_mtime <= since + 1
    return True


def sweep_stale(parent: Path) -> None:
    """Remove the staging and backup directories of saves whose process is gone."""
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        match = _STALE.fullmatch(entry.name)
        if match is None or not entry.is_dir(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            if not _alive(int(match.group(2)), entry.stat(follow_symlinks=False).st_mtime):
                shutil.rmtree(entry.path, ignore_errors=True)
