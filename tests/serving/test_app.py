"""`POST /invocations` and the GET endpoints, against a real server on a loopback port."""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

import hintsig
from hintsig.exceptions import HintsigException
from hintsig.serving import create_app

from .helpers import running

JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def urls(saved_models: dict[str, Path]) -> Iterator[dict[str, str]]:
    """name -> base URL of a server for that model (default options)."""
    with contextlib.ExitStack() as stack:
        yield {
            name: stack.enter_context(running(create_app(path)))
            for name, path in saved_models.items()
        }


def post(url: str, body: bytes | str, headers: dict[str, str] | None = None) -> httpx.Response:
    content = body.encode() if isinstance(body, str) else body
    return httpx.post(f"{url}/invocations", content=content, headers=headers or JSON, timeout=30)


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error_code", "message", "errors"}
    assert body["error_code"] == code
    assert body["errors"], "every error lists at least one problem"
    assert all(set(e) == {"path", "message"} for e in body["errors"])
    return body


# ----------------------------------------------------------------------------- predictions

ATTACHMENT = base64.b64encode(b"hello").decode()

VALID = [
    ("chat", {"inputs": [{"role": "user", "content": "Hi"}]}, ["user: Hi"]),
    (
        "chat",
        {"inputs": [{"role": "a", "content": "1"}, {"role": "b", "content": "2"}]},
        ["a: 1", "b: 2"],
    ),
    # ISO datetimes and base64 bytes inside nested pydantic models
    (
        "events",
        {
            "inputs": [
                {"when": "2024-05-01T12:30:00Z", "attachment": {"name": "x", "data": ATTACHMENT}}
            ]
        },
        ["2024-05-01T12:30:00+00:00 5"],
    ),
    ("events", {"inputs": [{"when": "2024-05-01T08:00:00"}]}, ["2024-05-01T08:00:00 0"]),
    ("fragile", {"inputs": [2.0, 4]}, [5.0, 2.5]),
    ("tensor", {"inputs": [[1.0, 2.0], [3.0, 4.5]]}, [3.0, 7.5]),
    ("tensor", {"instances": [[1, 2]]}, [3.0]),
    (
        "frame",
        {
            "dataframe_split": {"columns": ["x", "name"], "data": [[1.5, "a"]]},
            "params": {"scale": 3},
        },
        [{"x": 1.5, "scaled": 4.5, "label": "A"}],
    ),
    (
        "frame",
        {"dataframe_records": [{"x": 1.0, "name": "b"}, {"x": 2.0, "name": "c"}]},
        [{"x": 1.0, "scaled": 2.0, "label": "B"}, {"x": 2.0, "scaled": 4.0, "label": "C"}],
    ),
    ("frame", {"inputs": {"x": [0.5], "name": ["z"]}}, [{"x": 0.5, "scaled": 1.0, "label": "Z"}]),
]


@pytest.mark.parametrize(("model", "payload", "expected"), VALID)
def test_predicts(urls: dict[str, str], model: str, payload: Any, expected: Any) -> None:
    response = post(urls[model], json.dumps(payload))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"predictions": expected}


def test_csv_body(urls: dict[str, str]) -> None:
    response = post(urls["frame"], "x,name\n1.5,a\n", {"Content-Type": "text/csv"})
    assert response.status_code == 200, response.text
    assert response.json() == {"predictions": [{"x": 1.5, "scaled": 3.0, "label": "A"}]}


@pytest.mark.parametrize("model", ["chat", "events", "fragile", "tensor", "frame"])
def test_the_serving_example_scores(
    urls: dict[str, str], saved_models: dict[str, Path], model: str
) -> None:
    example = (saved_models[model] / "serving_input_example.json").read_text()
    response = post(urls[model], example)
    assert response.status_code == 200, response.text
    assert "predictions" in response.json()


# ----------------------------------------------------------------------------- client mistakes

# Deeper than any recursion limit a test run sets (mypy.api raises it to 2**14).
NESTED = "[" * 40_000 + "]" * 40_000

