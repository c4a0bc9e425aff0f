"""Print the corpus cases where hintsig and MLflow's goldens disagree, with both outcomes.

    .venv/bin/python tools/compat/report.py [PREFIX ...] [--write]

PREFIX filters case ids (`schema/`, `infer/in-`). `--write` rewrites the "open" list of
differences.json to exactly the cases that still disagree and are not deliberate.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cases import CASES  # noqa: E402
from engine import compare, run_cases  # noqa: E402


def main(argv: list[str]) -> int:
    write = "--write" in argv
    prefixes = [a for a in argv if not a.startswith("--")]
    cases = [c for c in CASES if not prefixes or c[0].startswith(tuple(prefixes))]
    goldens = json.loads((HERE / "goldens.json").read_text())["cases"]
    differences = json.loads((HERE / "differences.json").read_text())
    deliberate = differences["deliberate"]
    lenient = differences.get("lenient", {})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        observed = run_cases(cases, "hintsig")
    still: dict[str, str] = {}
    for case_id, _category, code in cases:
        problems = compare(goldens[case_id], observed[case_id])
        if not problems or case_id in deliberate or case_id in lenient:
            continue
        still[case_id] = "; ".join(problems)
        if not write:
            print(f"=== {case_id}: {still[case_id]}\n{code}")
            print(f"  mlflow : {json.dumps(goldens[case_id])[:1500]}")
            print(f"  hintsig: {json.dumps(observed[case_id])[:1500]}\n")
    total = len(cases) - len([c for c in cases if c[0] in deliberate or c[0] in lenient])
    print(f"agree {total - len(still)}/{total} non-deliberate cases")
    if write and not prefixes:
        differences["open"] = dict(sorted(still.items()))
        (HERE / "differences.json").write_text(json.dumps(differences, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
