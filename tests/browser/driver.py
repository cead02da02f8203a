"""The real app under uvicorn in a background thread, and Debian's Chromium driven by Playwright.

A pytest plugin (``pytest_plugins`` in tests/conftest.py) for the page tests of tests/browser/, which serve
small forms of their own, and for the page scenarios of features/sider.feature (tests/acceptance/), which
serve the cancer form. One browser per session; each test gets a new tab on the new-form page.
Screenshots of the main states go to test-artifacts/screenshots/ (gitignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright

from engine.accounts import DEMO_PASSWORD
from engine.web.app import create_app
from engine.web.settings import Settings
from tests.browser.pages import FormPage
from tests.web.live import in_thread

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The app for ``settings`` under uvicorn in a thread, at the URL given, until the block ends."""
    with in_thread(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed: apt-get install chromium")
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


def browser_context(
    browser: Browser, url: str, username: str | None = "laege", password: str = DEMO_PASSWORD
) -> Iterator[BrowserContext]:
    """A Danish browser context on the server at ``url``, signed in as the demo user ``username`` (None:
    nobody), closed when the generator is; its cache keeps page loads quick, and each test opens a tab of
    its own in it."""
    shared = browser.new_context(base_url=url, locale="da-DK", viewport={"width": 1280, "height": 900})
    shared.set_default_timeout(5000)
    if username is not None:
        sign_in(shared, username, password)
    yield shared
    shared.close()


def sign_in(context: BrowserContext, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login form's POST; the session cookie is the context's from then on."""
    answer = context.request.post(
        "/login", form={"username": username, "password": password}, max_redirects=0
    )
    assert answer.status == 303, (answer.status, answer.text()[:300])


# Each tab starts with the browser's storage empty (a first visit: guidance open, no kept values), and
# keeps what the page stores across its own reloads (sessionStorage lives as long as the tab).
FRESH_STORAGE = """
if (!sessionStorage.getItem("indberet-test-tab")) {
  localStorage.clear();
  sessionStorage.setItem("indberet-test-tab", "1");
}
"""


def open_form_page(context: BrowserContext, path: str = "/skema/ny") -> Iterator[FormPage]:
    """The form page at ``path`` in a new tab; afterwards, the page's scripts must not have failed.

    The one place the tests open a page (the context is signed in: ``browser_context``)."""
    page = context.new_page()
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.add_init_script(FRESH_STORAGE)
    page.goto(path)
    yield FormPage(page, SCREENSHOTS)
    page.close()
    assert failures == [], f"the page's scripts failed: {failures}"
