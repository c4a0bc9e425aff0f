"""`save_model` / `log_model`: model kinds, signature precedence, examples, atomic writes."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path
from typing import Any

import cloudpickle
import numpy as np
import pandas as pd
import pydantic
import pytest
import yaml

import hintsig
from hintsig.client import HintsigClient
from hintsig.exceptions import DataValidationError, HintsigException
from hintsig.models._uri import resolve_model_uri
from hintsig.models.model import get_model_info
from hintsig.pyfunc import PythonModel, PythonModelContext, load_model, log_model, save_model
from hintsig.pyfunc.utils import pyfunc
from hintsig.types.schema import (
    AnyType,
    ColSpec,
    DataType,
    Map,
    ModelSignature,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
    TensorSpec,
)
from hintsig.types.type_hints import TypeFromExample


class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: dict[str, str] | None = None


MESSAGE_SCHEMA = Schema(
    [
        ColSpec(
            Object(
                [
                    Property("role", DataType.string),
                    Property("content", DataType.string),
                    Property("metadata", Map(DataType.string), required=False),
                ]
            )
        )
    ]
)


class Chat(PythonModel):
    def predict(self, model_input: list[Message]) -> list[str]:
        return [m.content for m in model_input]


class Contextual(PythonModel):
    """Takes the context and params; load_context records what it saw."""

    def __init__(self) -> None:
        self.loaded_with: PythonModelContext | None = None

    def load_context(self, context: PythonModelContext) -> None:
        self.loaded_with = context

    def predict(
        self,
        context: PythonModelContext,
        model_input: list[str],
        params: dict[str, Any] | None = None,
    ) -> list[str]:
        suffix = (params or {}).get("suffix", "")
        return [f"{x}{suffix}" for x in model_input]


class Untyped(PythonModel):
    def predict(self, model_input, params=None):  # type: ignore[no-untyped-def]
        return model_input


class Failing(PythonModel):
    def predict(self, model_input, params=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("model bug")


class FromExample(PythonModel):
    def predict(self, model_input: TypeFromExample):  # type: ignore[no-untyped-def]
        return [str(x).upper() for x in model_input]


@pyfunc
def shout(model_input: list[str]) -> list[str]:
    return [s.upper() for s in model_input]


def whisper(model_input: list[str]) -> list[str]:
    return [s.lower() for s in model_input]


@pytest.fixture(autouse=True)
def runs_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    runs = tmp_path / "runs"
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(runs))
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    return runs


def _mlmodel(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((path / "MLmodel").read_text())
    return data


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


# ----------------------------------------------------------------------------- model kinds


class _HoldsALock(PythonModel):
    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()

    def predict(self, model_input: list[str]) -> list[str]:
        return model_input


def test_a_model_that_cannot_be_pickled_is_a_clear_error_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    with pytest.raises(HintsigException, match="Cannot pickle the model") as caught:
        save_model(tmp_path / "m", python_model=_HoldsALock())
    assert "models-from-code" in caught.value.message
    assert isinstance(caught.value.__cause__, TypeError)
    assert list(tmp_path.iterdir()) == []


def test_python_model_instance_is_pickled(tmp_path: Path) -> None:
    path = tmp_path / "chat"
    info = save_model(path, python_model=Chat(), input_example=[{"role": "u", "content": "hi"}])
    assert info.signature == ModelSignature(MESSAGE_SCHEMA, Schema([ColSpec("string")]))
    assert sorted(p.name for p in path.iterdir()) == [
        "MLmodel",
        "input_example.json",
        "python_model.pkl",
        "requirements.txt",
        "serving_input_example.json",
    ]
    flavor = _mlmodel(path)["flavors"]["python_function"]
    assert flavor["python_model"] == "python_model.pkl"
    assert flavor["cloudpickle_version"] == cloudpickle.__version__
    assert flavor["loader_module"] == "hintsig.pyfunc._loader"
    assert load_model(path).predict([{"role": "u", "content": "hello"}]) == ["hello"]


@pytest.mark.parametrize("function", [shout, whisper], ids=["decorated", "plain"])
def test_functions_validate_after_loading(tmp_path: Path, function: Any) -> None:
    save_model(tmp_path / "f", python_model=function)
    model = load_model(tmp_path / "f")
    assert model.metadata.signature == ModelSignature(
        Schema([ColSpec("string")]), Schema([ColSpec("string")])
    )
    assert model.predict(["Ab"]) == function(["Ab"])
    with pytest.raises(DataValidationError, match=r"\[0\]: expected str, got int"):
        model.predict([1])


def test_context_params_and_load_context(tmp_path: Path) -> None:
    original = Contextual()
    save_model(tmp_path / "c", python_model=original, input_example=(["a"], {"suffix": "!"}))
    assert original.loaded_with is None  # the example ran on a copy
    model = load_model(tmp_path / "c")
    inner = model.unwrap_python_model()
    assert isinstance(inner.loaded_with, PythonModelContext)
    assert model.predict(["x"], params={"suffix": "?"}) == ["x?"]


MODEL_CODE = """
from hintsig.models import set_model
from hintsig.pyfunc import PythonModel
import {helper} as helper


