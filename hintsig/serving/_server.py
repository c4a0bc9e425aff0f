"""Running the app: `serve(...)` starts uvicorn on one model, with one or several workers.

With one worker the model is loaded here and the app object handed to uvicorn. With several,
uvicorn starts each worker from `app_from_environment`, which reads its options from the
`HINTSIG_SERVING_OPTIONS` environment variable; the model is loaded here first anyway, so
a bad URI fails at once, and a registered alias is pinned to one version for every worker.

Once the app is built, a serving process moves every object alive then (modules, the model)
out of the garbage collector's reach (`gc.freeze()`): they live as long as the process, and
the collections that requests trigger no longer scan them (about a quarter of the time of a
1,000-element request).
"""

from __future__ import annotations

import gc
import json
import os
import socket
from typing import Any

from starlette.applications import Starlette

from hintsig.exceptions import HintsigException
from hintsig.serving._app import create_app
from hintsig.serving._scoring import MAX_BODY_SIZE
from hintsig.serving._served import ServedModel
from hintsig.serving._startup import log_startup

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "OPTIONS_VARIABLE", "app_from_environment", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000
#: The environment variable that passes the options to each worker process.
OPTIONS_VARIABLE = "HINTSIG_SERVING_OPTIONS"


def serve(
    model_uri: str | os.PathLike[str],
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    workers: int = 1,
    timeout: float | None = None,
    max_body_size: int = MAX_BODY_SIZE,
    access_log: bool = True,
    workers_threads: int | None = None,
    name: str | None = None,
) -> None:
    """Serve the model at `model_uri` until the process is stopped (Ctrl-C, SIGTERM);
    `name` is the name it is served under (page, OpenAPI, `/v2/models/{name}`)."""
    import uvicorn

    if workers < 1:
        raise HintsigException(f"workers must be at least 1, got {workers}")
    served = ServedModel.load(model_uri, name)
    _check_address(host, port)
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "access_log": access_log,
        "log_level": "info",
    }
    if workers == 1:
        app = create_app(
            served, timeout=timeout, max_body_size=max_body_size, workers_threads=workers_threads
        )
        gc.freeze()
        log_startup(served, host, port)
        uvicorn.run(app, **options)
        return
    pinned = served.registered.model_uri if served.registered is not None else served.model_uri
    os.environ[OPTIONS_VARIABLE] = json.dumps(
        {
            "model_uri": pinned,
            "timeout": timeout,
            "max_body_size": max_body_size,
            "workers_threads": workers_threads,
            "name": served.name,
        }
    )
    log_startup(served, host, port)
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, workers=workers, **options)


def _check_address(host: str, port: int) -> None:
    """A clear error now, rather than uvicorn's log lines later, if `host:port` is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.create_server((host, port), family=family):
            pass
    except OSError as exc:
        raise HintsigException(
            f"Cannot listen on {host}:{port}: {exc.strerror or type(exc).__name__}"
        ) from None


def app_from_environment() -> Starlette:
    """The app of one worker process, built from `HINTSIG_SERVING_OPTIONS`."""
    text = os.environ.get(OPTIONS_VARIABLE)
    if not text:
        raise HintsigException(f"{OPTIONS_VARIABLE} is not set: start workers with serve()")
    options = json.loads(text)
    app = create_app(
        options["model_uri"],
        timeout=options["timeout"],
        max_body_size=options["max_body_size"],
        workers_threads=options.get("workers_threads"),
        name=options.get("name"),
    )
    gc.freeze()
    return app
