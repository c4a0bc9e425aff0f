"""The Open Inference Protocol (KServe V2) endpoints, driven by Triton's own HTTP client.

Every test talks to a real uvicorn on 127.0.0.1 with `tritonclient.http.InferenceServerClient`;
a raw HTTP request is used only where the client refuses to build the broken request.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
import tritonclient.http as triton
from tritonclient.utils import InferenceServerException

from hintsig.serving import create_app
from tests.serving.helpers import running


@pytest.fixture(scope="module")
def urls(saved_models: dict[str, Path]) -> Iterator[dict[str, str]]:
    """name -> the base URL of a server for the saved model of that name."""
    with (
        running(create_app(saved_models["tensor"])) as tensor,
        running(create_app(saved_models["frame"])) as frame,
        running(create_app(saved_models["chat"])) as chat,
        running(create_app(saved_models["fragile"])) as fragile,
    ):
        yield {"tensor": tensor, "frame": frame, "chat": chat, "fragile": fragile}


@pytest.fixture(scope="module")
def servers(urls: dict[str, str]) -> Iterator[dict[str, triton.InferenceServerClient]]:
    """name -> a Triton HTTP client of that server."""
    clients = {
        name: triton.InferenceServerClient(url.removeprefix("http://"))
        for name, url in urls.items()
    }
    yield clients
    for client in clients.values():
        client.close()


def _input(name: str, array: np.ndarray, datatype: str, binary: bool = False) -> triton.InferInput:
    tensor = triton.InferInput(name, list(array.shape), datatype)
    tensor.set_data_from_numpy(array, binary_data=binary)
    return tensor


def _error(call: object) -> InferenceServerException:
    with pytest.raises(InferenceServerException) as info:
        call()  # type: ignore[operator]
    return info.value


def _frame_inputs(binary: bool = False) -> list[triton.InferInput]:
    return [
        _input("x", np.array([1.5, 2.0]), "FP64", binary),
        _input("name", np.array(["ab", "cé"], dtype=object), "BYTES", binary),
    ]


# ----------------------------------------------------------------------------- health, metadata


def test_liveness_readiness_and_server_metadata(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    client = servers["tensor"]
    assert client.is_server_live()
    assert client.is_server_ready()
    assert client.is_model_ready("tensor")
    assert client.is_model_ready("tensor", "1")
    assert not client.is_model_ready("other")
    metadata = client.get_server_metadata()
    assert metadata["name"] == "hintsig"
    assert "binary_tensor_data" in metadata["extensions"]


def test_tensor_model_metadata_comes_from_the_signature(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    metadata = servers["tensor"].get_model_metadata("tensor")
    assert metadata == {
        "name": "tensor",
        "versions": ["1"],
        "platform": "hintsig",
        "inputs": [{"name": "input-0", "datatype": "FP32", "shape": [-1, 2]}],
        "outputs": [{"name": "output-0", "datatype": "FP32", "shape": [-1]}],
    }
    assert servers["tensor"].get_model_metadata("tensor", "1") == metadata


def test_column_model_metadata_is_one_tensor_per_column(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    metadata = servers["frame"].get_model_metadata("frame")
    assert metadata["inputs"] == [
        {"name": "x", "datatype": "FP64", "shape": [-1]},
        {"name": "name", "datatype": "BYTES", "shape": [-1]},
    ]
    chat = servers["chat"].get_model_metadata("chat")
    assert chat["inputs"] == [
        {
            "name": "input-0",
            "datatype": "BYTES",
            "shape": [-1],
            "parameters": {"content_type": "application/json"},
        }
    ]


def test_an_unknown_model_or_version_is_404_with_the_protocol_error_body(
    servers: dict[str, triton.InferenceServerClient], urls: dict[str, str]
) -> None:
    client = servers["tensor"]
    error = _error(lambda: client.get_model_metadata("nope"))
    assert error.status() == "404"
    assert "'nope' is not served here" in error.message()
    assert _error(lambda: client.get_model_metadata("tensor", "7")).status() == "404"
    tensor = _input("input-0", np.ones((1, 2), dtype=np.float32), "FP32")
    assert _error(lambda: client.infer("nope", [tensor])).status() == "404"
    raw = httpx.get(f"{urls['tensor']}/v2/models/nope")  # the body is exactly {"error": ...}
    assert raw.status_code == 404
    assert list(raw.json()) == ["error"]


# ----------------------------------------------------------------------------- infer


@pytest.mark.parametrize("binary", [False, True], ids=["json", "binary"])
def test_infer_a_tensor_model(
    servers: dict[str, triton.InferenceServerClient], binary: bool
) -> None:
    images = np.array([[1.0, 2.0], [3.0, 4.5]], dtype=np.float32)
    wanted = [triton.InferRequestedOutput("output-0", binary_data=binary)]
    result = servers["tensor"].infer(
        "tensor", [_input("input-0", images, "FP32", binary)], outputs=wanted, request_id="r-1"
    )
    response = result.get_response()
    assert response["model_name"] == "tensor"
    assert response["model_version"] == "1"
    assert response["id"] == "r-1"
    (output,) = response["outputs"]
    assert output["name"] == "output-0"
    assert output["datatype"] == "FP32"
    assert output["shape"] == [2]
    assert ("parameters" in output) is binary
    assert ("data" in output) is not binary
    np.testing.assert_array_equal(result.as_numpy("output-0"), np.array([3.0, 7.5], np.float32))


def test_without_requested_outputs_the_client_gets_every_output_in_binary(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    result = servers["frame"].infer("frame", _frame_inputs(binary=False))
    names = [o["name"] for o in result.get_response()["outputs"]]
    assert names == ["x", "scaled", "label"]
    assert all("binary_data_size" in o["parameters"] for o in result.get_response()["outputs"])
    np.testing.assert_array_equal(result.as_numpy("scaled"), [3.0, 4.0])  # default scale 2
    assert result.as_numpy("label").tolist() == [b"AB", "CÉ".encode()]


@pytest.mark.parametrize("binary", [False, True], ids=["json", "binary"])
def test_infer_a_column_model_with_fp64_and_bytes_and_params(
    servers: dict[str, triton.InferenceServerClient], binary: bool
) -> None:
    outputs = [
        triton.InferRequestedOutput("scaled", binary_data=binary),
        triton.InferRequestedOutput("label", binary_data=binary),
    ]
    result = servers["frame"].infer(
        "frame", _frame_inputs(binary), outputs=outputs, parameters={"scale": 3.0}
    )
    assert [o["name"] for o in result.get_response()["outputs"]] == ["scaled", "label"]
    np.testing.assert_array_equal(result.as_numpy("scaled"), [4.5, 6.0])
    assert result.as_numpy("scaled").dtype == np.float64
    labels = [v.decode() if isinstance(v, bytes) else v for v in result.as_numpy("label")]
    assert labels == ["AB", "CÉ"]


def test_a_column_takes_shape_n_by_1_too(servers: dict[str, triton.InferenceServerClient]) -> None:
    inputs = [
        _input("x", np.array([[1.5], [2.0]]), "FP64"),
        _input("name", np.array([["a"], ["b"]], dtype=object), "BYTES"),
    ]
    result = servers["frame"].infer("frame", inputs)
    np.testing.assert_array_equal(result.as_numpy("scaled"), [3.0, 4.0])


def test_a_type_hinted_model_takes_json_documents(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    messages = np.array([json.dumps({"role": "user", "content": "Hi"})], dtype=object)
    for binary in (False, True):
        result = servers["chat"].infer("chat", [_input("input-0", messages, "BYTES", binary)])
        assert result.as_numpy("output-0").tolist() == [b"user: Hi"]


def test_params_are_checked_against_the_param_schema(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    error = _error(
        lambda: servers["frame"].infer("frame", _frame_inputs(), parameters={"scale": "big"})
    )
    assert error.status() == "400"
    assert "scale" in error.message()


# ----------------------------------------------------------------------------- 400s and 500s


def test_a_wrong_datatype_is_400_naming_the_tensor_without_its_data(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    data = np.array([[1234.5678, 2.0]], dtype=np.float64)
    error = _error(lambda: servers["tensor"].infer("tensor", [_input("input-0", data, "FP64")]))
    assert error.status() == "400"
    assert "'input-0'" in error.message()
    assert "expected datatype FP32, got 'FP64'" in error.message()
    assert "1234" not in error.message()


def test_a_wrong_fixed_dimension_is_400(servers: dict[str, triton.InferenceServerClient]) -> None:
    data = np.ones((2, 3), dtype=np.float32)
    error = _error(lambda: servers["tensor"].infer("tensor", [_input("input-0", data, "FP32")]))
    assert error.status() == "400"
    assert "input tensor 'input-0': expected shape [-1, 2], got [2, 3]" in error.message()
    assert "missing" not in error.message()


@pytest.mark.parametrize("binary", [False, True], ids=["json", "binary"])
def test_data_that_do_not_match_the_shape_are_400(
    servers: dict[str, triton.InferenceServerClient], binary: bool
) -> None:
    tensor = _input("input-0", np.full((2, 2), 98765.0, dtype=np.float32), "FP32", binary)
    tensor.set_shape([3, 2])
    error = _error(lambda: servers["tensor"].infer("tensor", [tensor]))
    assert error.status() == "400"
    assert "'input-0'" in error.message()
    assert "6" in error.message()
    assert "98765" not in error.message()


def test_a_missing_and_an_unknown_tensor_are_400_together(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    inputs = [
        _input("x", np.array([1.0]), "FP64"),
        _input("bogus", np.array([1.0]), "FP64"),
    ]
    error = _error(lambda: servers["frame"].infer("frame", inputs))
    assert error.status() == "400"
    assert "input tensor 'bogus' is not an input of this model" in error.message()
    assert "input tensor 'name' is missing" in error.message()


def test_text_sent_for_numbers_is_400_without_the_text(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    error = _error(
        lambda: servers["frame"].infer(
            "frame",
            [
                _input("x", np.array(["secret-value"], dtype=object), "BYTES"),
                _input("name", np.array(["a"], dtype=object), "BYTES"),
            ],
        )
    )
    assert error.status() == "400"
    assert "input tensor 'x': expected datatype FP64, got 'BYTES'" in error.message()
    assert "secret" not in error.message()


def test_an_unknown_requested_output_is_400(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    error = _error(
        lambda: servers["frame"].infer(
            "frame", _frame_inputs(), outputs=[triton.InferRequestedOutput("nope")]
        )
    )
    assert error.status() == "400"
    assert "output tensor 'nope' is not an output of this model" in error.message()


def test_raw_requests_the_client_cannot_build(urls: dict[str, str]) -> None:
    url = f"{urls['tensor']}/v2/models/tensor/infer"
    ragged = {
        "inputs": [{"name": "input-0", "shape": [2, 2], "datatype": "FP32", "data": [[1, 2], [3]]}]
    }
    answer = httpx.post(url, json=ragged)
    assert answer.status_code == 400
    assert list(answer.json()) == ["error"]
    assert "different lengths" in answer.json()["error"]
    answer = httpx.post(url, content=b'{"inputs": [{"name": "input-0"}]}')
    assert answer.status_code == 400
    assert "inputs.0.shape: Field required" in answer.json()["error"]
    fraction = {
        "inputs": [{"name": "input-0", "shape": [1, 2], "datatype": "FP32", "data": [1e39, 1]}]
    }
    assert "out of the range of FP32" in httpx.post(url, json=fraction).json()["error"]


def test_a_model_failure_is_500(servers: dict[str, triton.InferenceServerClient]) -> None:
    error = _error(
        lambda: servers["fragile"].infer("fragile", [_input("input-0", np.array([0.0]), "FP64")])
    )
    assert error.status() == "500"
    assert "ZeroDivisionError" in error.message()


def test_columns_of_different_lengths_are_400(
    servers: dict[str, triton.InferenceServerClient],
) -> None:
    inputs = [
        _input("x", np.array([1.0, 2.0, 3.0]), "FP64"),
        _input("name", np.array(["a"], dtype=object), "BYTES"),
    ]
    error = _error(lambda: servers["frame"].infer("frame", inputs))
    assert error.status() == "400"
    assert "different numbers of rows ('x': 3, 'name': 1)" in error.message()


def test_json_data_may_be_flat_or_nested(urls: dict[str, str]) -> None:
    url = f"{urls['tensor']}/v2/models/tensor/versions/1/infer"
    for data in ([1, 2, 3, 4.5], [[1, 2], [3, 4.5]]):
        tensor = {"name": "input-0", "shape": [2, 2], "datatype": "FP32", "data": data}
        answer = httpx.post(url, json={"id": "n", "inputs": [tensor]})
        assert answer.status_code == 200, answer.text
        assert answer.json()["outputs"][0]["data"] == [3.0, 7.5]
