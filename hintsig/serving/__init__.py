"""The REST scoring server (`hintsig.serving`): a Starlette app that serves a saved model.

`create_app(model_uri)` loads the model and returns a plain ASGI app; `serve(...)` runs it
with uvicorn (what `hintsig models serve` does). Endpoints: `POST /invocations`, `GET /ping`,
`/health`, `/version`, `/metadata`, `/openapi.json`, the schema page `/` and the Open
Inference Protocol (KServe V2) under `/v2` (`hintsig.serving._v2`).

Names load lazily: `import hintsig.serving` does not import Starlette or uvicorn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hintsig._lazy import lazy_getattr

if TYPE_CHECKING:
    from hintsig.serving._app import create_app as create_app
    from hintsig.serving._scoring import MAX_BODY_SIZE as MAX_BODY_SIZE
    from hintsig.serving._server import serve as serve

__all__ = ["MAX_BODY_SIZE", "create_app", "serve"]

__getattr__ = lazy_getattr(
    __name__,
    {
        "MAX_BODY_SIZE": "hintsig.serving._scoring",
        "create_app": "hintsig.serving._app",
        "serve": "hintsig.serving._server",
    },
)
