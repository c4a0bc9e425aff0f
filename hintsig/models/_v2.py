"""The signature as Open Inference Protocol (KServe V2) tensors: one table, both ways.

`V2_NUMPY` maps each V2 datatype to the numpy dtype that holds it, and `NUMPY_V2` is its
reverse; `COLUMN_V2` maps each column `DataType` to its V2 datatype. Everything else (the
serving decoder and encoder, the KServe, MLServer and Triton exports) reads these tables and
`signature_tensors`, so a signature means the same tensors everywhere:

* a tensor spec keeps its name (`input-0`, `input-1`, ... when unnamed), its dtype's V2
  datatype and its shape, `-1` included;
* a column is one tensor of shape `[-1]`; objects, arrays, maps and `AnyType` columns are
  `BYTES` carrying JSON (`parameters: {"content_type": "application/json"}`) and datetime
  columns `BYTES` carrying ISO 8601 text (`"content_type": "datetime"`, MLServer's codec);
* outputs likewise, named `output-0`, ... when unnamed.

The protocol's metadata messages are pydantic models (`MetadataTensor`, `MetadataModel`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pydantic

from hintsig.exceptions import HintsigException
from hintsig.types.schema import ColSpec, DataType, Schema, TensorSpec

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "BYTES",
    "COLUMN_V2",
    "DATETIME_CONTENT",
    "JSON_CONTENT",
    "NUMPY_V2",
    "V2_NUMPY",
    "MetadataModel",
    "MetadataTensor",
    "TensorInfo",
    "signature_tensors",
    "tensor_datatype",
]

BYTES = "BYTES"
#: The content type of a `BYTES` tensor whose elements are JSON documents.
JSON_CONTENT = "application/json"
DATETIME_CONTENT = "datetime"

#: V2 datatype -> the numpy dtype that holds its elements (`BYTES`: Python objects).
V2_NUMPY: dict[str, str] = {
    "BOOL": "bool",
    "INT8": "int8",
    "INT16": "int16",
    "INT32": "int32",
    "INT64": "int64",
    "UINT8": "uint8",
    "UINT16": "uint16",
    "UINT32": "uint32",
    "UINT64": "uint64",
    "FP16": "float16",
    "FP32": "float32",
    "FP64": "float64",
    BYTES: "object",
}
#: numpy dtype name -> V2 datatype (text and bytes arrays are `BYTES` too).
NUMPY_V2: dict[str, str] = {v: k for k, v in V2_NUMPY.items()}

#: Column type -> V2 datatype; datetime is ISO 8601 text.
COLUMN_V2: dict[DataType, str] = {
    DataType.boolean: "BOOL",
    DataType.integer: "INT32",
    DataType.long: "INT64",
    DataType.float: "FP32",
    DataType.double: "FP64",
    DataType.string: BYTES,
    DataType.binary: BYTES,
    DataType.datetime: BYTES,
}


class MetadataTensor(pydantic.BaseModel):
    """One tensor of the model metadata: `{name, datatype, shape, parameters?}`."""

    model_config = pydantic.ConfigDict(extra="forbid")

    name: str
    datatype: str
    shape: list[int]
    parameters: dict[str, Any] | None = None


class MetadataModel(pydantic.BaseModel):
    """`GET /v2/models/{name}`: the model's name, versions, platform and tensors."""

    model_config = pydantic.ConfigDict(extra="forbid")

    name: str
    versions: list[str] = []
    platform: str
    inputs: list[MetadataTensor] = []
    outputs: list[MetadataTensor] = []


@dataclass(frozen=True)
class TensorInfo:
    """One tensor of a signature: its metadata and the spec it comes from."""

    metadata: MetadataTensor
    spec: ColSpec | TensorSpec
    #: The numpy dtype a decoded tensor has (`object` for `BYTES`).
    dtype: str
    #: None, `application/json` (elements are JSON documents) or `datetime` (ISO 8601).
    content_type: str | None
    required: bool

    @property
    def name(self) -> str:
        return self.metadata.name

    @property
    def datatype(self) -> str:
        return self.metadata.datatype

    @property
    def column(self) -> ColSpec | None:
        """The column spec, for a column-based signature."""
        return self.spec if isinstance(self.spec, ColSpec) else None


def signature_tensors(schema: Schema | None, kind: Literal["input", "output"]) -> list[TensorInfo]:
    """The V2 tensors of an input or output schema (none for a missing schema)."""
    if schema is None:
        return []
    return [_tensor(spec, f"{kind}-{i}") for i, spec in enumerate(schema.inputs)]


def _tensor(spec: ColSpec | TensorSpec, default_name: str) -> TensorInfo:
    name = default_name if spec.name is None else str(spec.name)
    if isinstance(spec, TensorSpec):
        datatype = tensor_datatype(spec.type, name)
        meta = MetadataTensor(name=name, datatype=datatype, shape=list(spec.shape))
        return TensorInfo(meta, spec, V2_NUMPY[datatype], None, True)
    content_type: str | None = None
    if isinstance(spec.type, DataType):
        datatype = COLUMN_V2[spec.type]
        if spec.type is DataType.datetime:
            content_type = DATETIME_CONTENT
    else:  # Array, Object, Map, AnyType
        datatype, content_type = BYTES, JSON_CONTENT
    parameters = None if content_type is None else {"content_type": content_type}
    meta = MetadataTensor(name=name, datatype=datatype, shape=[-1], parameters=parameters)
    return TensorInfo(meta, spec, V2_NUMPY[datatype], content_type, bool(spec.required))


def tensor_datatype(dtype: Any, name: str) -> str:
    """The V2 datatype of a numpy dtype; text, bytes and object arrays are `BYTES`."""
    import numpy as np

    dtype = np.dtype(dtype)
    datatype = _datatype_of(dtype)
    if datatype is None:
        raise HintsigException(
            f"Tensor {name!r}: the Open Inference Protocol has no datatype for {dtype.name} "
            f"values; use one of: {', '.join(sorted(set(V2_NUMPY.values()) - {'object'}))}"
        )
    return datatype


@functools.cache
def _datatype_of(dtype: np.dtype[Any]) -> str | None:
    """The V2 datatype of `dtype`, worked out once per dtype (answers are per request)."""
    if dtype.kind in "OUS":
        return BYTES
    return NUMPY_V2.get(dtype.name)
