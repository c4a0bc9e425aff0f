"""Long file work shows one progress line on a terminal, and nothing when stderr is not one."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
import hintsig
from hintsig.pyfunc import PythonModel, save_model

class Big(PythonModel):
    def __init__(self):
        self.weights = bytes(60 * 1024 * 1024)  # 60 MB, past the 50 MB threshold

    def predict(self, model_input: list[str]) -> list[str]:
        return model_input

save_model(sys.argv[1] + "/big", python_model=Big())
hintsig.register_model(sys.argv[1] + "/big", "big")
print("done")
"""


def _run(tmp_path: Path, *, terminal: bool) -> tuple[str, str]:
    env = {**os.environ, "HINTSIG_REGISTRY_URI": str(tmp_path / "registry.db")}
    command = [sys.executable, "-c", SCRIPT, str(tmp_path)]
    if not terminal:
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=120, check=True
        )
        return result.stdout, result.stderr
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=follower, env=env, text=True
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            chunks.append(chunk)
        stdout, _ = process.communicate(timeout=120)
        assert process.returncode == 0, b"".join(chunks).decode(errors="replace")
    finally:
        os.close(leader)
    return stdout, b"".join(chunks).decode(errors="replace")


def test_saving_and_registering_a_large_model_show_progress_on_a_terminal(
    tmp_path: Path,
) -> None:
    stdout, terminal = _run(tmp_path, terminal=True)
    assert stdout.strip() == "done"
    assert "saving the model:" in terminal and "(100%)" in terminal
    assert "copying the model into the registry:" in terminal


def test_no_progress_without_a_terminal(tmp_path: Path) -> None:
    stdout, stderr = _run(tmp_path, terminal=False)
    assert stdout.strip() == "done"
    assert "MB (" not in stderr
