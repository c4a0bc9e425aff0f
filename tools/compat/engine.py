"""Run a corpus case under one library (`mlflow` or `hintsig`) and record its observable outcome.

A case is a small snippet of user code written against the library's public names (see
`namespace`); it sets `result` (or is one expression). The outcome is normalised to JSON:
schemas and signatures as their JSON form, reprs as strings, values and dtypes as they reached
the model, the error's family (the library's own exception, or the builtin it subclasses),
whether a warning was given, and the files a save wrote. Both libraries are run by the same
code, so the outcomes compare one to one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import importlib
import json
import logging
import math
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["namespace", "outcome", "run_cases"]

_FILES = ("MLmodel", "input_example.json", "serving_input_example.json")
# Log lines about how a model is stored, not about the user's data.
_LOG_NOISE = ("CloudPickle", "cloudpickle", "requirements", "pip", "conda", "virtualenv")
_BUILTIN_FAMILIES = (
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    AttributeError,
    NotImplementedError,
)


def namespace(root: str, tmp: Path) -> dict[str, Any]:
    """The names a case may use: the library's public API under one import root, plus helpers."""
    import numpy as np
    import pandas as pd
    import pydantic

    schema = importlib.import_module(f"{root}.types.schema")
    models = importlib.import_module(f"{root}.models")
    pyfunc = importlib.import_module(f"{root}.pyfunc")
    utils = importlib.import_module(f"{root}.pyfunc.utils")
    type_hints = importlib.import_module(f"{root}.types.type_hints")
    model_mod = importlib.import_module(f"{root}.models.model")
    ns: dict[str, Any] = {
        "lib": importlib.import_module(root),
        "np": np,
        "pd": pd,
        "pydantic": pydantic,
        "dt": dt,
        "Decimal": decimal.Decimal,
        "dataclasses": dataclasses,
        "math": math,
        "pyfunc": pyfunc,
        "pyfunc_decorator": utils.pyfunc,
        "PythonModel": pyfunc.PythonModel,
        "TypeFromExample": type_hints.TypeFromExample,
        "ModelSignature": models.ModelSignature,
        "infer_signature": models.infer_signature,
        "get_model_info": model_mod.get_model_info,
    }
    for name in (
        "Schema", "ColSpec", "TensorSpec", "DataType", "ParamSchema", "ParamSpec",
        "Array", "Object", "Property", "Map", "AnyType",
    ):  # fmt: skip
        ns[name] = getattr(schema, name)
    exec("from typing import Any, Dict, List, Optional, Union", ns)
    counter = iter(range(10**9))
    echo_cache: dict[str, Any] = {}

    def fresh_dir() -> str:
        return str(tmp / f"m{next(counter)}")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the no-hints warning is a case of its own

        class Echo(pyfunc.PythonModel):  # type: ignore[misc,name-defined]
            def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
                return {"input": model_input, "params": params}

    def make_echo() -> Any:
        return Echo()

    def echo_model(signature: Any) -> Any:
        """A loaded model that returns what reached it, saved with `signature` (cached)."""
        key = json.dumps(signature.to_dict(), sort_keys=True)
        if key not in echo_cache:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                path = fresh_dir()
                pyfunc.save_model(
                    path, python_model=make_echo(), signature=signature, pip_requirements=[]
                )
                echo_cache[key] = pyfunc.load_model(path)
        return echo_cache[key]

    def enforce(signature: Any, data: Any, params: Any = None) -> Any:
        model = echo_model(signature)
        if params is None:
            return model.predict(data)
        return model.predict(data, params=params)

    def saved(python_model: Any, **kwargs: Any) -> str:
        path = fresh_dir()
        kwargs.setdefault("pip_requirements", [])
        pyfunc.save_model(path, python_model=python_model, **kwargs)
        return path

    def save(python_model: Any, **kwargs: Any) -> dict[str, Any]:
        return {"saved": saved_files(Path(saved(python_model, **kwargs)))}

    def save_load(python_model: Any, **kwargs: Any) -> Any:
        return pyfunc.load_model(saved(python_model, **kwargs))

    def hint_schema(func: Any) -> Any:
        """The signature a model's hints give, read back from the saved model."""
        return model_mod.get_model_info(saved(func)).signature

    ns.update(
        enforce=enforce,
        save=save,
        save_load=save_load,
        hint_schema=hint_schema,
        make_echo=make_echo,
        fresh_dir=fresh_dir,
    )
    return ns


def saved_files(path: Path) -> dict[str, Any]:
    import yaml

    files: dict[str, Any] = {}
    for name in _FILES:
        file = path / name
        if not file.exists():
            continue
        text = file.read_text(encoding="utf-8")
        if name == "MLmodel":
            meta = yaml.safe_load(text)
            files[name] = {
                "signature": _signature_dict(meta.get("signature")),
                "saved_input_example_info": meta.get("saved_input_example_info"),
            }
        else:
            files[name] = json.loads(text)
    return files


def _signature_dict(raw: Any) -> Any:
    if not isinstance(raw, dict):
        return raw
    return {k: (json.loads(v) if isinstance(v, str) else v) for k, v in raw.items()}


