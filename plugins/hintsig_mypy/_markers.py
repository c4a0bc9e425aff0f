"""hintsig's `Annotated` markers as written: `Tensor(np.float32, (-1, 28))`, `Columns(Row)`.

mypy keeps only the first argument of `Annotated[...]` and drops the rest while parsing, so
`Annotated[pd.DataFrame, Columns(Row)]` reaches the plugin as `pd.DataFrame`. The markers are
read from the source instead: the annotation of a `predict` parameter (or its return
annotation) is found in the module's syntax tree by the line of its `def`.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

__all__ = ["MARKER_NAMES", "Marker", "annotation_markers"]

MarkerKind = Literal["Tensor", "Columns"]
#: The markers hintsig reads in `Annotated[...]` metadata.
MARKER_NAMES: tuple[MarkerKind, ...] = ("Tensor", "Columns")


@dataclass(frozen=True, slots=True)
class Marker:
    """One `Tensor(...)` or `Columns(...)` call in an annotation's `Annotated` metadata.

    `text` is the call as written; `row` the dotted name given to `Columns` (None otherwise).
    """

    kind: MarkerKind
    text: str
    row: str | None = None


def annotation_markers(path: str, line: int, parameter: str | None) -> list[Marker]:
    """The markers in the annotation of `parameter` (None: the return annotation) of the
    function defined at `line` of the file at `path` (none when it cannot be read)."""
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        return []
    function = _functions(path, stamp).get(line)
    if function is None:
        return []
    if parameter is None:
        return _markers(function.returns)
    arguments = function.args
    for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs):
        if argument.arg == parameter:
            return _markers(argument.annotation)
    return []


@lru_cache(maxsize=64)
def _functions(path: str, stamp: int) -> dict[int, ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions of the file at `path` by the line of their `def` (`stamp`: its mtime)."""
    try:
        with open(path, encoding="utf-8") as source:
            tree = ast.parse(source.read(), path)
    except (OSError, SyntaxError, ValueError):
        return {}
    return {
        node.lineno: node
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


def _markers(annotation: ast.expr | None) -> list[Marker]:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:  # a string annotation: "Annotated[...]"
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return []
    if not isinstance(annotation, ast.Subscript) or _name(annotation.value) != "Annotated":
        return []
    items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
    found = []
    for item in items[1:]:
        if isinstance(item, ast.Call) and _name(item.func) in MARKER_NAMES:
            kind: MarkerKind = "Tensor" if _name(item.func) == "Tensor" else "Columns"
            row = _dotted(item.args[0]) if kind == "Columns" and item.args else None
            found.append(Marker(kind, ast.unparse(item), row))
    return found


def _name(node: ast.expr) -> str | None:
    """The last part of a name (`Annotated` for `typing.Annotated`)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _dotted(node: ast.expr) -> str | None:
    """`models.Row` for the expression `models.Row` (None for other expressions)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None
