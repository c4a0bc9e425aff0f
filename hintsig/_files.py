"""Writing files: atomically, and with progress on a terminal when the work is long.

`write_text_atomic` writes a temporary sibling and renames it into place: a reader sees the
old file or the new one, never half of one, and an error (or a crash) while writing leaves
the old file as it was and no temporary file behind.

`write_bytes` and `copy_tree` write model files; past `PROGRESS_BYTES` (50 MB), and only when
standard error is a terminal, they draw one progress line there (quiet in logs, CI and pipes).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["PROGRESS_BYTES", "copy_tree", "umask_mode", "write_bytes", "write_text_atomic"]

#: Work on at least this many bytes shows progress on a terminal.
PROGRESS_BYTES = 50 * 1024 * 1024
_CHUNK = 8 * 1024 * 1024


def write_text_atomic(path: Path, text: str) -> None:
    """Replace (or create) `path` with `text`, UTF-8, atomically; the directory must exist."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), umask_mode(0o666))  # mkstemp's 0600: follow the umask
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def umask_mode(full: int) -> int:
    """`full` (0o666 for files, 0o777 for directories) under the process's umask."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return full & ~int(line.split()[1], 8)
    except OSError:
        pass
    current = os.umask(0o022)  # elsewhere: read it back at once
    os.umask(current)
    return full & ~current


class _Progress:
    """One line on standard error: `label: 12.0 of 80.0 MB (15%)`, redrawn at most every
    0.1 s, ended with a newline."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done, self._drawn = label, total, 0, 0.0

    def advance(self, size: int) -> None:
        self.done += size
        now = time.monotonic()
        if now - self._drawn >= 0.1 or self.done >= self.total:
            self._drawn = now
            mb = 1024 * 1024
            share = 100 * self.done // max(self.total, 1)
            sys.stderr.write(
                f"\r{self.label}: {self.done / mb:.1f} of {self.total / mb:.1f} MB ({share}%)"
            )
            sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


def _progress(label: str, total: int) -> _Progress | None:
    """A progress line for `total` bytes of work, or None (small work, or not a terminal)."""
    if total < PROGRESS_BYTES or not sys.stderr.isatty():
        return None
    return _Progress(label, total)


def write_bytes(path: Path, data: bytes, *, label: str) -> None:
    """`path.write_bytes(data)`, with progress on a terminal when `data` is large."""
    progress = _progress(label, len(data))
    if progress is None:
        path.write_bytes(data)
        return
    view = memoryview(data)
    with open(path, "wb") as out:
        for start in range(0, len(view), _CHUNK):
            out.write(view[start : start + _CHUNK])
            progress.advance(len(view[start : start + _CHUNK]))
    progress.close()


def copy_tree(
    source: Path,
    destination: Path,
    *,
    label: str,
    ignore: Callable[[str, list[str]], Iterable[str]] | None = None,
) -> None:
    """`shutil.copytree(source, destination)`, with progress on a terminal when the files
    add up to more than `PROGRESS_BYTES`."""
    total = sum(p.stat().st_size for p in source.rglob("*") if p.is_file() and not p.is_symlink())
    progress = _progress(label, total)
    if progress is None:
        shutil.copytree(source, destination, ignore=ignore)
        return

    def copy(src: str, dst: str) -> Any:
        with open(src, "rb") as inp, open(dst, "wb") as out:
            while chunk := inp.read(_CHUNK):
                out.write(chunk)
                progress.advance(len(chunk))
        shutil.copystat(src, dst)
        return dst

    shutil.copytree(source, destination, ignore=ignore, copy_function=copy)
    progress.close()
