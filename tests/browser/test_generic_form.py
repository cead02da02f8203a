"""The pages render any form spec, not only the cancer form: here a small form whose repeating group has
item fields with rules of their own — a condition per item, a mandatory rule that reads a form field, and
a condition that closes a filled-in item field, which the page empties and says so."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, expect

from engine.web.settings import Settings
from tests.browser.driver import browser_context, open_form_page, serving
from tests.browser.pages import FormPage
from tests.conftest import ITEM_RULES, write_spec

COLOURS = "ROD;Rød;;\nBLA;Blå;;\n"
REQUIRED = re.compile(r"\bis-required\b")


@pytest.fixture(scope="module")
def generic_context(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    folder = tmp_path_factory.mktemp("generic")
    settings = Settings(
        form_path=write_spec(folder, ITEM_RULES, {"farver": COLOURS}), data_dir=folder / "data", demo=True
    )
    with serving(settings) as url:
        yield from browser_context(browser, url)


@pytest.fixture
def page(generic_context: BrowserContext) -> Iterator[FormPage]:
    yield from open_form_page(generic_context)


def item(f: FormPage, row: str, field: str) -> tuple[Locator, Locator]:
    """The wrapper and the control of an item field in the row of code ``row``."""
    wrapper = f.page.locator(f'[data-item="{row}"] [data-item-field="{field}"]')
    return wrapper, f.page.locator(f"#f-ting-{row}-{field}")


def test_item_fields_follow_their_own_rules_item_by_item(page: FormPage) -> None:
    f = page
    f.tick("ting", "BLA")
    f.tick("ting", "ROD")
    blue_nuance, blue_nuance_input = item(f, "BLA", "nuance")
    red_nuance, red_nuance_input = item(f, "ROD", "nuance")
    expect(blue_nuance).to_have_attribute("data-state", "open")
    expect(blue_nuance_input).to_be_enabled()
    expect(red_nuance).to_have_attribute("data-state", "closed")
    expect(red_nuance_input).to_be_disabled()

    # Dato is mandatory in each item once the form's Start is given; Bemærkning closes then.
    blue_date, _ = item(f, "BLA", "dato")
    red_note, red_note_input = item(f, "ROD", "bemaerkning")
    expect(blue_date).to_have_attribute("data-state", "open")
    expect(blue_date).not_to_have_class(REQUIRED)
    expect(red_note).to_have_attribute("data-state", "open")
    red_note_input.fill("husk")
    f.page.keyboard.press("Tab")
    f.idle()
    f.fill_date("start", "01-02-2024")
    for row in ("BLA", "ROD"):
        date, _ = item(f, row, "dato")
        expect(date).to_have_class(REQUIRED)
    expect(red_note).to_have_attribute("data-state", "closed")
    expect(red_note_input).to_have_value("")
    expect(f.notices()).to_contain_text("Bemærkning – Rød blev tømt")
