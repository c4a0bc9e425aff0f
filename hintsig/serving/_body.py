"""Reading a request body within the server's size limit (shared by /invocations and /v2)."""

from __future__ import annotations

from starlette.requests import Request

from hintsig.serving._errors import ServingError

__all__ = ["read_body"]


async def read_body(request: Request, limit: int) -> bytes:
    """The request body; a 413 `ServingError` as soon as it is known to pass `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> ServingError:
    return ServingError(413, f"The request body is larger than the server's limit of {limit} bytes")
