"""The MLmodel file, model URIs, runs, `get_model_info`, `set_signature`, and MLflow's files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml

import hintsig
from hintsig.exceptions import DataValidationError, HintsigException, SchemaDefinitionError
from hintsig.models import set_signature, validate_schema
from hintsig.models._uri import registered_model_ref, resolve_model_uri
from hintsig.models.model import Model, get_model_info
from hintsig.models.utils import load_serving_example
from hintsig.pyfunc import PythonModel, load_model, log_model, save_model
from hintsig.tracking import active_run, start_run, tracking_dir
from hintsig.types.schema import ColSpec, ModelSignature, ParamSchema, ParamSpec, Schema

MLFLOW_MODELS = Path(__file__).parent.parent / "data" / "mlflow_models"
MLFLOW_EXPECTED = json.loads((MLFLOW_MODELS / "expected.json").read_text())["models"]

SIGNATURE = ModelSignature(
    Schema([ColSpec("double", "x")]),
    Schema([ColSpec("double")]),
    ParamSchema([ParamSpec("scale", "double", 2.0)]),
)


class Scaler(PythonModel):
    """No type hints: the signature is given explicitly."""

    def predict(self, model_input, params=None):  # type: ignore[no-untyped-def]
        return (model_input["x"] * (params or {}).get("scale", 1.0)).tolist()


@pytest.fixture(autouse=True)
def runs_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    runs = tmp_path / "runs"
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(runs))
    return runs


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "model"
    save_model(path, python_model=Scaler(), signature=SIGNATURE, metadata={"team": "ml"})
    return path


# ----------------------------------------------------------------------------- MLmodel


def test_mlmodel_holds_mlflows_keys(saved: Path) -> None:
    data = yaml.safe_load((saved / "MLmodel").read_text())
    assert data["hintsig_version"] == hintsig.__version__
    assert len(data["model_uuid"]) == 32
    assert data["utc_time_created"][:2] == "20"
    assert data["metadata"] == {"team": "ml"}
    assert data["signature"] == SIGNATURE.to_dict()
    assert data["flavors"]["python_function"]["loader_module"] == "hintsig.pyfunc._loader"
    assert "saved_input_example_info" not in data


def test_model_info_of_a_saved_model(saved: Path) -> None:
    info = get_model_info(saved)
    assert info.signature == SIGNATURE
    assert info.model_uri == str(saved)
    assert info.saved_input_example_info is None
    assert info.metadata == {"team": "ml"}
    assert info.signature_dict == SIGNATURE.to_dict()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "No MLmodel file in"),
        ("flavors: [unclosed", "not valid YAML"),
        ("- a list", "expected a mapping of keys"),
        ("flavors: 3", "'flavors' must be a mapping"),
        (
            'signature: {inputs: \'[{"type": "nope"}]\'}',
            "(?s)Corrupt signature in .*Unknown data type",
        ),
    ],
)
def test_missing_or_corrupt_mlmodel_names_the_file(
    tmp_path: Path, content: str | None, message: str
) -> None:
    model_dir = tmp_path / "broken"
    model_dir.mkdir()
    if content is not None:
        (model_dir / "MLmodel").write_text(content)
    for action in (get_model_info, load_model, load_serving_example):
        with pytest.raises(HintsigException, match=message) as info:
            action(model_dir)
        assert str(model_dir) in str(info.value)


def test_missing_model_directory(tmp_path: Path) -> None:
    with pytest.raises(HintsigException, match="No model directory at"):
        get_model_info(tmp_path / "nowhere")


def test_unknown_keys_survive_a_rewrite(saved: Path) -> None:
    model = Model.load(saved)
    data = yaml.safe_load((saved / "MLmodel").read_text())
    data["prompts"] = None
    data["custom"] = {"kept": [1, 2]}
    (saved / "MLmodel").write_text(yaml.safe_dump(data))
    model = Model.load(saved)
    model.save(saved)
    assert yaml.safe_load((saved / "MLmodel").read_text()) == data


def test_signature_setter_refuses_other_objects() -> None:
    with pytest.raises(SchemaDefinitionError, match="must be a ModelSignature"):
        Model().signature = {"inputs": None}  # type: ignore[assignment]


# ----------------------------------------------------------------------------- set_signature


def test_set_signature_rewrites_only_the_signature(saved: Path) -> None:
    before = yaml.safe_load((saved / "MLmodel").read_text())
    new = ModelSignature(Schema([ColSpec("long", "x")]), Schema([ColSpec("double")]))
    set_signature(saved, new)
    after = yaml.safe_load((saved / "MLmodel").read_text())
    assert after.pop("signature") == new.to_dict()
    before.pop("signature")
    assert after == before
    assert get_model_info(saved).signature == new
    assert [p.name for p in saved.iterdir() if p.name.startswith(".")] == []


def test_set_signature_then_loaded_model_enforces_it(saved: Path) -> None:
    set_signature(saved, ModelSignature(Schema([ColSpec("long", "x")])))
    with pytest.raises(DataValidationError, match="column 'x'"):
        load_model(saved).predict(pd.DataFrame({"x": [1.5]}))


def test_set_signature_on_a_logged_model_by_uri(saved: Path) -> None:
    with start_run() as run:
        info = log_model("m", python_model=Scaler(), signature=SIGNATURE)
    new = ModelSignature(Schema([ColSpec("float", "x")]))
    for uri in (info.model_uri, f"models:/{info.model_id}"):
        set_signature(uri, new)
        assert get_model_info(uri).signature == new
    assert info.model_uri == f"runs:/{run.info.run_id}/m"


def test_set_signature_failure_keeps_the_old_file(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (saved / "MLmodel").read_text()

    def broken_dump(*args: Any, **kwargs: Any) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(yaml, "safe_dump", broken_dump)
    with pytest.raises(OSError, match="disk full"):
        set_signature(saved, ModelSignature(Schema([ColSpec("long", "x")])))
    assert (saved / "MLmodel").read_text() == before
    assert sorted(p.name for p in saved.iterdir()) == [
        "MLmodel",
        "python_model.pkl",
        "requirements.txt",
    ]


@pytest.mark.parametrize("uri", ["models:/churn/1", "models:/churn@prod"])
def test_set_signature_refuses_registered_versions(uri: str) -> None:
    with pytest.raises(HintsigException, match="registered model versions do not change"):
        set_signature(uri, SIGNATURE)


def test_set_signature_needs_a_signature(saved: Path) -> None:
    with pytest.raises(SchemaDefinitionError, match="needs a ModelSignature"):
        set_signature(saved, SIGNATURE.to_dict())  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- URIs and runs


def test_uri_forms_name_the_same_directory(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(saved.parent)
    for uri in (saved, str(saved), saved.as_uri(), "model", "file:model", "./model/"):
        assert resolve_model_uri(uri) == saved


def test_runs_and_models_uris(runs_dir: Path) -> None:
    with start_run(run_name="train") as run:
        assert active_run() == run
        info = log_model(name="m", python_model=Scaler(), signature=SIGNATURE)
    assert active_run() is None
    assert info.model_uri == f"runs:/{run.info.run_id}/m"
    assert info.model_id is not None and info.model_id.startswith("m-")
    assert info.run_id == run.info.run_id
    assert info.artifact_path == info.name == "m"
    assert info.signature == SIGNATURE
    model_dir = runs_dir / "models" / info.model_id / "artifacts"
    assert resolve_model_uri(info.model_uri) == model_dir
    assert resolve_model_uri(f"models:/{info.model_id}") == model_dir
    assert tracking_dir() == runs_dir
    meta = json.loads((runs_dir / "runs" / run.info.run_id / "meta.json").read_text())
    assert meta["status"] == "FINISHED" and meta["run_name"] == "train"


def test_log_model_outside_a_run_gives_a_models_uri() -> None:
    info = log_model("m", python_model=Scaler(), signature=SIGNATURE)
    assert info.model_uri == f"models:/{info.model_id}"
    assert info.run_id is None
    assert load_model(info.model_uri).predict(pd.DataFrame({"x": [1.0]})) == [2.0]


def test_default_tracking_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HINTSIG_TRACKING_DIR")
    monkeypatch.chdir(tmp_path)
    assert tracking_dir() == tmp_path / "hintsig-runs"


def test_a_failed_run_is_marked(runs_dir: Path) -> None:
    with pytest.raises(RuntimeError), start_run() as run:
        raise RuntimeError("boom")
    meta = json.loads((runs_dir / "runs" / run.info.run_id / "meta.json").read_text())
    assert meta["status"] == "FAILED"


def test_runs_do_not_nest_by_accident() -> None:
    with start_run(), pytest.raises(HintsigException, match="nested=True"), start_run():
        pass
    with start_run() as outer, start_run(nested=True) as inner:
        assert active_run() == inner != outer


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("runs:/abc", r"runs:/<run_id>/<name>"),
        ("runs:/nope/m", "No run 'nope'"),
        ("models:/m-0000", "No logged model 'm-0000'"),
        ("models:/a/b/c", "models:/<model_id>"),
        ("s3://bucket/model", "Unsupported model URI scheme 's3'"),
        ("file://host/model", "no host"),
        ("", "must not be empty"),
    ],
)
def test_bad_uris(uri: str, message: str) -> None:
    with pytest.raises(HintsigException, match=message):
        resolve_model_uri(uri)


def test_run_without_that_model_name() -> None:
    with start_run() as run:
        log_model("m", python_model=Scaler(), signature=SIGNATURE)
    with pytest.raises(HintsigException, match="has no model logged as 'other'"):
        resolve_model_uri(f"runs:/{run.info.run_id}/other")


@pytest.mark.parametrize("name", ["", "a/b", "../up", ".hidden", 3])
def test_log_model_names_are_one_path_segment(name: Any) -> None:
    with pytest.raises(HintsigException, match="Invalid model name"):
        log_model(name, python_model=Scaler(), signature=SIGNATURE)


@pytest.mark.parametrize(
    ("uri", "ref"),
    [
        ("models:/churn/3", ("churn", "3", None)),
        ("models:/churn@prod", ("churn", None, "prod")),
        ("models:/m-123", None),
        ("runs:/x/y", None),
        (Path("models:/x/1"), None),
    ],
)
def test_registered_model_refs(uri: Any, ref: tuple[str, str | None, str | None] | None) -> None:
    found = registered_model_ref(uri)
    assert (None if found is None else (found.name, found.version, found.alias)) == ref


# ----------------------------------------------------------------------------- MLflow's files


#: `json_list` and `json_params` hold MLflow's integer output name (`"name": 0`).
MLFLOW_NAMES = sorted(MLFLOW_EXPECTED)


@pytest.mark.parametrize("name", MLFLOW_NAMES)
def test_reads_mlflow_signatures_and_serving_examples(name: str) -> None:
    expected = MLFLOW_EXPECTED[name]
    info = get_model_info(MLFLOW_MODELS / name)
    assert info.signature_dict == expected["signature"]
    assert info.mlflow_version == "3.17.2"
    assert info.hintsig_version is None
    assert json.loads(load_serving_example(MLFLOW_MODELS / name)) == expected["serving"]


@pytest.mark.parametrize("name", MLFLOW_NAMES)
def test_reads_mlflow_input_examples_as_mlflow_does(name: str) -> None:
    expected = MLFLOW_EXPECTED[name]
    model = Model.load(MLFLOW_MODELS / name)
    example = model.load_input_example()
    assert model.load_input_example_params() == expected["params"]
    want = expected["input_example"]
    if isinstance(example, pd.DataFrame):
        assert [str(c) for c in example.columns] == want["columns"]
        assert [str(d) for d in example.dtypes] == [
            d.replace("[ns]", f"[{np.datetime_data(example.dtypes.iloc[i])[0]}]")
            if d.startswith("datetime")
            else d
            for i, d in enumerate(want["dtypes"])
        ]
        assert json.loads(example.to_json(orient="values", date_format="iso")) == want["data"]
    elif isinstance(example, np.ndarray):
        assert (str(example.dtype), example.tolist()) == (want["dtype"], want["data"])
    elif isinstance(example, dict) and all(isinstance(v, np.ndarray) for v in example.values()):
        assert {k: (str(v.dtype), v.tolist()) for k, v in example.items()} == {
            k: (w["dtype"], w["data"]) for k, w in want.items()
        }
    elif hasattr(example, "toarray"):
        assert (example.format, example.toarray().tolist()) == (want["sparse"], want["dense"])
    else:
        assert example == want


@pytest.mark.parametrize("name", ["dataframe", "ndarray", "named_tensors", "json_records"])
def test_mlflow_examples_pass_their_own_signature(name: str) -> None:
    model = Model.load(MLFLOW_MODELS / name)
    schema = model.get_input_schema()
    assert schema is not None
    validate_schema(model.load_input_example(), schema)


def test_data_is_checked_against_an_mlflow_signature() -> None:
    schema = Model.load(MLFLOW_MODELS / "dataframe").get_input_schema()
    assert schema is not None
    with pytest.raises(DataValidationError, match="column 'c'"):
        validate_schema(pd.DataFrame({"a": [1.0], "b": ["x"], "c": [1.5]}), schema)


def test_loading_an_mlflow_model_to_predict_is_a_clear_error(tmp_path: Path) -> None:
    model_dir = tmp_path / "type_hints"
    shutil.copytree(MLFLOW_MODELS / "type_hints", model_dir)
    with pytest.raises(HintsigException) as info:
        load_model(model_dir)
    message = str(info.value)
    assert "saved by MLflow" in message and "mlflow.pyfunc.model" in message
    assert "cannot load MLflow's own model classes" in message
    assert str(model_dir) in message


def test_set_signature_on_an_mlflow_model_keeps_mlflows_keys(tmp_path: Path) -> None:
    model_dir = tmp_path / "dataframe"
    shutil.copytree(MLFLOW_MODELS / "dataframe", model_dir)
    before = yaml.safe_load((model_dir / "MLmodel").read_text())
    new = ModelSignature(Schema([ColSpec("double", "a")]))
    set_signature(model_dir, new)
    after = yaml.safe_load((model_dir / "MLmodel").read_text())
    assert after.pop("signature") == new.to_dict()
    before.pop("signature")
    assert after == before
