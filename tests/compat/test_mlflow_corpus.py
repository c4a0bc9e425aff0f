"""The differential corpus (tools/compat) run under hintsig against MLflow's committed goldens.

`tools/compat/goldens.json` holds MLflow 3.x's observed outcomes (written by
`tools/compat/make_goldens.py` in a scratch venv; MLflow is never a dependency). Every case
must agree, except the deliberate differences (README, "Deliberate differences from MLflow")
and the open ones still to fix, each listed below by case id.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

COMPAT = Path(__file__).resolve().parents[2] / "tools" / "compat"
sys.path.insert(0, str(COMPAT))

from cases import CASES  # noqa: E402
from engine import compare, run_cases  # noqa: E402

_DIFFERENCES = json.loads((COMPAT / "differences.json").read_text(encoding="utf-8"))
# Case id -> why hintsig differs on purpose (mirrored in the README).
DELIBERATE: dict[str, str] = _DIFFERENCES["deliberate"]
# Case id -> what still differs and is not fixed yet (not deliberate; each one is reported).
OPEN: dict[str, str] = _DIFFERENCES["open"]
# Case id -> why hintsig accepts what MLflow refuses (allowed: more lenient, no data lost).
LENIENT: dict[str, str] = _DIFFERENCES.get("lenient", {})


@pytest.fixture(scope="module")
def outcomes() -> dict[str, dict[str, Any]]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_cases(CASES, "hintsig")


@pytest.fixture(scope="module")
def goldens() -> dict[str, dict[str, Any]]:
    data = json.loads((COMPAT / "goldens.json").read_text(encoding="utf-8"))
    cases: dict[str, dict[str, Any]] = data["cases"]
    return cases


def test_corpus_is_large_and_golden(goldens: dict[str, dict[str, Any]]) -> None:
    assert len(CASES) >= 400
    assert {case_id for case_id, _, _ in CASES} == set(goldens)
    assert set(DELIBERATE).isdisjoint(OPEN)
    assert set(LENIENT).isdisjoint(set(OPEN) | set(DELIBERATE))
    assert set(DELIBERATE) | set(OPEN) | set(LENIENT) <= set(goldens)


def test_hintsig_agrees_with_mlflow(
    outcomes: dict[str, dict[str, Any]], goldens: dict[str, dict[str, Any]]
) -> None:
    disagreements = {}
    for case_id, _category, _code in CASES:
        problems = compare(goldens[case_id], outcomes[case_id])
        if problems and case_id not in {**DELIBERATE, **OPEN, **LENIENT}:
            disagreements[case_id] = problems
    assert not disagreements, json.dumps(disagreements, indent=1)


def test_listed_differences_still_differ(
    outcomes: dict[str, dict[str, Any]], goldens: dict[str, dict[str, Any]]
) -> None:
    """A fixed case leaves the OPEN list (and a deliberate one really differs)."""
    agreeing = [
        case_id
        for case_id in [*DELIBERATE, *OPEN, *LENIENT]
        if not compare(goldens[case_id], outcomes[case_id])
    ]
    assert not agreeing


def test_lenient_cases_are_mlflow_errors(goldens: dict[str, dict[str, Any]]) -> None:
    """A lenient difference is only ever hintsig accepting an input that MLflow refuses."""
    assert all("error" in goldens[case_id] for case_id in LENIENT)


def test_readme_names_every_listed_difference() -> None:
    """Each deliberate and lenient case id appears in the README, beside its reason."""
    readme = (COMPAT.parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [case_id for case_id in [*DELIBERATE, *LENIENT] if f"`{case_id}`" not in readme]
    assert not missing
