"""The page tests run on a form of their own (tests/fixtures/forms/side/), served with the demo registers.

The cancer form's page is shown by the scenarios of features/sider.feature (tests/acceptance/test_sider.py);
these tests never load it, so an analyst's edit of the cancer form cannot make them fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext

from engine.web.settings import Settings
from tests.browser.driver import browser_context, open_form_page, serving
from tests.browser.pages import FormPage
from tests.conftest import PAGE_FORM


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(form_path=PAGE_FORM, data_dir=tmp_path_factory.mktemp("data"), demo=True)
    with serving(settings) as url:
        yield url


@pytest.fixture(scope="session")
def context(browser: Browser, server_url: str) -> Iterator[BrowserContext]:
    yield from browser_context(browser, server_url)


@pytest.fixture
def form_page(context: BrowserContext) -> Iterator[FormPage]:
    yield from open_form_page(context)
