"""Find the definition behind a hook call: the function under `@pyfunc(...)`, a class statement.

mypy's checker hooks see a call, not the definition it belongs to. `@pyfunc(validate_output=True)`
reaches the plugin as the call `pyfunc(validate_output=True)`, and a class statement as the call
`Base.__init_subclass__(...)` mypy checks the class keywords with. An index of each module's
decorator calls and class statements, built once per module, leads back to the definitions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from mypy.nodes import (
    Block,
    CallExpr,
    ClassDef,
    Decorator,
    ForStmt,
    FuncDef,
    IfStmt,
    MatchStmt,
    MypyFile,
    Statement,
    TryStmt,
    WhileStmt,
    WithStmt,
)

__all__ = ["ModuleIndex", "index_module"]


@dataclass(slots=True)
class ModuleIndex:
    """The decorator calls, class statements and functions of one module."""

    tree: MypyFile
    decorators: dict[int, tuple[CallExpr, Decorator]] = field(default_factory=dict)
    classes: dict[tuple[int, int, str], ClassDef] = field(default_factory=dict)
    functions: dict[int, FuncDef] = field(default_factory=dict)

    def decorated_by(self, call: CallExpr) -> Decorator | None:
        """The decorated definition whose decorator list holds `call`."""
        entry = self.decorators.get(id(call))
        return entry[1] if entry is not None and entry[0] is call else None

    def class_at(self, line: int, column: int, name: str) -> ClassDef | None:
        """The class statement `class <name>` starting at `line`, `column`."""
        return self.classes.get((line, column, name))

    def defines(self, func: FuncDef) -> bool:
        """True when `func` is defined in this module."""
        return self.functions.get(id(func)) is func


def index_module(tree: MypyFile) -> ModuleIndex:
    """Index the decorator calls, classes and functions of `tree`."""
    index = ModuleIndex(tree)
    for stmt in _walk(tree.defs):
        if isinstance(stmt, Decorator):
            for decorator in stmt.decorators:
                if isinstance(decorator, CallExpr):
                    index.decorators[id(decorator)] = (decorator, stmt)
            index.functions[id(stmt.func)] = stmt.func
        elif isinstance(stmt, FuncDef):
            index.functions[id(stmt)] = stmt
        elif isinstance(stmt, ClassDef):
            index.classes[(stmt.line, stmt.column, stmt.name)] = stmt
    return index


def _walk(statements: Iterable[Statement]) -> Iterator[Statement]:
    """Every statement of `statements`, nested ones included (function and class bodies,
    `if`, `for`, `while`, `with`, `try` and `match` blocks)."""
    for stmt in statements:
        yield stmt
        for block in _blocks(stmt):
            yield from _walk(block.body)


def _blocks(stmt: Statement) -> list[Block]:
    """The blocks directly inside `stmt`."""
    match stmt:
        case ClassDef():
            return [stmt.defs]
        case FuncDef():
            return [stmt.body]
        case Decorator():
            return [stmt.func.body]
        case IfStmt():
            return [*stmt.body, *_optional(stmt.else_body)]
        case ForStmt() | WhileStmt():
            return [stmt.body, *_optional(stmt.else_body)]
        case WithStmt():
            return [stmt.body]
        case TryStmt():
            blocks = [stmt.body, *stmt.handlers, *_optional(stmt.else_body)]
            return [*blocks, *_optional(stmt.finally_body)]
        case MatchStmt():
            return list(stmt.bodies)
    return []


def _optional(block: Block | None) -> list[Block]:
    return [] if block is None else [block]
