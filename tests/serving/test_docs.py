"""`/docs` and `/redoc` without a browser: local files only, a strict CSP, the example in the
OpenAPI document the pages read. (tests/serving/test_docs_browser.py drives them in Chromium.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from hintsig.serving import create_app

from .helpers import running


@pytest.fixture
def server(saved_models: dict[str, Path]) -> Iterator[str]:
    with running(create_app(saved_models["chat"])) as url:
        yield url


def test_the_pages_name_only_local_files(server: str) -> None:
    for path in ("/docs", "/redoc"):
        answer = httpx.get(f"{server}{path}")
        assert answer.status_code == 200
        assert "http" not in answer.text  # every script, style and the spec by relative URL
        assert "script-src 'self'" in answer.headers["content-security-policy"]
    for asset in (
        "swagger-ui/swagger-ui-bundle.js",
        "swagger-ui/swagger-ui.css",
        "hintsig/docs.js",
        "redoc/redoc.standalone.js",
    ):
        assert httpx.get(f"{server}/docs-assets/{asset}").status_code == 200
    assert httpx.get(f"{server}/docs-assets/../_app.py").status_code == 404


def test_the_openapi_request_example_is_the_serving_example(server: str) -> None:
    document = httpx.get(f"{server}/openapi.json").json()
    body = document["paths"]["/invocations"]["post"]["requestBody"]["content"]
    example = body["application/json"]["examples"]["serving_example"]["value"]
    assert example == {"inputs": [{"role": "user", "content": "Hello"}]}
