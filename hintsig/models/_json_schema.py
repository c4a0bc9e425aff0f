"""A model signature as JSON Schema: the shape of a scoring request, and of its answer.

`signature_to_json_schema(signature)` gives the JSON Schema (draft 2020-12, the dialect of
OpenAPI 3.1) of a `POST /invocations` JSON body for a model with that signature: an object
with exactly one of the payload formats (`inputs`, `instances`, `dataframe_split`,
`dataframe_records`) and an optional `params` object. `predictions_json_schema(schema)` gives
the schema of the `predictions` a model with that output schema answers.

How schema types map:

| schema type | JSON Schema |
|---|---|
| `boolean` | `{"type": "boolean"}` |
| `integer`, `long` | `{"type": "integer"}` with format `int32`/`int64` and the range |
| `float`, `double` | `{"type": "number"}` with format `float`/`double` |
| `string` | `{"type": "string"}` |
| `binary` | a base64 string (`contentEncoding: base64`, `format: byte`) |
| `datetime` | an ISO 8601 string (`format: date-time`) |
| `Array(t)` | `{"type": "array", "items": t}` |
| `Object([...])` | an object of those properties (`required` lists the required ones) |
| `Map(t)` | `{"type": "object", "additionalProperties": t}` |
| `AnyType()` | `{}` |
| `TensorSpec` | nested arrays as deep as the shape, fixed sizes as `minItems`/`maxItems` |

An optional column or property may also be `null`. A DataFrame row may carry columns the
schema does not name (schema enforcement drops them); an `Object` value may not. Unknown
params are allowed too (they only warn).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hintsig.exceptions import SchemaDefinitionError
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
    Schema,
    TensorSpec,
)

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DIALECT",
    "PAYLOAD_FORMATS",
    "payload_formats",
    "predictions_json_schema",
    "signature_to_json_schema",
    "type_json_schema",
]

#: The JSON Schema dialect of the generated documents (the one OpenAPI 3.1 uses).
DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: The payload formats of a scoring request, in the order they are listed.
PAYLOAD_FORMATS = ("inputs", "instances", "dataframe_split", "dataframe_records")

JsonSchema = dict[str, Any]

_INT_RANGES = {DataType.integer: 31, DataType.long: 63}
_SCALARS: dict[DataType, JsonSchema] = {
    DataType.boolean: {"type": "boolean"},
    DataType.integer: {"type": "integer", "format": "int32"},
    DataType.long: {"type": "integer", "format": "int64"},
    DataType.float: {"type": "number", "format": "float"},
    DataType.double: {"type": "number", "format": "double"},
    DataType.string: {"type": "string"},
    DataType.binary: {"type": "string", "format": "byte", "contentEncoding": "base64"},
    DataType.datetime: {"type": "string", "format": "date-time"},
}


def signature_to_json_schema(signature: ModelSignature, *, type_hinted: bool = False) -> JsonSchema:
    """The JSON Schema of a scoring request body for a model with `signature`.

    Every payload format that fits the input schema is offered (`payload_formats`). A model
    whose input is validated by its type hints (`type_hinted=True`) takes only
    `{"inputs": [...]}`, a list with one element per item of the batch.
    """
    if not isinstance(signature, ModelSignature):
        raise SchemaDefinitionError(
            f"signature_to_json_schema needs a ModelSignature, got {type(signature).__name__}"
        )
    inputs = signature.inputs
    formats = payload_formats(inputs, type_hinted=type_hinted)
    properties = {fmt: _format_schema(fmt, inputs, type_hinted) for fmt in formats}
    properties["params"] = _params_schema(signature.params)
    body: JsonSchema = {
        "$schema": DIALECT,
        "title": "Scoring request",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if len(formats) == 1:
        body["required"] = list(formats)
    else:
        body["oneOf"] = [{"required": [fmt]} for fmt in formats]
    return body


def payload_formats(inputs: Schema | None, *, type_hinted: bool = False) -> tuple[str, ...]:
    """The payload formats a model with this input schema takes.

    `inputs` only for a type-hinted model; `inputs` and `instances` for tensors; all four
    for columns (or no schema).
    """
    if type_hinted:
        return ("inputs",)
    if inputs is not None and inputs.is_tensor_spec():
        return ("inputs", "instances")
    return PAYLOAD_FORMATS


def predictions_json_schema(schema: Schema | None) -> JsonSchema:
    """The JSON Schema of the `predictions` of a model whose output schema is `schema`.

    A DataFrame answer is written as a list of row objects, a dict of columns as an object.
    """
    if schema is None:
        return {}
    return _inputs_schema(schema)


def type_json_schema(dtype: ColType) -> JsonSchema:
    """The JSON Schema of one value of a schema type (see the table of the module doc)."""
    match dtype:
        case DataType():
            return _scalar(dtype)
        case Array(dtype=items):
            return _array(type_json_schema(items))
        case Object(properties=props):
            return _named(
                {p.name: _nullable(p.dtype, p.required) for p in props},
                [p.name for p in props if p.required],
            )
        case Map(value_type=values):
            return {"type": "object", "additionalProperties": type_json_schema(values)}
        case AnyType():
            return {}
    raise SchemaDefinitionError(f"Not a schema type: {type(dtype).__name__}")


def _scalar(dtype: DataType) -> JsonSchema:
    out = dict(_SCALARS[dtype])
    bits = _INT_RANGES.get(dtype)
    if bits is not None:
        out.update(minimum=-(2**bits), maximum=2**bits - 1)
    return out


def _nullable(dtype: ColType, required: bool) -> JsonSchema:
    value = type_json_schema(dtype)
    if required or not value:
        return value
    return {"anyOf": [value, {"type": "null"}]}


def _array(items: JsonSchema) -> JsonSchema:
    return {"type": "array", "items": items}


# ----------------------------------------------------------------------------- formats


def _format_schema(fmt: str, inputs: Schema | None, type_hinted: bool) -> JsonSchema:
    if inputs is None:
        return {}
    if fmt == "inputs" and type_hinted:  # the hint's list: one element per item
        return _array(_record_schema(inputs))
    if fmt == "inputs":
        return _inputs_schema(inputs)
    if fmt == "instances":
        return _instances_schema(inputs)
    if fmt == "dataframe_split":
        return _split_schema(inputs)
    return _array(_record_schema(inputs))


def _inputs_schema(schema: Schema) -> JsonSchema:
    """`inputs`: the whole batch, column by column (or one tensor / a dict of tensors)."""
    if schema.is_tensor_spec():
        tensors = _tensors(schema)
        if not schema.has_input_names():
            return _tensor_schema(tensors[0])
        return _named(
            {str(t.name): _tensor_schema(t) for t in tensors}, [str(t.name) for t in tensors]
        )
    columns = _columns(schema)
    if not schema.has_input_names():
        value = type_json_schema(columns[0].type)
        return {"anyOf": [_array(value), value]} if value else {}
    by_column = _named(
        {str(c.name): _column_values(c) for c in columns},
        [str(c.name) for c in columns if c.required],
        closed=False,
    )
    return {"anyOf": [by_column, _array(_record_schema(schema))]}


def _instances_schema(schema: Schema) -> JsonSchema:
    """`instances`: a list of rows."""
    if schema.is_tensor_spec() and schema.has_input_names():
        tensors = _tensors(schema)
        row = _named(
            {str(t.name): _tensor_schema(t, skip=1) for t in tensors},
            [str(t.name) for t in tensors],
        )
        return _array(row)
    if schema.is_tensor_spec():
        return _tensor_schema(_tensors(schema)[0])
    return _array(_record_schema(schema))


def _record_schema(schema: Schema) -> JsonSchema:
    """One row: an object of named columns, or the value of the single unnamed column."""
    if schema.is_tensor_spec():
        return {"type": "object"}
    columns = _columns(schema)
    if not schema.has_input_names():
        return type_json_schema(columns[0].type)
    return _named(
        {str(c.name): _nullable(c.type, bool(c.required)) for c in columns},
        [str(c.name) for c in columns if c.required],
        closed=False,
    )


def _split_schema(schema: Schema) -> JsonSchema:
    """`dataframe_split`: pandas' split orient (rows as lists in the order of `columns`);
    `columns` must name every required column."""
    names = schema.required_input_names() if schema.has_input_names() else []
    columns: JsonSchema = {"type": "array", "items": {"type": "string"}}
    if names:
        columns["allOf"] = [{"contains": {"const": str(name)}} for name in names]
    return {
        "type": "object",
        "properties": {
            "columns": columns,
            "data": _array({"type": "array"}),
            "index": {"type": "array"},
        },
        "required": ["columns", "data"] if names else ["data"],
        "additionalProperties": False,
    }


def _column_values(spec: ColSpec) -> JsonSchema:
    value = _nullable(spec.type, bool(spec.required))
    return {"anyOf": [_array(value), value]} if value else {}


def _named(
    properties: Mapping[str, JsonSchema], required: list[str], closed: bool = True
) -> JsonSchema:
    out: JsonSchema = {"type": "object", "properties": dict(properties), "required": required}
    if closed:
        out["additionalProperties"] = False
    return out


def _columns(schema: Schema) -> list[ColSpec]:
    return [s for s in schema.inputs if isinstance(s, ColSpec)]


def _tensors(schema: Schema) -> list[TensorSpec]:
    return [s for s in schema.inputs if isinstance(s, TensorSpec)]


# ----------------------------------------------------------------------------- tensors


def _tensor_schema(spec: TensorSpec, skip: int = 0) -> JsonSchema:
    """Nested arrays, one level per dimension of the shape after the first `skip`."""
    out = _element_schema(spec.type)
    for size in reversed(spec.shape[skip:]):
        out = _array(out)
        if size >= 0:
            out.update(minItems=size, maxItems=size)
    return out


def _element_schema(dtype: np.dtype[Any]) -> JsonSchema:
    kind = dtype.kind
    if kind == "b":
        return {"type": "boolean"}
    if kind in "iu":
        import numpy as np

        info = np.iinfo(dtype)
        return {"type": "integer", "minimum": int(info.min), "maximum": int(info.max)}
    if kind == "f":
        return {"type": "number", "format": "float" if dtype.itemsize == 4 else "double"}
    if kind == "U":
        return {"type": "string"}
    if kind == "S":
        return dict(_SCALARS[DataType.binary])
    if kind == "M":
        return dict(_SCALARS[DataType.datetime])
    return {}


# ----------------------------------------------------------------------------- params


def _params_schema(params: ParamSchema | None) -> JsonSchema:
    properties = {p.name: _param_schema(p) for p in params or ()}
    out: JsonSchema = {
        "type": "object",
        "description": "Inference params; unknown names are ignored with a warning.",
        "properties": properties,
    }
    if not properties:
        out["description"] = "This model declares no params; any given are ignored."
    return out


def _param_schema(spec: ParamSpec) -> JsonSchema:
    from hintsig.models._jsonvalue import to_json_value

    value = type_json_schema(spec.dtype)
    out = value if spec.shape is None else _array(value)
    if spec.default is not None:
        out["default"] = to_json_value(spec.default)
    return out
