"""`signature_to_json_schema`: scoring requests as JSON Schema (draft 2020-12)."""

from __future__ import annotations

from typing import Any

import jsonschema
import numpy as np
import pytest

from hintsig.exceptions import SchemaDefinitionError
from hintsig.models import signature_to_json_schema
from hintsig.models._json_schema import payload_formats, predictions_json_schema, type_json_schema
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    ColType,
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

INT32 = {"type": "integer", "format": "int32", "minimum": -(2**31), "maximum": 2**31 - 1}
INT64 = {"type": "integer", "format": "int64", "minimum": -(2**63), "maximum": 2**63 - 1}

TYPES: list[tuple[ColType, dict[str, Any]]] = [
    (DataType.boolean, {"type": "boolean"}),
    (DataType.integer, INT32),
    (DataType.long, INT64),
    (DataType.float, {"type": "number", "format": "float"}),
    (DataType.double, {"type": "number", "format": "double"}),
    (DataType.string, {"type": "string"}),
    (DataType.binary, {"type": "string", "format": "byte", "contentEncoding": "base64"}),
    (DataType.datetime, {"type": "string", "format": "date-time"}),
    (Array(DataType.string), {"type": "array", "items": {"type": "string"}}),
    (
        Array(Array(DataType.boolean)),
        {"type": "array", "items": {"type": "array", "items": {"type": "boolean"}}},
    ),
    (
        Map(DataType.double),
        {"type": "object", "additionalProperties": {"type": "number", "format": "double"}},
    ),
    (AnyType(), {}),
    (
        Object(
            [Property("role", DataType.string), Property("n", DataType.boolean, required=False)]
        ),
        {
            "type": "object",
            "properties": {
                "n": {"anyOf": [{"type": "boolean"}, {"type": "null"}]},
                "role": {"type": "string"},
            },
            "required": ["role"],
            "additionalProperties": False,
        },
    ),
]


@pytest.mark.parametrize(("dtype", "expected"), TYPES)
def test_type_json_schema(dtype: ColType, expected: dict[str, Any]) -> None:
    assert type_json_schema(dtype) == expected


def validator(signature: ModelSignature, **options: Any) -> jsonschema.Draft202012Validator:
    schema = signature_to_json_schema(signature, **options)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


MESSAGES = ModelSignature(
    Schema([ColSpec(Object([Property("role", "string"), Property("content", "string")]))])
)
COLUMNS = ModelSignature(
    Schema([ColSpec("double", "x"), ColSpec("string", "name", required=False)]),
    params=ParamSchema(
        [ParamSpec("scale", "double", 2.0), ParamSpec("tags", "string", ["a"], (-1,))]
    ),
)
TENSOR = ModelSignature(Schema([TensorSpec(np.float32, (-1, 2))]))
NAMED_TENSORS = ModelSignature(
    Schema([TensorSpec(np.int8, (-1, 3), "ids"), TensorSpec(np.bool_, (-1,), "mask")])
)

ROW = {"role": "user", "content": "Hi"}

ACCEPTED = [
    (MESSAGES, {"type_hinted": True}, {"inputs": [ROW]}),
    (MESSAGES, {"type_hinted": True}, {"inputs": [], "params": {"any": 1}}),
    (MESSAGES, {}, {"dataframe_records": [ROW]}),
    (COLUMNS, {}, {"dataframe_split": {"columns": ["x", "name"], "data": [[1.5, "a"]]}}),
    (COLUMNS, {}, {"dataframe_split": {"columns": ["extra", "x"], "data": [[0, 1.5]]}}),
    (COLUMNS, {}, {"dataframe_records": [{"x": 1, "name": None}, {"x": 2.5, "extra": 1}]}),
    (COLUMNS, {}, {"inputs": {"x": [1.0, 2.0]}, "params": {"scale": 3, "tags": ["b"]}}),
    (COLUMNS, {}, {"inputs": {"x": 1.0, "name": "a"}}),
    (COLUMNS, {}, {"instances": [{"x": 1.0}]}),
    (TENSOR, {}, {"inputs": [[1.0, 2.0], [3, 4]]}),
    (TENSOR, {}, {"instances": []}),
    (NAMED_TENSORS, {}, {"inputs": {"ids": [[1, 2, 3]], "mask": [True]}}),
    (NAMED_TENSORS, {}, {"instances": [{"ids": [1, 2, 3], "mask": False}]}),
]

