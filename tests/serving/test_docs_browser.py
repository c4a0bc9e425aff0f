"""Swagger UI (`/docs`) and ReDoc (`/redoc`) in a real browser, from the server's own files.

Headless Debian Chromium driven by Playwright, as for the schema page. Every request the
page makes is recorded: each goes to the test server (no CDN), and "Try it out" on
`/invocations` sends the serving example and shows the model's 200 answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from hintsig.serving import create_app

from .helpers import running
from .test_page_browser import CHROMIUM, browser  # noqa: F401  (the browser fixture)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)"
)


@pytest.fixture
def server(saved_models: dict[str, Path]) -> Iterator[str]:
    with running(create_app(saved_models["chat"])) as url:
        yield url


def _open(browser: Browser, url: str, requested: list[str]) -> Page:  # noqa: F811
    """The page at `url`, loaded; `requested` collects the URL of every request the page
    made, except those its Content-Security-Policy blocked before they left."""
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    page.on("requestfinished", lambda request: requested.append(request.url))
    page.on(
        "requestfailed",
        lambda request: None if request.failure == "csp" else requested.append(request.url),
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert errors == []
    return page


def test_swagger_ui_tries_the_example_and_shows_200(
    browser: Browser,  # noqa: F811
    server: str,
) -> None:
    requested: list[str] = []
    page = _open(browser, f"{server}/docs", requested)
    try:
        page.locator(".info .title").wait_for(timeout=15_000)
        assert "chat" in page.locator(".info .title").inner_text()
        operation = page.locator("#operations-default-invocations")
        operation.locator(".opblock-summary").click()
        operation.locator("button.try-out__btn").click()
        body = operation.locator("textarea.body-param__text")
        assert '"content": "Hello"' in body.input_value()
        with page.expect_response(lambda r: r.url.endswith("/invocations")) as answer:
            operation.locator("button.execute").click()
        assert answer.value.status == 200
        assert answer.value.json() == {"predictions": ["user: Hello"]}
        live = operation.locator(".live-responses-table tr.response .response-col_status").first
        live.wait_for(timeout=15_000)
        assert live.inner_text().strip() == "200"
    finally:
        page.close()
    assert requested and all(url.startswith(server) for url in requested)
    assert f"{server}/docs-assets/swagger-ui/swagger-ui-bundle.js" in requested


def test_redoc_renders_the_invocations_operation(
    browser: Browser,  # noqa: F811
    server: str,
) -> None:
    requested: list[str] = []
    page = _open(browser, f"{server}/redoc", requested)
    try:
        page.get_by_text("Score the model").first.wait_for(timeout=15_000)
        assert "chat" in page.locator("h1").first.inner_text()
        page.get_by_text("Expand all").first.click()  # the request sample: the serving example
        samples = page.locator("body").inner_text()
        assert '"role": "user"' in samples and '"content": "Hello"' in samples
    finally:
        page.close()
    # ReDoc's bundle names its logo on a CDN: the page's CSP blocks it (no request leaves).
    assert requested and all(url.startswith((server, f"blob:{server}")) for url in requested)
    assert f"{server}/docs-assets/redoc/redoc.standalone.js" in requested
