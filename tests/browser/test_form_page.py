"""The form page in a real Chromium (tests/fixtures/forms/side/): live rules from the server, widgets, the
confirmation of a change that clears fields, dates, and the whole form by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import FormPage

pytestmark = pytest.mark.browser


def test_a_code_in_a_set_opens_the_fields_it_governs(form_page: FormPage) -> None:
    f = form_page
    f.expect_closed("side")
    f.fill_date("start", "04-03-2024")
    f.type_code("farve", "ROD")
    expect(f.code_text("farve")).to_have_text("Rød")
    for field in ("side", "styrke", "grad"):
        f.expect_open(field)
        f.expect_required(field)
    for field in ("nuance", "gammel"):
        f.expect_closed(field)
    expect(f.page.locator("#f-side-V")).to_be_enabled()
    f.choose_radio("side", "V")
    expect(f.page.locator("#f-side-V")).to_be_checked()
    f.screenshot("varm-farve")


def test_another_code_closes_those_fields_empties_them_and_says_so(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "02-09-2024")
    f.type_code("farve", "ROD")
    f.choose_radio("side", "H")
    f.select("grad", "G2")
    f.type_code("farve", "BLA1")
    f.expect_open("nuance")
    f.expect_required("nuance")
    for field in ("side", "styrke", "grad"):
        f.expect_closed(field)
        f.expect_required(field, False)
    expect(f.page.locator("#f-side-H")).not_to_be_checked()
    expect(f.control("grad")).to_have_value("")
    expect(f.notices()).to_contain_text("Side blev tømt, fordi feltet ikke længere er åbent.")
    expect(f.notices()).to_contain_text("Grad blev tømt, fordi feltet ikke længere er åbent.")
    f.choose_code("nuance", "blå", "N2")
    expect(f.code_text("nuance")).to_have_text(re.compile("Marineblå"))
    f.screenshot("kold-farve")


def test_a_derived_value_is_filled_in_and_cannot_be_changed(form_page: FormPage) -> None:
    f = form_page
    f.type_code("farve", "GRO1")
    styrke = f.control("styrke")
    expect(f.wrapper("styrke")).to_have_attribute("data-state", "derived")
    expect(styrke).to_have_value("S2")
    expect(styrke).to_be_disabled()
    expect(f.page.locator("#f-styrke-state")).to_have_text("Udfyldes automatisk og kan ikke ændres.")
    f.expect_open("grad")
    f.screenshot("afledt")
    f.type_code("farve", "ROD")
    expect(f.wrapper("styrke")).to_have_attribute("data-state", "open")
    expect(styrke).to_have_value("")
    expect(styrke).to_be_enabled()
    expect(f.notices()).to_contain_text("Styrke blev tømt, fordi værdien ikke længere udfyldes automatisk.")


def test_a_date_before_the_constant_opens_a_field_and_the_day_itself_closes_it(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "15-06-2003")
    f.expect_open("gammel")
    f.expect_required("gammel")
    f.fill_date("start", "1-1-2004")
    expect(f.control("start")).to_have_value("01-01-2004")
    f.expect_closed("gammel")
    f.expect_required("gammel", False)


def test_changing_the_date_asks_first_and_no_keeps_everything(form_page: FormPage) -> None:
    f = form_page
    f.fill_text("cpr", "120355-1009")
    f.fill_date("start", "04-03-2024")
    f.type_code("farve", "ROD")
    f.choose_radio("side", "V")
    f.tick("grundlag", "BI")

    f.type_into("start", "05-03-2024")
    f.page.keyboard.press("Tab")
    dialog = f.page.get_by_role("dialog", name="Bekræft ændring")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Når startdatoen ændres, slettes felterne under den. Vil du ændre datoen?")
    items = dialog.locator("#confirm-list li")
    expect(items).to_have_text(["Farve: ROD – Rød", "Side: venstre (V)", "Grundlag: Billede (BI)"])
    expect(dialog.get_by_role("button", name="Nej")).to_be_focused()
    f.screenshot("dato-bekraeft")
    dialog.get_by_role("button", name="Nej").click()
    expect(dialog).to_be_hidden()
    expect(f.control("start")).to_have_value("04-03-2024")
    expect(f.control("start")).to_be_focused()
    expect(f.control("farve")).to_have_value("ROD")
    expect(f.page.locator("#f-side-V")).to_be_checked()
    expect(f.notices()).to_have_text("Startdato er ikke ændret.")

    f.type_into("start", "05-03-2024")
    f.page.keyboard.press("Tab")
    dialog.get_by_role("button", name="Ja").click()
    f.idle()
    expect(f.control("start")).to_have_value("05-03-2024")
    expect(f.control("farve")).to_have_value("")
    expect(f.code_text("farve")).to_have_text("")
    f.expect_closed("side")
    expect(f.page.locator("#f-grundlag-BI")).not_to_be_checked()
    expect(f.control("cpr")).to_have_value("120355-1009")  # above the date: kept
    expect(f.notices()).to_contain_text("Startdato er ændret. Disse felter blev tømt: Farve, Side, Grundlag.")


def test_escape_in_the_confirmation_is_no(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "04-03-2024")
    f.type_code("farve", "ROD")
    f.type_into("start", "06-03-2024")
    f.page.keyboard.press("Tab")
    expect(f.page.get_by_role("dialog", name="Bekræft ændring")).to_be_visible()
    f.page.keyboard.press("Escape")
    expect(f.control("start")).to_have_value("04-03-2024")
    expect(f.control("farve")).to_have_value("ROD")


def test_a_date_change_with_nothing_below_asks_nothing(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "04-03-2024")
    f.fill_date("start", "05-03-2024")
    expect(f.page.get_by_role("dialog")).to_have_count(0)
    expect(f.control("start")).to_have_value("05-03-2024")


def test_a_text_that_is_not_a_date_is_judged_by_the_server(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "31-02-2024")
    expect(f.page.locator("#f-start-msg")).to_have_text("Startdato: »31-02-2024« er ikke en dato.")
    expect(f.control("start")).to_have_attribute("aria-invalid", "true")


def test_a_chosen_code_opens_a_text_field(form_page: FormPage) -> None:
    f = form_page
    f.expect_closed("anden_morfologi")
    f.choose_code("morfologi", "anden", "ANDEN")
    expect(f.code_text("morfologi")).to_have_text("Anden morfologi")
    f.expect_open("anden_morfologi")
    f.expect_required("anden_morfologi")
    f.fill_text("anden_morfologi", "M81403")
    expect(f.page.locator("#f-anden_morfologi-msg")).to_be_empty()


def test_a_ticked_treatment_opens_its_date_and_a_text(form_page: FormPage) -> None:
    f = form_page
    date = f.page.locator("#f-behandlinger-ANDEN-startdato")
    expect(date).to_be_disabled()
    f.expect_closed("beskrivelse")
    f.tick("behandlinger", "ANDEN")
    expect(date).to_be_enabled()
    f.expect_open("beskrivelse")
    f.expect_required("beskrivelse")
    f.fill_text("beskrivelse", "Hypertermi")
    f.page.locator("#f-behandlinger-ANDEN").uncheck()
    f.idle()
    f.expect_closed("beskrivelse")
    expect(f.control("beskrivelse")).to_have_value("")
    expect(f.notices()).to_contain_text("Beskrivelse blev tømt")


def test_a_ticked_basis_opens_a_date_which_opens_a_code(form_page: FormPage) -> None:
    f = form_page
    f.expect_closed("opdato")
    f.tick("grundlag", "OP")
    f.expect_open("opdato")
    f.expect_closed("opkode")
    f.fill_date("opdato", "20-03-2024")
    f.expect_open("opkode")
    f.choose_code("opkode", "mastektomi", "KHAC10")
    text = f.code_text("opkode")
    expect(text).to_have_text("Subkutan mastektomi")
    expect(text).to_have_attribute("title", "Subkutan mastektomi")


def test_focus_and_typed_text_survive_an_answer(form_page: FormPage) -> None:
    f = form_page
    f.type_into("start", "04-03-2003")
    f.page.keyboard.press("Tab")  # to the calendar button
    f.page.keyboard.press("Tab")  # to the colour
    f.page.keyboard.type("grø", delay=30)
    f.idle()
    f.expect_open("gammel")
    expect(f.control("farve")).to_be_focused()
    expect(f.control("farve")).to_have_value("grø")


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
    tab_to("#f-enhed")
    keys.type("276231000016004")
    tab_to("#f-start")
    keys.type("04-03-2024")
    tab_to("#f-farve")
    keys.type("rød, l")
    expect(page.locator("#f-farve-listbox")).to_be_visible()
    keys.press("ArrowDown")
    keys.press("Enter")
    f.idle()
    expect(f.control("farve")).to_have_value("ROD1")
    tab_to("#f-side-H")
    keys.press("ArrowDown")  # a radio group: arrows choose
    f.idle()
    expect(page.locator("#f-side-V")).to_be_checked()
    for field, presses in (("styrke", 2), ("grad", 1)):
        tab_to(f"#f-{field}")
        for _ in range(presses):
            keys.press("ArrowDown")
        f.idle()
    expect(f.control("styrke")).to_have_value("S2")
    tab_to("#f-grundlag-BI")
    keys.press("Space")
    tab_to("#f-undersoegelse-MI")
    keys.press("Space")
    f.idle()
    tab_to("#f-behandlinger-KEMO")
    keys.press("Space")
    f.idle()
    tab_to("#f-behandlinger-KEMO-startdato")
    keys.type("15-04-2024")
    keys.press("Tab")
    f.idle()
    tab_to("#validate-button", limit=200)
    keys.press("Enter")
    f.idle()
    expect(page.locator("#validation-ok")).to_have_text("Valideret uden fejl")


def test_a_value_replaced_by_a_derived_one_leaves_no_stale_message(form_page: FormPage) -> None:
    """Issue 12, finding 1: the messages beside a field are always those of the latest judgement — also
    when the page itself replaced what the user had chosen by a derived value."""
    f = form_page
    f.type_code("farve", "ROD")
    f.select("styrke", "S3")
    f.type_code("farve", "GRO1")  # now Styrke is derived: S2
    expect(f.control("styrke")).to_have_value("S2")
    f.idle()
    expect(f.page.locator("#f-styrke-msg")).to_be_empty()
    expect(f.control("styrke")).not_to_have_attribute("aria-invalid", "true")


def test_a_code_search_that_finds_nothing_says_so_to_everyone(form_page: FormPage) -> None:
    """Issue 12, finding 4: not only the screen reader's status line; a visible line under the field."""
    f = form_page
    none = f.page.locator("#f-farve-none")
    expect(none).to_be_hidden()
    f.type_into("farve", "xyzzy")
    expect(none).to_be_visible()
    expect(none).to_have_text("Ingen koder passer til det skrevne. Prøv en del af koden eller et andet ord.")
    f.type_into("farve", "gr")
    expect(none).to_be_hidden()
