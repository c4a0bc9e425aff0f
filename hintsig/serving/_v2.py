"""The Open Inference Protocol (KServe V2) REST API: a decoder and an encoder around the Scorer.

`POST /v2/models/{name}/infer` is a second decoder in front of the one scorer that serves
`/invocations`: the request's tensors become the value a local caller passes to `predict`
(an array, a dict of named arrays, a DataFrame of columns, or the list a `list[...]` hint
takes), the request's `parameters` the params; `Scorer.predict` then enforces the signature
and calls the model; the encoder writes the output as V2 tensors. The tensors a model takes
come from its signature, through the one table in `hintsig.models._v2`.

Before the model runs, every input tensor is checked against that metadata: its name (a
missing or unknown tensor), its datatype, its shape (the fixed dimensions, `-1` is free) and
that the data hold as many elements as the shape says; all problems are answered at once,
400 with the protocol's body `{"error": "..."}`, naming tensors and never repeating data.
An unknown model name or version is 404, a failure of the model 500.

Data are decoded by numpy: JSON `data` (flat or nested) with `np.asarray`, binary tensor data
(the `Inference-Header-Content-Length` extension, little-endian) with `np.frombuffer`.
`BYTES` elements are length-prefixed strings (4 bytes, little-endian) one after the other,
read by walking the prefixes; elements of JSON content are parsed one by one.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import struct
import sys
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeAlias

import numpy as np
import pydantic
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hintsig._version import __version__
from hintsig.models._jsonvalue import to_json_value
from hintsig.models._payload import ServingInput
from hintsig.models._v2 import (
    BYTES,
    DATETIME_CONTENT,
    JSON_CONTENT,
    V2_NUMPY,
    MetadataModel,
    TensorInfo,
    signature_tensors,
    tensor_datatype,
)
from hintsig.serving._body import read_body
from hintsig.serving._errors import ServingError
from hintsig.serving._scoring import Scorer
from hintsig.serving._served import ServedModel

__all__ = [
    "HEADER_LENGTH",
    "InferenceRequest",
    "InferenceResponse",
    "V2Error",
    "V2Model",
    "v2_routes",
]

_JSON = "application/json"
_BINARY = "application/octet-stream"
#: The binary tensor extension's header: the length of the JSON part of the body.
HEADER_LENGTH = "Inference-Header-Content-Length"
#: Request parameters of the protocol itself, never passed to the model as params.
PROTOCOL_PARAMETERS = frozenset({"binary_data_output", "content_type", "headers"})
#: The longest client-given name an error message repeats.
_SHOWN = 60

_logger = logging.getLogger("hintsig.serving")


# ----------------------------------------------------------------------------- messages


class RequestInput(pydantic.BaseModel):
    """One input tensor of an inference request."""

    name: str
    shape: list[pydantic.NonNegativeInt]
    datatype: str
    parameters: dict[str, Any] | None = None
    data: Any = None


class RequestOutput(pydantic.BaseModel):
    """One output the client asks for (`parameters.binary_data` for binary data)."""

    name: str
    parameters: dict[str, Any] | None = None


class InferenceRequest(pydantic.BaseModel):
    """`POST /v2/models/{name}/infer`."""

    id: str | None = None
    parameters: dict[str, Any] | None = None
    inputs: list[RequestInput]
    outputs: list[RequestOutput] | None = None


class ResponseOutput(pydantic.BaseModel):
    name: str
    datatype: str
    shape: list[int]
    parameters: dict[str, Any] | None = None
    data: list[Any] | None = None


class InferenceResponse(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(protected_namespaces=())

    model_name: str
    model_version: str | None = None
    id: str | None = None
    outputs: list[ResponseOutput]


class V2Error(Exception):
    """A request answered with `status` and the protocol's `{"error": message}`."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    @classmethod
    def from_serving_error(cls, exc: ServingError) -> V2Error:
        """The scorer's error with its problems in one line (they never hold input values)."""
        details = [f"{path}: {text}" if path else text for path, text in exc.errors]
        extra = [d for d in details if d != exc.message]
        return cls(exc.status, "; ".join([exc.message, *extra]), exc.headers)

    def response(self) -> Response:
        body = json.dumps({"error": self.message}).encode("utf-8")
        return Response(body, self.status, self.headers, media_type=_JSON)


