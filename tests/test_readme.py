"""The README's Python code blocks are the examples: each one runs, so the README cannot drift.

Every ```python block in README.md is either identical to a file in `examples/` (which
tests/test_examples.py runs) or extracted and run here, in its own process and directory.
A top-level line that ends in a comment naming an exception (`# DataValidationError`, or
`# DataValidationError: [0].content: Field required`) must raise that exception (with that
text in its message); the rest of the block then goes on, as the reader reads it.

A block that cannot run (it needs a service or data the tests do not have) is marked by an
HTML comment on the line just before it, with the reason: `<!-- not run: needs a GPU -->`.
Use it sparingly: at most `MAX_NOT_RUN` blocks may carry it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
EXAMPLES = ROOT / "examples"
MAX_NOT_RUN = 3

_FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_NOT_RUN = re.compile(r"<!--\s*not run:\s*(?P<reason>.*?)\s*-->\s*$")
_RAISES = re.compile(
    r"^(?P<statement>\S.*?)\s+#\s*(?P<error>[A-Z]\w*(?:Error|Exception))\b(?::\s*(?P<text>.+))?$"
)


@dataclass(frozen=True)
class Block:
    line: int  # the line of the opening fence
    code: str
    not_run: str | None  # the reason, for a block marked `<!-- not run: ... -->`

    @property
    def id(self) -> str:
        first = next((line for line in self.code.splitlines() if line.strip()), "")
        return f"README.md:{self.line}:{first[:40]}"


def readme_blocks(text: str) -> list[Block]:
    """The ```python blocks of a Markdown text, with their not-run marks."""
    blocks = []
    for match in _FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marked = _NOT_RUN.search(before)
        line = text.count("\n", 0, match.start()) + 1
        blocks.append(Block(line, match.group(1), marked.group("reason") if marked else None))
    return blocks


def expecting_errors(code: str) -> str:
    """`code` with each `statement  # SomeError[: text]` line made to check that it raises."""
    out = []
    for number, line in enumerate(code.splitlines(), start=1):
        match = _RAISES.match(line)
        if match is None:
            out.append(line)
            continue
        error, text = match.group("error"), match.group("text")
        check = f"assert {text.strip()!r} in str(_exc), str(_exc)" if text else "pass"
        out.append(
            textwrap.dedent(
                f"""\
                try:
                    {match.group("statement")}
                except Exception as _exc:
                    assert {error!r} in [c.__name__ for c in type(_exc).__mro__], repr(_exc)
                    {check}
                else:
                    raise AssertionError("README line {number} should raise {error}")"""
            )
        )
    return "\n".join(out) + "\n"


def identical_example(code: str) -> Path | None:
    for path in sorted(EXAMPLES.glob("*.py")):
        if path.read_text().strip() == code.strip():
            return path
    return None


BLOCKS = readme_blocks(README.read_text())


def run_python(code: str, where: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run `code` as a script in directory `where`, with its own tracking directory."""
    script = where / "readme_block.py"
    script.write_text(code)
    env = {**os.environ, "HINTSIG_TRACKING_DIR": str(where / "hintsig-runs")}
    env.pop("HINTSIG_REGISTRY_URI", None)
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.not_run is None], ids=lambda b: b.id)
def test_block_runs(block: Block, tmp_path: Path) -> None:
    example = identical_example(block.code)
    if example is not None:  # tests/test_examples.py runs it
        assert example.parent == EXAMPLES
        return
    result = run_python(expecting_errors(block.code), tmp_path)
    assert result.returncode == 0, f"{block.id} failed:\n{result.stdout}\n{result.stderr}"


def test_the_readme_has_python_blocks() -> None:
    assert len(BLOCKS) >= 3


def test_not_run_marks_are_rare_and_give_a_reason() -> None:
    marked = [block for block in BLOCKS if block.not_run is not None]
    assert len(marked) <= MAX_NOT_RUN, [block.id for block in marked]
    assert all(block.not_run for block in marked)


# ------------------------------------------------------------------- the harness itself

MARKED = """\
Intro.

<!-- not run: needs a GPU -->
```python
import torch
```

```python
x = 1
```
"""


def test_blocks_and_marks_are_found() -> None:
    blocks = readme_blocks(MARKED)
    assert [(block.line, block.code, block.not_run) for block in blocks] == [
        (4, "import torch\n", "needs a GPU"),
        (8, "x = 1\n", None),
    ]


@pytest.mark.parametrize(
    ("code", "passes"),
    [
        ("int('x')  # ValueError\nprint('after')\n", True),
        ("int('x')  # ValueError: invalid literal\n", True),
        ("int('x')  # ValueError: something else\n", False),
        ("int('1')  # ValueError\n", False),
        ("int('x')  # KeyError\n", False),
        (
            "import hintsig.exceptions as e\n"
            "raise e.DataValidationError('m', [])  # HintsigException\n",
            True,
        ),
    ],
)
def test_lines_that_must_raise(code: str, passes: bool, tmp_path: Path) -> None:
    assert (run_python(expecting_errors(code), tmp_path).returncode == 0) is passes
