"""Contract tests from a signature: `hintsig.testing` finds a planted bug and shrinks it.

The chat model below crashes on batches of more than three messages and on a message
without a score, two inputs its own signature allows. `check_model` generates inputs from
the `list[Message]` hint, finds both, and reports each with its minimal failing input.
`hintsig models fuzz -m <path>` prints the same report and exits 1.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import pydantic

import hintsig
from hintsig.pyfunc import PythonModel
from hintsig.testing import check_model


class Message(pydantic.BaseModel):
    role: str
    content: str
    score: float | None = None


class Buggy(PythonModel):
    def predict(self, context: Any, model_input: list[Message], params: Any = None) -> list[str]:
        if len(model_input) > 3:  # planted bug 1: batches of more than three messages
            raise IndexError("only three slots")
        # planted bug 2: a message without a score (mypy --strict sees this one too)
        return [f"{m.role}: {m.score + 1:.1f}" for m in model_input]  # type: ignore[operator]


class Fixed(PythonModel):
    def predict(self, context: Any, model_input: list[Message], params: Any = None) -> list[str]:
        return [f"{m.role}: {(m.score or 0) + 1:.1f}" for m in model_input]


def main(directory: Path) -> None:
    report = check_model(Buggy(), max_examples=50, seed=7)
    print(report)
    assert not report.passed
    assert {f.exception_type for f in report.failures} == {"IndexError", "TypeError"}

    fixed = check_model(Fixed(), max_examples=30, seed=7)
    print(fixed)
    assert fixed.passed

    hintsig.pyfunc.save_model(directory / "buggy", python_model=Buggy())
    print(f"saved {directory / 'buggy'}: try `hintsig models fuzz -m {directory / 'buggy'}`")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