REFUSED = [
    (MESSAGES, {"type_hinted": True}, {"inputs": ROW}),  # not a list
    (MESSAGES, {"type_hinted": True}, {"inputs": [{"role": "user"}]}),  # missing content
    (MESSAGES, {"type_hinted": True}, {"inputs": [{**ROW, "extra": 1}]}),  # unknown property
    (MESSAGES, {"type_hinted": True}, {"instances": [ROW]}),  # inputs only
    (MESSAGES, {}, {"inputs": [ROW], "instances": [ROW]}),  # two formats
    (MESSAGES, {}, {}),  # no format
    (MESSAGES, {}, {"inputs": [ROW], "param": {}}),  # a misspelt key
    (COLUMNS, {}, {"dataframe_records": [{"name": "a"}]}),  # missing required column
    (COLUMNS, {}, {"dataframe_split": {"columns": ["y"], "data": [[1]]}}),  # no column x
    (COLUMNS, {}, {"dataframe_split": {"data": [[1]]}}),  # no columns at all
    (COLUMNS, {}, {"inputs": {"x": ["a"]}}),
    (COLUMNS, {}, {"instances": [{"x": 1.0}], "params": {"scale": "big"}}),
    (COLUMNS, {}, {"instances": [{"x": 1.0}], "params": {"tags": "b"}}),
    (TENSOR, {}, {"inputs": [[1.0, 2.0, 3.0]]}),  # fixed dimension
    (TENSOR, {}, {"inputs": [1.0, 2.0]}),  # depth
    (TENSOR, {}, {"dataframe_split": {"data": [[1.0, 2.0]]}}),  # not offered for tensors
    (NAMED_TENSORS, {}, {"inputs": {"ids": [[1, 2, 300]], "mask": [True]}}),  # int8 range
    (NAMED_TENSORS, {}, {"inputs": {"ids": [[1, 2, 3]]}}),  # missing tensor
]


@pytest.mark.parametrize(("signature", "options", "body"), ACCEPTED)
def test_valid_requests_validate(signature: ModelSignature, options: Any, body: Any) -> None:
    validator(signature, **options).validate(body)


@pytest.mark.parametrize(("signature", "options", "body"), REFUSED)
def test_invalid_requests_do_not(signature: ModelSignature, options: Any, body: Any) -> None:
    assert not validator(signature, **options).is_valid(body)


def test_params_carry_their_defaults() -> None:
    params = signature_to_json_schema(COLUMNS)["properties"]["params"]["properties"]
    assert params == {
        "scale": {"type": "number", "format": "double", "default": 2.0},
        "tags": {"type": "array", "items": {"type": "string"}, "default": ["a"]},
    }


def test_a_signature_without_inputs_takes_any_format() -> None:
    schema = signature_to_json_schema(ModelSignature(outputs=Schema([ColSpec("string")])))
    assert [s["required"] for s in schema["oneOf"]] == [
        ["inputs"],
        ["instances"],
        ["dataframe_split"],
        ["dataframe_records"],
    ]
    assert all(schema["properties"][f] == {} for f in payload_formats(None))


@pytest.mark.parametrize(
    ("inputs", "type_hinted", "expected"),
    [
        (MESSAGES.inputs, True, ("inputs",)),
        (MESSAGES.inputs, False, ("inputs", "instances", "dataframe_split", "dataframe_records")),
        (TENSOR.inputs, False, ("inputs", "instances")),
    ],
)
def test_payload_formats(inputs: Schema, type_hinted: bool, expected: tuple[str, ...]) -> None:
    assert payload_formats(inputs, type_hinted=type_hinted) == expected


@pytest.mark.parametrize(
    ("outputs", "prediction", "valid"),
    [
        (Schema([ColSpec("string")]), ["a", "b"], True),
        (Schema([ColSpec("string")]), [1], False),
        (Schema([ColSpec("long", "n")]), [{"n": 1}], True),
        (Schema([ColSpec("long", "n")]), {"n": [1, 2]}, True),
        (Schema([TensorSpec(np.float64, (-1,))]), [0.5], True),
        (Schema([TensorSpec(np.float64, (-1,))]), [[0.5]], False),
        (None, {"anything": True}, True),
    ],
)
def test_predictions_json_schema(outputs: Schema | None, prediction: Any, valid: bool) -> None:
    schema = predictions_json_schema(outputs)
    assert jsonschema.Draft202012Validator(schema).is_valid(prediction) is valid


def test_only_signatures_are_accepted() -> None:
    with pytest.raises(SchemaDefinitionError, match="needs a ModelSignature, got Schema"):
        signature_to_json_schema(Schema([ColSpec("string")]))  # type: ignore[arg-type]
