"""One mypy run, with the hintsig plugin, over the fixture files and the agreement modules.

mypy runs once per session (in this process, through `mypy.api`), over a temporary folder that
holds a copy of `fixtures/*.py` and one generated module per agreement case (a hint of
`cases.EXPECTED`, `cases.VALIDATED_UNIONS` or `cases.KNOWN_DIFFERENCES`); its cache lives in
the session's temporary folder too.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from mypy import api

from .cases import EXPECTED, KNOWN_DIFFERENCES, MODELS, VALIDATED_UNIONS, Case, module_source

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).with_name("fixtures")


@dataclass(frozen=True)
class MypyRun:
    """The lines mypy printed, by file name, and the folders it checked."""

    lines: dict[str, list[str]]
    fixtures: Path
    agreement: Path
    config: Path

    def output(self, name: str) -> list[str]:
        """The lines mypy printed about file `name` (`pyfunc_forms.py`), without folders."""
        return self.lines.get(name, [])


def agreement_cases() -> list[Case]:
    """Every case the agreement test checks, known differences last."""
    return [
        *(Case(hint) for hint in EXPECTED),
        *(Case(hint, validate_unions=True) for hint in VALIDATED_UNIONS),
        *(Case(hint) for hint, _, _ in KNOWN_DIFFERENCES),
    ]


def agreement_module(index: int) -> str:
    """The module name of the `index`-th agreement hint."""
    return f"agree_{index:02d}"


def write_config(folder: Path, cache: Path) -> Path:
    """A mypy configuration enabling the plugin, with hintsig and `typings/` on the path."""
    config = folder / "mypy.ini"
    config.write_text(
        "[mypy]\n"
        "plugins = hintsig_mypy\n"
        f"mypy_path = {ROOT}:{ROOT / 'typings'}\n"
        f"cache_dir = {cache}\n"
        "follow_imports = silent\n"
        "python_version = 3.11\n"
    )
    return config


def run_mypy(config: Path, *targets: Path, log: list[str] | None = None) -> dict[str, list[str]]:
    """Run mypy on `targets`; the lines it printed, by file name.

    With `log`, mypy runs verbosely and its log lines are added to `log`.
    """
    verbose = [] if log is None else ["--verbose"]
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / "plugins"))
        stdout, stderr, status = api.run(
            [
                "--config-file",
                str(config),
                "--no-error-summary",
                "--no-pretty",
                "--hide-error-context",
                *verbose,
                *map(str, targets),
            ]
        )
    if log is not None:
        log.extend(stderr.splitlines())
        stderr = ""
    assert not stderr and status in (0, 1), stderr + stdout
    lines: dict[str, list[str]] = defaultdict(list)
    for line in stdout.splitlines():
        name = Path(line.partition(":")[0]).name
        lines[name].append(f"{name}:{line.partition(':')[2]}")
    return dict(lines)


@pytest.fixture(scope="session")
def mypy_run(tmp_path_factory: pytest.TempPathFactory) -> MypyRun:
    """mypy's output on the fixture files and the agreement modules (one run)."""
    base = tmp_path_factory.mktemp("mypy_plugin")
    fixtures = base / "fixtures"
    shutil.copytree(FIXTURES, fixtures, ignore=shutil.ignore_patterns("*.out", "__pycache__"))
    agreement = base / "agreement"
    agreement.mkdir()
    (agreement / "agree_models.py").write_text(MODELS)
    for index, case in enumerate(agreement_cases()):
        (agreement / f"{agreement_module(index)}.py").write_text(module_source(case))
    config = write_config(base, base / ".mypy_cache")
    return MypyRun(run_mypy(config, fixtures, agreement), fixtures, agreement, config)