def outcome(code: str, ns: dict[str, Any], root: str) -> dict[str, Any]:
    """Run one case's code in a copy of `ns`; its normalised result, error and warnings."""
    local = dict(ns)
    records: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                message = record.getMessage()
                if not any(n in message for n in _LOG_NOISE):
                    records.append(message)

    handler = _Collect()
    loggers = [logging.getLogger(root), logging.getLogger()]
    for logger in loggers:
        logger.addHandler(handler)
    out: dict[str, Any] = {}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                try:
                    compiled = compile(code, "<case>", "eval")
                except SyntaxError:
                    exec(compile(code, "<case>", "exec"), local)
                    value = local.get("result")
                else:
                    value = eval(compiled, local)
                out["result"] = normalize(value, root)
            except Exception as exc:
                out["error"] = error_families(exc, root)
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    messages = [str(w.message) for w in caught if _relevant(w)] + records
    out["warned"] = bool(messages)
    out["_warnings"] = messages[:3]
    return out


def _relevant(w: warnings.WarningMessage) -> bool:
    text = str(w.message)
    noise = ("PySpark", "pkg_resources", "setuptools", "distutils", "pip", "conda", "Setuptools")
    if issubclass(w.category, DeprecationWarning) and "mlflow" not in text.lower():
        return False
    return not any(n in text for n in noise)


def error_families(exc: BaseException, root: str) -> list[str]:
    families = []
    if type(exc).__module__.split(".")[0] == root or any(
        c.__module__.split(".")[0] == root for c in type(exc).__mro__
    ):
        families.append("LibError")
    families += [c.__name__ for c in _BUILTIN_FAMILIES if isinstance(exc, c)]
    return families or ["Exception"]


def normalize(value: Any, root: str) -> Any:
    """A JSON form of `value` that keeps what a user observes: types, dtypes, values."""
    import numpy as np
    import pandas as pd
    import pydantic

    name = type(value).__name__
    mod = type(value).__module__.split(".")[0]
    if mod == root:
        if name == "ModelSignature":
            return {"signature": value.to_dict()}
        if name in ("Schema", "ParamSchema"):
            return {name: json.loads(value.to_json())}
        return {name: repr(value)}
    if isinstance(value, pd.DataFrame):
        return {
            "DataFrame": {
                "columns": [normalize(c, root) for c in value.columns],
                "dtypes": [str(d) for d in value.dtypes],
                "rows": [
                    [normalize(v, root) for v in row] for row in value.itertuples(index=False)
                ],
            }
        }
    if isinstance(value, pd.Series):
        return {
            "Series": {
                "name": normalize(value.name, root),
                "dtype": str(value.dtype),
                "values": [normalize(v, root) for v in value.tolist()],
            }
        }
    if isinstance(value, np.ndarray):
        return {
            "ndarray": {
                "dtype": str(value.dtype),
                "shape": list(value.shape),
                "values": normalize(value.tolist(), root),
            }
        }
    if isinstance(value, pydantic.BaseModel):
        return {"pydantic": name, "data": normalize(value.model_dump(), root)}
    if isinstance(value, dict):
        return {"dict": [[normalize(k, root), normalize(v, root)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return {name: [normalize(v, root) for v in value]}
    if isinstance(value, float) and math.isnan(value):
        return [name, "nan"]
    if isinstance(value, np.generic):
        item = value.item()
        if isinstance(item, float) and math.isnan(item):
            item = "nan"
        return [f"np.{name}", item if isinstance(item, (int, float, str, bool)) else str(item)]
    if value is None or isinstance(value, (bool, int, float, str)):
        return [name, value]
    if isinstance(value, (bytes, bytearray)):
        return [name, value.decode("latin-1")]
    return [name, str(value)]


def run_cases(cases: list[tuple[str, str, str]], root: str) -> dict[str, dict[str, Any]]:
    """Every case's outcome under `root`, keyed by case id."""
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            ns = namespace(root, Path(tmp))
            for case_id, _category, code in cases:
                results[case_id] = outcome(code, ns, root)
        finally:
            os.chdir(cwd)
    return results


def compare(golden: dict[str, Any], observed: dict[str, Any]) -> list[str]:
    """What differs between MLflow's outcome and hintsig's (empty when they agree)."""
    problems: list[str] = []
    if "error" in golden or "error" in observed:
        if "error" not in golden:
            problems.append(f"hintsig raised {observed['error']}, MLflow returned a result")
        elif "error" not in observed:
            problems.append(f"MLflow raised {golden['error']}, hintsig returned a result")
        elif not set(golden["error"]) & set(observed["error"]):
            problems.append(f"error family {observed['error']} vs MLflow's {golden['error']}")
    elif golden["result"] != observed["result"]:
        problems.append("result differs")
    if golden["warned"] != observed["warned"]:
        problems.append(f"warning: MLflow {golden['warned']}, hintsig {observed['warned']}")
    return problems


Runner = Callable[[list[tuple[str, str, str]], str], dict[str, dict[str, Any]]]
