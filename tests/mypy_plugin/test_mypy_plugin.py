"""The mypy plugin's findings on the fixture files, line by line.

Each `fixtures/<name>.py` has its expected mypy output in `fixtures/<name>.out`; mypy checks
all of them in one run (see `conftest.py`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import FIXTURES, MypyRun, run_mypy

FIXTURE_NAMES = sorted(path.stem for path in FIXTURES.glob("*.py"))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_output(name: str, mypy_run: MypyRun) -> None:
    expected = (FIXTURES / f"{name}.out").read_text().splitlines()
    assert sorted(mypy_run.output(f"{name}.py")) == sorted(expected)


def test_every_fixture_has_expected_output() -> None:
    assert FIXTURE_NAMES
    assert sorted(path.stem for path in FIXTURES.glob("*.out")) == FIXTURE_NAMES


CACHED_MODELS = """\
import pydantic


class Item(pydantic.BaseModel):
    name: str
    note: str | None = pydantic.Field(None)
    missing: int | None = pydantic.Field(...)
"""

CACHED_USER = """\
from cached_models import Item
from hintsig.pyfunc.utils import pyfunc


@pyfunc
def predict(model_input: list[Item]) -> list[str]:
    return []
"""


def test_models_loaded_from_the_mypy_cache(mypy_run: MypyRun, tmp_path: Path) -> None:
    """Field defaults survive mypy's cache: a model module that is not re-analysed keeps them."""
    models = tmp_path / "cached_models.py"
    models.write_text(CACHED_MODELS)
    user = tmp_path / "cached_user.py"
    user.write_text(CACHED_USER)
    expected = [
        "cached_user.py:6: error: Invalid type hint `list[Item].missing: int | None`: an Optional "
        "field needs a default; write `missing: int | None = None`  [hintsig-hint]"
    ]
    assert run_mypy(mypy_run.config, models, user) == {"cached_user.py": expected}

    user.write_text(CACHED_USER + "\n# edited: only this module is checked again\n")
    log: list[str] = []
    assert run_mypy(mypy_run.config, models, user, log=log) == {"cached_user.py": expected}
    assert any("Metadata fresh for cached_models" in line for line in log)
    assert not any("Parsing" in line and "cached_models" in line for line in log)
