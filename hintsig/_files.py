"""Writing a file atomically: a temporary sibling renamed into place.

A reader sees the old file or the new one, never half of one, and an error (or a crash)
while writing leaves the old file as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["umask_mode", "write_text_atomic"]


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
