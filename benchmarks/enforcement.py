"""Schema and params enforcement against its floor, timed in the same process.

Run: `.venv/bin/python benchmarks/enforcement.py` (about 30 seconds). Each figure is a ratio
to the floor (the least work any enforcement must do), never an absolute target:

1. 8-column signature (3 double, 2 long given as int32, 1 string, 1 boolean, 1 optional
   double) on DataFrames of 1,000 / 100,000 / 1,000,000 rows. Floor: a shallow copy of the
   frame plus `.astype` of the two int32 columns. Targets: <= 1.5x at 1,000,000 rows; peak
   memory (tracemalloc) <= 2x the input frame.
2. 1,000 rows x 600 columns (598 double, 2 long given as int32); same floor; target <= 2x.
3. A 10,000-sample float32 (-1, 28, 28, 1) tensor against its spec: target < 5 us per call.
4. `enforce_params` with two params given against a 5-param schema; floor: a dict merge of
   the defaults.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from _timing import peak_memory

from hintsig.models.enforcement import enforce_params, enforce_schema
from hintsig.types.schema import ColSpec, ParamSchema, ParamSpec, Schema, TensorSpec


def per_call(fn: Callable[[], Any], *, budget: float = 0.4, repeat: int = 5) -> float:
    """Seconds per call: the best of `repeat` batches, each about `budget / repeat` long."""
    fn()
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    number = max(1, int(budget / repeat / once))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def compare(fn: Callable[[], Any], floor: Callable[[], Any], budget: float) -> tuple[float, float]:
    """(fn, floor) seconds per call, timed alternately so both see the same machine load."""
    fn_best, floor_best = float("inf"), float("inf")
    for _ in range(3):
        fn_best = min(fn_best, per_call(fn, budget=budget / 6))
        floor_best = min(floor_best, per_call(floor, budget=budget / 6))
    return fn_best, floor_best


def cast_floor(frame: pd.DataFrame, columns: tuple[str, ...]) -> Callable[[], pd.DataFrame]:
    def floor() -> pd.DataFrame:
        out: pd.DataFrame = frame.copy(deep=False)
        for name in columns:
            out[name] = out[name].astype("int64")
        return out

    return floor


def narrow_frame(rows: int, rng: np.random.Generator) -> pd.DataFrame:
    frame: pd.DataFrame = pd.DataFrame(
        {
            "d1": rng.random(rows),
            "d2": rng.random(rows),
            "d3": rng.random(rows),
            "l1": rng.integers(0, 1000, rows, dtype=np.int32),
            "l2": rng.integers(0, 1000, rows, dtype=np.int32),
            "s": pd.Series(rng.choice(["red", "green", "blue"], rows)),
            "b": rng.random(rows) > 0.5,
            "o": rng.random(rows),
        }
    )
    return frame


NARROW = Schema(
    [ColSpec("double", n) for n in ("d1", "d2", "d3")]
    + [ColSpec("long", "l1"), ColSpec("long", "l2"), ColSpec("string", "s")]
    + [ColSpec("boolean", "b"), ColSpec("double", "o", required=False)]
)


def bench_narrow(rng: np.random.Generator) -> None:
    print("1. 8-column signature (2 int32 -> long casts) vs shallow copy + 2 astype")
    for rows, budget in ((1_000, 2.0), (100_000, 3.0), (1_000_000, 6.0)):
        frame = narrow_frame(rows, rng)
        floor = cast_floor(frame, ("l1", "l2"))
        result = enforce_schema(frame, NARROW)
        assert result["l1"].dtype == np.int64 and list(result.columns) == list(frame.columns)
        took, base = compare(partial(enforce_schema, frame, NARROW), floor, budget)
        line = f"   {rows:>9,} rows: {took * 1e3:8.3f} ms vs floor {base * 1e3:8.3f} ms"
        line += f"  ratio {took / base:5.2f}x"
        if rows == 1_000_000:
            size = frame.memory_usage(index=True, deep=False).sum()
            peak = peak_memory(partial(enforce_schema, frame, NARROW))
            floor_peak = peak_memory(floor)
            line += (
                f"  (target <= 1.5x); peak memory {peak / size:.2f}x the input frame"
                f" (floor {floor_peak / size:.2f}x, target <= 2x)"
            )
        print(line)


def bench_wide(rng: np.random.Generator) -> None:
    print("2. 1,000 rows x 600 columns (598 double, 2 int32 -> long) vs the same floor")
    names = [f"c{i}" for i in range(600)]
    frame = pd.DataFrame(rng.random((1_000, 598)), columns=names[:598])
    frame[names[598]] = rng.integers(0, 9, 1_000, dtype=np.int32)
    frame[names[599]] = rng.integers(0, 9, 1_000, dtype=np.int32)
    frame = frame.copy()  # consolidate the blocks, as a frame read from a file would be
    schema = Schema(
        [ColSpec("double", n) for n in names[:598]] + [ColSpec("long", n) for n in names[598:]]
    )
    floor = cast_floor(frame, (names[598], names[599]))
    took, base = compare(lambda: enforce_schema(frame, schema), floor, 4.0)
    print(
        f"   {took * 1e6:8.1f} us vs floor {base * 1e6:8.1f} us  ratio {took / base:5.2f}x"
        "  (target <= 2x)"
    )


def bench_tensor() -> None:
    print("3. 10,000 x (28, 28, 1) float32 tensor against its spec")
    array = np.zeros((10_000, 28, 28, 1), dtype=np.float32)
    schema = Schema([TensorSpec(np.dtype("float32"), (-1, 28, 28, 1))])
    expected = schema.inputs[0]
    assert isinstance(expected, TensorSpec)

    def floor() -> bool:
        return array.dtype == expected.type and array.shape[1:] == expected.shape[1:]

    took, base = compare(lambda: enforce_schema(array, schema), floor, 2.0)
    print(
        f"   {took * 1e6:6.2f} us per call (target < 5 us); bare dtype+shape comparison "
        f"{base * 1e6:5.2f} us, ratio {took / base:5.2f}x"
    )


def bench_params() -> None:
    print("4. enforce_params: 2 of 5 params given vs a dict merge of the defaults")
    schema = ParamSchema(
        [
            ParamSpec("temperature", "double", 0.7),
            ParamSpec("max_tokens", "long", 256),
            ParamSpec("top_p", "double", 0.9),
            ParamSpec("stop", "string", ["\n"], (-1,)),
            ParamSpec("stream", "boolean", False),
        ]
    )
    given = {"temperature": 0.2, "max_tokens": 100}
    defaults = schema.defaults()
    took, base = compare(lambda: enforce_params(given, schema), lambda: {**defaults, **given}, 2.0)
    print(
        f"   {took * 1e6:6.2f} us per call vs floor {base * 1e6:5.3f} us  ratio {took / base:5.1f}x"
    )


def main() -> None:
    rng = np.random.default_rng(0)
    started = time.perf_counter()
    bench_narrow(rng)
    bench_wide(rng)
    bench_tensor()
    bench_params()
    print(f"(ran in {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
