"""Swagger UI at `/docs` and ReDoc at `/redoc`, from files shipped with hintsig (no CDN).

Both pages read the server's own `/openapi.json`, whose `/invocations` request body carries
the model's serving example, so Swagger UI's "Try it out" starts from a request the model
takes. The scripts and styles come from `_assets/` (vendored, with their licences; see
`_assets/README.md`) under `/docs-assets/`; the pages name everything by relative URL, so a
server behind a path prefix works too.
"""

from __future__ import annotations

import html
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

__all__ = ["ASSETS", "DOCS_CONTENT_SECURITY_POLICY", "docs_routes"]

#: The vendored Swagger UI and ReDoc files.
ASSETS = Path(__file__).with_name("_assets")
#: Scripts and styles from this server only; ReDoc starts its search worker from a blob.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; child-src blob:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)

_SWAGGER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - Swagger UI</title>
<link rel="stylesheet" href="docs-assets/swagger-ui/swagger-ui.css">
</head><body>
<div id="swagger-ui" data-openapi="openapi.json"></div>
<script src="docs-assets/swagger-ui/swagger-ui-bundle.js"></script>
<script src="docs-assets/hintsig/docs.js"></script>
</body></html>
"""
_REDOC = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - ReDoc</title>
</head><body>
<redoc spec-url="openapi.json"></redoc>
<script src="docs-assets/redoc/redoc.standalone.js"></script>
</body></html>
"""


def docs_routes(title: str) -> list[BaseRoute]:
    """The routes of `/docs`, `/redoc` and their assets, for a model called `title`."""
    pages = {
        "swagger": _html(_SWAGGER.format(title=html.escape(title))),
        "redoc": _html(_REDOC.format(title=html.escape(title))),
    }

    async def swagger(request: Request) -> Response:
        return _page(pages["swagger"])

    async def redoc(request: Request) -> Response:
        return _page(pages["redoc"])

    return [
        Route("/docs", swagger, methods=["GET"]),
        Route("/redoc", redoc, methods=["GET"]),
        Mount("/docs-assets", StaticFiles(directory=ASSETS), name="docs-assets"),
    ]


def _html(text: str) -> bytes:
    return text.encode("utf-8")


def _page(body: bytes) -> Response:
    headers = {
        "Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
    }
    return Response(body, media_type="text/html; charset=utf-8", headers=headers)