def _shown(name: str) -> str:
    return repr(name[:_SHOWN])


# ----------------------------------------------------------------------------- the model


class V2Model:
    """One served model as the protocol sees it: its metadata, its decoder and encoder."""

    def __init__(self, served: ServedModel, scorer: Scorer) -> None:
        self.served = served
        self.scorer = scorer
        signature = served.signature
        schema = signature.inputs if signature is not None else None
        self.inputs = signature_tensors(schema, "input")
        self.outputs = signature_tensors(signature.outputs if signature else None, "output")
        self._by_name = {t.name: t for t in self.inputs}
        self._tensor_based = schema is not None and schema.is_tensor_spec()
        self._named = schema is not None and schema.has_input_names()
        self._hinted = served.type_hinted
        self.metadata = MetadataModel(
            name=served.name,
            versions=[served.version],
            platform="hintsig",
            inputs=[t.metadata for t in self.inputs],
            outputs=[t.metadata for t in self.outputs],
        )

    # -- decoding

    def infer(self, body: bytes, header_length: str | None) -> tuple[bytes, dict[str, str]]:
        """The response body and headers for one request body; a `V2Error` on failure."""
        request, binary = parse_request(body, header_length)
        arrays = self.decode(request.inputs, binary)
        data = self.model_input(arrays)
        try:
            output = self.scorer.predict(ServingInput(data, self._params(request)))
        except ServingError as exc:
            raise V2Error.from_serving_error(exc) from None
        return self.encode(output, request)

    def decode(self, inputs: list[RequestInput], binary: memoryview | None) -> dict[str, Any]:
        """Each input tensor as a numpy array of its shape, checked against the signature."""
        problems: list[str] = []
        arrays: dict[str, Any] = {}
        given: set[str] = set()
        offset = 0
        for tensor in inputs:
            info = self._by_name.get(tensor.name)
            label = f"input tensor {_shown(tensor.name)}"
            try:
                size = _binary_size(tensor, label)
                if tensor.name in given:
                    raise _Problem(f"{label} is given more than once")
                given.add(tensor.name)
                if info is None and self.inputs:
                    raise _Problem(
                        f"{label} is not an input of this model; its inputs are "
                        + ", ".join(repr(t.name) for t in self.inputs)
                    )
                arrays[tensor.name] = _decode_tensor(tensor, info, binary, offset, size, label)
            except _Problem as exc:
                problems.append(str(exc))
            offset += size or 0
        missing = [t.name for t in self.inputs if t.required and t.name not in given]
        problems.extend(f"input tensor {name!r} is missing" for name in missing)
        if binary is not None and offset != len(binary) and not problems:
            problems.append(
                f"the binary data hold {len(binary)} bytes, the inputs' binary_data_size "
                f"add up to {offset}"
            )
        if problems:
            raise V2Error(400, "; ".join(problems))
        return arrays

    def model_input(self, arrays: dict[str, Any]) -> Any:
        """The value a local caller would pass to `predict` for these tensors."""
        if not self.inputs or self._tensor_based:
            if len(arrays) == 1 and not self._named:
                return next(iter(arrays.values()))
            return arrays
        if self._hinted or not self._named:  # a list[...] hint or an unnamed column: a list
            values = next(iter(arrays.values()))
            return values if isinstance(values, list) else values.tolist()
        lengths = {name: len(column) for name, column in arrays.items()}
        if len(set(lengths.values())) > 1:
            shown = ", ".join(f"{_shown(name)}: {n}" for name, n in lengths.items())
            raise V2Error(400, f"the column tensors hold different numbers of rows ({shown})")
        import pandas as pd

        return pd.DataFrame(arrays)

    def _params(self, request: InferenceRequest) -> dict[str, Any] | None:
        parameters = request.parameters or {}
        params = {k: v for k, v in parameters.items() if k not in PROTOCOL_PARAMETERS}
        return params or None

    # -- encoding

    def encode(self, output: Any, request: InferenceRequest) -> tuple[bytes, dict[str, str]]:
        """The V2 response for the model's `output`: JSON, or JSON and binary tensor data."""
        tensors = self._output_tensors(output)
        binary_default = bool((request.parameters or {}).get("binary_data_output", False))
        wanted: dict[str, bool] = {name: binary_default for name in tensors}
        if request.outputs:
            unknown = [o.name for o in request.outputs if o.name not in tensors]
            if unknown:
                raise V2Error(
                    400,
                    f"output tensor {_shown(unknown[0])} is not an output of this model; "
                    f"its outputs are {', '.join(repr(n) for n in tensors)}",
                )
            wanted = {
                o.name: bool((o.parameters or {}).get("binary_data", binary_default))
                for o in request.outputs
            }
        outputs: list[ResponseOutput] = []
        chunks: list[bytes] = []
        for name, binary in wanted.items():
            datatype, array = tensors[name]
            shape = list(array.shape)
            if binary:
                chunk = _to_binary(datatype, array)
                chunks.append(chunk)
                size = {"binary_data_size": len(chunk)}
                outputs.append(
                    ResponseOutput.model_construct(
                        name=name, datatype=datatype, shape=shape, parameters=size
                    )
                )
            else:
                data = _to_json_data(datatype, array)
                outputs.append(
                    ResponseOutput.model_construct(
                        name=name, datatype=datatype, shape=shape, data=data
                    )
                )
        response = InferenceResponse.model_construct(  # built from checked parts
            model_name=self.served.name,
            model_version=self.served.version,
            id=request.id,
            outputs=outputs,
        )
        header = response.model_dump_json(exclude_none=True).encode("utf-8")
        if not chunks:
            return header, {"content-type": _JSON}
        return b"".join([header, *chunks]), {
            "content-type": _BINARY,
            HEADER_LENGTH: str(len(header)),
        }

    def _output_tensors(self, output: Any) -> dict[str, tuple[str, np.ndarray]]:
        """The model's output as named arrays with their V2 datatypes; a 500 if it has none."""
        try:
            return {name: _output_array(name, value) for name, value in self._named_outputs(output)}
        except V2Error:
            raise
        except Exception as exc:  # the model's own output: the server's fault
            raise V2Error(
                500, f"The model's output cannot be written as V2 tensors: {exc}"
            ) from None

    def _named_outputs(self, output: Any) -> list[tuple[str, Any]]:
        pd = sys.modules.get("pandas")
        if pd is not None and isinstance(output, pd.DataFrame):
            return [(str(c), output[c].to_numpy()) for c in output.columns]
        if isinstance(output, Mapping):
            return [(str(k), v) for k, v in output.items()]
        if pd is not None and isinstance(output, pd.Series):
            output = output.to_numpy()
        name = self.outputs[0].name if len(self.outputs) == 1 else "output-0"
        return [(name, output)]


