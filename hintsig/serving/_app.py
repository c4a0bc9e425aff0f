"""The Starlette app: a plain ASGI callable serving one loaded model.

`create_app(model_uri)` loads the model, builds what does not change (the OpenAPI document,
the page, `/metadata`) once, and returns the app; uvicorn (or any ASGI server) runs it.
`POST /invocations` checks the content type and the body size before anything is parsed
(413 as soon as the declared or streamed size passes `max_body_size`, without reading the
rest), then parses, predicts and encodes (`Scorer`). Every error is answered as JSON in the
shape of `hintsig.serving._errors`.

Where the scoring runs: on a bounded pool of worker threads (`hintsig.serving._pool`), so
the event loop stays free for `/ping`, `/health` and deadlines: a request that finds every
worker busy for its whole `timeout` is answered 503 with `Retry-After`, one whose prediction
passes the timeout 504, and the threads never outnumber the pool. `workers_threads=0`
scores on the event loop itself instead (no thread hand-off, the most requests per second
for a fast model; nothing else is answered meanwhile, and no timeout is possible).
A client that disconnects before its body is read is logged at debug level.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from hintsig._version import __version__
from hintsig.exceptions import HintsigException
from hintsig.pyfunc._loaded import PyFuncModel
from hintsig.serving._body import read_body as read_body
from hintsig.serving._docs import docs_routes
from hintsig.serving._encode import json_bytes
from hintsig.serving._errors import ERROR_CODES, ServingError, error_body
from hintsig.serving._openapi import openapi_document
from hintsig.serving._page import CONTENT_SECURITY_POLICY, render_page
from hintsig.serving._pool import WorkerPool, default_threads
from hintsig.serving._scoring import MAX_BODY_SIZE, Scorer, check_media_type
from hintsig.serving._served import ServedModel
from hintsig.serving._v2 import RunInPool, v2_routes

__all__ = ["create_app", "read_body"]

_JSON = "application/json"
_logger = logging.getLogger("hintsig.serving")


def create_app(
    model: str | os.PathLike[str] | PyFuncModel | ServedModel,
    *,
    timeout: float | None = None,
    max_body_size: int = MAX_BODY_SIZE,
    workers_threads: int | None = None,
    name: str | None = None,
) -> Starlette:
    """The scoring app for `model`: a model URI (loaded now) or a loaded model.

    `timeout` is the most seconds one request may take, waiting for a worker (503 after)
    and predicting (504 after); None, the default, is no limit. `max_body_size` is the
    largest request body in bytes; `workers_threads` the size of the worker pool (None:
    `HINTSIG_WORKERS_THREADS`, else from the CPU count; 0: score on the event loop).
    `name` is the model's name on the page, in OpenAPI and in `/v2/models/{name}`
    (default: `hintsig.models._naming.model_name`'s choice; a `ServedModel` has its own).
    """
    if timeout is not None and not timeout > 0:
        raise HintsigException(f"timeout must be a positive number of seconds, got {timeout!r}")
    threads = default_threads() if workers_threads is None else workers_threads
    if threads < 0 or (threads == 0 and timeout is not None):
        raise HintsigException(
            f"workers_threads must be at least 1 (0 only without a timeout), got {threads}"
        )
    if max_body_size < 0:
        raise HintsigException(f"max_body_size must be a number of bytes, got {max_body_size!r}")
    if isinstance(model, ServedModel):
        served = model
    elif isinstance(model, PyFuncModel):
        directory = model.metadata.model_dir
        served = ServedModel.of(model, str(directory) if directory else "memory", name=name)
    else:
        served = ServedModel.load(model, name)
    pool = WorkerPool(threads) if threads else None
    endpoints = _Endpoints(served, timeout, max_body_size, pool)
    routes = [
        Route("/invocations", endpoints.invocations, methods=["POST"]),
        Route("/ping", endpoints.ping, methods=["GET"]),
        Route("/health", endpoints.ping, methods=["GET"]),
        Route("/version", endpoints.version, methods=["GET"]),
        Route("/metadata", endpoints.metadata, methods=["GET"]),
        Route("/openapi.json", endpoints.openapi, methods=["GET"]),
        Route("/", endpoints.page, methods=["GET"]),
        # the Open Inference Protocol, its inferences on the same pool
        *v2_routes(served, endpoints.scorer, max_body_size, endpoints.run_in_pool),
        *docs_routes(served.title),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ServingError: _serving_error,
        HTTPException: _http_error,
        ClientDisconnect: _client_disconnected,
        Exception: _unexpected_error,
    }
    app = Starlette(
        routes=routes,
        exception_handlers=handlers,
        lifespan=_closing(pool),
    )
    app.state.served = served
    app.state.pool = pool
    return app


class _Endpoints:
    def __init__(
        self,
        served: ServedModel,
        timeout: float | None,
        max_body_size: int,
        pool: WorkerPool | None,
    ) -> None:
        self.served = served
        self.scorer = Scorer(served.model)
        self.timeout = timeout
        self.max_body_size = max_body_size
        self.pool = pool
        self._openapi = json_bytes(openapi_document(served))
        self._metadata = json_bytes(served.describe())
        self._page = render_page(served).encode("utf-8")

    @property
    def run_in_pool(self) -> RunInPool | None:
        """Run a call on the worker pool under the timeout, as `invocations` does."""
        pool, timeout = self.pool, self.timeout
        if pool is None:
            return None

        async def run(
            function: Callable[[bytes, str | None], tuple[bytes, dict[str, str]]],
            body: bytes,
            header_length: str | None,
        ) -> tuple[bytes, dict[str, str]]:
            return await pool.run(function, body, header_length, timeout=timeout)

        return run

    async def invocations(self, request: Request) -> Response:
        content_type = request.headers.get("content-type", "")
        check_media_type(content_type)
        body = await read_body(request, self.max_body_size)
        if self.pool is None:  # on the event loop: the fastest way for one process
            answer = self.scorer.score(body, content_type)
        else:
            answer = await self.pool.run(
                self.scorer.score, body, content_type, timeout=self.timeout
            )
        return Response(answer, media_type=_JSON)

    async def ping(self, request: Request) -> Response:
        return Response(b'{"status":"ok"}', media_type=_JSON)

    async def version(self, request: Request) -> Response:
        return Response(json_bytes({"version": __version__}), media_type=_JSON)

    async def metadata(self, request: Request) -> Response:
        return Response(self._metadata, media_type=_JSON)

    async def openapi(self, request: Request) -> Response:
        return Response(self._openapi, media_type=_JSON)

    async def page(self, request: Request) -> Response:
        headers = {
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options": "nosniff",
        }
        return Response(self._page, media_type="text/html; charset=utf-8", headers=headers)


def _closing(pool: WorkerPool | None) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if pool is not None:
            pool.close()

    return lifespan


def _json_error(
    status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None
) -> Response:
    return Response(json_bytes(body), status_code=status, media_type=_JSON, headers=headers)


async def _serving_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServingError)
    headers = {"Connection": "close"} if exc.status == 413 else {}
    return _json_error(exc.status, exc.body(), {**headers, **exc.headers})


async def _client_disconnected(request: Request, exc: Exception) -> Response:
    # Nobody reads this answer: a debug line, not a traceback.
    _logger.debug("The client disconnected before its request was read (%s)", request.url.path)
    return Response(status_code=400)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = ERROR_CODES.get(exc.status_code, "ERROR")
    return _json_error(exc.status_code, error_body(code, str(exc.detail)), exc.headers)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    # Starlette logs the traceback after this answer; the client only learns the type.
    message = f"The server failed with {type(exc).__name__} (see the server log)"
    return _json_error(500, error_body(ERROR_CODES[500], message))
