"""One name per served model: `--name`, else the registered name, else the logged name, else
the directory's name; the page title, OpenAPI's `info` and `/v2/models/{name}` all use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import numpy as np
import pytest
import tritonclient.http as triton

import hintsig
import hintsig.pyfunc
from hintsig.client import HintsigClient
from hintsig.serving import create_app
from tests.serving.conftest import MODEL_CODE
from tests.serving.helpers import running, serving_process

REPO = Path(__file__).resolve().parents[2]


def _names(url: str) -> tuple[str, str, str, str]:
    """(page title, OpenAPI title, OpenAPI version, V2 model name) of the server at `url`."""
    page = httpx.get(f"{url}/").text
    title = page.split("<title>", 1)[1].split(" - hintsig</title>", 1)[0]
    info = httpx.get(f"{url}/openapi.json").json()["info"]
    v2 = triton.InferenceServerClient(url.removeprefix("http://"))
    try:
        name = v2.get_model_metadata(info["title"])["name"]
    finally:
        v2.close()
    return title, info["title"], info["version"], name


def test_the_directory_name_by_default(saved_models: dict[str, Path]) -> None:
    with running(create_app(saved_models["tensor"])) as url:
        assert _names(url) == ("tensor", "tensor", "1", "tensor")


def test_a_registered_model_is_served_under_its_name_and_version(
    saved_models: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(tmp_path / "runs"))
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    client = HintsigClient()
    client.register_model(saved_models["tensor"], "digits")
    client.register_model(saved_models["tensor"], "digits")
    with running(create_app("models:/digits/2")) as url:
        assert _names(url) == ("digits v2", "digits", "2", "digits")
        v2 = triton.InferenceServerClient(url.removeprefix("http://"))
        assert v2.get_model_metadata("digits", "2")["versions"] == ["2"]
        assert v2.is_model_ready("digits", "2")
        assert not v2.is_model_ready("digits", "1")
        v2.close()


def test_a_logged_model_is_served_under_the_name_given_to_log_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(tmp_path / "runs"))
    info = hintsig.pyfunc.log_model(
        name="row_sums", python_model=MODEL_CODE / "tensor.py", input_example=[[1.0, 2.0]]
    )
    with running(create_app(info.model_uri)) as url:
        assert _names(url)[1:] == ("row_sums", "1", "row_sums")


def test_serve_name_flag_names_the_model_everywhere(
    saved_models: dict[str, Path], tmp_path: Path
) -> None:
    args = ["-m", str(saved_models["tensor"]), "--name", "mnist"]
    with serving_process(args, tmp_path / "server.log") as (url, _):
        assert _names(url) == ("mnist", "mnist", "1", "mnist")
        assert httpx.get(f"{url}/v2/models/tensor").status_code == 404


def test_serve_name_reaches_every_worker(saved_models: dict[str, Path], tmp_path: Path) -> None:
    args = ["-m", str(saved_models["tensor"]), "--name", "mnist", "--workers", "2"]
    with serving_process(args, tmp_path / "server.log") as (url, _):
        assert all(httpx.get(f"{url}/v2/models/mnist").status_code == 200 for _ in range(4))


def test_a_model_saved_by_examples_answers_tritonclient_infer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """examples/quickstart_sklearn.py logs an iris classifier; served as it is, it answers."""
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(tmp_path / "hintsig-runs"))
    script = REPO / "examples" / "quickstart_sklearn.py"
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    model_uri = done.stdout.splitlines()[0].strip()
    assert model_uri.startswith("runs:/")
    with serving_process(["-m", model_uri], tmp_path / "server.log") as (url, _):
        client = triton.InferenceServerClient(url.removeprefix("http://"))
        metadata = client.get_model_metadata("iris_model")
        inputs = []
        row = {
            "sepal length (cm)": 5.1,
            "sepal width (cm)": 3.5,
            "petal length (cm)": 1.4,
            "petal width (cm)": 0.2,
        }
        for tensor in metadata["inputs"]:
            assert tensor["datatype"] == "FP64"
            value = triton.InferInput(tensor["name"], [1], "FP64")
            value.set_data_from_numpy(np.array([row[tensor["name"]]]))
            inputs.append(value)
        result = client.infer("iris_model", inputs)
        client.close()
    assert result.as_numpy(metadata["outputs"][0]["name"]).tolist() == [0]
    assert result.get_response()["model_name"] == "iris_model"
