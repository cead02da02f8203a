"""Accounts in a real Chromium, on the shipped form (manual A01, A04, T01): an anonymous visit lands on the
login page; the secretary logs in and asks for the role Indberette; the administrator approves it; the secretary reads the
answer under »Ulæste beskeder« and has the role at once; logging out ends access. axe finds nothing on any
of the pages on the way. The roles are the shipped form's (its ``workflow.roles``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from engine.form import default_form_path
from engine.web.settings import Settings
from tests.browser.driver import SCREENSHOTS, browser_context, serving
from tests.browser.pages import FormPage

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(form_path=default_form_path(), data_dir=tmp_path_factory.mktemp("data"), demo=True)
    with serving(settings) as url:
        yield url


@pytest.fixture
def anonymous(browser: Browser, server: str) -> Iterator[BrowserContext]:
    yield from browser_context(browser, server, username=None)


@pytest.fixture
def other(browser: Browser, server: str) -> Iterator[BrowserContext]:
    yield from browser_context(browser, server, username=None)


def _clean(page: Page) -> None:
    violations = FormPage(page, SCREENSHOTS).axe_violations()
    assert violations == [], f"{page.url}: {violations}"


def _log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("demo")
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/bakker$"))  # Mine bakker: where a working day starts


def test_asking_for_a_role_that_an_administrator_approves(
    anonymous: BrowserContext, other: BrowserContext
) -> None:
    secretary = anonymous.new_page()
    secretary.goto("/skema/ny")
    expect(secretary).to_have_url(re.compile(r"/login$"))
    expect(secretary.get_by_role("heading", level=1)).to_have_text("Log ind")
    expect(secretary.locator("#demo-users")).to_contain_text("»sekretaer«")
    _clean(secretary)

    secretary.get_by_label("Brugernavn").fill("sekretaer")
    secretary.get_by_label("Adgangskode").fill("forkert")
    secretary.get_by_role("button", name="Log ind").click()
    expect(secretary.locator("#login-error")).to_have_text("Brugernavnet eller adgangskoden er forkert.")
    _clean(secretary)

    _log_in(secretary, "sekretaer")
    expect(secretary.locator(".who")).to_contain_text("Sofie Sekretær")
    expect(secretary.locator(".unread")).to_have_text("Ulæste beskeder (0)")
    secretary.get_by_role("link", name="Anmod om brugerroller").click()
    expect(secretary.locator("#my-roles")).to_contain_text("Læse, Indtaste")
    secretary.get_by_label("Gruppe", exact=True).select_option(label="Onkologisk Afdeling")
    secretary.get_by_label("Rolle", exact=True).select_option(label="Indberette")
    secretary.get_by_role("button", name="Send anmodning").click()
    expect(secretary.locator("#notice")).to_have_text(
        "Din anmodning om rollen »Indberette« i Onkologisk Afdeling er sendt."
    )
    expect(secretary.locator("#my-requests")).to_contain_text("afventer")
    _clean(secretary)

    admin = other.new_page()
    _log_in(admin, "admin")
    admin.get_by_role("link", name="Administration").click()
    row = admin.locator("#pending-requests tr", has_text="sekretaer")
    expect(row).to_contain_text("Indberette")
    _clean(admin)
    row.get_by_role("button", name=re.compile("^Godkend")).click()
    expect(admin.locator("#notice")).to_have_text("Anmodningen er godkendt.")
    expect(admin.locator("#pending-requests")).to_have_count(0)
    _clean(admin)

    secretary.reload()
    expect(secretary.locator(".unread")).to_have_text("Ulæste beskeder (1)")
    expect(secretary.locator("#my-roles")).to_contain_text("Læse, Indtaste, Indberette")
    secretary.get_by_role("link", name="Ulæste beskeder (1)").click()
    expect(secretary.locator("#messages")).to_contain_text(
        "Din anmodning om rollen »Indberette« i Onkologisk Afdeling er godkendt."
    )
    _clean(secretary)
    secretary.get_by_role("button", name="Markér alle som læst").click()
    expect(secretary.locator(".unread")).to_have_text("Ulæste beskeder (0)")

    secretary.get_by_role("button", name="Log ud").click()
    expect(secretary).to_have_url(re.compile(r"/login$"))
    secretary.goto("/skema/ny")
    expect(secretary).to_have_url(re.compile(r"/login$"))
    answer = secretary.request.post(
        "/api/v1/validate", data="{}", headers={"Content-Type": "application/json"}
    )
    assert answer.status == 401


def test_a_reader_sees_the_form_read_only_and_the_page_stays_accessible(anonymous: BrowserContext) -> None:
    reader = anonymous.new_page()
    _log_in(reader, "laeser")
    reader.goto("/skema/ny")
    expect(reader.locator("#read-only-note")).to_be_visible()
    expect(reader.locator("#f-cpr")).to_be_disabled()
    _clean(reader)
