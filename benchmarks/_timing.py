"""Small timing helpers shared by the benchmarks: best-of-N time, peak memory, table rows.

Every benchmark compares hintsig with a baseline timed in the same process, so a figure
is a ratio, never an absolute target:

    hintsig_s, baseline_s = compare(lambda: work(data), lambda: floor(data))
    print(header())
    print(row("1M rows", hintsig_s, baseline_s))
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

__all__ = [
    "best_of",
    "compare",
    "format_bytes",
    "format_seconds",
    "header",
    "memory_row",
    "peak_memory",
    "per_call",
    "per_call_in_turns",
    "row",
]

_NAME_WIDTH = 34


def best_of(fn: Callable[[], Any], repeat: int = 5) -> float:
    """The shortest of `repeat` timed calls of `fn`, in seconds (garbage collected first)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def per_call(fn: Callable[[], Any], budget: float = 1.0, min_calls: int = 1) -> float:
    """Seconds per call of a fast `fn`: the best of 5 loops sharing `budget` seconds, each of
    at least `min_calls` calls (the first, calibrating loop warms caches up)."""
    start = time.perf_counter()
    for _ in range(min_calls):
        fn()
    once = max((time.perf_counter() - start) / min_calls, 1e-9)
    number = max(min_calls, int(budget / 5 / once))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def per_call_in_turns(
    *fns: Callable[[], Any], budget: float = 1.0, min_calls: int = 1
) -> list[float]:
    """`per_call` of each of `fns`, the best of 3 turns that time them one after the other
    (same machine load); together they share `budget` seconds."""
    best = [float("inf")] * len(fns)
    for _ in range(3):
        for i, fn in enumerate(fns):
            best[i] = min(best[i], per_call(fn, budget / 3 / len(fns), min_calls))
    return best


def compare(
    fn: Callable[[], Any], baseline: Callable[[], Any], repeat: int = 3
) -> tuple[float, float]:
    """Best-of-`repeat` seconds of `fn` and `baseline`, timed alternately (same machine load)."""
    fn_best = baseline_best = float("inf")
    for _ in range(repeat):
        fn_best = min(fn_best, best_of(fn, 1))
        baseline_best = min(baseline_best, best_of(baseline, 1))
    return fn_best, baseline_best


def peak_memory(fn: Callable[[], Any]) -> int:
    """The peak of memory allocated while `fn` runs (tracemalloc), in bytes.

    tracemalloc slows allocations down a lot: time and memory are measured in separate runs.
    """
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak


def format_seconds(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.1f} us"


def format_bytes(size: float) -> str:
    for unit in ("B", "KiB", "MiB"):
        if size < 1024:
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.2f} GiB"


def header(name: str = "", hintsig: str = "hintsig", baseline: str = "baseline") -> str:
    """The header line of a `row` table."""
    return f"{name:<{_NAME_WIDTH}} {hintsig:>12} {baseline:>12} {'ratio':>8}"


def row(name: str, hintsig_s: float, baseline_s: float) -> str:
    """One table row: name, hintsig time, baseline time, hintsig / baseline."""
    ratio = hintsig_s / baseline_s if baseline_s > 0 else float("inf")
    return (
        f"{name:<{_NAME_WIDTH}} {format_seconds(hintsig_s):>12} "
        f"{format_seconds(baseline_s):>12} {ratio:>7.2f}x"
    )


def memory_row(name: str, hintsig_bytes: float, baseline_bytes: float) -> str:
    """A `row` of two memory sizes (`peak_memory`), without the ratio."""
    return (
        f"{name:<{_NAME_WIDTH}} {format_bytes(hintsig_bytes):>12} "
        f"{format_bytes(baseline_bytes):>12}"
    )
