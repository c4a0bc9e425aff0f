"""`hintsig.sklearn`: save, log and load scikit-learn estimators with their signature."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pandas as pd
import pytest
import sklearn
import yaml
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.tree import DecisionTreeClassifier

import hintsig
import hintsig.pyfunc
import hintsig.sklearn
from hintsig.exceptions import DataValidationError, HintsigException
from hintsig.models import ModelSignature
from hintsig.models._uri import resolve_model_uri
from hintsig.models.model import get_model_info
from hintsig.serving import create_app
from hintsig.types import ColSpec, DataType, Schema

FEATURES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]
IRIS_INPUTS = Schema([ColSpec(DataType.double, name) for name in FEATURES])

#: The signature MLflow 3.17 infers for the seed's quick-start (mlflow.sklearn.save_model on
#: a RandomForestClassifier with `input_example=X.iloc[[0]]`), as written in its MLmodel.
MLFLOW_IRIS_SIGNATURE = {
    "inputs": json.dumps([{"type": "double", "name": name, "required": True} for name in FEATURES]),
    "outputs": '[{"type": "long", "required": true}]',
    "params": None,
}


def _mlmodel(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((path / "MLmodel").read_text())
    return data


# ----------------------------------------------------------------------------- saving


def test_save_and_load_round_trip(saved: Path, forest: RandomForestClassifier, iris: Any) -> None:
    X = iris[0]
    loaded = hintsig.sklearn.load_model(saved)
    assert type(loaded) is RandomForestClassifier
    assert loaded is not forest
    np.testing.assert_array_equal(loaded.predict(X), forest.predict(X))
    assert sorted(p.name for p in saved.iterdir()) == [
        "MLmodel",
        "input_example.json",
        "model.pkl",
        "requirements.txt",
        "serving_input_example.json",
    ]


def test_mlmodel_has_an_sklearn_and_a_python_function_flavor(saved: Path) -> None:
    flavors = _mlmodel(saved)["flavors"]
    assert flavors["sklearn"] == {
        "code": None,
        "pickled_model": "model.pkl",
        "serialization_format": "cloudpickle",
        "sklearn_version": sklearn.__version__,
    }
    pyfunc = flavors["python_function"]
    assert pyfunc["loader_module"] == "hintsig_sklearn._loader"
    assert pyfunc["predict_fn"] == "predict"
    assert pyfunc["model_path"] == "model.pkl"


def test_requirements_name_hintsig_cloudpickle_and_scikit_learn(saved: Path) -> None:
    import cloudpickle

    assert (saved / "requirements.txt").read_text().splitlines() == [
        f"hintsig=={hintsig.__version__}",
        f"cloudpickle=={cloudpickle.__version__}",
        f"scikit-learn=={sklearn.__version__}",
    ]


def test_signature_is_inferred_from_the_example_as_mlflow_infers_it(saved: Path) -> None:
    assert _mlmodel(saved)["signature"] == MLFLOW_IRIS_SIGNATURE
    info = get_model_info(saved)
    assert info.signature == ModelSignature(IRIS_INPUTS, Schema([ColSpec(DataType.long)]))
    serving = json.loads((saved / "serving_input_example.json").read_text())
    assert serving == {"dataframe_split": {"columns": FEATURES, "data": [[5.1, 3.5, 1.4, 0.2]]}}


@pytest.mark.parametrize(
    ("make", "predict_fn", "outputs"),
    [
        (lambda X, y: LinearRegression().fit(X, y), "predict", [ColSpec(DataType.double)]),
        (
            lambda X, y: DecisionTreeClassifier(random_state=0).fit(X, y.astype(str)),
            "predict",
            [ColSpec(DataType.string)],
        ),
        (
            lambda X, y: DecisionTreeClassifier(random_state=0).fit(X, y),
            "predict_proba",
            "tensor float64 (-1, 3)",
        ),
    ],
    ids=["regressor", "string-labels", "predict_proba"],
)
def test_output_schema_comes_from_the_predictions(
    tmp_path: Path, iris: Any, make: Any, predict_fn: Any, outputs: Any
) -> None:
    X, y = iris
    info = hintsig.sklearn.save_model(
        make(X, y), tmp_path / "m", input_example=X.iloc[:2], pyfunc_predict_fn=predict_fn
    )
    assert info.signature is not None and info.signature.outputs is not None
    if isinstance(outputs, str):
        (spec,) = info.signature.outputs.inputs
        assert f"tensor {spec.type} {spec.shape}" == outputs
    else:
        assert info.signature.outputs == Schema(outputs)
    assert info.signature.inputs == IRIS_INPUTS


def test_explicit_signature_is_stored_as_given(
    tmp_path: Path, forest: RandomForestClassifier, iris: Any
) -> None:
    signature = ModelSignature(IRIS_INPUTS, Schema([ColSpec(DataType.long, "species")]))
    with_example = hintsig.sklearn.save_model(
        forest, tmp_path / "a", input_example=iris[0].iloc[[0]], signature=signature
    )
    without = hintsig.sklearn.save_model(forest, tmp_path / "b", signature=signature)
    assert with_example.signature == signature
    assert without.signature == signature
    assert not (tmp_path / "b" / "input_example.json").exists()


def test_no_example_and_no_signature_saves_no_signature(
    tmp_path: Path, forest: RandomForestClassifier
) -> None:
    info = hintsig.sklearn.save_model(forest, tmp_path / "m")
    assert info.signature is None
    assert "signature" not in _mlmodel(tmp_path / "m")


def test_log_model_in_a_run(runs_dir: Path, forest: RandomForestClassifier, iris: Any) -> None:
    X = iris[0]
    with hintsig.start_run() as run:
        info = hintsig.sklearn.log_model(forest, name="iris_model", input_example=X.iloc[[0]])
    assert info.model_uri == f"runs:/{run.info.run_id}/iris_model"
    assert info.signature is not None and info.signature.inputs == IRIS_INPUTS
    np.testing.assert_array_equal(
        hintsig.sklearn.load_model(info.model_uri).predict(X), forest.predict(X)
    )
    assert hintsig.pyfunc.load_model(info.model_uri).predict(X.iloc[:2]).tolist() == [0, 0]
    assert runs_dir in resolve_model_uri(info.model_uri).parents


CUSTOM_STEP = """
from sklearn.base import BaseEstimator, TransformerMixin