class _Problem(Exception):
    """One input tensor that does not fit; its message names the tensor."""


def parse_request(
    body: bytes, header_length: str | None
) -> tuple[InferenceRequest, memoryview | None]:
    """The request's JSON part as an `InferenceRequest`, and its binary part (or None)."""
    binary: memoryview | None = None
    header = body
    if header_length is not None:
        length = header_length.strip()
        if not length.isdigit() or int(length) > len(body):
            raise V2Error(
                400,
                f"{HEADER_LENGTH} must be the byte length of the JSON part of the body "
                f"(at most {len(body)})",
            )
        view = memoryview(body)
        header, binary = bytes(view[: int(length)]), view[int(length) :]
    try:
        request = InferenceRequest.model_validate_json(header)
    except pydantic.ValidationError as exc:
        problems = [
            f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in exc.errors()[:10]
        ]
        raise V2Error(400, "Invalid inference request: " + "; ".join(problems)) from None
    return request, binary


def _binary_size(tensor: RequestInput, label: str) -> int | None:
    size = (tensor.parameters or {}).get("binary_data_size")
    if size is None:
        return None
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise _Problem(f"{label}: binary_data_size must be a number of bytes")
    return size


def _decode_tensor(
    tensor: RequestInput,
    info: TensorInfo | None,
    binary: memoryview | None,
    offset: int,
    size: int | None,
    label: str,
) -> Any:
    datatype = tensor.datatype
    if info is not None and datatype != info.datatype:
        raise _Problem(f"{label}: expected datatype {info.datatype}, got {datatype[:20]!r}")
    if datatype not in V2_NUMPY:
        raise _Problem(f"{label}: unknown datatype {datatype[:20]!r}")
    shape = tuple(tensor.shape)
    if info is not None:
        _check_shape(shape, info, label)
    count = math.prod(shape)
    if size is not None:
        if tensor.data is not None:
            raise _Problem(f"{label} has both data and binary_data_size")
        if binary is None or offset + size > len(binary):
            raise _Problem(f"{label}: its binary_data_size passes the end of the body")
        chunk = binary[offset : offset + size]
        if datatype == BYTES:
            array = _bytes_from_binary(chunk, count, label)
        else:
            array = _numbers_from_binary(chunk, datatype, count, label)
    elif tensor.data is None:
        raise _Problem(f"{label} has no data")
    elif datatype == BYTES:
        array = _bytes_from_json(tensor.data, count, label)
    else:
        array = _numbers_from_json(tensor.data, datatype, count, label)
    if info is not None and info.column is not None:
        return _column(array, info, label)
    return array.reshape(shape)


