"""Generated examples per second: `hintsig.testing.strategy(list[Message])` against the
floor, `hypothesis.strategies.lists(builds(Message, ...))` drawn as many times in the same
process (the same field strategies, the same batch sizes, instances built either way).

Run: `python benchmarks/fuzz.py`. Goal: hintsig at least 0.8x the floor's rate.
"""

from __future__ import annotations

import time
from typing import Any

import pydantic
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hintsig.testing import strategy

EXAMPLES = 2000
ROUNDS = 3


class Message(pydantic.BaseModel):
    role: str
    content: str
    score: float | None = None


def floor() -> st.SearchStrategy[Any]:
    text = st.text(max_size=5)
    score = st.none() | st.floats(allow_nan=False, allow_infinity=False)
    return st.lists(st.builds(Message, role=text, content=text, score=score), max_size=10)


def rate(values: st.SearchStrategy[Any]) -> float:
    """Examples drawn per second by a `given` run of `EXAMPLES` examples (generation only)."""

    @settings(
        max_examples=EXAMPLES,
        database=None,
        deadline=None,
        phases=["generate"],
        suppress_health_check=list(HealthCheck),
    )
    @given(values)
    def run(value: Any) -> None:
        pass

    start = time.perf_counter()
    run()
    return EXAMPLES / (time.perf_counter() - start)


def main() -> None:
    ours = strategy(list[Message], max_rows=10, max_size=5)
    base = floor()
    best_ours = best_floor = 0.0
    for _ in range(ROUNDS):  # alternated, so both see the same machine load
        best_ours = max(best_ours, rate(ours))
        best_floor = max(best_floor, rate(base))
    print(f"{'list[Message] examples/s':<34} {'hintsig':>10} {'builds floor':>13} {'ratio':>7}")
    print(f"{'':<34} {best_ours:>10.0f} {best_floor:>13.0f} {best_ours / best_floor:>6.2f}x")


if __name__ == "__main__":
    main()
