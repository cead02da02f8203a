"""A working day with the cancer form in a real Chromium (manual F01–F03, T02–T06, W01–W11), with the demo
users and registers: »sekretaer« creates a form from Mine bakker, fills it in, looks the CPR number up,
saves, leaves and comes back (nothing lost), puts it in Udbakke and cannot report it; »laege« reports it,
edits it (back in Kladde, the CPR number locked), reports it again (version 2), prints it (a PDF with the
diagnosis' text) and cancels it (»Ja«; Annulleret; read-only); the tray counters follow every step;
»kirurg«, of another group, cannot see the form anywhere. axe finds nothing on the pages on the way.

The form filled in is »en brystkræft« of features/skemaer.yaml, typed field by field as each widget takes
it, so an analyst's edit of the spec (which keeps that base form valid) does not break the walk. It sits in
tests/acceptance because it serves the shipped form (tests/browser never does)."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from engine.form import default_form_path, load_form
from engine.web.settings import Settings
from tests.acceptance.skemaer import base
from tests.browser.driver import SCREENSHOTS, browser_context, serving
from tests.browser.pages import FormPage

pytestmark = pytest.mark.browser
BREAST_CANCER = base("en brystkræft")  # features/skemaer.yaml, valid as it stands


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(form_path=default_form_path(), data_dir=tmp_path_factory.mktemp("data"), demo=True)
    with serving(settings) as url:
        yield url


@pytest.fixture
def sekretaer(browser: Browser, server: str) -> Iterator[BrowserContext]:
    yield from browser_context(browser, server, "sekretaer")


@pytest.fixture
def laege(browser: Browser, server: str) -> Iterator[BrowserContext]:
    yield from browser_context(browser, server, "laege")


@pytest.fixture
def kirurg(browser: Browser, server: str) -> Iterator[BrowserContext]:
    yield from browser_context(browser, server, "kirurg")


def _clean(page: Page) -> None:
    violations = FormPage(page, SCREENSHOTS).axe_violations()
    assert violations == [], f"{page.url}: {violations}"


def _counters(page: Page, expected: dict[str, int]) -> None:
    """Mine bakker's counters, after »Opdater bakketæller«."""
    page.goto("/bakker")
    page.get_by_role("link", name="Opdater bakketæller").click()
    for label, count in expected.items():
        expect(page.locator("#tray-counters")).to_contain_text(f"{label} ({count})")


def _press(page: Page, label: str) -> None:
    page.locator("#form-actions").get_by_role("button", name=label, exact=True).click()


def _danish(value: str) -> str:
    """An ISO date as the page takes it (DD-MM-ÅÅÅÅ)."""
    year, month, day = value.split("-")
    return f"{day}-{month}-{year}"


def _later(value: str, days: int) -> str:
    """An ISO date ``days`` later, as the page takes it."""
    return (datetime.date.fromisoformat(value) + datetime.timedelta(days=days)).strftime("%d-%m-%Y")


def _diagnosis_text() -> str:
    """The Danish text of the base form's diagnosis, from the form's own code list."""
    form = load_form()
    code = form.codelists[form.spec.field("diagnose").codelist or ""].get(BREAST_CANCER["diagnose"])
    assert code is not None
    return code.text


def _fill_group(form: FormPage, name: str, items: list[dict[str, str]]) -> None:
    """A group's items: each row ticked by its key code, then its dates typed."""
    key = form.wrapper(name).get_attribute("data-key") or ""
    for item in items:
        form.tick(name, item[key])
        for inner, value in item.items():
            if inner != key:
                form.fill_date(f"{name}-{item[key]}-{inner}", _danish(value))


def _fill(form: FormPage, payload: dict[str, Any]) -> None:
    """Type and choose ``payload`` into the page as a user would, field by field in the page's order, each
    as its widget takes it — so the walk follows the form's data (features/skemaer.yaml), whatever an
    analyst changes in the spec. The CPR number is left out: it is typed and looked up first."""
    fields = form.page.eval_on_selector_all(
        "#skema > section [data-field]:not([data-item-field])",
        "nodes => nodes.map(n => [n.dataset.field, n.dataset.widget])",
    )
    for name, widget in fields:
        value = payload.get(name)
        if value is None or widget == "cpr":
            continue
        expect(form.wrapper(name)).to_have_attribute("data-state", "open")
        if widget == "date":
            form.fill_date(name, _danish(value))
        elif widget == "search":
            form.type_code(name, value)
        elif widget == "select":
            form.select(name, value)
        elif widget == "radio":
            form.choose_radio(name, value)
        elif widget == "checkboxes":
            for code in value:
                form.tick(name, code)
        elif widget == "group":
            _fill_group(form, name, value)
        else:
            form.fill_text(name, value)