def _check_shape(shape: tuple[int, ...], info: TensorInfo, label: str) -> None:
    if info.column is not None:  # one value per row: [n], or [n, 1] as Triton clients send
        if len(shape) == 1 or (len(shape) == 2 and shape[1] == 1):
            return
        raise _Problem(f"{label}: a column takes shape [n] or [n, 1], got {list(shape)}")
    expected = info.metadata.shape
    if len(shape) != len(expected) or any(
        e not in (-1, s) for e, s in zip(expected, shape, strict=True)
    ):
        raise _Problem(f"{label}: expected shape {expected}, got {list(shape)}")


def _count_problem(label: str, found: int, count: int, shape: object) -> _Problem:
    return _Problem(f"{label} holds {found} elements; its shape {shape} needs {count}")


def _numbers_from_json(data: Any, datatype: str, count: int, label: str) -> np.ndarray:
    from hintsig.models._column_casts import fits_number

    target = np.dtype(V2_NUMPY[datatype])
    try:
        array = np.asarray(data)
    except ValueError:
        raise _Problem(f"{label}: its data nest lists of different lengths") from None
    if array.size != count:
        raise _count_problem(label, array.size, count, "")
    if array.dtype == target or array.size == 0:
        return array.astype(target, copy=False).reshape(-1)
    if target.kind != "b" and fits_number(array, target):
        return array.astype(target).reshape(-1)
    source = array.dtype.kind
    if (source in "iu" and target.kind in "iu") or (source in "iuf" and target.kind == "f"):
        raise _Problem(f"{label}: its data are out of the range of {datatype}")
    kinds = {"b": "booleans", "f": "numbers with a fraction", "U": "strings"}
    found = kinds.get(source, "values that are not numbers")
    raise _Problem(f"{label}: expected {datatype} data, got {found}")


_LITTLE_HOST = sys.byteorder == "little"
#: V2 datatype -> the little-endian dtype of its binary tensor data.
_LITTLE_ENDIAN = {k: np.dtype(v).newbyteorder("<") for k, v in V2_NUMPY.items() if k != BYTES}


def _numbers_from_binary(chunk: memoryview, datatype: str, count: int, label: str) -> np.ndarray:
    dtype = _LITTLE_ENDIAN[datatype]
    if len(chunk) != count * dtype.itemsize:
        raise _Problem(
            f"{label}: its binary_data_size is {len(chunk)} bytes; {count} {datatype} "
            f"elements take {count * dtype.itemsize}"
        )
    array = np.frombuffer(chunk, dtype=dtype)
    return array if dtype.isnative else array.astype(dtype.newbyteorder("="))


def _bytes_from_json(data: Any, count: int, label: str) -> np.ndarray:
    try:
        array = np.asarray(data, dtype=object)
    except ValueError:
        raise _Problem(f"{label}: its data nest lists of different lengths") from None
    if array.size != count:
        raise _count_problem(label, array.size, count, "")
    return array.reshape(-1)


