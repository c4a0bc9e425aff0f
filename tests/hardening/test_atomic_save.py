"""Saved files follow the umask, killed saves leave nothing lasting, overwrites are atomic
(issue 14, item 6)."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import hintsig.pyfunc
from hintsig.pyfunc import PythonModel
from hintsig.pyfunc._durable import exchange


class Echo(PythonModel):
    def predict(self, model_input: list[float]) -> list[float]:
        return model_input


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_every_saved_file_follows_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        hintsig.pyfunc.save_model(tmp_path / "m", python_model=Echo(), input_example=[1.0])
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "m").rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"MLmodel", "python_model.pkl"}
    assert {p.name: _mode(p) for p in files} == {p.name: 0o666 & ~umask for p in files}
    assert _mode(tmp_path / "m") == 0o777 & ~umask


def test_stale_staging_dirs_of_dead_processes_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = tmp_path / f".m.saving-{pid}-abc"
    stale.mkdir()
    (stale / "MLmodel").write_text("half")
    backup = tmp_path / f".other.replaced-{pid}-def"
    backup.mkdir()
    live = tmp_path / f".x.saving-{os.getppid()}-ghi"  # a live process's: kept
    live.mkdir()
    hintsig.pyfunc.save_model(tmp_path / "m", python_model=Echo(), input_example=[1.0])
    assert not stale.exists() and not backup.exists()
    assert live.exists()


def test_exchange_swaps_two_directories(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "f").write_text("b")
    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this kernel or filesystem has no renameat2(RENAME_EXCHANGE)")
    assert (tmp_path / "a" / "f").read_text() == "b"
    assert (tmp_path / "b" / "f").read_text() == "a"


SAVER = textwrap.dedent(
    """
    import sys
    import hintsig.pyfunc
    from hintsig.pyfunc import PythonModel

    class Echo(PythonModel):
        def predict(self, model_input: list[float]) -> list[float]:
            return model_input

    target, marker = sys.argv[1], sys.argv[2]
    for i in range(10_000):
        hintsig.pyfunc.save_model(
            target, python_model=Echo(), input_example=[float(i)], overwrite=True,
            metadata={"marker": marker},
        )
    """
)


def test_kill_9_while_overwriting_leaves_a_whole_model(tmp_path: Path) -> None:
    target = tmp_path / "m"
    hintsig.pyfunc.save_model(target, python_model=Echo(), input_example=[1.0])
    script = tmp_path / "saver.py"
    script.write_text(SAVER)
    rng = random.Random(14)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for _ in range(4):
        process = subprocess.Popen([sys.executable, str(script), str(target), "x"], env=env)
        time.sleep(rng.uniform(0.9, 1.6))  # past the imports, inside the loop of saves
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert target.is_dir(), "neither the old nor the new model is in place"
        loaded = hintsig.pyfunc.load_model(target)
        assert loaded.predict([3.0]) == [3.0]
    hintsig.pyfunc.save_model(target, python_model=Echo(), input_example=[1.0], overwrite=True)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".m.")]
    assert leftovers == []
