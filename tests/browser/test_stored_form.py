"""A stored form in a real Chromium, on a form with a workflow of its own (tests/fixtures/specs/
godkendelse.yaml): created from Mine bakker, filled in, saved with »Skriv« (the action that saves), still
there after leaving and coming back; an action moves it to the next tray; a save another person made first
is refused and the typed value stays in the page. axe finds nothing on the pages on the way."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from engine.web.app import create_app
from engine.web.settings import Settings
from tests.browser.driver import SCREENSHOTS, browser_context
from tests.browser.pages import FormPage
from tests.web.accounts import TEST_PASSWORD, add_user, wire_sign_in
from tests.web.live import in_thread

pytestmark = pytest.mark.browser
APPROVAL = Path(__file__).resolve().parents[1] / "fixtures" / "specs" / "godkendelse.yaml"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(Settings(form_path=APPROVAL, data_dir=tmp_path_factory.mktemp("data")))
    add_user(app, "skriver", {"test": ["skribent"]})
    add_user(app, "chef-admin", {"test": []}, administrator=True)
    app.state.indberet.accounts.create_group("Anden afdeling", by=None, id="anden")  # where to move to
    with in_thread(app) as url:
        yield url


@pytest.fixture(scope="module")
def writer(browser: Browser, server: str) -> Iterator[BrowserContext]:
    """One login for the module: logins from one client are limited (5 at once, then one every 6 s)."""
    yield from browser_context(browser, server, "skriver", TEST_PASSWORD)


def _clean(page: Page) -> None:
    violations = FormPage(page, SCREENSHOTS).axe_violations()
    assert violations == [], f"{page.url}: {violations}"


def test_a_form_is_created_saved_kept_and_sent_on(writer: BrowserContext, server: str) -> None:
    page = writer.new_page()
    page.goto("/bakker")
    _clean(page)
    page.get_by_role("button", name="Opret skema – Sag").click()
    expect(page).to_have_url(re.compile(r"/skema/[\w-]+$"))
    form_url = page.url
    expect(page.locator("#form-state")).to_have_text("Udkast")
    page.locator("#f-titel").fill("Sagen om det hele")
    page.locator("#f-titel").press("Tab")
    page.get_by_role("button", name="Skriv").click()
    expect(page.locator("#notices")).to_contain_text("Skemaet er gemt.")
    _clean(page)

    page.goto("/bakker")
    expect(page.locator("#tray-counters")).to_contain_text("Udkast (1)")
    page.goto(form_url)
    expect(page.locator("#f-titel")).to_have_value("Sagen om det hele")

    # Another session saves first: this page's save is refused, and what was typed stays.
    other = wire_sign_in(server, "skriver", TEST_PASSWORD)
    form_id = form_url.rsplit("/", 1)[1]
    revision = int(page.locator("#skema").get_attribute("data-revision") or "0")
    answer = httpx.post(
        f"{server}/api/skemaer/{form_id}",
        json={"payload": {"titel": "Andet"}, "revision": revision},
        headers=other,
    )
    assert answer.status_code == 200
    page.locator("#f-titel").fill("Min egen titel")
    page.locator("#f-titel").press("Tab")
    page.get_by_role("button", name="Skriv").click()
    expect(page.locator("#notices")).to_contain_text("forældet")
    expect(page.locator("#f-titel")).to_have_value("Min egen titel")

    page.goto(form_url)
    expect(page.locator("#f-titel")).to_have_value("Andet")
    page.get_by_role("button", name="Indsend").click()
    expect(page.locator("#action-notice")).to_have_text(
        "»Indsend« er udført. Skemaet ligger nu i Til godkendelse."
    )
    expect(page.locator("#f-titel")).to_be_disabled()
    _clean(page)


def test_the_lists_are_accessible(writer: BrowserContext) -> None:
    page = writer.new_page()
    page.goto("/skemaer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skemaer")
    _clean(page)
    page.goto("/cpr-soegning")
    page.get_by_label("CPR-nr.").fill("120355-1009")
    page.get_by_role("button", name="Søg").click()
    expect(page.locator("#none-found, #found-forms")).to_be_visible()
    _clean(page)


def test_a_new_forms_gem_stores_it_and_opens_its_page(writer: BrowserContext) -> None:
    """»Nyt skema«, typed into and saved with »Gem«: the stored draft's page opens with the values, and the
    values kept in the browser for the new form are forgotten (nothing is offered back)."""
    page = writer.new_page()
    page.goto("/skema/ny")
    page.locator("#f-titel").fill("Skrevet før den blev gemt")
    page.locator("#f-titel").press("Tab")
    page.locator("#save-new").click()
    expect(page).to_have_url(re.compile(r"/skema/[\w-]+$"))
    expect(page.locator("#f-titel")).to_have_value("Skrevet før den blev gemt")
    expect(page.locator("#form-state")).to_have_text("Udkast")
    page.goto("/skema/ny")
    expect(page.locator("#draft-offer")).to_be_hidden()
    _clean(page)


def test_an_administrators_history_page_is_accessible(
    browser: Browser, server: str, writer: BrowserContext
) -> None:
    """Historik (who did what to the form) and the administrator's »Flyt«, with axe."""
    page = writer.new_page()
    page.goto("/bakker")
    page.get_by_role("button", name="Opret skema – Sag").click()
    form_id = page.url.rsplit("/", 1)[1]
    for admin in browser_context(browser, server, "chef-admin", TEST_PASSWORD):
        history = admin.new_page()
        history.goto(f"/skema/{form_id}")
        expect(history.locator("#move-form")).to_be_visible()
        _clean(history)
        history.locator("#history-link").click()
        expect(history.get_by_role("heading", level=1)).to_have_text("Historik for skemaet")
        expect(history.locator("#history")).to_contain_text("Oprettet")
        _clean(history)