MISTAKES = [
    # (model, body, path of the first problem, words of the message)
    ("chat", '{"inputs": [{"role": "user", "content": "Hi"}', "", "not valid JSON"),
    ("chat", "", "", "not valid JSON"),
    ("chat", b"\xff\xfe{}", "", "not valid UTF-8"),
    ("chat", '[{"role": "user", "content": "Hi"}]', "", 'wrap it as {"inputs"'),
    ("chat", '{"input": []}', "", "found keys: 1 other key (did you mean 'inputs'?)"),
    ("chat", '{"inputs": [], "instances": []}', "", "exactly one of"),
    ("chat", '{"inputs": [{"role": "user", "content": 5}]}', "[0].content", "expected str"),
    ("chat", '{"inputs": [{"role": "user"}]}', "[0].content", "Field required"),
    ("chat", '{"inputs": {"role": "user", "content": "x"}}', "", "expected a list"),
    ("chat", '{"inputs": [{"role": "user", "content": NaN}]}', "", "NaN is not a JSON number"),
    ("chat", '{"inputs": [{"role": "user", "content": 1e999}]}', "", "too large for a 64-bit"),
    ("chat", '{"inputs": [' + "9" * 5000 + "]}", "", "too many digits"),
    ("chat", '{"inputs": ' + NESTED + "}", "", "too deeply"),
    ("chat", '{"inputs": [], "params": [1]}', "", "'params' must be a JSON object"),
    ("events", '{"inputs": [{"when": "yesterday"}]}', "[0].when", "ISO 8601"),
    (
        "events",
        '{"inputs": [{"when": "2024-01-01", "attachment": {"name": "a", "data": "%%"}}]}',
        "[0].attachment.data",
        "base64",
    ),
    ("tensor", '{"inputs": [[1.0, 2.0, 3.0]]}', "", "shape"),
    ("tensor", '{"inputs": [["a", "b"]]}', "inputs", "expected float32 values"),
    ("tensor", '{"inputs": [[1.0], [1.0, 2.0]]}', "inputs", "different lengths"),
    ("frame", '{"dataframe_records": [{"name": "a"}]}', "column 'x'", "missing"),
    ("frame", '{"dataframe_split": {"columns": ["x"], "data": [[1, 2]]}}', "data[0]", "1 columns"),
    (
        "frame",
        '{"dataframe_records": [{"x": 1.0, "name": "a"}], "params": {"scale": "big"}}',
        "param 'scale'",
        "expected",
    ),
]


@pytest.mark.parametrize(("model", "body", "path", "words"), MISTAKES)
def test_client_mistakes_are_400(
    urls: dict[str, str], model: str, body: str | bytes, path: str, words: str
) -> None:
    error = assert_error(post(urls[model], body), 400, "BAD_REQUEST")
    assert words in error["message"]
    assert error["errors"][0]["path"] == path


def test_a_payload_pandas_cannot_take_is_still_400(
    urls: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    body = '{"dataframe_split": {"columns": ["x", "x"], "data": [[1.0, 2.0]]}}'
    with caplog.at_level(logging.WARNING, logger="hintsig.serving"):
        assert_error(post(urls["frame"], body), 400, "BAD_REQUEST")


@pytest.mark.parametrize(
    "body",
    [
        '{"inputs": [{"role": "SECRET-VALUE", "content": 1234567}]}',
        '{"inputs": [{"role": ["SECRET-VALUE"], "content": "SECRET-VALUE"}]}',
        '{"inputs": "SECRET-VALUE"}',
        '{"inputs": [{"role": "x", "content": "SECRET-VALUE"}], "params": "SECRET-VALUE"}',
        '{"inputs": [{"role": "x", "content": "SECRET-VALUE"}',
    ],
)
def test_errors_never_echo_input_values(urls: dict[str, str], body: str) -> None:
    response = post(urls["chat"], body)
    assert response.status_code == 400
    assert "SECRET" not in response.text
    assert "1234567" not in response.text


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "", "application/json; charset=latin-1"],
)
def test_unsupported_content_types_are_415(urls: dict[str, str], content_type: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = httpx.post(
        f"{urls['chat']}/invocations", content=b'{"inputs": []}', headers=headers, timeout=30
    )
    error = assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert (
        "utf-8" in error["message"] if "charset" in content_type else "text/csv" in error["message"]
    )


def test_json_with_a_utf8_charset_is_accepted(urls: dict[str, str]) -> None:
    body = '{"inputs": [{"role": "user", "content": "Hi"}]}'
    response = post(urls["chat"], body, {"Content-Type": "application/json; charset=UTF-8"})
    assert response.json() == {"predictions": ["user: Hi"]}


# ----------------------------------------------------------------------------- limits


@pytest.fixture(scope="module")
def small_server(saved_models: dict[str, Path]) -> Iterator[str]:
    """The fragile model with a 1 KiB body limit and a 0.5 s timeout."""
    app = create_app(saved_models["fragile"], max_body_size=1024, timeout=0.5)
    with running(app) as url:
        yield url


def test_declared_body_over_the_limit_is_413(small_server: str) -> None:
    body = json.dumps({"inputs": [1.0] * 400}).encode()
    assert len(body) > 1024
    assert_error(post(small_server, body), 413, "REQUEST_TOO_LARGE")
    assert post(small_server, b'{"inputs": [2.0]}').json() == {"predictions": [5.0]}


def test_streamed_body_over_the_limit_is_413(small_server: str) -> None:
    def chunks() -> Iterator[bytes]:  # chunked transfer: no Content-Length to check
        yield b'{"inputs": ['
        for _ in range(300):
            yield b"1.0, "
        yield b"1.0]}"

    response = httpx.post(f"{small_server}/invocations", content=chunks(), headers=JSON)
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "REQUEST_TOO_LARGE")