class Doubler(PythonModel):
    def predict(self, model_input: list[float]) -> list[float]:
        return [helper.double(x) for x in model_input]


set_model(Doubler())
"""


def test_models_from_code_load_without_unpickling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    helper_dir = tmp_path / "src"
    helper_dir.mkdir()
    (helper_dir / "hs_helper_double.py").write_text("def double(x):\n    return 2 * x\n")
    code = tmp_path / "model_code.py"
    code.write_text(MODEL_CODE.format(helper="hs_helper_double"))
    monkeypatch.syspath_prepend(str(helper_dir))
    path = tmp_path / "from_code"
    save_model(
        path,
        python_model=code,
        input_example=[1.0],
        code_paths=[helper_dir / "hs_helper_double.py"],
    )
    flavor = _mlmodel(path)["flavors"]["python_function"]
    assert flavor["model_code_path"] == "model_code.py"
    assert flavor["code"] == "code"
    assert "python_model" not in flavor and not (path / "python_model.pkl").exists()
    assert (path / "code" / "hs_helper_double.py").is_file()

    # Loading finds the helper in the model's code/ directory and never unpickles.
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p != str(helper_dir)])
    monkeypatch.delitem(sys.modules, "hs_helper_double")

    def no_unpickling(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("unpickled")

    monkeypatch.setattr(cloudpickle, "load", no_unpickling)
    monkeypatch.setattr(pickle, "load", no_unpickling)
    monkeypatch.setattr(pickle, "loads", no_unpickling)
    model = load_model(path)
    assert model.predict([1.5, 2.0]) == [3.0, 4.0]
    assert model.metadata.is_signature_from_type_hint


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("x = 1\n", r"did not call hintsig.models.set_model\(model\)"),
        ("raise ValueError('bad')\n", "Running the model code file .* failed: ValueError"),
    ],
)
def test_models_from_code_errors(tmp_path: Path, code: str, message: str) -> None:
    file = tmp_path / "model_code.py"
    file.write_text(code)
    with pytest.raises(HintsigException, match=message):
        save_model(tmp_path / "m", python_model=file)
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    ("python_model", "message"),
    [
        (None, r"needs python_model="),
        (Chat, r"pass Chat\(\)"),
        (42, "a PythonModel instance, a function, or the path"),
        ("missing.py", "must be an existing .py file"),
    ],
)
def test_bad_python_models(tmp_path: Path, python_model: Any, message: str) -> None:
    with pytest.raises(HintsigException, match=message):
        save_model(tmp_path / "m", python_model=python_model)


# ----------------------------------------------------------------------------- signatures


def test_hints_give_the_signature_and_the_flag(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=shout)
    data = _mlmodel(tmp_path / "m")
    assert data["is_signature_from_type_hint"] is True
    assert data["type_hint_from_example"] is False


def test_explicit_signature_that_agrees_with_the_hints_is_kept(tmp_path: Path) -> None:
    signature = ModelSignature(
        Schema([ColSpec("string")]),
        Schema([ColSpec("string")]),
        ParamSchema([ParamSpec("n", "long", 1)]),
    )
    info = save_model(tmp_path / "m", python_model=shout, signature=signature)
    assert info.signature == signature


def test_hints_win_over_a_disagreeing_signature(tmp_path: Path) -> None:
    explicit = ModelSignature(
        Schema([ColSpec("long", "x")]), params=ParamSchema([ParamSpec("n", "long", 1)])
    )
    with pytest.warns(UserWarning, match="the type hints win"):
        info = save_model(tmp_path / "m", python_model=shout, signature=explicit)
    assert info.signature == ModelSignature(
        Schema([ColSpec("string")]), Schema([ColSpec("string")]), explicit.params
    )


def test_explicit_signature_without_hints(tmp_path: Path) -> None:
    signature = ModelSignature(Schema([TensorSpec(np.dtype("float32"), (-1, 2))]))
    info = save_model(tmp_path / "m", python_model=Untyped(), signature=signature)
    assert info.signature == signature
    assert _mlmodel(tmp_path / "m")["is_signature_from_type_hint"] is False


def test_no_hints_no_example_no_signature(tmp_path: Path) -> None:
    info = save_model(tmp_path / "m", python_model=Untyped())
    assert info.signature is None
    assert "signature" not in _mlmodel(tmp_path / "m")


def test_signature_is_inferred_from_the_example_and_output(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1.0], "b": ["x"]})
    info = save_model(tmp_path / "m", python_model=Untyped(), input_example=(frame, {"k": 3}))
    assert info.signature == ModelSignature(
        Schema([ColSpec("double", "a"), ColSpec("string", "b")]),
        Schema([ColSpec("double", "a"), ColSpec("string", "b")]),
        ParamSchema([ParamSpec("k", "long", 3)]),
    )


def test_hinted_model_infers_params_from_the_example(tmp_path: Path) -> None:
    info = save_model(
        tmp_path / "m", python_model=Contextual(), input_example=(["a"], {"suffix": "!"})
    )
    assert info.signature == ModelSignature(
        Schema([ColSpec("string")]),
        Schema([ColSpec("string")]),
        ParamSchema([ParamSpec("suffix", "string", "!")]),
    )


def test_type_from_example_takes_the_examples_type(tmp_path: Path) -> None:
    info = save_model(tmp_path / "m", python_model=FromExample(), input_example=["sample", "data"])
    assert info.signature is not None
    assert info.signature.inputs == Schema([ColSpec("string")])
    assert _mlmodel(tmp_path / "m")["type_hint_from_example"] is True
    model = load_model(tmp_path / "m")
    assert model.predict(["hello", "world"]) == ["HELLO", "WORLD"]
    assert model.predict(pd.DataFrame({"x": ["a", "b"]})) == ["A", "B"]


def test_type_from_example_without_an_example_warns_and_passes_inputs_through(
    tmp_path: Path,
) -> None:
    """As MLflow: saved without a signature, with a warning; inputs are not checked."""
    with pytest.warns(UserWarning, match="TypeFromExample takes its input type from the input"):
        save_model(tmp_path / "m", python_model=FromExample())
    assert get_model_info(str(tmp_path / "m")).signature is None
    assert load_model(tmp_path / "m").predict(["a", 1]) == ["A", "1"]


def test_signature_must_be_a_model_signature(tmp_path: Path) -> None:
    with pytest.raises(HintsigException, match="signature must be a ModelSignature"):
        save_model(tmp_path / "m", python_model=Untyped(), signature={"inputs": None})  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- the example run


def test_example_that_does_not_fit_the_hints(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """As MLflow: saved with a warning naming the problem; the hints' signature is kept."""
    with caplog.at_level("WARNING", logger="hintsig"):
        save_model(tmp_path / "m", python_model=Chat(), input_example=["hello"])
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "does not fit the model's type hints" in message
    assert "expected a dict or a Message instance" in message
    assert "the signature is stored as given" in message and "'hello'" not in message
    signature = get_model_info(str(tmp_path / "m")).signature
    assert signature is not None and signature.inputs.to_dict()[0]["type"] == "object"
    assert _leftovers(tmp_path) == []


