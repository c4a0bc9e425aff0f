"""`infer_signature` on a 1,000,000-row, 10-column mixed DataFrame, against its floor.

Run: `.venv/bin/python benchmarks/infer_signature.py` (about 30 seconds; half of it builds
the frame). Printed, all timed in this process:

1. the whole frame: infer_signature vs the floor (`df.isna().any()` plus a dtype check per
   column, `pd.api.types.infer_dtype` for object columns), ratio (target <= 1.5x), and
   the peak memory (tracemalloc) of both; then against the pass each column needs, which for
   the nested-dict column includes reading its contents (section 3's C-level minimum);
2. the same per column, which shows where the time goes;
3. the nested-dict column against the C-level passes no exact inference of it can skip (the
   type of every value at every level, the size of every dict and one lookup per key of every
   dict: how far from the possible the inference is), and against a per-element recursive
   walk (one Python call per value, the way MLflow infers it), the work it avoids.

The object column of nested dicts gets its exact schema: only row 900,000 holds the key
`profile.user.beta`, and it must come out as an optional property.

Why the nested-dict column stays well above its floor: the floor reads each row's object
header once or twice (`isna`, `infer_dtype`), while an exact schema must also look inside
every dict of both levels (sizes, one lookup per key) and read the type of every leaf value:
about ten C-level passes over a million scattered objects. Section 3 times those passes
alone, with nothing else; that C-level minimum is itself several times the floor.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import partial
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd
from _timing import compare, format_seconds, header, memory_row, peak_memory, row

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


def minimal_passes(values: Any) -> list[Any]:
    """What exact inference of the profile column cannot skip, as bare C-level passes.

    The type of every value at every level, the size of every dict (a key held by one dict
    only must be found) and one lookup of every key in every dict; no checks, no merging.
    """
    users = list(map(itemgetter("user"), values))
    scores = list(map(itemgetter("score"), values))
    ids, tiers = map(itemgetter("id"), users), map(itemgetter("tier"), users)
    sizes = [sum(map(len, values)), sum(map(len, users))]
    return [*sizes, *(set(map(type, pool)) for pool in (values, users, scores, ids, tiers))]


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
    print(memory_row("peak memory (tracemalloc)", ours, floors))
    values = frame["profile"].to_numpy()
    took, base = compare(
        lambda: infer_signature(frame), lambda: (floor(frame), minimal_passes(values))
    )
    print(row("floor + nested column's contents", took, base) + "   (target <= 1.5x)")

    print("\n" + header("2. per column", "infer", "floor"))
    for name in frame.columns:
        single = frame[[name]]
        took, base = compare(partial(infer_signature, single), partial(floor, single))
        print(row(f"{name} ({frame[name].dtype})", took, base))

    print("\n" + header("3. nested-dict column", "infer", "baseline"))
    profile = frame[["profile"]]
    took, base = compare(lambda: infer_signature(profile), lambda: minimal_passes(values))
    print(row("profile vs C-level minimum", took, base))
    took, base = compare(lambda: infer_signature(profile), lambda: naive_walk(values), repeat=1)
    print(row("profile vs per-element walk", took, base))
    print(f"\n(ran in {format_seconds(time.perf_counter() - started)})")


if __name__ == "__main__":
    main()