def _bytes_from_binary(chunk: memoryview, count: int, label: str) -> np.ndarray:
    elements: list[bytes] = []
    position, end = 0, len(chunk)
    while position < end:
        if position + 4 > end:
            raise _Problem(f"{label}: its binary data end inside a length prefix")
        (length,) = struct.unpack_from("<I", chunk, position)
        position += 4
        if position + length > end:
            raise _Problem(f"{label}: an element's length passes the end of its binary data")
        elements.append(bytes(chunk[position : position + length]))
        position += length
    if len(elements) != count:
        raise _count_problem(label, len(elements), count, "")
    array = np.empty(count, dtype=object)
    array[:] = elements
    return array


def _column(array: np.ndarray, info: TensorInfo, label: str) -> Any:
    """A decoded tensor as the column a local caller passes for `info`'s column spec."""
    from hintsig.types.schema import DataType

    array = array.reshape(-1)
    spec = info.column
    assert spec is not None
    if info.datatype != BYTES:
        return array
    if info.content_type == JSON_CONTENT:
        try:
            return [json.loads(_text(v)) for v in array]
        except (ValueError, TypeError):
            raise _Problem(f"{label}: its elements must be JSON documents") from None
    if info.content_type == DATETIME_CONTENT:
        try:
            return np.array([_text(v) for v in array], dtype="datetime64[ns]")
        except (ValueError, TypeError):
            raise _Problem(f"{label}: its elements must be ISO 8601 dates and times") from None
    wants_bytes = spec.type is DataType.binary
    try:
        values = [_bytes(v) if wants_bytes else _text(v) for v in array]
    except (UnicodeDecodeError, TypeError):
        raise _Problem(f"{label}: its elements must be UTF-8 text") from None
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, str):
        return value
    raise TypeError(type(value).__name__)


