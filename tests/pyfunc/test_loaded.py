"""`PyFuncModel`: the enforcement order, metadata, serving examples, and loading errors."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pydantic
import pytest
import yaml

from hintsig.exceptions import DataValidationError, HintsigException
from hintsig.models import enforcement, set_signature, validate_serving_input
from hintsig.models.utils import load_serving_example
from hintsig.pyfunc import PyFuncModel, PythonModel, load_model, save_model
from hintsig.pyfunc._loaded import to_example_format
from hintsig.pyfunc._loader import _load_pyfunc
from hintsig.pyfunc.utils import pyfunc
from hintsig.types.schema import (
    ColSpec,
    DataType,
    ModelSignature,
    ParamSchema,
    ParamSpec,
    Schema,
    TensorSpec,
)


class Echo(PythonModel):
    """Returns what it is given, with the params, so a test sees what enforcement passed."""

    def predict(self, model_input, params=None):  # type: ignore[no-untyped-def]
        return {"input": model_input, "params": params}


class Event(pydantic.BaseModel):
    name: str
    at: dt.datetime
    blob: bytes | None = None


class Events(PythonModel):
    def predict(self, model_input: list[Event]) -> list[str]:
        return [f"{e.name}@{e.at:%Y}:{len(e.blob or b'')}" for e in model_input]


COLUMNS = ModelSignature(
    Schema(
        [
            ColSpec(DataType.double, "a"),
            ColSpec(DataType.long, "b"),
            ColSpec(DataType.string, "c", required=False),
        ]
    ),
    params=ParamSchema(
        [ParamSpec("temperature", "double", 0.7), ParamSpec("stop", "string", ["."], (-1,))]
    ),
)
TENSOR = ModelSignature(Schema([TensorSpec(np.dtype(np.float32), (-1, 2))]))


@pytest.fixture
def columns_model(tmp_path: Path) -> PyFuncModel:
    save_model(tmp_path / "columns", python_model=Echo(), signature=COLUMNS)
    return load_model(tmp_path / "columns")


# ----------------------------------------------------------------------------- enforcement


def test_input_schema_then_params_then_model(columns_model: PyFuncModel) -> None:
    frame = pd.DataFrame({"z": ["extra"], "b": np.array([3], dtype=np.int32), "a": np.int32(1)})
    out = columns_model.predict(frame, params={"temperature": 1})
    assert list(out["input"].columns) == ["a", "b"]
    assert list(out["input"].dtypes) == [np.float64, np.int64]
    assert out["params"] == {"temperature": 1.0, "stop": ["."]}


class Mutator(PythonModel):
    """Writes into its input, as a careless model may."""

    def predict(self, model_input, params=None):  # type: ignore[no-untyped-def]
        model_input.iloc[0, 0] = -1.0
        model_input["b"] = 0
        model_input["new"] = 1
        return model_input


@pytest.mark.parametrize("b_dtype", [np.int64, np.int32])
def test_the_model_cannot_change_the_callers_frame(tmp_path: Path, b_dtype: Any) -> None:
    save_model(tmp_path / "m", python_model=Mutator(), signature=COLUMNS)
    model = load_model(tmp_path / "m")
    frame = pd.DataFrame({"a": [1.5, 2.5], "b": np.array([3, 4], b_dtype), "c": ["x", "y"]})
    before = frame.copy(deep=True)
    for _ in range(2):  # the second call takes the fast path when nothing needs a cast
        out = model.predict(frame)
        assert out["a"].tolist() == [-1.0, 2.5] and "new" in out.columns
    pd.testing.assert_frame_equal(frame, before)


def test_schema_errors_list_every_problem(columns_model: PyFuncModel) -> None:
    with pytest.raises(DataValidationError) as info:
        columns_model.predict(pd.DataFrame({"a": ["x"]}))
    paths = [path for path, _ in info.value.errors]
    assert "column 'a'" in paths and "column 'b'" in paths


def test_params_are_checked(columns_model: PyFuncModel) -> None:
    frame = pd.DataFrame({"a": [1.0], "b": [1]})
    with pytest.raises(DataValidationError, match="param 'stop'"):
        columns_model.predict(frame, params={"stop": "."})
    with pytest.warns(UserWarning, match="Ignoring params not in the model's param schema") as rec:
        columns_model.predict(frame, params={"nope": 1})
    assert rec[0].filename == __file__


def test_params_without_a_param_schema_warn(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=Echo(), signature=TENSOR)
    model = load_model(tmp_path / "m")
    with pytest.warns(UserWarning, match="has no params"):
        out = model.predict(np.zeros((1, 2), dtype=np.float32), params={"x": 1})
    assert out["params"] == {}  # MLflow calls predict with params={}


def test_tensor_schema(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=Echo(), signature=TENSOR)
    model = load_model(tmp_path / "m")
    assert model.predict(np.zeros((3, 2), dtype=np.float32))["input"].shape == (3, 2)
    with pytest.raises(DataValidationError, match="shape"):
        model.predict(np.zeros((3, 3), dtype=np.float32))


def test_no_signature_passes_the_input_as_is(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=Echo())
    data = [{"anything": 1}]
    assert load_model(tmp_path / "m").predict(data)["input"] is data


def _count_enforcement(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    original = enforcement.enforce_schema

    def spy(data: Any, schema: Schema) -> Any:
        calls.append(schema)
        return original(data, schema)

    monkeypatch.setattr(enforcement, "enforce_schema", spy)
    return calls


def test_type_hints_validate_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_model(tmp_path / "m", python_model=Events())
    model = load_model(tmp_path / "m")
    calls = _count_enforcement(monkeypatch)
    when = dt.datetime(2024, 1, 1)
    assert model.predict([{"name": "a", "at": when}]) == ["a@2024:0"]
    assert calls == []
    with pytest.raises(DataValidationError, match=r"\[0\]\.name"):
        model.predict([{"at": when}])


def test_a_changed_signature_is_enforced_before_the_hints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_model(tmp_path / "m", python_model=Events())
    set_signature(tmp_path / "m", ModelSignature(Schema([ColSpec("string", "name")])))
    model = load_model(tmp_path / "m")
    calls = _count_enforcement(monkeypatch)
    with pytest.raises(DataValidationError):
        model.predict(pd.DataFrame({"name": ["a"]}))  # schema passes, the hints refuse
    assert len(calls) == 1


# ----------------------------------------------------------------------------- metadata


def test_metadata_accessors(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1.5], "b": [2], "c": ["x"]})
    save_model(
        tmp_path / "m",
        python_model=Echo(),
        signature=COLUMNS,
        input_example=(frame, {"temperature": 0.1}),
    )
    model = load_model(tmp_path / "m")
    meta = model.metadata
    assert meta.signature == COLUMNS
    assert meta.get_input_schema() == COLUMNS.inputs
    assert meta.get_output_schema() is None
    assert meta.get_params_schema() == COLUMNS.params
    pd.testing.assert_frame_equal(meta.load_input_example(), frame)
    pd.testing.assert_frame_equal(meta.load_input_example(tmp_path / "m"), frame)
    assert meta.load_input_example_params() == {"temperature": 0.1}
    pd.testing.assert_frame_equal(model.input_example, frame)
    assert model.model_id is None
    assert isinstance(model.unwrap_python_model(), Echo)


def test_metadata_without_example(columns_model: PyFuncModel) -> None:
    assert columns_model.metadata.load_input_example() is None
    assert columns_model.metadata.load_input_example_params() is None


# ----------------------------------------------------------------------------- serving


def test_validate_serving_input_with_the_saved_example(tmp_path: Path) -> None:
    example = [{"name": "a", "at": dt.datetime(2024, 5, 1), "blob": b"xyz"}]
    save_model(tmp_path / "m", python_model=Events(), input_example=example)
    payload = load_serving_example(tmp_path / "m")
    assert json.loads(payload) == {
        "inputs": [{"name": "a", "at": "2024-05-01T00:00:00", "blob": "eHl6\n"}]
    }
    assert validate_serving_input(tmp_path / "m", payload) == ["a@2024:3"]
    assert validate_serving_input(tmp_path / "m", json.loads(payload)) == ["a@2024:3"]


def test_validate_serving_input_for_columns_and_tensors(tmp_path: Path) -> None:
    save_model(tmp_path / "c", python_model=Echo(), signature=COLUMNS)
    body = {"dataframe_records": [{"a": 1, "b": 2}], "params": {"temperature": 0}}
    out = validate_serving_input(tmp_path / "c", body)
    assert out["input"].to_dict("list") == {"a": [1.0], "b": [2]}
    assert out["params"] == {"temperature": 0.0, "stop": ["."]}
    save_model(tmp_path / "t", python_model=Echo(), signature=TENSOR)
    out = validate_serving_input(tmp_path / "t", '{"instances": [[1, 2]]}')
    assert out["input"].dtype == np.float32


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"dataframe_records": [{"name": "a"}]}', r'send \{"inputs": ...\}'),
        ('{"inputs": [{"name": "a"}]}', r"\[0\]\.at"),
        ("not json", "not valid JSON"),
    ],
)
def test_validate_serving_input_explains_bad_payloads(
    tmp_path: Path, body: str, message: str
) -> None:
    save_model(tmp_path / "m", python_model=Events())
    with pytest.raises(HintsigException, match=message):
        validate_serving_input(tmp_path / "m", body)


def test_no_serving_example_without_an_input_example(columns_model: PyFuncModel) -> None:
    assert columns_model.metadata.model_dir is not None
    with pytest.raises(HintsigException, match="saved without an input example"):
        load_serving_example(columns_model.metadata.model_dir)


# ----------------------------------------------------------------------------- TypeFromExample


@pytest.mark.parametrize(
    ("data", "example", "expected"),
    [
        (pd.DataFrame({"x": ["a", "b"]}), ["s"], ["a", "b"]),
        (pd.DataFrame({"x": [1], "y": [2]}), [{"x": 0, "y": 0}], [{"x": 1, "y": 2}]),
        (pd.DataFrame({"q": ["hi"]}), {"q": "s"}, {"q": "hi"}),
        (pd.DataFrame({0: ["hi"]}), "s", "hi"),
        (["a"], ["s"], ["a"]),
    ],
)
def test_inputs_take_the_examples_format(data: Any, example: Any, expected: Any) -> None:
    assert to_example_format(data, example) == expected


def test_lists_become_a_dataframe_for_a_dataframe_example() -> None:
    example = pd.DataFrame({"q": ["s"]})
    pd.testing.assert_frame_equal(
        to_example_format(["a", "b"], example), pd.DataFrame({"q": ["a", "b"]})
    )
    pd.testing.assert_frame_equal(
        to_example_format([{"q": "a"}], example), pd.DataFrame({"q": ["a"]})
    )


# ----------------------------------------------------------------------------- loading errors


def _edit_flavor(path: Path, **changes: Any) -> None:
    data = yaml.safe_load((path / "MLmodel").read_text())
    data["flavors"]["python_function"].update(changes)
    (path / "MLmodel").write_text(yaml.safe_dump(data))


def test_missing_model_file(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=Echo())
    (tmp_path / "m" / "python_model.pkl").unlink()
    with pytest.raises(HintsigException, match=r"The model file is missing: .*python_model\.pkl"):
        load_model(tmp_path / "m")


def test_missing_model_code_file(tmp_path: Path) -> None:
    code = tmp_path / "code.py"
    code.write_text(
        "from hintsig.models import set_model\nset_model(lambda model_input: model_input)\n"
    )
    save_model(tmp_path / "m", python_model=code)
    (tmp_path / "m" / "code.py").unlink()
    with pytest.raises(HintsigException, match=r"The model code file is missing: .*code\.py"):
        load_model(tmp_path / "m")


def test_corrupt_model_file(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=Echo())
    (tmp_path / "m" / "python_model.pkl").write_bytes(b"not a pickle")
    with pytest.raises(HintsigException, match=r"Cannot load the model file .*python_model\.pkl"):
        load_model(tmp_path / "m")


def test_pickle_needing_a_missing_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "hs_gone_module.py").write_text("class Gone:\n    pass\n")
    monkeypatch.syspath_prepend(str(source))
    import hs_gone_module  # type: ignore[import-not-found]

    save_model(tmp_path / "m", python_model=Echo())
    (tmp_path / "m" / "python_model.pkl").write_bytes(pickle.dumps(hs_gone_module.Gone()))
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p != str(source)])
    monkeypatch.delitem(sys.modules, "hs_gone_module")
    with pytest.raises(HintsigException, match="needs the Python module 'hs_gone_module'"):
        load_model(tmp_path / "m")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"loader_module": "some.other.loader"}, "unknown loader 'some.other.loader'"),
        ({"loader_module": "hintsig_not_installed"}, "is not installed"),
        ({"loader_module": "mlflow.pytorch"}, "saved by MLflow"),
        ({"python_model": None}, "names neither 'python_model'"),
    ],
)
def test_flavor_problems(tmp_path: Path, changes: dict[str, Any], message: str) -> None:
    save_model(tmp_path / "m", python_model=Echo())
    _edit_flavor(tmp_path / "m", **changes)
    with pytest.raises(HintsigException, match=message) as info:
        load_model(tmp_path / "m")
    assert str(tmp_path / "m") in str(info.value)


def test_no_python_function_flavor(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=Echo())
    data = yaml.safe_load((tmp_path / "m" / "MLmodel").read_text())
    data["flavors"] = {"sklearn": {"pickled_model": "model.pkl"}}
    (tmp_path / "m" / "MLmodel").write_text(yaml.safe_dump(data))
    with pytest.raises(
        HintsigException, match=r"no 'python_function' flavor \(unknown flavors: sklearn\)"
    ):
        load_model(tmp_path / "m")


def test_mlflows_loader_hook(tmp_path: Path) -> None:
    save_model(tmp_path / "m", python_model=pyfunc(lambda model_input: model_input))
    model = _load_pyfunc(str(tmp_path / "m"))
    assert isinstance(model, PyFuncModel)
    assert model.predict([1]) == [1]


def test_predict_stream_needs_the_method(columns_model: PyFuncModel) -> None:
    with pytest.raises(HintsigException, match="does not define predict_stream"):
        columns_model.predict_stream(pd.DataFrame({"a": [1.0], "b": [1]}))
