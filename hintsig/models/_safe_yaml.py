"""Reading an `MLmodel` file that may come from anyone: YAML without aliases, of bounded size.

A YAML alias repeats a node by reference, so a few lines of anchors ("billion laughs")
expand into gigabytes when loaded. MLflow writes no anchors or aliases, so a document with
one is refused before it is expanded, as is a file larger than `MAX_MLMODEL_SIZE`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from hintsig.exceptions import HintsigException

__all__ = ["MAX_MLMODEL_SIZE", "read_limited", "safe_load"]

#: The largest `MLmodel` file read, in bytes (a signature of thousands of columns fits).
MAX_MLMODEL_SIZE = 16 * 1024 * 1024


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors and aliases as soon as it meets one."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            raise _AliasError(mark.line + 1 if mark is not None else None)
        return super().compose_node(parent, index)


class _AliasError(Exception):
    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line


def read_limited(file: Path, limit: int = MAX_MLMODEL_SIZE) -> str:
    """The text of `file`, refused when it is larger than `limit` bytes."""
    with file.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise HintsigException(
            f"Refusing to read {file}: it is larger than {limit} bytes, the limit for an MLmodel"
        )
    return data.decode("utf-8")


def safe_load(text: str, file: Path) -> Any:
    """`text` parsed as YAML with the safe loader; a `HintsigException` for anchors/aliases."""
    try:
        return yaml.load(text, Loader=_NoAliasLoader)
    except _AliasError as exc:
        line = f" (line {exc.line})" if exc.line else ""
        raise HintsigException(
            f"Refusing to read MLmodel file {file}: it uses YAML anchors or aliases{line}, "
            "which a saved model never needs (they can expand into gigabytes)"
        ) from None