def _bytes(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    raise TypeError(type(value).__name__)


# ----------------------------------------------------------------------------- outputs


def _output_array(name: str, value: Any) -> tuple[str, np.ndarray]:
    """One output as `(datatype, array)`: numbers as they are, anything else `BYTES`."""
    array = value if isinstance(value, np.ndarray) else _as_array(value)
    if array.dtype.kind == "M":
        return BYTES, np.datetime_as_string(array).astype(object)
    datatype = tensor_datatype(array.dtype, name)
    if datatype == BYTES and array.dtype.kind == "O":
        array = np.frompyfunc(_element, 1, 1)(array).astype(object)
    return datatype, array


def _as_array(value: Any) -> np.ndarray:
    """Python values as an array: numbers and text as numpy reads them, anything else JSON."""
    try:
        array = np.asarray(value)
        if array.dtype.kind in "biufUSM":
            return array
    except ValueError:  # ragged lists
        pass
    items = value if isinstance(value, (list, tuple)) else [value]
    out = np.empty(len(items), dtype=object)
    out[:] = [_json_text(v) for v in items]
    return out


def _element(value: Any) -> Any:
    """One element of a `BYTES` output: text and bytes as they are, anything else JSON."""
    return value if isinstance(value, (str, bytes)) else _json_text(value)


def _json_text(value: Any) -> str:
    from hintsig.serving._encode import json_bytes

    return json_bytes(to_json_value(value)).decode("utf-8")


def _to_json_data(datatype: str, array: np.ndarray) -> list[Any]:
    flat = array.reshape(-1)
    if datatype != BYTES:
        data: list[Any] = flat.tolist()
        return data
    return [v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in flat]


def _to_binary(datatype: str, array: np.ndarray) -> bytes:
    if datatype != BYTES:
        little = array.dtype.byteorder == "<" or (array.dtype.isnative and _LITTLE_HOST)
        return (array if little else array.astype(array.dtype.newbyteorder("<"))).tobytes()
    parts: list[bytes] = []
    for value in array.reshape(-1):
        raw = value if isinstance(value, bytes) else str(value).encode("utf-8")
        parts.append(struct.pack("<I", len(raw)))
        parts.append(raw)
    return b"".join(parts)


# ----------------------------------------------------------------------------- endpoints


def _answers_v2_errors(handler: Callable[[Any, Request], Awaitable[Response]]) -> Any:
    """Answer every failure with the protocol's `{"error": ...}` body."""

    @functools.wraps(handler)
    async def wrapper(self: Any, request: Request) -> Response:
        try:
            return await handler(self, request)
        except V2Error as exc:
            return exc.response()
        except ServingError as exc:  # 413 from reading the body
            return V2Error.from_serving_error(exc).response()
        except Exception as exc:
            _logger.exception("The V2 endpoint %s failed", request.url.path)
            return V2Error(500, f"The server failed with {type(exc).__name__}").response()

    return wrapper


class _V2Endpoints:
    def __init__(
        self, served: ServedModel, scorer: Scorer, max_body_size: int, run: RunInPool | None
    ) -> None:
        self.model = V2Model(served, scorer)
        self.max_body_size = max_body_size
        self._run = run
        self._read_body = read_body
        self._server = json.dumps(
            {
                "name": "hintsig",
                "version": __version__,
                "extensions": ["binary_tensor_data"],
            }
        ).encode("utf-8")
        self._metadata = self.model.metadata.model_dump_json(exclude_none=True).encode("utf-8")

    def _check_model(self, request: Request) -> None:
        name = request.path_params["name"]
        version = request.path_params.get("version")
        served = self.model.served
        if name != served.name:
            raise V2Error(
                404, f"Model {_shown(name)} is not served here; this server serves {served.name!r}"
            )
        if version is not None and version != served.version:
            raise V2Error(
                404,
                f"Model {served.name!r} has no version {_shown(version)} here; it serves "
                f"version {served.version!r}",
            )

    @_answers_v2_errors
    async def server_metadata(self, request: Request) -> Response:
        return Response(self._server, media_type=_JSON)

    @_answers_v2_errors
    async def live(self, request: Request) -> Response:
        return Response(b'{"live":true}', media_type=_JSON)

    @_answers_v2_errors
    async def ready(self, request: Request) -> Response:
        return Response(b'{"ready":true}', media_type=_JSON)

    @_answers_v2_errors
    async def model_ready(self, request: Request) -> Response:
        self._check_model(request)
        return Response(
            json.dumps({"name": self.model.served.name, "ready": True}).encode(), media_type=_JSON
        )

    @_answers_v2_errors
    async def model_metadata(self, request: Request) -> Response:
        self._check_model(request)
        return Response(self._metadata, media_type=_JSON)

    @_answers_v2_errors
    async def infer(self, request: Request) -> Response:
        self._check_model(request)
        body = await self._read_body(request, self.max_body_size)
        header_length = request.headers.get(HEADER_LENGTH)
        if self._run is None:  # on the event loop
            answer, headers = self.model.infer(body, header_length)
        else:  # on the worker pool, under the server's timeout (503/504 as /invocations)
            answer, headers = await self._run(self.model.infer, body, header_length)
        return Response(answer, headers=headers)


#: Runs `infer(body, header_length)` on the server's worker pool, under its timeout.
RunInPool: TypeAlias = Callable[
    [Callable[[bytes, "str | None"], tuple[bytes, dict[str, str]]], bytes, "str | None"],
    Awaitable[tuple[bytes, dict[str, str]]],
]


def v2_routes(
    served: ServedModel, scorer: Scorer, max_body_size: int, run: RunInPool | None = None
) -> list[Route]:
    """The routes of the Open Inference Protocol's REST API for `served`; `run` runs each
    inference on the server's worker pool (None: on the event loop)."""
    v2 = _V2Endpoints(served, scorer, max_body_size, run)
    model = "/v2/models/{name}"
    versioned = "/v2/models/{name}/versions/{version}"
    return [
        Route("/v2", v2.server_metadata, methods=["GET"]),
        Route("/v2/health/live", v2.live, methods=["GET"]),
        Route("/v2/health/ready", v2.ready, methods=["GET"]),
        Route(model, v2.model_metadata, methods=["GET"]),
        Route(versioned, v2.model_metadata, methods=["GET"]),
        Route(f"{model}/ready", v2.model_ready, methods=["GET"]),
        Route(f"{versioned}/ready", v2.model_ready, methods=["GET"]),
        Route(f"{model}/infer", v2.infer, methods=["POST"]),
        Route(f"{versioned}/infer", v2.infer, methods=["POST"]),
    ]
