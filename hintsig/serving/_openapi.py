"""The server's OpenAPI 3.1 document, built from the served model's signature.

The `/invocations` request body is `signature_to_json_schema(signature)` (only the payload
formats the model takes), with the serving example as its example; the 200 answer's
`predictions` follow the output schema. Column-based models also take `text/csv`.
"""

from __future__ import annotations

from typing import Any

import hintsig
from hintsig.models._json_schema import predictions_json_schema, signature_to_json_schema
from hintsig.serving._errors import ERROR_CODES
from hintsig.serving._served import ServedModel

__all__ = ["openapi_document"]

_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "error_code": {"type": "string", "enum": sorted(set(ERROR_CODES.values()))},
        "message": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                "required": ["path", "message"],
            },
        },
    },
    "required": ["error_code", "message", "errors"],
}
_SCORING_ERRORS = {
    400: "The payload, the data or the params do not fit the model's signature",
    413: "The body is larger than the server's --max-body-size",
    415: "The content type is neither application/json nor text/csv",
    500: "The model raised an exception, or its output has no JSON form",
    504: "The request took longer than the server's --timeout",
}


def openapi_document(served: ServedModel) -> dict[str, Any]:
    """The OpenAPI 3.1 document of a server for `served`."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": served.name,
            "version": served.version,
            "description": f"Scoring server (hintsig {hintsig.__version__}) for the model "
            f"{served.model_uri}.",
        },
        "paths": {
            "/invocations": {"post": _invocations(served)},
            "/ping": {"get": _get("Liveness: 200 once the model is loaded", _STATUS)},
            "/health": {"get": _get("Health: 200 once the model is loaded", _STATUS)},
            "/version": {"get": _get("The hintsig version serving the model", _VERSION)},
            "/metadata": {"get": _get("The signature, serving example and MLmodel keys", {})},
            "/openapi.json": {"get": _get("This document", {"type": "object"})},
            "/": {"get": _page()},
        },
        "components": {"schemas": {"Error": _ERROR_SCHEMA}},
    }


_STATUS = {"type": "object", "properties": {"status": {"const": "ok"}}, "required": ["status"]}
_VERSION = {
    "type": "object",
    "properties": {"version": {"type": "string"}},
    "required": ["version"],
}


def _invocations(served: ServedModel) -> dict[str, Any]:
    signature = served.signature
    json_body: dict[str, Any] = {"schema": {"type": "object"}}
    predictions: dict[str, Any] = {}
    if signature is not None:
        json_body["schema"] = signature_to_json_schema(signature, type_hinted=served.type_hinted)
        predictions = predictions_json_schema(signature.outputs)
    example = served.example()
    if example is not None:
        json_body["examples"] = {"serving_example": {"value": example}}
    content: dict[str, Any] = {"application/json": json_body}
    inputs = signature.inputs if signature is not None else None
    if inputs is None or not inputs.is_tensor_spec():
        content["text/csv"] = {"schema": {"type": "string"}}
    responses: dict[str, Any] = {
        "200": _json_response(
            "The model's predictions",
            {
                "type": "object",
                "properties": {"predictions": predictions},
                "required": ["predictions"],
            },
        )
    }
    for status, description in _SCORING_ERRORS.items():
        responses[str(status)] = _json_response(description, _ERROR_REF)
    return {
        "summary": "Score the model",
        "operationId": "invocations",
        "requestBody": {"required": True, "content": content},
        "responses": responses,
    }


def _get(summary: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"summary": summary, "responses": {"200": _json_response(summary, schema)}}


def _page() -> dict[str, Any]:
    return {
        "summary": "The schema page: inputs, outputs, params and a form to send a request",
        "responses": {
            "200": {
                "description": "HTML page",
                "content": {"text/html": {"schema": {"type": "string"}}},
            }
        },
    }


def _json_response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}