def test_a_huge_declared_body_is_refused_without_being_read(small_server: str) -> None:
    """The server answers 413 to the headers alone: the 10 GiB body is never sent."""
    parts = urlsplit(small_server)
    head = (
        "POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        f"Content-Length: {10 * 2**30}\r\n\r\n"
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head.encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")


def test_a_slow_request_is_504_and_the_server_goes_on(small_server: str) -> None:
    error = assert_error(post(small_server, b'{"inputs": [-1.5]}'), 504, "TIMEOUT")
    assert "0.5 s" in error["message"]
    assert post(small_server, b'{"inputs": [4.0]}').json() == {"predictions": [2.5]}


def test_a_model_exception_is_500_and_the_server_goes_on(
    urls: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="hintsig.serving"):
        error = assert_error(
            post(urls["fragile"], b'{"inputs": [1.0, 0.0]}'), 500, "INTERNAL_ERROR"
        )
    assert "ZeroDivisionError" in error["message"]
    assert "ZeroDivisionError" in caplog.text  # the traceback goes to the server log
    assert post(urls["fragile"], b'{"inputs": [5.0]}').json() == {"predictions": [2.0]}


def test_the_errors_listed_are_capped(urls: dict[str, str]) -> None:
    body = json.dumps({"inputs": [{"role": 1, "content": 2}] * 50})
    error = assert_error(post(urls["chat"], body), 400, "BAD_REQUEST")
    assert len(error["errors"]) == 21
    assert error["errors"][-1] == {"path": "", "message": "... and 80 more errors"}
    assert error["message"].endswith("... and 80 more errors")


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"timeout": 0}, "timeout must be a positive number"),
        ({"max_body_size": -1}, "max_body_size must be a number of bytes"),
    ],
)
def test_create_app_checks_its_options(
    saved_models: dict[str, Path], options: dict[str, Any], words: str
) -> None:
    with pytest.raises(HintsigException, match=words):
        create_app(saved_models["chat"], **options)


def test_unknown_params_warn_and_are_ignored(urls: dict[str, str]) -> None:
    body = '{"inputs": [{"role": "a", "content": "b"}], "params": {"temperature": 0.5}}'
    with pytest.warns(UserWarning, match="temperature"):
        response = post(urls["chat"], body)
    assert response.json() == {"predictions": ["a: b"]}


# ----------------------------------------------------------------------------- GET endpoints


@pytest.mark.parametrize("path", ["/ping", "/health"])
def test_ping_and_health(urls: dict[str, str], path: str) -> None:
    response = httpx.get(urls["chat"] + path)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_version(urls: dict[str, str]) -> None:
    assert httpx.get(urls["chat"] + "/version").json() == {"version": hintsig.__version__}


def test_metadata(urls: dict[str, str], saved_models: dict[str, Path]) -> None:
    body = httpx.get(urls["frame"] + "/metadata").json()
    assert body["model_uri"] == str(saved_models["frame"])
    assert body["registered_model"] is None
    assert body["signature"]["inputs"] == [
        {"type": "double", "name": "x", "required": True},
        {"type": "string", "name": "name", "required": True},
    ]
    assert body["signature"]["params"] == [
        {"name": "scale", "type": "double", "default": 2.0, "shape": None}
    ]
    assert body["serving_example"] == json.loads(
        (saved_models["frame"] / "serving_input_example.json").read_text()
    )
    assert body["payload_formats"] == [
        "inputs",
        "instances",
        "dataframe_split",
        "dataframe_records",
    ]
    assert body["mlmodel"]["flavors"]["python_function"]["loader_module"]
    assert "signature" not in body["mlmodel"]


def test_hinted_models_take_inputs_only(urls: dict[str, str]) -> None:
    assert httpx.get(urls["chat"] + "/metadata").json()["payload_formats"] == ["inputs"]
    error = assert_error(post(urls["chat"], '{"instances": []}'), 400, "BAD_REQUEST")
    assert "type hints" in error["message"]


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/nowhere", 404, "NOT_FOUND"),
        ("GET", "/invocations", 405, "METHOD_NOT_ALLOWED"),
        ("POST", "/ping", 405, "METHOD_NOT_ALLOWED"),
    ],
)
def test_other_requests_get_json_errors(
    urls: dict[str, str], method: str, path: str, status: int, code: str
) -> None:
    assert_error(httpx.request(method, urls["chat"] + path), status, code)
