"""`infer_signature` on a 1,000,000-row, 10-column mixed DataFrame, against its floor.

Run: `.venv/bin/python benchmarks/infer_signature.py` (about 30 seconds; half of it builds
the frame). Printed, all timed in this process:

1. the whole frame: infer_signature vs the floor (`df.isna().any()` plus a dtype check per
   column, `pd.api.types.infer_dtype` for object columns), ratio (target <= 1.5x), and
   the peak memory (tracemalloc) of both;
2. the same per column, which shows where the time goes;
3. the nested-dict column against a per-element recursive walk (one Python call per value,
   the way MLflow infers it), the work the column-wise inference avoids.

The object column of nested dicts gets its exact schema: only row 900,000 holds the key
`profile.user.beta`, and it must come out as an optional property.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from _timing import compare, format_bytes, format_seconds, header, peak_memory, row

from hintsig.models import infer_signature
from hintsig.types.schema import ColSpec, DataType, Object, Property, Schema

ROWS = 1_000_000
ODD_ROW = 900_000


def build_frame(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    visits = rng.integers(0, 100, rows).astype(np.float64)
    visits[::1000] = np.nan  # an int column with NaN: float64, inferred as double
    rank = pd.array(rng.integers(0, 10, rows), dtype="Int64")
    rank[::5000] = pd.NA
    tags = np.array(["new", "returning", "vip"], dtype=object)[rng.integers(0, 3, rows)]
    tags[::777] = None
    tiers = ("free", "pro", "team")
    users: list[dict[str, Any]] = [{"id": i, "tier": tiers[i % 3]} for i in range(rows)]
    users[ODD_ROW]["beta"] = True
    profiles = [{"user": user, "score": (i % 97) / 97} for i, user in enumerate(users)]
    frame: pd.DataFrame = pd.DataFrame(
        {
            "price": rng.random(rows),
            "weight": rng.random(rows).astype(np.float32),
            "count": rng.integers(0, 1000, rows),
            "visits": visits,
            "active": rng.random(rows) > 0.5,
            "city": pd.Series(rng.choice(["Paris", "Lyon", "Nice"], rows), dtype="str"),
            "seen": pd.date_range(dt.datetime(2024, 1, 1), periods=rows, freq="s"),
            "rank": rank,
            "tag": pd.Series(tags, dtype=object),
            "profile": pd.Series(profiles, dtype=object),
        }
    )
    return frame


EXPECTED = Schema(
    [
        ColSpec(DataType.double, "price"),
        ColSpec(DataType.float, "weight"),
        ColSpec(DataType.long, "count"),
        ColSpec(DataType.double, "visits", required=False),
        ColSpec(DataType.boolean, "active"),
        ColSpec(DataType.string, "city"),
        ColSpec(DataType.datetime, "seen"),
        ColSpec(DataType.long, "rank", required=False),
        ColSpec(DataType.string, "tag", required=False),
        ColSpec(
            Object(
                [
                    Property(
                        "user",
                        Object(
                            [
                                Property("beta", DataType.boolean, required=False),
                                Property("id", DataType.long),
                                Property("tier", DataType.string),
                            ]
                        ),
                    ),
                    Property("score", DataType.double),
                ]
            ),
            "profile",
        ),
    ]
)


def floor(frame: pd.DataFrame) -> tuple[Any, ...]:
    """The one pass per column any inference needs: missing values plus a dtype check."""
    missing = frame.isna().any()
    kinds = [dtype.kind for dtype in frame.dtypes]
    objects = [
        pd.api.types.infer_dtype(column, skipna=True)
        for _, column in frame.items()
        if column.dtype == object
    ]
    return missing, kinds, objects


def naive_walk(values: Any) -> set[str]:
    """A per-element recursive type walk: one Python call per value, as MLflow infers."""
    seen: set[str] = set()

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}")
        else:
            seen.add(f"{path}:{type(value).__name__}")

    for value in values:
        walk(value, "")
    return seen


def main() -> None:
    started = time.perf_counter()
    frame = build_frame(ROWS)
    built = time.perf_counter() - started
    print(f"built a {ROWS:,}-row, {frame.shape[1]}-column frame in {built:.1f} s")
    inputs = infer_signature(frame).inputs
    assert inputs == EXPECTED, f"unexpected schema: {inputs!r}"
    print("schema is exact: profile.user.beta (row 900,000 only) is an optional property\n")

    print(header("1. whole frame", "infer", "floor"))
    took, base = compare(lambda: infer_signature(frame), lambda: floor(frame))
    print(row(f"{ROWS:,} rows x 10 columns", took, base) + "   (target <= 1.5x)")
    ours, floors = peak_memory(lambda: infer_signature(frame)), peak_memory(lambda: floor(frame))
    print(f"{'peak memory (tracemalloc)':<34} {format_bytes(ours):>12} {format_bytes(floors):>12}")

    print("\n" + header("2. per column", "infer", "floor"))
    for name in frame.columns:
        single = frame[[name]]
        took, base = compare(partial(infer_signature, single), partial(floor, single))
        print(row(f"{name} ({frame[name].dtype})", took, base))

    print("\n" + header("3. nested-dict column", "infer", "per-element"))
    profile = frame[["profile"]]
    values = frame["profile"].to_numpy()
    took, base = compare(lambda: infer_signature(profile), lambda: naive_walk(values), repeat=1)
    print(row("profile: column-wise vs recursive", took, base))
    print(f"\n(ran in {format_seconds(time.perf_counter() - started)})")


if __name__ == "__main__":
    main()
