"""Compiled enforcement plans, kept per schema object (column, tensor and param schemas)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["PlanCache"]

_S = TypeVar("_S")
_P = TypeVar("_P")


class PlanCache(Generic[_S, _P]):
    """`build(schema)`, worked out once per schema object and kept.

    A lookup is by `id`, so a call never hashes or compares the schema; each entry keeps its
    schema alive, so the id cannot be taken by another object. Past `size` entries the
    oldest is dropped.
    """

    __slots__ = ("_build", "_entries", "_size")

    def __init__(self, build: Callable[[_S], _P], size: int = 256) -> None:
        self._build = build
        self._size = size
        self._entries: dict[int, tuple[_S, _P]] = {}

    def __call__(self, schema: _S) -> _P:
        entry = self._entries.get(id(schema))
        if entry is not None and entry[0] is schema:
            return entry[1]
        plan = self._build(schema)
        if len(self._entries) >= self._size:
            del self._entries[next(iter(self._entries))]
        self._entries[id(schema)] = (schema, plan)
        return plan
