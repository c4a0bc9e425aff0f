"""Every name of the public API contract (/work/shared/API.md) imports from its listed path.

One row per import path of API.md's table. New issues extend this list with the names they
add (and a name is listed only once it exists on main).
"""

from __future__ import annotations

import importlib

import pytest

PUBLIC_NAMES: dict[str, tuple[str, ...]] = {
    "hintsig.types": ("Schema", "ColSpec", "TensorSpec", "DataType", "ParamSchema", "ParamSpec"),
    "hintsig.types.schema": (
        "Schema",
        "ColSpec",
        "TensorSpec",
        "DataType",
        "ParamSchema",
        "ParamSpec",
        "Array",
        "Object",
        "Property",
        "Map",
        "AnyType",
    ),
    "hintsig.types.type_hints": ("TypeFromExample",),
    "hintsig.models": (
        "ModelSignature",
        "infer_signature",
        "set_signature",
        "validate_serving_input",
        "validate_schema",
        "set_model",
        "export_metadata",
        "diff_signatures",
    ),
    "hintsig.models.signature": ("ModelSignature", "infer_signature"),
    "hintsig.models.model": ("get_model_info",),
    "hintsig.models.utils": ("load_serving_example",),
    "hintsig.pyfunc": (
        "PythonModel",
        "PyFuncModel",
        "save_model",
        "log_model",
        "load_model",
        "spark_udf",
    ),
    "hintsig.pyfunc.utils": ("pyfunc",),
    "hintsig.exceptions": ("HintsigException",),
    "hintsig": (
        "start_run",
        "register_model",
        "set_tracking_uri",
        "get_tracking_uri",
        "set_registry_uri",
        "get_registry_uri",
        "active_run",
        "last_active_run",
        "MlflowClient",
        "models",
        "pyfunc",
        "types",
        "sklearn",
        "testing",
    ),
    "hintsig.client": ("HintsigClient", "MlflowClient"),
    "hintsig.sklearn": ("save_model", "log_model", "load_model"),
    "hintsig.testing": ("strategy", "check_model", "assert_model"),
}


def test_schema_converts_to_spark() -> None:
    """API.md: `hintsig.types.schema` also has `Schema.as_spark_schema()` (extra `spark`)."""
    from hintsig.types.schema import Schema

    assert callable(Schema.as_spark_schema)


ROWS = [(path, name) for path, names in PUBLIC_NAMES.items() for name in names]


@pytest.mark.parametrize(("path", "name"), ROWS, ids=[f"{p}.{n}" for p, n in ROWS])
def test_public_name_imports_from_its_path(path: str, name: str) -> None:
    module = importlib.import_module(path)
    namespace: dict[str, object] = {}
    exec(f"from {path} import {name}", namespace)  # the statement a user writes
    assert namespace[name] is getattr(module, name)


@pytest.mark.parametrize("path", sorted(PUBLIC_NAMES))
def test_public_names_are_in_all(path: str) -> None:
    module = importlib.import_module(path)
    exported = set(getattr(module, "__all__", ()))
    assert set(PUBLIC_NAMES[path]) <= exported
