"""axe-core on the form page (tests/fixtures/forms/side/) in its main states: no violations (WCAG 2.x A/AA and
axe's best practices). The cancer form's page is checked by features/sider.feature."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.pages import FormPage

pytestmark = pytest.mark.browser


def _empty(f: FormPage) -> None:
    pass


def _opened(f: FormPage) -> None:
    """A look-up shown, a code chosen by search, fields opened, a derived value, a group row ticked."""
    f.fill_text("cpr", "230847-1007")
    f.page.get_by_role("button", name="Opslag").click()
    expect(f.page.locator("#f-cpr-lookup")).to_contain_text("Poul Henning Prøvesen")
    f.fill_date("start", "02-09-2003")
    f.type_code("farve", "BLA")
    f.choose_code("nuance", "blå", "N2")
    f.type_code("farve", "GRO")
    f.tick("grundlag", "OP")
    f.tick("behandlinger", "ANDEN")


def _validated_with_errors(f: FormPage) -> None:
    f.fill_text("cpr", "020329-1WQ3")
    f.validate()
    expect(f.page.locator("#validation-errors li").first).to_be_visible()


def _confirm_dialog(f: FormPage) -> None:
    f.fill_date("start", "04-03-2024")
    f.type_code("farve", "ROD")
    f.type_into("start", "05-03-2024")
    f.page.keyboard.press("Tab")
    expect(f.page.get_by_role("dialog", name="Bekræft ændring")).to_be_visible()


def _sor_dialog(f: FormPage) -> None:
    f.page.get_by_role("button", name="Søg SOR-enhed").click()
    f.page.get_by_role("button", name="Mit CVR – Alle").click()
    expect(f.page.locator("#sor-rows tr").first).to_be_visible()


def _code_list_open(f: FormPage) -> None:
    f.type_into("farve", "blå")
    expect(f.page.locator("#f-farve-listbox")).to_be_visible()
    f.page.keyboard.press("ArrowDown")


def _calendar(f: FormPage) -> None:
    f.fill_date("start", "04-03-2024")
    f.page.get_by_role("button", name="Vælg Startdato i kalenderen").click()
    expect(f.page.get_by_role("dialog", name="Vælg Startdato")).to_be_visible()


def _sor_names(f: FormPage) -> None:
    """A unit's name beside the SOR code, and a code no register knows."""
    f.fill_text("enhed", "276231000016004")
    expect(f.page.locator("#f-enhed-name")).to_contain_text("Onkologisk Afdeling")
    f.fill_text("enhed", "123456789012345")
    expect(f.page.locator("#f-enhed-name")).to_contain_text("findes ikke")


def _draft_offer(f: FormPage) -> None:
    f.fill_date("start", "04-03-2024")
    f.page.wait_for_function("() => JSON.stringify(localStorage).includes('2024-03-04')")
    f.page.on("dialog", lambda dialog: dialog.accept())
    f.page.reload()
    expect(f.page.get_by_role("region", name="Genskab indtastede værdier?")).to_be_visible()


def _phone(f: FormPage) -> None:
    f.page.set_viewport_size({"width": 390, "height": 844})
    f.validate()


STATES: dict[str, Callable[[FormPage], None]] = {
    "tom": _empty,
    "aabnet": _opened,
    "valideret-med-fejl": _validated_with_errors,
    "bekraeft-dialog": _confirm_dialog,
    "sor-dialog": _sor_dialog,
    "kodeliste-aaben": _code_list_open,
    "kalender": _calendar,
    "sor-navne": _sor_names,
    "genskab": _draft_offer,
    "telefon": _phone,
}


@pytest.mark.parametrize("state", STATES)
def test_no_axe_violations(form_page: FormPage, state: str) -> None:
    STATES[state](form_page)
    form_page.idle()
    form_page.screenshot(f"axe-{state}")
    assert form_page.axe_violations() == []


def test_axe_does_find_a_violation_when_there_is_one(form_page: FormPage) -> None:
    """So that the zero above is a finding, not a silent no-op (a control without a label is planted)."""
    form_page.page.evaluate(
        "document.getElementById('skema').append(Object.assign(document.createElement('input'), {id: 'x'}))"
    )
    assert [line.split(":")[0] for line in form_page.axe_violations()] == ["label"]
