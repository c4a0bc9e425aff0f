"""The schema page in a real browser: headless Debian Chromium driven by Playwright.

`make test` installs Chromium (`apt-get install chromium`) when `/usr/bin/chromium` is
missing; Playwright never downloads a browser of its own. Set `HINTSIG_PAGE_SCREENSHOT` to a
path to save a screenshot of the page after the example was sent (`docs/serving-page.png`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from hintsig.client import HintsigClient
from hintsig.serving import create_app

from .helpers import running

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(
    browser: Browser,
    saved_models: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Page]:
    """The page of the chat model, registered as `support-bot` with the alias `champion`."""
    monkeypatch.setenv("HINTSIG_TRACKING_DIR", str(tmp_path / "runs"))
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    version = HintsigClient().register_model(saved_models["chat"], "support-bot")
    HintsigClient().set_registered_model_alias("support-bot", "champion", version.version)
    with running(create_app("models:/support-bot@champion")) as url:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(f"{url}/")
        try:
            yield page
        finally:
            page.close()


def send(page: Page, status: int) -> str:
    """Click Send and wait for the answer with `status`; the text shown."""
    page.click("#send")
    answer = page.locator(f'#response[data-status="{status}"]')
    answer.wait_for(timeout=15_000)
    return answer.inner_text()


def test_send_the_example_then_an_invalid_input(page: Page) -> None:
    assert page.locator("h1").inner_text() == "support-bot v1"
    assert page.locator("#registered-version").inner_text() == "1"
    assert page.locator("#inputs-table td").first.inner_text() == "(unnamed)"

    shown = send(page, 200)
    assert shown.startswith("200 OK")
    assert '"user: Hello"' in shown
    assert page.locator("#response").get_attribute("class") == "ok"
    screenshot = os.environ.get("HINTSIG_PAGE_SCREENSHOT")
    if screenshot:
        page.screenshot(path=screenshot, full_page=True)

    page.fill("#payload", '{"inputs": [{"role": "user"}]}')
    shown = send(page, 400)
    assert shown.startswith("400 Bad Request")
    assert "[0].content: Field required" in shown
    assert page.locator("#response").get_attribute("class") == "error"


def test_malformed_json_in_the_box_shows_the_parse_error(page: Page) -> None:
    page.fill("#payload", '{"inputs": [')
    shown = send(page, 400)
    assert "not valid JSON" in shown
