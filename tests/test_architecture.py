"""The shape of the package (docs/architecture.md): no import cycles, no oversized modules.

The graph is grimp's (installed with import-linter), built from the source files, so it holds
every import: module level, inside functions and under `TYPE_CHECKING`. The layers themselves
are import-linter's `layers` contract in pyproject.toml (`lint-imports`, run by `make lint`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 700
#: `hintsig.cli` registers its commands on the group its package defines: that wiring is the
#: one cycle allowed, and only among the cli's own modules.
WIRING_EXCEPTION = "hintsig.cli"


def _import_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("hintsig", include_external_packages=False, cache_dir=None)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def strongly_connected(graph: Mapping[str, Set[str]]) -> Iterator[list[str]]:
    """Tarjan's strongly connected components of `graph` (module -> modules it imports)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> Iterator[list[str]]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                yield from visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            yield sorted(component)

    for node in sorted(graph):
        if node not in index:
            yield from visit(node)


def _is_wiring(component: list[str]) -> bool:
    return all(m == WIRING_EXCEPTION or m.startswith(WIRING_EXCEPTION + ".") for m in component)


def test_no_import_cycle_between_modules() -> None:
    cycles = [c for c in strongly_connected(_import_graph()) if len(c) > 1 and not _is_wiring(c)]
    assert cycles == []


def test_nothing_inside_imports_the_facade() -> None:
    graph = _import_graph()
    importers = sorted(m for m, targets in graph.items() if "hintsig" in targets)
    assert importers == []


def test_the_cycle_finder_sees_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [c for c in strongly_connected(graph) if len(c) > 1] == [["a", "b", "c"]]


def _modules() -> list[Path]:
    return sorted(p for d in ("hintsig", "plugins") for p in (ROOT / d).rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_700_lines(path: Path) -> None:
    with path.open(encoding="utf-8") as lines:
        count = sum(1 for _ in lines)
    assert count <= MAX_LINES, f"{path.relative_to(ROOT)} has {count} lines"
