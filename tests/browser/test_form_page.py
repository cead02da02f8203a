"""The cancer form page in a real Chromium: live rules from the server, code search, look-ups, Valider."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import FormPage

pytestmark = pytest.mark.browser


def test_a_breast_cancer_opens_laterality_and_tnm(form_page: FormPage) -> None:
    f = form_page
    f.expect_closed("lateralitet")
    f.fill_date("dato_foerste_kontakt", "04-03-2024")
    f.type_code("diagnose", "DC509")
    expect(f.code_text("diagnose")).to_have_text("Brystkræft UNS")
    for field in ("lateralitet", "t_stadie", "n_stadie", "m_stadie"):
        f.expect_open(field)
        f.expect_required(field)
    for field in ("anatomisk_lokalisation", "ann_arbor", "udbredelse"):
        f.expect_closed(field)
    expect(f.page.locator("#f-lateralitet-TUL2")).to_be_enabled()
    f.choose_radio("lateralitet", "TUL2")
    expect(f.page.locator("#f-lateralitet-TUL2")).to_be_checked()
    f.screenshot("brystkraeft")


def test_a_lymphoma_opens_ann_arbor_and_localisation_and_closes_tnm(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("dato_foerste_kontakt", "02-09-2024")
    f.type_code("diagnose", "DC509")
    f.choose_radio("lateralitet", "TUL1")
    f.select("n_stadie", "AZCD30")
    f.type_code("diagnose", "DC833")
    for field in ("anatomisk_lokalisation", "ann_arbor"):
        f.expect_open(field)
        f.expect_required(field)
    for field in ("lateralitet", "t_stadie", "n_stadie", "m_stadie"):
        f.expect_closed(field)
        f.expect_required(field, False)
    expect(f.page.locator("#f-lateralitet-TUL1")).not_to_be_checked()
    expect(f.control("n_stadie")).to_have_value("")
    expect(f.notices()).to_contain_text("Lateralitet blev tømt, fordi feltet ikke længere er åbent.")
    expect(f.notices()).to_contain_text("N-stadie blev tømt, fordi feltet ikke længere er åbent.")
    f.choose_code("anatomisk_lokalisation", "knoglemarv", "T000113")
    f.choose_code("ann_arbor", "IIA", "AZCC2A")
    expect(f.code_text("ann_arbor")).to_have_text(re.compile("Ann Arbor stadium IIA"))
    f.screenshot("lymfom")


def test_an_in_situ_diagnosis_fills_in_t_which_cannot_be_changed(form_page: FormPage) -> None:
    f = form_page
    f.type_code("diagnose", "DD051")
    t = f.control("t_stadie")
    expect(f.wrapper("t_stadie")).to_have_attribute("data-state", "derived")
    expect(t).to_have_value("AZCD12")
    expect(t).to_be_disabled()
    expect(f.page.locator("#f-t_stadie-state")).to_have_text("Udfyldes automatisk og kan ikke ændres.")
    f.expect_open("n_stadie")
    f.expect_open("m_stadie")
    f.screenshot("in-situ")
    f.type_code("diagnose", "DC509")
    expect(f.wrapper("t_stadie")).to_have_attribute("data-state", "open")
    expect(t).to_have_value("")
    expect(t).to_be_enabled()
    expect(f.notices()).to_contain_text("T-stadie blev tømt, fordi værdien ikke længere udfyldes automatisk.")


def test_a_first_contact_before_2004_opens_udbredelse(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("dato_foerste_kontakt", "15-06-2003")
    f.expect_open("udbredelse")
    f.expect_required("udbredelse")
    f.fill_date("dato_foerste_kontakt", "1-1-2004")
    expect(f.control("dato_foerste_kontakt")).to_have_value("01-01-2004")
    f.expect_closed("udbredelse")
    f.expect_required("udbredelse", False)


def test_changing_the_date_asks_first_and_no_keeps_everything(form_page: FormPage) -> None:
    f = form_page
    f.fill_text("cpr", "120355-1009")
    f.fill_date("dato_foerste_kontakt", "04-03-2024")
    f.type_code("diagnose", "DC509")
    f.choose_radio("lateralitet", "TUL2")
    f.tick("makroskopisk_grundlag", "AZCK2")

    f.type_into("dato_foerste_kontakt", "05-03-2024")
    f.page.keyboard.press("Tab")
    dialog = f.page.get_by_role("dialog", name="Bekræft ændring")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(
        "Når dato for første kontakt ændres, slettes de øvrige oplysninger under datoen"
    )
    items = dialog.locator("#confirm-list li")
    expect(items).to_have_text(
        [
            "Diagnose (ICD-10): DC509 – Brystkræft UNS",
            "Lateralitet: venstresidig (TUL2)",
            "Makroskopisk grundlag: Billeddiagnostik (AZCK2)",
        ]
    )
    expect(dialog.get_by_role("button", name="Nej")).to_be_focused()
    f.screenshot("dato-bekraeft")
    dialog.get_by_role("button", name="Nej").click()
    expect(dialog).to_be_hidden()
    expect(f.control("dato_foerste_kontakt")).to_have_value("04-03-2024")
    expect(f.control("dato_foerste_kontakt")).to_be_focused()
    expect(f.control("diagnose")).to_have_value("DC509")
    expect(f.page.locator("#f-lateralitet-TUL2")).to_be_checked()
    expect(f.notices()).to_have_text("Dato for første kontakt er ikke ændret.")

    f.type_into("dato_foerste_kontakt", "05-03-2024")
    f.page.keyboard.press("Tab")
    dialog.get_by_role("button", name="Ja").click()
    f.idle()
    expect(f.control("dato_foerste_kontakt")).to_have_value("05-03-2024")
    expect(f.control("diagnose")).to_have_value("")
    expect(f.code_text("diagnose")).to_have_text("")
    f.expect_closed("lateralitet")
    expect(f.page.locator("#f-makroskopisk_grundlag-AZCK2")).not_to_be_checked()
    expect(f.control("cpr")).to_have_value("120355-1009")  # above the date: kept
    expect(f.notices()).to_contain_text(
        "Dato for første kontakt er ændret. Disse felter blev tømt: Diagnose (ICD-10), Lateralitet, "
        "Makroskopisk grundlag."
    )


def test_escape_in_the_confirmation_is_no(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("dato_foerste_kontakt", "04-03-2024")
    f.type_code("diagnose", "DC509")
    f.type_into("dato_foerste_kontakt", "06-03-2024")
    f.page.keyboard.press("Tab")
    expect(f.page.get_by_role("dialog", name="Bekræft ændring")).to_be_visible()
    f.page.keyboard.press("Escape")
    expect(f.control("dato_foerste_kontakt")).to_have_value("04-03-2024")
    expect(f.control("diagnose")).to_have_value("DC509")


def test_a_date_change_with_nothing_below_asks_nothing(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("dato_foerste_kontakt", "04-03-2024")
    f.fill_date("dato_foerste_kontakt", "05-03-2024")
    expect(f.page.get_by_role("dialog")).to_have_count(0)
    expect(f.control("dato_foerste_kontakt")).to_have_value("05-03-2024")


def test_the_calendar_button_writes_the_picked_date(form_page: FormPage) -> None:
    f = form_page
    button = f.page.get_by_role("button", name="Vælg Dato for første kontakt i kalenderen")
    button.click()
    f.page.locator("#f-dato_foerste_kontakt-picker").fill("2003-12-31")
    expect(f.control("dato_foerste_kontakt")).to_have_value("31-12-2003")
    f.expect_open("udbredelse")


def test_a_text_that_is_not_a_date_is_judged_by_the_server(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("dato_foerste_kontakt", "31-02-2024")
    expect(f.page.locator("#f-dato_foerste_kontakt-msg")).to_have_text(
        "Dato for første kontakt: »31-02-2024« er ikke en gyldig dato."
    )
    expect(f.control("dato_foerste_kontakt")).to_have_attribute("aria-invalid", "true")


def test_anden_morfologi_opens_morfologi(form_page: FormPage) -> None:
    f = form_page
    f.expect_closed("morfologi")
    f.choose_code("histologi", "anden", "ANDEN")
    expect(f.code_text("histologi")).to_have_text("Anden morfologi cancer")
    f.expect_open("morfologi")
    f.expect_required("morfologi")
    f.fill_text("morfologi", "M81403")
    expect(f.page.locator("#f-morfologi-msg")).to_be_empty()


def test_anden_behandling_opens_its_date_and_text(form_page: FormPage) -> None:
    f = form_page
    date = f.page.locator("#f-behandlinger-ANDEN-startdato")
    expect(date).to_be_disabled()
    f.expect_closed("anden_behandling_tekst")
    f.tick("behandlinger", "ANDEN")
    expect(date).to_be_enabled()
    f.expect_open("anden_behandling_tekst")
    f.expect_required("anden_behandling_tekst")
    f.fill_text("anden_behandling_tekst", "Hypertermi")
    f.page.locator("#f-behandlinger-ANDEN").uncheck()
    f.idle()
    f.expect_closed("anden_behandling_tekst")
    expect(f.control("anden_behandling_tekst")).to_have_value("")
    expect(f.notices()).to_contain_text("Beskrivelse af anden behandling blev tømt")


def test_an_operation_opens_its_date_and_then_its_code(form_page: FormPage) -> None:
    f = form_page
    f.expect_closed("operationsdato")
    f.tick("makroskopisk_grundlag", "AZCK0")
    f.expect_open("operationsdato")
    f.expect_closed("operationskode")
    f.fill_date("operationsdato", "20-03-2024")
    f.expect_open("operationskode")
    f.choose_code("operationskode", "mastektomi", "KHAC10")
    text = f.code_text("operationskode")
    expect(text).to_have_text("Subkutan mastektomi med bevarelse af papilla mammae")
    expect(text).to_have_attribute("title", "Subkutan mastektomi med bevarelse af papilla mammae")


def test_focus_and_typed_text_survive_an_answer(form_page: FormPage) -> None:
    f = form_page
    f.type_into("dato_foerste_kontakt", "04-03-2003")
    f.page.keyboard.press("Tab")  # to the calendar button
    f.page.keyboard.press("Tab")  # to the diagnosis
    f.page.keyboard.type("brystk", delay=30)
    f.idle()
    f.expect_open("udbredelse")
    expect(f.control("diagnose")).to_be_focused()
    expect(f.control("diagnose")).to_have_value("brystk")


def test_the_whole_form_by_keyboard(form_page: FormPage) -> None:
    f = form_page
    page = f.page
    keys = page.keyboard

    def tab_to(selector: str, limit: int = 40) -> None:
        target = page.locator(selector)
        for _ in range(limit):
            if target.evaluate("element => element === document.activeElement"):
                return
            keys.press("Tab")
        raise AssertionError(f"{selector} cannot be reached with Tab")

    page.locator("body").click(position={"x": 5, "y": 5})
    tab_to("#f-cpr")
    keys.type("120355-1009")
    tab_to("#f-sor_kode")
    keys.type("276231000016004")
    tab_to("#f-dato_foerste_kontakt")
    keys.type("04-03-2024")
    tab_to("#f-diagnose")
    keys.type("brystkræft u")
    expect(page.locator("#f-diagnose-listbox")).to_be_visible()
    keys.press("ArrowDown")
    keys.press("Enter")
    f.idle()
    tab_to("#f-lateralitet-TUL1")
    keys.press("ArrowDown")  # a radio group: arrows choose
    f.idle()
    expect(page.locator("#f-lateralitet-TUL2")).to_be_checked()
    for field, presses in (("t_stadie", 4), ("n_stadie", 1), ("m_stadie", 1)):
        tab_to(f"#f-{field}")
        for _ in range(presses):
            keys.press("ArrowDown")
        f.idle()
    expect(f.control("t_stadie")).to_have_value("AZCD13")
    tab_to("#f-makroskopisk_grundlag-AZCK2")
    keys.press("Space")
    tab_to("#f-mikroskopisk_grundlag-AZCL0")
    keys.press("Space")
    f.idle()
    tab_to("#f-behandlinger-BWHA")
    keys.press("Space")
    f.idle()
    tab_to("#f-behandlinger-BWHA-startdato")
    keys.type("15-04-2024")
    keys.press("Tab")
    f.idle()
    tab_to("#validate-button", limit=200)
    keys.press("Enter")
    f.idle()
    expect(page.locator("#validation-ok")).to_have_text("Valideret uden fejl")
