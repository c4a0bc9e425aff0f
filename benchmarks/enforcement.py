"""Schema and params enforcement against its floor, timed in the same process.

Run: `.venv/bin/python benchmarks/enforcement.py` (about 30 seconds). Each figure is a ratio
to the floor (the least work any enforcement must do), never an absolute target:

1. A loaded model (`save_model` into a temporary directory, `load_model`, `predict`) with an
   8-column signature (3 double, 2 long given as int32, 1 string, 1 boolean, 1 optional
   double) predicting on DataFrames of 1,000 / 100,000 / 1,000,000 rows. Floor: a shallow
   copy of the frame plus `.astype` of the two int32 columns. Targets: <= 1.5x at 1,000,000
   rows; peak memory (tracemalloc) <= 2x the input frame.
2. `enforce_schema` on 1,000 rows x 600 columns (598 double, 2 long given as int32); same
   floor; target <= 2x.
3. `enforce_schema` on a 10,000-sample float32 (-1, 28, 28, 1) tensor: target < 5 us per call.
4. The same loaded model's `predict` on a 1-row DataFrame that fits the signature, with two
   params given against its 5-param schema. Floor: the direct call of the model's `predict`
   plus a dict merge of the defaults. Target <= 25x. The model returns its input, so the
   floor is the call alone; the line also shows the share of a pandas shallow copy, which
   `predict` makes so that the model cannot change the caller's frame.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from _timing import peak_memory, per_call_in_turns

from hintsig.models.enforcement import enforce_schema
from hintsig.pyfunc import PyFuncModel, PythonModel, load_model, save_model
from hintsig.types.schema import (
    ColSpec,
    ModelSignature,
    ParamSchema,
    ParamSpec,
    Schema,
    TensorSpec,
)


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
PARAMS = ParamSchema(
    [
        ParamSpec("temperature", "double", 0.7),
        ParamSpec("max_tokens", "long", 256),
        ParamSpec("top_p", "double", 0.9),
        ParamSpec("stop", "string", ["\n"], (-1,)),
        ParamSpec("stream", "boolean", False),
    ]
)


class Echo(PythonModel):
    """Returns its input: the model's own work is nil, so `predict`'s overhead shows alone."""

    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        return model_input


@contextmanager
def loaded_model() -> Iterator[PyFuncModel]:
    """`Echo` with the 8-column signature and the 5 params, saved and loaded again."""
    with tempfile.TemporaryDirectory() as where:
        path = Path(where) / "model"
        save_model(path, python_model=Echo(), signature=ModelSignature(NARROW, params=PARAMS))
        yield load_model(path)


def bench_narrow(model: PyFuncModel, rng: np.random.Generator) -> None:
    print("1. loaded model, 8-column signature (2 int32 -> long casts) vs shallow copy + 2 astype")
    for rows, budget in ((1_000, 2.0), (100_000, 3.0), (1_000_000, 6.0)):
        frame = narrow_frame(rows, rng)
        floor = cast_floor(frame, ("l1", "l2"))
        result = model.predict(frame)
        assert result["l1"].dtype == np.int64 and list(result.columns) == list(frame.columns)
        took, base = per_call_in_turns(partial(model.predict, frame), floor, budget=budget)
        line = f"   {rows:>9,} rows: {took * 1e3:8.3f} ms vs floor {base * 1e3:8.3f} ms"
        line += f"  ratio {took / base:5.2f}x"
        if rows == 1_000_000:
            size = frame.memory_usage(index=True, deep=False).sum()
            peak = peak_memory(partial(model.predict, frame))
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
    took, base = per_call_in_turns(lambda: enforce_schema(frame, schema), floor, budget=4.0)
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

    took, base = per_call_in_turns(lambda: enforce_schema(array, schema), floor, budget=2.0)
    print(
        f"   {took * 1e6:6.2f} us per call (target < 5 us); bare dtype+shape comparison "
        f"{base * 1e6:5.2f} us, ratio {took / base:5.2f}x"
    )


def bench_predict_overhead(model: PyFuncModel, rng: np.random.Generator) -> None:
    print("4. loaded model's predict, 1 row, 2 of 5 params vs the direct call + a defaults merge")
    frame = narrow_frame(1, rng).astype({"l1": "int64", "l2": "int64"})
    given = {"temperature": 0.2, "max_tokens": 100}
    defaults = PARAMS.defaults()
    direct: Any = Echo().predict
    assert model.predict(frame, given).equals(frame)

    def floor() -> Any:
        return direct(None, frame, {**defaults, **given})

    took, base = per_call_in_turns(partial(model.predict, frame, given), floor, budget=3.0)
    copy, _ = per_call_in_turns(partial(frame.copy, deep=False), floor, budget=1.0)
    print(
        f"   {took * 1e6:6.2f} us per call vs floor {base * 1e6:5.3f} us  ratio {took / base:5.1f}x"
        f"  (target <= 25x); of which a shallow copy of the frame {copy * 1e6:5.2f} us, the"
        f" rest {(took - copy) / base:4.1f}x the floor"
    )
    cast = narrow_frame(1, rng)  # l1 and l2 as int32: two columns cast
    took, _ = per_call_in_turns(partial(model.predict, cast, given), floor, budget=1.0)
    print(f"   with the 2 int32 columns cast: {took * 1e6:6.2f} us per call")


def main() -> None:
    rng = np.random.default_rng(0)
    started = time.perf_counter()
    with loaded_model() as model:
        bench_narrow(model, rng)
        bench_wide(rng)
        bench_tensor()
        bench_predict_overhead(model, rng)
    print(f"(ran in {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
