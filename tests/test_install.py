"""Installs as a new user makes them, each into a fresh virtual environment under tmp.

* `pip install <repo>` (no extras): `hintsig --help` works (click is a core dependency) and
  `hintsig models serve` says in one line which extra installs the server (exit status 2).
* `pip install -e <repo>` (as the Makefile does it) then `mypy --strict` on a user's file:
  mypy finds hintsig's types and the `hintsig_mypy` plugin through the editable install.

pip resolves the dependencies as usual (its cache and the machine's wheel folders make this
quick); `PYTHONPATH` is removed, so only what the install put in the environment is seen.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    return {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    }


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=_env(),
        timeout=600,
        check=False,
    )


def _fresh_venv(where: Path, *install: str) -> Path:
    """A new venv at `where` with `pip install *install` done; its `bin` folder."""
    venv.EnvBuilder(with_pip=True).create(where)
    bin_dir = where / "bin"
    result = _run(bin_dir / "python", "-m", "pip", "install", "-q", *install)
    assert result.returncode == 0, result.stderr
    return bin_dir


def _editable_flags() -> list[str]:
    """The editable-install flags of the Makefile (`EDITABLE := ...`): the ones tested here."""
    match = re.search(r"^EDITABLE := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert match is not None
    return match.group(1).split()


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _fresh_venv(tmp_path_factory.mktemp("plain") / "venv", str(ROOT))


def test_a_plain_install_has_no_server_stack(plain: Path) -> None:
    code = "import importlib.util as u; print([u.find_spec(m) for m in ('starlette', 'uvicorn')])"
    assert _run(plain / "python", "-c", code).stdout.strip() == "[None, None]"


def test_help_works_without_extras(plain: Path) -> None:
    result = _run(plain / "hintsig", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: hintsig")
    for group in ("models", "registry", "signature"):
        assert group in result.stdout


def test_serve_names_the_extra_in_one_line(plain: Path, tmp_path: Path) -> None:
    result = _run(plain / "hintsig", "models", "serve", "-m", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and "pip install 'hintsig[serve]'" in lines[0]


def test_predict_works_without_extras(plain: Path, tmp_path: Path) -> None:
    save = (
        "import hintsig.pyfunc\n"
        "class Upper(hintsig.pyfunc.PythonModel):\n"
        "    def predict(self, model_input: list[str]) -> list[str]:\n"
        "        return [s.upper() for s in model_input]\n"
        f"hintsig.pyfunc.save_model({str(tmp_path / 'm')!r}, python_model=Upper())\n"
    )
    assert _run(plain / "python", "-c", save, cwd=tmp_path).returncode == 0
    (tmp_path / "in.json").write_text('{"inputs": ["hi"]}')
    result = _run(
        plain / "hintsig", "models", "predict", "-m", tmp_path / "m", "-i", "in.json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"predictions": ["HI"]}


USER_CODE = """\
import pydantic
from hintsig.pyfunc.utils import pyfunc


class Message(pydantic.BaseModel):
    role: str
    content: str


@pyfunc
def predict(model_input: list[Message]) -> list[str]:
    return [m.content for m in model_input]


answers: list[str] = predict([{"role": "user", "content": "Hi"}])
reveal_type(predict)
"""
BAD_HINT = """\
from hintsig.pyfunc.utils import pyfunc


@pyfunc
def predict(model_input: list[set[int]]) -> list[str]:
    return []
"""


def test_mypy_sees_an_editable_install(tmp_path: Path) -> None:
    bin_dir = _fresh_venv(tmp_path / "venv", *_editable_flags(), str(ROOT), "mypy")
    pth = "".join(p.read_text() for p in (tmp_path / "venv").glob("lib/*/site-packages/*.pth"))
    assert str(ROOT) in pth.splitlines()  # a plain path, no import hook
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[tool.mypy]\nplugins = ["hintsig_mypy"]\n')
    (project / "user.py").write_text(USER_CODE)
    (project / "bad.py").write_text(BAD_HINT)
    result = _run(bin_dir / "mypy", "--strict", "user.py", cwd=project)
    assert result.returncode == 0, result.stdout
    assert 'Revealed type is "def (model_input: list[user.Message]) -> list[str]"' in result.stdout
    result = _run(bin_dir / "mypy", "--strict", "bad.py", cwd=project)
    assert result.returncode == 1
    assert "[hintsig-hint]" in result.stdout, result.stdout
