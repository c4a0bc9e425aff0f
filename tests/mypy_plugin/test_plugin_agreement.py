"""The mypy plugin flags exactly the hints the run-time translator refuses or warns about.

Every hint of `cases.EXPECTED` is written into its own module (`@pyfunc def predict(
model_input: <hint>)`), and every hint of `cases.VALIDATED_UNIONS` under
`@pyfunc(validate_unions=True)`; mypy checks them all in one run (see `conftest.py`) and each
module is then imported, which decorates the function for real. Both verdicts must match the
table:

* `error`: the translator raises (an invalid hint) or warns and gives no schema (an
  unsupported hint); the plugin reports a `hintsig-hint` error;
* `note`: the translator warns that part of the input is not validated; the plugin notes it;
* `ok`: neither says anything.
"""

from __future__ import annotations

import importlib.util
import sys
import warnings

import pytest

from hintsig.exceptions import HintsigException, UnsupportedHintWarning
from hintsig.types.type_hints import get_predict_hints

from .cases import EXPECTED, KNOWN_DIFFERENCES, VALIDATED_UNIONS, Case, Verdict
from .conftest import MypyRun, agreement_cases, agreement_module

HINT_CODE = "[hintsig-hint]"


def plugin_verdict(run: MypyRun, index: int) -> Verdict:
    """What the plugin said about the `index`-th hint."""
    lines = run.output(f"{agreement_module(index)}.py")
    others = [line for line in lines if ": error: " in line and not line.endswith(HINT_CODE)]
    assert not others, f"mypy itself rejects the module: {others}"
    if any(line.endswith(HINT_CODE) for line in lines):
        return "error"
    if any(": note: " in line and "is not validated" in line for line in lines):
        return "note"
    return "ok"


def translator_verdict(run: MypyRun, index: int) -> Verdict:
    """What `@pyfunc` said when the `index`-th module was imported."""
    name = agreement_module(index)
    spec = importlib.util.spec_from_file_location(name, run.agreement / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            spec.loader.exec_module(module)
        except HintsigException:
            return "error"
    unexpected = [w for w in caught if not issubclass(w.category, UnsupportedHintWarning)]
    assert not unexpected, [str(w.message) for w in unexpected]
    # A note about how a hint is recorded (`list[date]` as datetime) is not a validation gap.
    if not any(
        "is not validated" in str(w.message) or "Unsupported" in str(w.message) for w in caught
    ):
        return "ok"
    hints = get_predict_hints(module.predict)
    # An unsupported hint gives no schema; a hint that is only partly validated keeps one.
    return "note" if hints is not None and hints.input_schema is not None else "error"


Verdicts = dict[Case, tuple[Verdict, Verdict]]

#: Every case with a verdict both must reach: `(case, verdict)`.
AGREEING = [
    *((Case(hint), verdict) for hint, verdict in EXPECTED.items()),
    *((Case(hint, validate_unions=True), verdict) for hint, verdict in VALIDATED_UNIONS.items()),
]


@pytest.fixture(scope="module")
def verdicts(mypy_run: MypyRun) -> Verdicts:
    """`case -> (translator, plugin)` for every case."""
    sys.path.insert(0, str(mypy_run.agreement))
    try:
        return {
            case: (translator_verdict(mypy_run, i), plugin_verdict(mypy_run, i))
            for i, case in enumerate(agreement_cases())
        }
    finally:
        sys.path.remove(str(mypy_run.agreement))
        sys.modules.pop("agree_models", None)


@pytest.mark.parametrize(("case", "verdict"), AGREEING, ids=[str(c) for c, _ in AGREEING])
def test_translator_and_plugin_agree(case: Case, verdict: Verdict, verdicts: Verdicts) -> None:
    assert verdicts[case] == (verdict, verdict)


def test_agreement_count(verdicts: Verdicts) -> None:
    agreeing = [case for case, _ in AGREEING if verdicts[case][0] == verdicts[case][1]]
    print(
        f"\nThe mypy plugin agrees with the translator on {len(agreeing)} of {len(AGREEING)} hints"
    )
    assert len(AGREEING) >= 40
    assert len(agreeing) == len(AGREEING)
    assert set(EXPECTED.values()) == set(VALIDATED_UNIONS.values()) == {"error", "note", "ok"}


@pytest.mark.parametrize(("hint", "translator", "plugin"), KNOWN_DIFFERENCES)
def test_known_differences(
    hint: str, translator: Verdict, plugin: Verdict, verdicts: Verdicts
) -> None:
    """Where mypy's view of a hint differs from Python's, the difference is the documented one."""
    assert verdicts[Case(hint)] == (translator, plugin)
