"""Installs as a new user makes them, each into a fresh virtual environment under tmp.

* `pip install <repo>` (no extras): `hintsig --help` works (click is a core dependency) and
  `hintsig models serve` says in one line which extra installs the server (exit status 2).
* `pip install -e <repo>` (as the Makefile does it) then `mypy --strict` on a user's file:
  mypy finds hintsig's types and the `hintsig_mypy` plugin through the editable install.

No network: each fresh venv sees, through one `.pth` file, a folder of links to exactly the
distributions its install needs (hintsig's core dependencies and theirs, read from this
environment's metadata; the build backend; mypy), and pip runs with `--no-index`, so a core
dependency missing from pyproject.toml fails the install. `PYTHONPATH` is removed, so only
what the venv holds is seen.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import venv
from importlib import metadata
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


#: What a fresh venv may see besides pip: the build backend and hintsig's core dependencies
#: (read from hintsig's own metadata, without extras), and mypy for the editable-install test.
BUILD = ["hatchling"]


def _closure(names: list[str]) -> set[str]:
    """The distributions `names` need, with their dependencies (no extras), as installed here."""
    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        dist = metadata.distribution(name)
        key = dist.metadata["Name"].lower()
        if key in seen:
            continue
        seen.add(key)
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def _core_dependencies() -> list[str]:
    """The names in pyproject.toml's `dependencies` (what `pip install hintsig` installs)."""
    from packaging.requirements import Requirement

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        from pip._vendor import tomli as tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(text).name for text in project["dependencies"]]


def _offline_site(where: Path, names: list[str]) -> Path:
    """A folder of links to the files of `names`' distributions (and their dependencies)."""
    site = where / "offline-site"
    site.mkdir()
    for name in sorted(_closure(names)):
        dist = metadata.distribution(name)
        root = Path(str(dist.locate_file("")))
        tops = {Path(str(f)).parts[0] for f in dist.files or []}
        for top in tops - {"..", "__pycache__"}:
            if (root / top).exists() and not (site / top).exists():
                (site / top).symlink_to(root / top)
    return site


def _fresh_venv(where: Path, *install: str, also: tuple[str, ...] = ()) -> Path:
    """A new venv at `where` with `pip install --no-index *install` done; its `bin` folder."""
    venv.EnvBuilder(with_pip=True).create(where)
    site = _offline_site(where.parent, [*_core_dependencies(), *BUILD, *also])
    (next(where.glob("lib/*/site-packages")) / "offline.pth").write_text(f"{site}\n")
    bin_dir = where / "bin"
    result = _run(
        bin_dir / "python", "-m", "pip", "install", "-q", "--no-index", "--no-build-isolation",
        *install,
    )  # fmt: skip
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
    bin_dir = _fresh_venv(tmp_path / "venv", *_editable_flags(), str(ROOT), also=("mypy",))
    pth = "".join(p.read_text() for p in (tmp_path / "venv").glob("lib/*/site-packages/*.pth"))
    assert str(ROOT) in pth.splitlines()  # a plain path, no import hook
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[tool.mypy]\nplugins = ["hintsig_mypy"]\n')
    (project / "user.py").write_text(USER_CODE)
    (project / "bad.py").write_text(BAD_HINT)
    result = _run(bin_dir / "python", "-m", "mypy", "--strict", "user.py", cwd=project)
    assert result.returncode == 0, result.stdout
    assert 'Revealed type is "def (model_input: list[user.Message]) -> list[str]"' in result.stdout
    result = _run(bin_dir / "python", "-m", "mypy", "--strict", "bad.py", cwd=project)
    assert result.returncode == 1
    assert "[hintsig-hint]" in result.stdout, result.stdout