def test_a_cancer_form_from_draft_to_cancelled(
    sekretaer: BrowserContext, laege: BrowserContext, kirurg: BrowserContext
) -> None:
    # »sekretaer« creates the form, fills it in, looks the number up and saves.
    page = sekretaer.new_page()
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    _counters(page, {"Kladde": 0, "Udbakke": 0})
    _clean(page)
    page.locator("#create-form").click()
    expect(page).to_have_url(re.compile(r"/skema/[\w-]+$"))
    form_url = page.url
    form = FormPage(page, SCREENSHOTS)
    expect(page.locator("#form-state")).to_have_text("Kladde")
    expect(page.locator("#gruppe")).to_have_text("Onkologisk Afdeling")
    form.fill_text("cpr", BREAST_CANCER["cpr"].replace("-", ""))
    page.locator("[data-cpr-lookup]").click()
    form.idle()
    expect(page.locator("#f-cpr-lookup")).to_contain_text("Jens Erik Fiktivsen")
    expect(form.control("cpr")).to_have_value(BREAST_CANCER["cpr"])
    _fill(form, BREAST_CANCER)
    _press(page, "Gem")
    expect(form.notices()).to_contain_text("Skemaet er gemt.")
    _clean(page)

    # Leaving and coming back: nothing lost, the look-up kept on the form.
    _counters(page, {"Kladde": 1, "Udbakke": 0})
    page.goto(form_url)
    expect(form.control("cpr")).to_have_value(BREAST_CANCER["cpr"])
    expect(form.control("diagnose")).to_have_value(BREAST_CANCER["diagnose"])
    expect(form.control("dato_foerste_kontakt")).to_have_value(_danish(BREAST_CANCER["dato_foerste_kontakt"]))
    expect(page.locator("#info-cpr-navn")).to_have_text("Jens Erik Fiktivsen")
    expect(page.locator("#info-cpr-opslag")).to_contain_text("Sofie Sekretær")

    # Leaving without »Gem« saves the draft too (W02).
    form.fill_date("operationsdato", _later(BREAST_CANCER["operationsdato"], 2))
    page.goto("/bakker")
    page.goto(form_url)
    expect(form.control("operationsdato")).to_have_value(_later(BREAST_CANCER["operationsdato"], 2))

    # Udbakke; the secretary has no Indberet (no role Indberette).
    _press(page, "Læg i udbakke")
    expect(page.locator("#action-notice")).to_have_text(
        "»Læg i udbakke« er udført. Skemaet ligger nu i Udbakke."
    )
    expect(page.locator("#form-actions").get_by_role("button", name="Indberet")).to_have_count(0)
    _counters(page, {"Kladde": 0, "Udbakke": 1})

    # »laege« reports it from Udbakke: version 1.
    doctor = laege.new_page()
    doctor.on("pageerror", lambda error: failures.append(str(error)))
    doctor.goto("/bakker")
    doctor.locator("#group-switch").select_option(label="Onkologisk Afdeling")  # the doctor has two groups
    doctor.locator(".group-switch button").click()
    doctor.goto("/bakker?bakke=udbakke")
    doctor.locator(f'#tray-forms a[href="/skema/{form_url.rsplit("/", 1)[1]}"]').click()
    expect(doctor.locator("#form-state")).to_have_text("Udbakke")
    _clean(doctor)
    _press(doctor, "Indberet")
    expect(doctor.locator("#action-notice")).to_have_text(
        "»Indberet« er udført. Skemaet ligger nu i Indberettet."
    )
    expect(doctor.locator("#form-version")).to_have_text("1")
    _counters(page, {"Kladde": 0, "Udbakke": 0, "Indberettet": 1})

    # Rediger: back in Kladde, the CPR number locked; a change, and Indberet again: version 2.
    doctor.goto(form_url)
    _press(doctor, "Rediger")
    expect(doctor.locator("#form-state")).to_have_text("Kladde")
    expect(doctor.locator("#f-cpr")).to_have_attribute("readonly", "")
    expect(doctor.locator("#f-cpr-state")).to_contain_text("kan ikke ændres")
    expect(doctor.locator("[data-cpr-lookup]")).to_have_count(0)
    _counters(page, {"Kladde": 1, "Indberettet": 0})
    doctor_form = FormPage(doctor, SCREENSHOTS)
    doctor_form.fill_date("operationsdato", _later(BREAST_CANCER["operationsdato"], 1))
    _press(doctor, "Indberet")
    expect(doctor.locator("#action-notice")).to_have_text(
        "»Indberet« er udført. Skemaet ligger nu i Indberettet."
    )
    expect(doctor.locator("#form-version")).to_have_text("2")
    expect(doctor_form.control("operationsdato")).to_have_value(_later(BREAST_CANCER["operationsdato"], 1))
    _counters(page, {"Kladde": 0, "Indberettet": 1})

    # Print: a PDF of the form, with the diagnosis' text.
    with doctor.expect_download() as download:
        _press(doctor, "Print")
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    assert _diagnosis_text() in text and "Indberettet" in text

    # Annuller asks first; »Ja«: Annulleret, and the form is read-only.
    doctor.goto(form_url)
    _press(doctor, "Annuller")
    expect(doctor.locator("#action-confirm")).to_contain_text("Vil du annullere skemaet?")
    _clean(doctor)
    doctor.locator("#action-confirm").get_by_role("button", name="Ja").click()
    expect(doctor.locator("#form-state")).to_have_text("Annulleret")
    expect(doctor.locator("#f-diagnose")).to_be_disabled()
    expect(doctor.locator("#read-only-note")).to_have_text(
        "Skemaet ligger i bakken »Annulleret« og kan ikke ændres."
    )
    offered = doctor.locator("#form-actions .action-form button").all_inner_texts()
    assert offered == ["Valider", "Print"]
    _counters(page, {"Indberettet": 0, "Annulleret": 1})
    _clean(doctor)

    # »kirurg« of Kirurgisk Afdeling: the form is nowhere to be found.
    surgeon = kirurg.new_page()
    answer = surgeon.goto(form_url)
    assert answer is not None and answer.status == 404
    _counters(surgeon, {"Kladde": 0, "Annulleret": 0})
    surgeon.goto("/cpr-soegning")
    surgeon.get_by_label("CPR-nr.").fill(BREAST_CANCER["cpr"])
    surgeon.get_by_role("button", name="Søg").click()
    expect(surgeon.locator("#none-found")).to_be_visible()
    assert failures == [], f"the page's scripts failed: {failures}"
