"""The one message for a number beyond its type's range, and the float32 limit.

Every input path (JSON and CSV bodies, params, Python calls with lists, dicts or
DataFrames) refuses `1e39` for `float` and `2**63` for `long` with this message, so the
same mistake reads the same wherever it is made.
"""

from __future__ import annotations

__all__ = ["FLOAT32_MAX", "out_of_range"]

#: The largest finite float32 (`numpy.finfo(numpy.float32).max`), without importing numpy.
FLOAT32_MAX = 3.4028234663852886e38


def out_of_range(type_name: str, *, integral: bool) -> str:
    """`expected long, got an int out of its range` (`a number` for a floating type)."""
    return f"expected {type_name}, got {'an int' if integral else 'a number'} out of its range"
