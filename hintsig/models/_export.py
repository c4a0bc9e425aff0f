"""Serving-platform metadata from a signature: KServe V2 JSON, MLServer settings, Triton config.

`export_metadata(signature, format, name=...)` is a pure function of the signature, through the
one V2 tensor table (`hintsig.models._v2`), so the files say what `hintsig models serve`
answers at `GET /v2/models/{name}`:

* `kserve-v2`: the model-metadata JSON of the Open Inference Protocol;
* `mlserver`: a `model-settings.json`; `implementation` is a placeholder for the runtime class
  the user writes; each tensor's `parameters.content_type` names MLServer's codec (`np` for
  numbers and tensors, `str` for text and for JSON documents, which arrive as text,
  `datetime` for datetimes; raw bytes need none), and the model-level content type is `pd`
  for named columns (MLServer then decodes the request to a DataFrame);
* `triton`: a `config.pbtxt` (text protobuf) for the Python backend: `max_batch_size` when
  every tensor's first dimension is `-1` (the batch), the remaining dimensions as `dims`
  (`dims: [1]` with an empty `reshape` for one value per row); otherwise `max_batch_size: 0`
  and the full shapes. Triton has no type for JSON documents or datetimes, and needs outputs.

A signature a format cannot express is a `HintsigException` naming the tensor and the reason.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from hintsig.exceptions import HintsigException
from hintsig.models._v2 import (
    BYTES,
    DATETIME_CONTENT,
    JSON_CONTENT,
    V2_NUMPY,
    MetadataModel,
    TensorInfo,
    signature_tensors,
)
from hintsig.types.schema import ColSpec, DataType, ModelSignature

__all__ = ["EXPORT_FORMATS", "FILE_NAMES", "TRITON_TYPES", "export_metadata"]

ExportFormat = Literal["kserve-v2", "mlserver", "triton"]
#: Each format and the file name its platform looks for.
FILE_NAMES: dict[str, str] = {
    "kserve-v2": "model-metadata.json",
    "mlserver": "model-settings.json",
    "triton": "config.pbtxt",
}
EXPORT_FORMATS = tuple(FILE_NAMES)
#: V2 datatype -> Triton's `DataType` name (Triton calls BYTES `TYPE_STRING`).
TRITON_TYPES: dict[str, str] = {
    datatype: "TYPE_STRING" if datatype == BYTES else f"TYPE_{datatype}" for datatype in V2_NUMPY
}
#: The MLServer placeholder the user replaces with their runtime class.
MLSERVER_IMPLEMENTATION = "REPLACE_ME.with_your_runtime.ModelClass"


def export_metadata(
    signature: ModelSignature,
    format: str,
    *,
    name: str = "model",
    max_batch_size: int = 8,
) -> str:
    """The text of `format`'s metadata file for a model with `signature`, called `name`.

    `format` is `kserve-v2`, `mlserver` or `triton`; `max_batch_size` is Triton's, used when
    every tensor has a batch dimension.
    """
    if not isinstance(signature, ModelSignature):
        raise HintsigException(
            f"export_metadata() needs a ModelSignature, got {type(signature).__name__}"
        )
    if format not in FILE_NAMES:
        raise HintsigException(
            f"Unknown export format {str(format)[:40]!r}; use one of: {', '.join(FILE_NAMES)}"
        )
    if not name:
        raise HintsigException("export_metadata() needs a non-empty model name")
    inputs = signature_tensors(signature.inputs, "input")
    outputs = signature_tensors(signature.outputs, "output")
    if format == "kserve-v2":
        return _json(_kserve(name, inputs, outputs).model_dump(exclude_none=True))
    if format == "mlserver":
        return _json(_mlserver(name, signature, inputs, outputs))
    if max_batch_size < 1:
        raise HintsigException(f"max_batch_size must be at least 1, got {max_batch_size}")
    return _triton(name, inputs, outputs, max_batch_size)


def _json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _kserve(name: str, inputs: list[TensorInfo], outputs: list[TensorInfo]) -> MetadataModel:
    return MetadataModel(
        name=name,
        platform="hintsig",
        inputs=[t.metadata for t in inputs],
        outputs=[t.metadata for t in outputs],
    )


def _mlserver(
    name: str, signature: ModelSignature, inputs: list[TensorInfo], outputs: list[TensorInfo]
) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "name": name,
        "implementation": MLSERVER_IMPLEMENTATION,
        "inputs": [_mlserver_tensor(t) for t in inputs],
        "outputs": [_mlserver_tensor(t) for t in outputs],
    }
    schema = signature.inputs
    if schema is not None and schema.has_input_names() and not schema.is_tensor_spec():
        settings["parameters"] = {"content_type": "pd"}
    return settings


def _mlserver_tensor(tensor: TensorInfo) -> dict[str, Any]:
    meta = tensor.metadata.model_dump(exclude_none=True)
    content_type = _mlserver_codec(tensor)
    meta.pop("parameters", None)
    if content_type is not None:
        meta["parameters"] = {"content_type": content_type}
    return meta


def _mlserver_codec(tensor: TensorInfo) -> str | None:
    """MLServer's codec for a tensor: `np`, `str`, `datetime`, or none for raw bytes."""
    if tensor.content_type == DATETIME_CONTENT:
        return "datetime"
    if tensor.content_type == JSON_CONTENT:
        return "str"
    if tensor.datatype != BYTES:
        return "np"
    spec = tensor.spec
    if isinstance(spec, ColSpec):
        return None if spec.type is DataType.binary else "str"
    return "str" if spec.type.kind == "U" else None


