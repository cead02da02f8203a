"""A working day with the cancer form in a real Chromium (manual F01–F03, T02–T06, W01–W11), with the demo
users and registers: »sekretaer« creates a form from Mine bakker, fills it in, looks the CPR number up,
saves, leaves and comes back (nothing lost), puts it in Udbakke and cannot report it; »laege« reports it,
edits it (back in Kladde, the CPR number locked), reports it again (version 2), prints it (a PDF with the
diagnosis' text) and cancels it (»Ja«; Annulleret; read-only); the tray counters follow every step;
»kirurg«, of another group, cannot see the form anywhere. axe finds nothing on the pages on the way.

It sits in tests/acceptance because it serves the shipped form (tests/browser never does)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

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


def _fill_breast_cancer(form: FormPage) -> None:
    """The breast cancer of features/skemaer.yaml (»en brystkræft«), typed and chosen as a user would."""
    form.fill_text("sor_kode", "276231000016004")
    form.fill_date("dato_foerste_kontakt", "04-03-2024")
    form.type_code("diagnose", "DC509")
    form.choose_radio("lateralitet", "TUL2")
    form.select("t_stadie", "AZCD13")
    form.select("n_stadie", "AZCD30")
    form.select("m_stadie", "AZCD40")
    form.tick("makroskopisk_grundlag", "AZCK0")
    form.tick("mikroskopisk_grundlag", "AZCL0")
    form.type_code("histologi", "M81403")
    form.fill_date("operationsdato", "20-03-2024")
    form.type_code("operationskode", "KHAC20")
    form.tick("behandlinger", "BWHA")
    form.fill_date("behandlinger-BWHA-startdato", "15-04-2024")


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
    form.fill_text("cpr", "1203551009")
    page.locator("[data-cpr-lookup]").click()
    form.idle()
    expect(page.locator("#f-cpr-lookup")).to_contain_text("Jens Erik Fiktivsen")
    expect(form.control("cpr")).to_have_value("120355-1009")
    _fill_breast_cancer(form)
    _press(page, "Gem")
    expect(form.notices()).to_contain_text("Skemaet er gemt.")
    _clean(page)

    # Leaving and coming back: nothing lost, the look-up kept on the form.
    _counters(page, {"Kladde": 1, "Udbakke": 0})
    page.goto(form_url)
    expect(form.control("cpr")).to_have_value("120355-1009")
    expect(form.control("diagnose")).to_have_value("DC509")
    expect(page.locator("#f-behandlinger-BWHA-startdato")).to_have_value("15-04-2024")
    expect(page.locator("#info-cpr-navn")).to_have_text("Jens Erik Fiktivsen")
    expect(page.locator("#info-cpr-opslag")).to_contain_text("Sofie Sekretær")

    # Leaving without »Gem« saves the draft too (W02).
    form.fill_date("operationsdato", "22-03-2024")
    page.goto("/bakker")
    page.goto(form_url)
    expect(form.control("operationsdato")).to_have_value("22-03-2024")

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
    doctor_form.fill_date("operationsdato", "21-03-2024")
    _press(doctor, "Indberet")
    expect(doctor.locator("#action-notice")).to_have_text(
        "»Indberet« er udført. Skemaet ligger nu i Indberettet."
    )
    expect(doctor.locator("#form-version")).to_have_text("2")
    expect(doctor_form.control("operationsdato")).to_have_value("21-03-2024")
    _counters(page, {"Kladde": 0, "Indberettet": 1})

    # Print: a PDF of the form, with the diagnosis' text.
    with doctor.expect_download() as download:
        _press(doctor, "Print")
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    assert "Brystkræft UNS" in text and "Indberettet" in text

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
    surgeon.get_by_label("CPR-nr.").fill("120355-1009")
    surgeon.get_by_role("button", name="Søg").click()
    expect(surgeon.locator("#none-found")).to_be_visible()
    assert failures == [], f"the page's scripts failed: {failures}"
