"""`import hintsig` and its light subpackages must not load numpy, pandas or the server."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

HEAVY_MODULES = (
    "numpy",
    "pandas",
    "starlette",
    "uvicorn",
    "pyspark",
    "pyarrow",
    "hypothesis",
)

LIGHT_IMPORTS = [
    "hintsig",
    "hintsig.types",
    "hintsig.types.schema",
    "hintsig.models",
    "hintsig.pyfunc",
    "hintsig.exceptions",
    "hintsig.testing",
]

PROBE = """
import json, sys
import {module}
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


@pytest.mark.parametrize("module", LIGHT_IMPORTS)
def test_import_leaves_heavy_modules_unloaded(module: str) -> None:
    code = PROBE.format(module=module, heavy=HEAVY_MODULES)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_the_probe_sees_a_heavy_import() -> None:
    code = PROBE.format(module="hintsig.types.schema; import numpy", heavy=HEAVY_MODULES)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(result.stdout) == ["numpy"]


@pytest.mark.parametrize("module", ["hintsig", "hintsig.types", "hintsig.types.schema"])
def test_every_name_in_all_resolves(module: str) -> None:
    imported = importlib.import_module(module)
    names = imported.__all__
    assert len(names) == len(set(names))
    for name in names:
        assert getattr(imported, name) is not None, name


SUBPACKAGE_PROBE = """
import json, sys
import hintsig
before = [m for m in ("hintsig.pyfunc", "hintsig.models", "hintsig.types") if m in sys.modules]
found = {attribute!r}
print(json.dumps([before, callable(found) or isinstance(found, type)]))
"""


@pytest.mark.parametrize(
    "attribute",
    ["hintsig.pyfunc.save_model", "hintsig.models.ModelSignature", "hintsig.types.Schema"],
)
def test_subpackages_are_lazy_attributes_of_hintsig(attribute: str) -> None:
    """After only `import hintsig`, `hintsig.pyfunc.save_model` resolves, importing on use."""
    code = SUBPACKAGE_PROBE.replace("{attribute!r}", attribute)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [[], True]


def test_unknown_attribute_of_hintsig_is_an_attribute_error() -> None:
    import hintsig

    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        _ = hintsig.no_such_name  # type: ignore[attr-defined]


def test_hintsig_testing_without_hypothesis_names_the_extra() -> None:
    """With Hypothesis missing, the first use of hintsig.testing names the `testing` extra."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import hintsig.testing\n"
        "try:\n    hintsig.testing.strategy\n"
        "except hintsig.HintsigException as exc:\n    print(exc.message)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert "pip install 'hintsig[testing]'" in result.stdout
