"""The README's "Registry walkthrough", run for real, command by command.

Its ```python block logs and registers the versions; each line of its ```sh block is then
carried out: `hintsig ...` commands run the real CLI in a fresh process (a `models serve ...
&` line starts the real server, on a free loopback port instead of the README's 5000), a
`curl` line posts its body to that server, and the `# {...}` line under it is the answer it
must give; `kill %1` stops the server.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.serving.helpers import serving_process
from tests.test_readme import README, run_python

SECTION = "## Registry walkthrough"
_CLI = [sys.executable, "-c", "from hintsig.cli import main; main()"]


def walkthrough() -> tuple[str, list[str]]:
    """The section's Python code and the lines of its shell block."""
    text = README.read_text()
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    section = text[start : end if end != -1 else None]
    [python] = re.findall(r"^```python\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    [shell] = re.findall(r"^```sh\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    return python, [line for line in shell.splitlines() if line.strip()]


def _serve_args(words: list[str]) -> list[str]:
    """The `models serve` arguments of a README line, without its port and trailing `&`."""
    args = words[3:]
    if args and args[-1] == "&":
        args = args[:-1]
    if "-p" in args:
        at = args.index("-p")
        del args[at : at + 2]
    return args


def test_the_registry_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    python, shell = walkthrough()
    result = run_python(python, tmp_path)  # tracking directory: tmp_path / "hintsig-runs"
    assert result.returncode == 0, result.stderr
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(tmp_path / "hintsig-runs"))
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    monkeypatch.chdir(tmp_path)

    answers: list[object] = []
    expected: list[object] = []
    with contextlib.ExitStack() as stack:
        url = None
        for line in shell:
            command = line.split("  #")[0].strip()
            if line.startswith("# "):
                expected.append(json.loads(line[2:]))
                continue
            words = shlex.split(command)
            if words[:3] == ["hintsig", "models", "serve"]:
                assert url is None, "the walkthrough starts a server while one runs"
                log = tmp_path / f"serve-{len(answers)}.log"
                url, _ = stack.enter_context(serving_process(_serve_args(words), log))
            elif words[0] == "hintsig":
                done = subprocess.run(
                    [*_CLI, *words[1:]], capture_output=True, text=True, check=False
                )
                assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
            elif words[0] == "curl":
                assert url is not None, "curl without a server"
                body = words[words.index("-d") + 1]
                reply = httpx.post(
                    f"{url}/invocations",
                    content=body,
                    headers={"Content-Type": "application/json"},
                    timeout=30,
                )
                assert reply.status_code == 200, reply.text
                answers.append(reply.json())
            elif command == "kill %1":
                assert url is not None
                stack.close()
                url = None
            else:
                raise AssertionError(f"the test does not know the README command {command!r}")
    assert expected == [{"predictions": ["HI"]}, {"predictions": ["HI!"]}]
    assert answers == expected
    assert os.path.exists(tmp_path / "hintsig-runs" / "registry.db")