def test_model_failing_on_the_example(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """As MLflow: saved with a warning, and without the signature it was to infer."""
    with caplog.at_level("WARNING", logger="hintsig"):
        save_model(tmp_path / "m", python_model=Failing(), input_example=[1])
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "failed on the input example: RuntimeError" in message
    assert "no signature is stored" in message
    assert get_model_info(str(tmp_path / "m")).signature is None
    assert (tmp_path / "m" / "input_example.json").is_file()


# ----------------------------------------------------------------------------- atomic writes


def test_a_save_failing_midway_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hintsig.pyfunc import _mlmodel  # writes the model directory

    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(_mlmodel, "_write_requirements", fail)
    with pytest.raises(OSError, match="disk full"):
        save_model(
            tmp_path / "m", python_model=Chat(), input_example=[{"role": "u", "content": "x"}]
        )
    assert not (tmp_path / "m").exists()
    assert _leftovers(tmp_path) == []


_UNWRITABLE = {"metadata": {"x": object()}}  # refused while the model is being written


def test_a_failed_save_removes_the_directories_it_made(tmp_path: Path, runs_dir: Path) -> None:
    with pytest.raises(HintsigException):
        save_model(tmp_path / "new" / "deep" / "m", python_model=shout, **_UNWRITABLE)
    assert not (tmp_path / "new").exists()
    with pytest.raises(HintsigException):
        log_model("m", python_model=shout, **_UNWRITABLE)
    assert not (runs_dir / "models").exists()


def test_existing_directory_needs_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "m"
    save_model(path, python_model=shout)
    with pytest.raises(HintsigException, match=r"exists and is not empty .*overwrite=True"):
        save_model(path, python_model=whisper)
    assert load_model(path).predict(["a"]) == ["A"]
    save_model(path, python_model=whisper, overwrite=True)
    assert load_model(path).predict(["A"]) == ["a"]
    assert _leftovers(tmp_path) == []


def test_failed_overwrite_keeps_the_old_model(tmp_path: Path) -> None:
    path = tmp_path / "m"
    save_model(path, python_model=shout)
    with pytest.raises(HintsigException):
        save_model(path, python_model=whisper, overwrite=True, **_UNWRITABLE)
    assert load_model(path).predict(["a"]) == ["A"]
    assert _leftovers(tmp_path) == []


def test_empty_directory_is_fine_and_a_file_is_not(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    save_model(tmp_path / "empty", python_model=shout)
    assert (tmp_path / "empty" / "MLmodel").is_file()
    (tmp_path / "file").write_text("x")
    with pytest.raises(HintsigException, match="it is an existing file"):
        save_model(tmp_path / "file", python_model=shout)


# ----------------------------------------------------------------------------- other files


def test_default_requirements(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=shout)
    assert (tmp_path / "m" / "requirements.txt").read_text().splitlines() == [
        f"hintsig=={hintsig.__version__}",
        f"cloudpickle=={cloudpickle.__version__}",
    ]


def test_requirements_from_a_list_or_a_file(tmp_path: Path) -> None:
    save_model(tmp_path / "a", python_model=shout, pip_requirements=["numpy>=2", " ", "x==1"])
    assert (tmp_path / "a" / "requirements.txt").read_text() == "numpy>=2\nx==1\n"
    req = tmp_path / "req.txt"
    req.write_text("pandas\n\nscipy\n")
    save_model(tmp_path / "b", python_model=shout, pip_requirements=req)
    assert (tmp_path / "b" / "requirements.txt").read_text() == "pandas\nscipy\n"
    with pytest.raises(HintsigException, match="Cannot read the requirements file"):
        save_model(tmp_path / "c", python_model=shout, pip_requirements=tmp_path / "nope.txt")


@pytest.mark.parametrize(
    ("metadata", "message"),
    [({"x": object()}, "must hold plain values"), ({1: "x"}, "string keys")],
)
def test_metadata_must_be_plain(tmp_path: Path, metadata: Any, message: str) -> None:
    with pytest.raises(HintsigException, match=message):
        save_model(tmp_path / "m", python_model=shout, metadata=metadata)
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    ("code_paths", "message"),
    [("single.py", "a list of paths"), (["missing.py"], "does not exist")],
)
def test_bad_code_paths(tmp_path: Path, code_paths: Any, message: str) -> None:
    with pytest.raises(HintsigException, match=message):
        save_model(tmp_path / "m", python_model=shout, code_paths=code_paths)


def test_streamable_flag(tmp_path: Path) -> None:
    class Streamer(PythonModel):
        def predict(self, model_input, params=None):  # type: ignore[no-untyped-def]
            return model_input

        def predict_stream(self, model_input, params=None):  # type: ignore[no-untyped-def]
            yield from model_input

    save_model(tmp_path / "s", python_model=Streamer())
    save_model(tmp_path / "n", python_model=Untyped())
    assert _mlmodel(tmp_path / "s")["flavors"]["python_function"]["streamable"] is True
    assert _mlmodel(tmp_path / "n")["flavors"]["python_function"]["streamable"] is False
    assert list(load_model(tmp_path / "s").predict_stream([1, 2])) == [1, 2]


def test_log_model_can_register(runs_dir: Path) -> None:
    with hintsig.start_run():
        info = log_model("m", python_model=shout, registered_model_name="shouter")
    assert info.registered_model_version == 1
    version = HintsigClient().get_model_version("shouter", 1)
    assert Path(version.source) == resolve_model_uri(info.model_uri)
    assert load_model("models:/shouter/1").predict(["a"]) == ["A"]


def test_serving_example_of_a_saved_model(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=Chat(), input_example=[{"role": "u", "content": "x"}])
    payload = json.loads((tmp_path / "m" / "serving_input_example.json").read_text())
    assert payload == {"inputs": [{"role": "u", "content": "x"}]}
    assert get_model_info(tmp_path / "m").saved_input_example_info == {
        "artifact_path": "input_example.json",
        "serving_input_path": "serving_input_example.json",
        "type": "json_object",
    }


def test_any_output_schema_when_the_return_has_no_hint(tmp_path: Path) -> None:
    @pyfunc
    def no_return(model_input: list[str]):  # type: ignore[no-untyped-def]
        return model_input

    info = save_model(tmp_path / "m", python_model=no_return)
    assert info.signature is not None
    assert info.signature.outputs == Schema([ColSpec(AnyType())])


def test_example_that_does_not_fit_an_explicit_signature(tmp_path: Path) -> None:
    signature = ModelSignature(Schema([ColSpec("long", "x")]))
    with pytest.raises(HintsigException, match="does not fit the model's signature") as info:
        save_model(
            tmp_path / "m",
            python_model=Untyped(),
            signature=signature,
            input_example=pd.DataFrame({"y": [1]}),
        )
    assert "column 'x'" in str(info.value)
    assert not (tmp_path / "m").exists()


def test_example_without_an_inferable_schema(tmp_path: Path) -> None:
    with pytest.raises(HintsigException, match="Cannot infer the input schema") as info:
        save_model(tmp_path / "m", python_model=Untyped(), input_example=[1, "a"])
    assert "pass signature=" in str(info.value)
    assert not (tmp_path / "m").exists()


class Opaque(PythonModel):
    def predict(self, model_input, params=None):  # type: ignore[no-untyped-def]
        return [{1, 2}]  # a set has no schema


def test_output_without_a_schema_falls_back_to_anytype_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # MLflow: an output it cannot infer becomes a single AnyType column, with a warning.
    info = save_model(tmp_path / "m", python_model=Opaque(), input_example=["a"])
    assert info.signature == ModelSignature(
        Schema([ColSpec("string")]), Schema([ColSpec(AnyType())])
    )
    assert "setting output schema to AnyType" in caplog.text
    saved = yaml.safe_load((tmp_path / "m" / "MLmodel").read_text())
    assert json.loads(saved["signature"]["outputs"]) == [{"type": "any", "required": True}]


def test_logging_without_a_signature_warns_and_names_the_fix(
    runs_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    info = log_model("plain", python_model=Untyped())
    assert info.signature is None
    assert "without a signature" in caplog.text
    assert "log_model(..., signature=...)" in caplog.text
    assert "input_example=" in caplog.text
    caplog.clear()
    log_model("typed", python_model=Chat())  # the type hints give the signature
    assert "without a signature" not in caplog.text


seen_types: list[type] = []


class Recorder(PythonModel):
    """Records the type of each input (module level: pickled by reference, the list is shared)."""

    def predict(self, model_input, params=None):  # type: ignore[no-untyped-def]
        seen_types.append(type(model_input))
        return model_input


def test_the_model_sees_what_the_loaded_model_will_see(tmp_path: Path) -> None:
    seen_types.clear()
    save_model(tmp_path / "m", python_model=Recorder(), input_example={"q": "x"})
    load_model(tmp_path / "m").predict({"q": "y"})
    assert seen_types == [pd.DataFrame, pd.DataFrame]
