"""The one line a server logs at start: which model, from where, its signature, the URL.

`log_startup(served, host, port)` writes it to stderr as uvicorn writes its own lines
(`INFO:     ...`), once per server, before uvicorn starts; uvicorn's access log then adds
one line per request (method, path, status), never a request body.
"""

from __future__ import annotations

import logging
import sys

from hintsig.serving._served import ServedModel
from hintsig.types.schema import ColSpec, DataType, ModelSignature, Schema, TensorSpec

__all__ = ["log_startup", "signature_summary", "startup_line"]

_LOGGER = logging.getLogger("hintsig.serving")
#: Columns named in the summary before "... and N more".
_SHOWN = 4


def startup_line(served: ServedModel, host: str, port: int) -> str:
    """`Serving model NAME (URI): SIGNATURE at URL (Swagger UI: URL/docs)`."""
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{port}"
    return (
        f"Serving model {served.title!r} ({served.model_uri}): "
        f"{signature_summary(served.signature)} at {url} (Swagger UI: {url}/docs)"
    )


def log_startup(served: ServedModel, host: str, port: int) -> None:
    """Log the start-up line on stderr, formatted like uvicorn's own lines."""
    if not _LOGGER.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        _LOGGER.addHandler(handler)
        _LOGGER.setLevel(logging.INFO)
        _LOGGER.propagate = False
    _LOGGER.info(startup_line(served, host, port))


def signature_summary(signature: ModelSignature | None) -> str:
    """`inputs [role: string, content: string] -> outputs [string], params [top_k]`."""
    if signature is None:
        return "no signature (inputs are not checked)"
    text = f"inputs {_schema(signature.inputs)} -> outputs {_schema(signature.outputs)}"
    if signature.params is not None:
        text += ", params [" + ", ".join(param.name for param in signature.params) + "]"
    return text


def _schema(schema: Schema | None) -> str:
    if schema is None:
        return "(none)"
    specs = list(schema.inputs)
    labels = [_spec(spec) for spec in specs[:_SHOWN]]
    if len(specs) > _SHOWN:
        labels.append(f"... and {len(specs) - _SHOWN} more")
    return "[" + ", ".join(labels) + "]"


def _spec(spec: ColSpec | TensorSpec) -> str:
    if isinstance(spec, TensorSpec):
        kind = f"tensor {spec.type.name} {tuple(spec.shape)}"
    else:
        kind = _type(spec)
    return kind if spec.name is None else f"{spec.name}: {kind}"


def _type(spec: ColSpec) -> str:
    dtype = spec.type
    return dtype.name if isinstance(dtype, DataType) else type(dtype).__name__.lower()