def _triton(
    name: str, inputs: list[TensorInfo], outputs: list[TensorInfo], max_batch_size: int
) -> str:
    for tensor in (*inputs, *outputs):
        _check_triton(tensor)
    if not inputs or not outputs:
        part = "inputs" if not inputs else "outputs"
        raise HintsigException(
            f"The signature has no {part}: Triton's config.pbtxt needs the model's {part}"
        )
    batched = all(t.metadata.shape[:1] == [-1] for t in (*inputs, *outputs))
    lines = [f"name: {_quote(name)}", 'backend: "python"']
    lines.append(f"max_batch_size: {max_batch_size if batched else 0}")
    for key, tensors in (("input", inputs), ("output", outputs)):
        blocks = [_triton_tensor(t, batched, key == "input") for t in tensors]
        lines.append(f"{key} [\n" + ",\n".join(blocks) + "\n]")
    return "\n".join(lines) + "\n"


def _check_triton(tensor: TensorInfo) -> None:
    label = f"Column {tensor.name!r}" if tensor.column is not None else f"Tensor {tensor.name!r}"
    if tensor.content_type == JSON_CONTENT:
        raise HintsigException(
            f"{label} holds {tensor.spec.type} values: Triton has no type for JSON documents "
            "(give the model scalar columns or tensors, or use --format kserve-v2 or mlserver)"
        )
    if tensor.content_type == DATETIME_CONTENT:
        raise HintsigException(
            f"{label} holds datetimes: Triton has no datetime type (send them as strings, or "
            "use --format kserve-v2 or mlserver)"
        )


def _triton_tensor(tensor: TensorInfo, batched: bool, is_input: bool) -> str:
    shape = tensor.metadata.shape[1:] if batched else tensor.metadata.shape
    fields = [
        f"name: {_quote(tensor.name)}",
        f"data_type: {TRITON_TYPES[tensor.datatype]}",
        f"dims: [ {', '.join(map(str, shape or [1]))} ]",
    ]
    if not shape:  # one value per row: the model sees shape [batch]
        fields.append("reshape: { shape: [ ] }")
    if is_input and not tensor.required:
        fields.append("optional: true")
    return "  {\n" + "".join(f"    {field}\n" for field in fields) + "  }"


def _quote(text: str) -> str:
    """A text protobuf string literal (UTF-8, with quotes and backslashes escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
