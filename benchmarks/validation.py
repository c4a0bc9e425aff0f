"""The cost of `@pyfunc` validation against its floor, timed in the same process.

Run: `.venv/bin/python benchmarks/validation.py` (about 30 seconds). The floor is what any
validating wrapper must do at least: pydantic's own strict validation of the batch,
`TypeAdapter(hint).validate_python(data, strict=True)`, then the bare function. Figures:

1. `list[Message]` (role, content, optional metadata) at 1 / 100 / 10,000 dicts: the
   decorated call divided by the floor. Targets: <= 2.0 at 1, <= 1.3 at 10,000.
2. The wrapper's own cost at batch 1: decorated call - TypeAdapter call - bare function, in
   microseconds. Target: < 1 us (MLflow's decorator adds about 3.7 us).
3. `list[str]` and `list[dict[str, list[float]]]` at 10,000 items: the same ratio.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

import pydantic
from _timing import per_call_in_turns

from hintsig.pyfunc.utils import pyfunc


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: Optional[dict[str, str]] = None  # noqa: UP045


def bare(model_input: Any) -> Any:
    return model_input


@pyfunc
def messages(model_input: list[Message]) -> list[Message]:
    return model_input


@pyfunc
def texts(model_input: list[str]) -> list[str]:
    return model_input


@pyfunc
def vectors(model_input: list[dict[str, list[float]]]) -> list[dict[str, list[float]]]:
    return model_input


def measure(
    decorated: Callable[[Any], Any], hint: Any, data: Any, budget: float
) -> dict[str, float]:
    """Best seconds per call of the decorated call, the floor and the floor's two parts."""
    adapter = pydantic.TypeAdapter(hint)
    functions: dict[str, Callable[[], Any]] = {
        "decorated": lambda: decorated(data),
        "floor": lambda: bare(adapter.validate_python(data, strict=True)),
        "adapter": lambda: adapter.validate_python(data, strict=True),
        "bare": lambda: bare(data),
    }
    return dict(zip(functions, per_call_in_turns(*functions.values(), budget=budget), strict=True))


def main() -> None:
    message = {"role": "user", "content": "Hello there", "metadata": {"source": "api"}}
    print("list[Message]: decorated call / (TypeAdapter strict + bare function)")
    for size, target in ((1, 2.0), (100, None), (10_000, 1.3)):
        t = measure(messages, list[Message], [dict(message) for _ in range(size)], budget=6.0)
        ratio = t["decorated"] / t["floor"]
        goal = f"  (target <= {target})" if target else ""
        print(
            f"  batch {size:>6,}: {ratio:5.2f}x   decorated {t['decorated'] * 1e6:10.1f} us, "
            f"floor {t['floor'] * 1e6:10.1f} us{goal}"
        )
        if size == 1:
            own = (t["decorated"] - t["adapter"] - t["bare"]) * 1e6
            print(f"  wrapper's own cost at batch 1: {own:.2f} us  (target < 1 us; MLflow 3.7 us)")

    print("10,000 items: decorated call / (TypeAdapter strict + bare function)")
    cases: list[tuple[str, Callable[[Any], Any], Any, Any]] = [
        ("list[str]", texts, list[str], [f"text {i}" for i in range(10_000)]),
        (
            "list[dict[str, list[float]]]",
            vectors,
            list[dict[str, list[float]]],
            [{"embedding": [0.1, 0.2, 0.3, 0.4], "bias": [1.0]} for _ in range(10_000)],
        ),
    ]
    for label, decorated, hint, data in cases:
        t = measure(decorated, hint, data, budget=4.0)
        print(
            f"  {label:30} {t['decorated'] / t['floor']:5.2f}x   "
            f"decorated {t['decorated'] * 1e6:10.1f} us, floor {t['floor'] * 1e6:10.1f} us"
        )


if __name__ == "__main__":
    main()
