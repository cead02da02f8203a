"""The page's own calendar (renderers/html/static/calendar.js) in Chromium with a Danish browser: Danish
month and day names, Monday first, keyboard operable, »I dag« and »Ryd«; typed dates work as before."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Locator, expect

from tests.browser.pages import FormPage

pytestmark = pytest.mark.browser


def _open(f: FormPage, field: str = "start", label: str = "Startdato") -> Locator:
    f.page.get_by_role("button", name=f"Vælg {label} i kalenderen").click()
    dialog = f.page.get_by_role("dialog", name=f"Vælg {label}")
    expect(dialog).to_be_visible()
    return dialog


def test_the_calendar_is_danish_and_starts_on_monday(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "15-03-2024")
    dialog = _open(f)
    grid = dialog.get_by_role("grid")
    expect(grid.get_by_role("columnheader")).to_have_text(["ma", "ti", "on", "to", "fr", "lø", "sø"])
    expect(dialog.locator("#calendar-month")).to_have_text("marts 2024")
    first_row = grid.locator("tbody tr").first.locator("td")
    expect(first_row).to_have_text(["", "", "", "", "1", "2", "3"])  # 1 March 2024 was a Friday
    expect(grid.locator("td[data-date]").first).to_have_attribute("aria-label", "fredag 1. marts 2024")
    chosen = grid.locator('td[aria-selected="true"]')
    expect(chosen).to_have_text("15")
    expect(chosen).to_be_focused()
    expect(dialog.get_by_role("button")).to_have_text(["", "", "", "I dag", "Ryd"])
    f.screenshot("kalender")


def test_the_calendar_by_keyboard(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "15-03-2024")
    f.control("start").focus()
    f.page.keyboard.press("Tab")  # the calendar button
    f.page.keyboard.press("Enter")
    dialog = f.page.get_by_role("dialog", name="Vælg Startdato")
    focused = dialog.locator("td:focus")
    expect(focused).to_have_attribute("aria-label", "fredag 15. marts 2024")
    for key, label in [
        ("ArrowRight", "lørdag 16. marts 2024"),
        ("ArrowDown", "lørdag 23. marts 2024"),
        ("Home", "mandag 18. marts 2024"),
        ("End", "søndag 24. marts 2024"),
        ("ArrowUp", "søndag 17. marts 2024"),
        ("PageDown", "onsdag 17. april 2024"),
        ("Shift+PageUp", "mandag 17. april 2023"),
        ("ArrowLeft", "søndag 16. april 2023"),
    ]:
        f.page.keyboard.press(key)
        expect(focused).to_have_attribute("aria-label", label)
    expect(dialog.locator("#calendar-month")).to_have_text("april 2023")
    f.page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(f.control("start")).to_have_value("16-04-2023")
    expect(f.control("start")).to_be_focused()
    f.idle()


def test_a_picked_date_changes_the_field_like_a_typed_one(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "01-01-2004")
    f.expect_closed("gammel")
    _open(f)
    f.page.keyboard.press("ArrowLeft")  # 31-12-2003, before the form's date constant
    f.page.keyboard.press("Enter")
    expect(f.control("start")).to_have_value("31-12-2003")
    f.idle()
    f.expect_open("gammel")


def test_escape_changes_nothing_and_returns_to_the_button(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "04-03-2024")
    dialog = _open(f)
    f.page.keyboard.press("ArrowRight")
    f.page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(f.control("start")).to_have_value("04-03-2024")
    expect(f.page.get_by_role("button", name="Vælg Startdato i kalenderen")).to_be_focused()


def test_today_and_clear(form_page: FormPage) -> None:
    f = form_page
    dialog = _open(f)
    expect(dialog.locator('td[aria-current="date"]')).to_be_focused()  # an empty field opens on today
    dialog.get_by_role("button", name="I dag").click()
    today = f.page.evaluate(
        "(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()"
    )
    expect(f.control("start")).to_have_value(datetime.date(*today).strftime("%d-%m-%Y"))
    f.idle()
    _open(f).get_by_role("button", name="Ryd").click()
    expect(f.control("start")).to_have_value("")


def test_the_date_of_a_group_row_has_its_calendar_too(form_page: FormPage) -> None:
    f = form_page
    f.tick("behandlinger", "KEMO")
    button = f.page.locator('[data-calendar="f-behandlinger-KEMO-startdato"]')
    expect(button).to_be_enabled()
    button.click()
    f.page.keyboard.press("Enter")
    expect(f.control("behandlinger-KEMO-startdato")).not_to_have_value("")
