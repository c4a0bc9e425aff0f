"""The cost of tensor type hints, against the floor timed in the same process.

Run: `.venv/bin/python benchmarks/tensors.py` (about 40 seconds). The hint is
`Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]`; the data is 10,000 images of
28 x 28 x 1 float32 values. Figures:

1. Validating the array through the hint's compiled check (`PredictHints.validate_input`),
   in microseconds per call. Target: < 5 us (a dtype and shape comparison, no copy). The
   floor is the same comparison written inline (`a.dtype == dtype and a.shape[1:] == ...`).
2. Converting the same data from nested lists (what a JSON request carries) to a float32
   array through the hint, divided by `np.asarray(lists, dtype=np.float32)`.
   Target: <= 1.2x.
"""

from __future__ import annotations

from typing import Annotated

import numpy as np
from _timing import compare, header, per_call_in_turns, row

from hintsig.types import Tensor
from hintsig.types.type_hints import get_predict_hints

Images = Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28, 1))]


def classify(model_input: Images) -> list[int]:
    return [0] * len(model_input)


def main() -> None:
    hints = get_predict_hints(classify)
    assert hints is not None and hints.validates_input
    validate = hints.validate_input
    images = np.random.default_rng(0).random((10_000, 28, 28, 1), dtype=np.float32)
    dtype, inner = np.dtype(np.float32), (28, 28, 1)

    def floor() -> bool:
        return images.dtype == dtype and images.shape[1:] == inner

    assert validate(images) is images
    validate_s, floor_s = per_call_in_turns(
        lambda: validate(images), floor, budget=6.0, min_calls=1_000
    )
    checked = validate_s * 1e6
    print("1. validate a 10,000 x 28 x 28 x 1 float32 array against the hint")
    print(
        f"   {checked:.2f} us per call (target < 5 us); inline dtype + shape check "
        f"{floor_s * 1e6:.2f} us, ratio {validate_s / floor_s:.1f}x"
    )

    lists = images.tolist()
    converted = validate(lists)
    assert converted.dtype == np.float32 and np.array_equal(converted, images)
    hint_s, baseline_s = compare(
        lambda: validate(lists), lambda: np.asarray(lists, dtype=np.float32), repeat=5
    )
    print("2. nested lists -> float32 array (target <= 1.2x)")
    print(header("", "hint", "np.asarray"))
    print(row("10,000 x 28 x 28 x 1 from lists", hint_s, baseline_s))


if __name__ == "__main__":
    main()
