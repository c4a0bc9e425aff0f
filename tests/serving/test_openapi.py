"""`GET /openapi.json`: a valid OpenAPI 3.1 document whose schemas fit the served model."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from openapi_spec_validator import validate

from hintsig.serving import create_app

from .helpers import running

JSON = {"Content-Type": "application/json"}
MODELS = ["chat", "events", "fragile", "tensor", "frame"]


@pytest.fixture(scope="module")
def urls(saved_models: dict[str, Path]) -> Iterator[dict[str, str]]:
    with contextlib.ExitStack() as stack:
        yield {
            name: stack.enter_context(running(create_app(path)))
            for name, path in saved_models.items()
        }


def document(url: str) -> dict[str, Any]:
    response = httpx.get(f"{url}/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def invocations(doc: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = doc["paths"]["/invocations"]["post"]
    return operation


@pytest.mark.parametrize("model", MODELS)
def test_the_document_is_valid_openapi_3_1(urls: dict[str, str], model: str) -> None:
    doc = document(urls[model])
    assert doc["openapi"] == "3.1.0"
    validate(doc)


@pytest.mark.parametrize("model", MODELS)
def test_the_serving_example_fits_the_request_schema(urls: dict[str, str], model: str) -> None:
    body = invocations(document(urls[model]))["requestBody"]["content"]["application/json"]
    example = body["examples"]["serving_example"]["value"]
    jsonschema.Draft202012Validator(body["schema"]).validate(example)


@pytest.mark.parametrize("model", MODELS)
def test_the_answer_fits_the_response_schema(urls: dict[str, str], model: str) -> None:
    operation = invocations(document(urls[model]))
    request = operation["requestBody"]["content"]["application/json"]
    answer = httpx.post(
        f"{urls[model]}/invocations", json=request["examples"]["serving_example"]["value"]
    )
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator(schema).validate(answer.json())


def test_a_hinted_model_documents_its_hints(urls: dict[str, str]) -> None:
    schema = invocations(document(urls["chat"]))["requestBody"]["content"]["application/json"]
    inputs = schema["schema"]["properties"]["inputs"]
    assert inputs == {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"content": {"type": "string"}, "role": {"type": "string"}},
            "required": ["content", "role"],
            "additionalProperties": False,
        },
    }
    assert schema["schema"]["required"] == ["inputs"]


def test_nested_datetimes_and_bytes_are_strings(urls: dict[str, str]) -> None:
    body = invocations(document(urls["events"]))["requestBody"]["content"]["application/json"]
    event = body["schema"]["properties"]["inputs"]["items"]
    assert event["properties"]["when"] == {"type": "string", "format": "date-time"}
    attachment = event["properties"]["attachment"]["anyOf"][0]
    assert attachment["properties"]["data"]["contentEncoding"] == "base64"
    assert event["required"] == ["when"]


def test_params_and_csv_for_a_dataframe_model(urls: dict[str, str]) -> None:
    content = invocations(document(urls["frame"]))["requestBody"]["content"]
    params = content["application/json"]["schema"]["properties"]["params"]
    assert params["properties"]["scale"] == {"type": "number", "format": "double", "default": 2.0}
    assert "text/csv" in content


def test_a_tensor_model_takes_no_csv(urls: dict[str, str]) -> None:
    content = invocations(document(urls["tensor"]))["requestBody"]["content"]
    assert list(content) == ["application/json"]
    inputs = content["application/json"]["schema"]["properties"]["inputs"]
    assert inputs["items"] == {
        "type": "array",
        "items": {"type": "number", "format": "float"},
        "minItems": 2,
        "maxItems": 2,
    }


def test_error_answers_are_documented(urls: dict[str, str]) -> None:
    responses = invocations(document(urls["chat"]))["responses"]
    assert sorted(responses) == ["200", "400", "413", "415", "500", "504"]
    error = httpx.post(f"{urls['chat']}/invocations", content=b"{", headers=JSON).json()
    schema = {**document(urls["chat"])["components"]["schemas"]["Error"]}
    jsonschema.Draft202012Validator(schema).validate(error)