class Doubler(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return X * 2
"""

LOAD_ELSEWHERE = """
import sys
import pandas as pd
import hintsig.pyfunc
model = hintsig.pyfunc.load_model(sys.argv[1])
print(model.predict(pd.DataFrame({"x": [1.0, 2.0]})).tolist())
"""


def test_code_paths_let_custom_steps_load_in_a_fresh_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "custom_step_h3.py").write_text(CUSTOM_STEP)
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    from custom_step_h3 import Doubler  # type: ignore[import-not-found]

    X = pd.DataFrame({"x": [1.0, 2.0, 3.0]})
    pipeline = make_pipeline(Doubler(), LinearRegression()).fit(X, [2.0, 4.0, 6.0])
    code = [tmp_path / "src" / "custom_step_h3.py"]
    info = hintsig.sklearn.save_model(pipeline, tmp_path / "m", input_example=X, code_paths=code)
    assert info.flavors["sklearn"]["code"] == "code"
    assert (tmp_path / "m" / "code" / "custom_step_h3.py").is_file()
    result = subprocess.run(
        [sys.executable, "-c", LOAD_ELSEWHERE, str(tmp_path / "m")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert [round(v, 6) for v in json.loads(result.stdout)] == [2.0, 4.0]


#: The MLmodel mlflow.sklearn.save_model (MLflow 3.17, serialization_format="cloudpickle")
#: writes for the seed's quick-start.
MLFLOW_MLMODEL = """\
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: 3.11.7
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: {version}
    skops_trusted_types: null
is_signature_from_type_hint: false
mlflow_version: 3.17.2
model_id: null
model_uuid: 01eb99c259384b3abcfced1bd5da87f3
prompts: null
signature:
  inputs: '{inputs}'
  outputs: '[{{"type": "long", "required": true}}]'
  params: null
type_hint_from_example: false
utc_time_created: '2026-11-26 01:51:50.344829'
"""


def test_reads_an_estimator_saved_by_mlflow(
    tmp_path: Path, forest: RandomForestClassifier, iris: Any
) -> None:
    import cloudpickle

    mlmodel = MLFLOW_MLMODEL.format(
        version=sklearn.__version__, inputs=MLFLOW_IRIS_SIGNATURE["inputs"]
    )
    (tmp_path / "MLmodel").write_text(mlmodel)
    (tmp_path / "model.pkl").write_bytes(cloudpickle.dumps(forest))
    loaded = hintsig.sklearn.load_model(tmp_path)
    np.testing.assert_array_equal(loaded.predict(iris[0]), forest.predict(iris[0]))
    assert get_model_info(tmp_path).signature_dict == MLFLOW_IRIS_SIGNATURE
    # As a python model too, with MLflow's signature enforced.
    model = hintsig.pyfunc.load_model(tmp_path)
    np.testing.assert_array_equal(model.predict(iris[0]), forest.predict(iris[0]))
    with pytest.raises(DataValidationError, match="petal width"):
        model.predict(iris[0].astype({"petal width (cm)": str}))


# ----------------------------------------------------------------------------- errors


class _Holder:
    """An "estimator" that cannot be pickled (it holds a lock)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def predict(self, X: Any) -> Any:
        return X


@pytest.mark.parametrize(
    ("model", "options", "message"),
    [
        (None, {}, "sk_model must be a scikit-learn estimator, got None"),
        (RandomForestClassifier, {}, "got the class RandomForestClassifier"),
        (LinearRegression(), {"pyfunc_predict_fn": "predict_proba"}, "no predict_proba()"),
        (LinearRegression(), {"pyfunc_predict_fn": "fit"}, "pyfunc_predict_fn must be one of"),
        (_Holder(), {}, "Cannot pickle the estimator _Holder"),
    ],
    ids=["none", "class", "missing-method", "unknown-method", "unpicklable"],
)
def test_bad_models_are_refused_before_anything_is_written(
    tmp_path: Path, model: Any, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(HintsigException, match=message):
        hintsig.sklearn.save_model(model, tmp_path / "out" / "m", **options)
    assert not (tmp_path / "out").exists()


def test_a_failed_save_leaves_nothing_behind(tmp_path: Path, iris: Any) -> None:
    model = LogisticRegression(max_iter=500).fit(*iris)
    with pytest.raises(HintsigException, match="metadata must hold plain values"):
        hintsig.sklearn.save_model(
            model, tmp_path / "out" / "m", input_example=iris[0][:1], metadata={"x": object()}
        )
    assert not (tmp_path / "out").exists()


def test_an_unfitted_model_is_saved_with_a_warning_and_no_signature(
    tmp_path: Path, iris: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """As MLflow: the example cannot run, so no signature is inferred; the save warns."""
    with caplog.at_level("WARNING", logger="hintsig"):
        hintsig.sklearn.save_model(LogisticRegression(), tmp_path / "m", input_example=iris[0][:1])
    assert any("failed on the input example: NotFittedError" in m for m in caplog.messages)
    assert hintsig.models.model.get_model_info(str(tmp_path / "m")).signature is None


def test_a_failed_save_keeps_the_model_it_would_replace(
    saved: Path, forest: RandomForestClassifier
) -> None:
    before = (saved / "MLmodel").read_bytes()
    with pytest.raises(HintsigException, match="metadata must hold plain values"):
        hintsig.sklearn.save_model(forest, saved, overwrite=True, metadata={"x": object()})
    assert (saved / "MLmodel").read_bytes() == before
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name]


def test_load_model_needs_the_sklearn_flavor(tmp_path: Path) -> None:
    def shout(model_input: list[str]) -> list[str]:
        return [s.upper() for s in model_input]

    hintsig.pyfunc.save_model(tmp_path / "m", python_model=shout)
    with pytest.raises(HintsigException, match=r"has no 'sklearn' flavor \(its flavors: python"):
        hintsig.sklearn.load_model(tmp_path / "m")


def test_load_model_refuses_formats_it_cannot_read(saved: Path) -> None:
    data = _mlmodel(saved)
    data["flavors"]["sklearn"]["serialization_format"] = "skops"
    (saved / "MLmodel").write_text(yaml.safe_dump(data))
    with pytest.raises(HintsigException, match="'skops' format; hintsig reads cloudpickle"):
        hintsig.sklearn.load_model(saved)


def test_a_missing_scikit_learn_is_named_with_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sklearn", None)  # `import sklearn` now fails
    import hintsig.sklearn as flavor

    for name in ("save_model", "log_model", "load_model"):
        with pytest.raises(HintsigException, match=r"pip install 'hintsig\[sklearn\]'"):
            getattr(flavor, name)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        flavor.nope  # noqa: B018


def test_the_flavour_is_found_through_its_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    import hintsig_sklearn

    import hintsig.sklearn as flavor

    (entry,) = importlib.metadata.entry_points(group=flavor.FLAVOR_GROUP, name="sklearn")
    assert entry.load() is hintsig_sklearn
    assert flavor.save_model is hintsig_sklearn.save_model
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **_: ())
    with pytest.raises(HintsigException, match="No 'sklearn' flavour is installed"):
        flavor.load_model  # noqa: B018


# ----------------------------------------------------------------------------- pyfunc


def test_pyfunc_model_enforces_the_signature(saved: Path, iris: Any) -> None:
    X = iris[0]
    model = hintsig.pyfunc.load_model(saved)
    assert model.predict(X.iloc[[0, 50, 100]]).tolist() == [0, 1, 2]
    as_ints = X.iloc[[0]].round().astype("int32")  # int -> double is a safe cast
    assert model.predict(as_ints).tolist() == [0]
    # long -> double only when float64 holds every value exactly (README: more lenient)
    assert model.predict(as_ints.astype("int64")).tolist() == [0]
    with pytest.raises(DataValidationError, match="double"):
        model.predict(as_ints.astype("int64") + 2**53 + 1)
    extra = X.iloc[[0]].assign(note="dropped")
    assert model.predict(extra).tolist() == [0]
    wrong = X.iloc[[0]].astype({FEATURES[0]: str}).drop(columns=FEATURES[3])
    with pytest.raises(DataValidationError) as caught:
        model.predict(wrong)
    paths = sorted(path for path, _ in caught.value.errors)
    assert paths == [f"column {FEATURES[3]!r}", f"column {FEATURES[0]!r}"]


def test_pyfunc_model_predicts_with_the_chosen_method(tmp_path: Path, iris: Any) -> None:
    X, y = iris
    tree = DecisionTreeClassifier(random_state=0).fit(X, y)
    hintsig.sklearn.save_model(tree, tmp_path / "m", pyfunc_predict_fn="predict_proba")
    np.testing.assert_array_equal(
        hintsig.pyfunc.load_model(tmp_path / "m").predict(X.iloc[:3]), tree.predict_proba(X[:3])
    )


def test_served_model_scores_its_serving_example(saved: Path) -> None:
    example = json.loads((saved / "serving_input_example.json").read_text())
    bad = {"dataframe_split": {"columns": FEATURES, "data": [["x", 3.5, 1.4, 0.2]]}}
    answer, refused = asyncio.run(_post(create_app(saved), [example, bad]))
    assert answer.status_code == 200
    assert answer.json() == {"predictions": [0]}
    assert refused.status_code == 400
    assert FEATURES[0] in refused.json()["message"]


async def _post(app: Any, payloads: list[Any]) -> list[httpx.Response]:
    """POST each payload to the app's /invocations, in process."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return [await client.post("/invocations", json=payload) for payload in payloads]


def test_importing_hintsig_sklearn_loads_nothing_heavy() -> None:
    code = (
        "import sys, hintsig.sklearn; "
        "print(sorted(m for m in ('sklearn', 'hintsig_sklearn', 'pandas') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"
