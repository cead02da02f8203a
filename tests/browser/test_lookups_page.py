"""Code search, CPR »Opslag« and the SOR search on the page (tests/fixtures/forms/side/), in a real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import FormPage

pytestmark = pytest.mark.browser

COLUMNS = ["SOR-kode", "Navn", "Enhedstype", "Ydernummer", "Adresse", "Overordnet enhed", "Niveau"]


def test_the_search_combobox_follows_the_aria_pattern(form_page: FormPage) -> None:
    f = form_page
    box = f.control("farve")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_attribute("aria-controls", "f-farve-listbox")
    f.type_into("farve", "blå")
    listbox = f.page.get_by_role("listbox", name="Forslag til Farve")
    expect(listbox.get_by_role("option")).to_have_text(["BLA Blå", "BLA1 Blå, mørk"])
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(f.page.locator("#f-farve-count")).to_have_text("2 forslag. Brug pil op og ned for at vælge.")
    f.page.keyboard.press("ArrowDown")
    f.page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "f-farve-option-1")
    expect(listbox.get_by_role("option", selected=True)).to_have_text(re.compile("BLA1"))
    f.page.keyboard.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", "f-farve-option-0")
    f.page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(box).to_have_value("blå")  # Escape closes the list and keeps the typing


def test_a_fragment_chosen_by_keyboard_fills_code_and_text(form_page: FormPage) -> None:
    f = form_page
    f.type_into("farve", "rød, l")
    expect(f.page.locator("#f-farve-listbox").get_by_role("option").first).to_be_visible()
    f.page.keyboard.press("ArrowDown")
    f.page.keyboard.press("Enter")
    expect(f.control("farve")).to_have_value("ROD1")
    expect(f.code_text("farve")).to_have_text("Rød, lys")
    expect(f.control("farve")).to_be_focused()
    f.idle()
    f.expect_open("side")


def test_a_choice_by_mouse_fills_code_and_text(form_page: FormPage) -> None:
    f = form_page
    f.type_into("farve", "grøn")
    f.page.get_by_role("option", name=re.compile("^GRO1 ")).click()
    expect(f.control("farve")).to_have_value("GRO1")
    expect(f.code_text("farve")).to_have_text("Grøn, lys")
    f.idle()
    f.expect_open("grad")


@pytest.mark.parametrize("leave", ["Enter", "Tab"])
def test_a_full_code_shows_its_text_on_enter_or_leaving(form_page: FormPage, leave: str) -> None:
    f = form_page
    f.type_into("farve", "bla1")
    f.page.keyboard.press(leave)
    expect(f.control("farve")).to_have_value("BLA1")
    expect(f.code_text("farve")).to_have_text(re.compile("mørk"))
    f.idle()
    f.expect_open("nuance")


def test_an_unknown_code_says_so_and_the_server_judges_it(form_page: FormPage) -> None:
    f = form_page
    f.type_code("farve", "XX9")
    expect(f.code_text("farve")).to_have_text("Koden findes ikke i listen.")
    expect(f.page.locator("#f-farve-msg")).to_have_text("Farve: »XX9« er ikke på listen.")


def test_the_arrow_button_browses_a_short_list(form_page: FormPage) -> None:
    f = form_page
    f.type_code("farve", "BLA")
    f.page.get_by_role("button", name="Vis valgmuligheder for Nuance").click()
    options = f.page.locator("#f-nuance-listbox").get_by_role("option")
    expect(options).to_have_count(4)
    expect(f.control("nuance")).to_be_focused()


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("120355-1009", ["Jens Erik Fiktivsen", "Mand", "Eksempelvej 12", "8990 Fiktivby"]),
        ("150772-2004", ["Karen Margrethe Demosen", "Kvinde", "Fiktivgade 3, 2. th.", "7990 Demoby"]),
        ("230847-1007", ["Poul Henning Prøvesen", "Mand", "Opdigtet Allé 45", "4990 Prøvsted"]),
    ],
)
def test_cpr_look_up_shows_name_sex_and_address(form_page: FormPage, number: str, shown: list[str]) -> None:
    f = form_page
    f.fill_text("cpr", number)
    f.page.get_by_role("button", name="Opslag").click()
    result = f.page.locator("#f-cpr-lookup")
    for text in shown:
        expect(result).to_contain_text(text)
    expect(f.page.locator("#skema")).to_have_attribute("data-cpr-lookup", number)


def test_a_number_without_hyphen_is_looked_up_and_written_with_it(form_page: FormPage) -> None:
    f = form_page
    f.fill_text("cpr", "1203551009")
    f.page.get_by_role("button", name="Opslag").click()
    expect(f.control("cpr")).to_have_value("120355-1009")
    expect(f.page.locator("#f-cpr-lookup")).to_contain_text("Jens Erik Fiktivsen")
    f.screenshot("cpr-opslag")


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("020329-1WQ3", "CPR-nummeret er et erstatnings-CPR-nummer og kan ikke slås op i CPR."),
        ("010101-1234", "CPR-nummeret findes ikke i CPR-registeret."),
        ("", "Skriv et CPR-nummer før opslag."),
    ],
)
def test_a_number_that_cannot_be_looked_up_says_why(form_page: FormPage, number: str, message: str) -> None:
    f = form_page
    if number:
        f.fill_text("cpr", number)
    f.page.get_by_role("button", name="Opslag").click()
    expect(f.page.locator("#f-cpr-lookup")).to_have_text(message)
    expect(f.page.locator("#skema")).not_to_have_attribute("data-cpr-lookup", re.compile(".*"))


def test_changing_the_number_forgets_the_look_up(form_page: FormPage) -> None:
    f = form_page
    f.fill_text("cpr", "120355-1009")
    f.page.get_by_role("button", name="Opslag").click()
    expect(f.page.locator("#skema")).to_have_attribute("data-cpr-lookup", "120355-1009")
    f.type_into("cpr", "150772-2004")
    expect(f.page.locator("#f-cpr-lookup")).to_be_empty()
    expect(f.page.locator("#skema")).not_to_have_attribute("data-cpr-lookup", re.compile(".*"))


def test_sor_search_by_scope_and_column_filter_fills_the_sor_code(form_page: FormPage) -> None:
    f = form_page
    opener = f.page.get_by_role("button", name="Søg SOR-enhed")
    opener.click()
    dialog = f.page.get_by_role("dialog", name="Søg SOR-enhed")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Mit CVR – SI")).to_be_focused()
    dialog.get_by_role("button", name="Mit CVR – Alle").click()
    expect(dialog.get_by_role("button", name="Mit CVR – Alle")).to_have_attribute("aria-pressed", "true")
    table = dialog.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_text([*COLUMNS, "Vælg"])
    expect(dialog.locator("#sor-status")).to_have_text("47 enheder.")
    levels = {row.split("\t")[6] for row in dialog.locator("tbody tr").all_inner_texts()}
    assert levels == {"SI", "OE"}
    dialog.get_by_role("searchbox", name="Filtrér Navn").fill("onkologisk afd")
    expect(dialog.locator("#sor-rows")).to_have_attribute("data-search", re.compile("name=onkologisk"))
    expect(dialog.locator("tbody tr")).to_have_count(3)
    expect(dialog.locator("#sor-status")).to_have_text("3 enheder.")
    dialog.get_by_role("searchbox", name="Filtrér Adresse").fill("Fiktivby")
    expect(dialog.locator("tbody tr")).to_have_count(1)
    f.screenshot("sor-soegning")
    dialog.get_by_role("button", name="Vælg Onkologisk Afdeling (276231000016004)").click()
    expect(dialog).to_be_hidden()
    expect(f.control("enhed")).to_have_value("276231000016004")
    expect(f.control("enhed")).to_be_focused()
    expect(f.page.locator("#f-enhed-name")).to_have_text("Enhed: Onkologisk Afdeling")


@pytest.mark.parametrize(
    ("scope", "column", "value"),
    [
        ("Statslig", "Enhedstype", "Klinik"),
        ("Regional", "Niveau", "SI"),
        ("Kommunal", "Navn", "sundhed"),
        ("Privat", "Ydernummer", "0"),
    ],
)
def test_every_sector_can_be_searched_and_filtered(
    form_page: FormPage, scope: str, column: str, value: str
) -> None:
    f = form_page
    f.page.get_by_role("button", name="Søg SOR-enhed").click()
    dialog = f.page.get_by_role("dialog", name="Søg SOR-enhed")
    dialog.get_by_role("button", name=scope, exact=True).click()
    expect(dialog.locator("tbody tr").first).to_be_visible()
    dialog.get_by_role("searchbox", name=f"Filtrér {column}").fill(value)
    expect(dialog.locator("#sor-rows")).to_have_attribute("data-search", re.compile(f"={value}"))
    expect(dialog.locator("#sor-status")).to_have_text(re.compile(r"^\d+ enheder\.$"))
    index = COLUMNS.index(column)
    for row in dialog.locator("tbody tr").all_inner_texts():
        assert value.casefold() in row.split("\t")[index].casefold()


def test_the_sor_dialog_closes_with_escape_and_returns_focus(form_page: FormPage) -> None:
    f = form_page
    opener = f.page.get_by_role("button", name="Søg SOR-enhed")
    opener.click()
    f.page.keyboard.press("Escape")
    expect(f.page.get_by_role("dialog", name="Søg SOR-enhed")).to_be_hidden()
    expect(opener).to_be_focused()
