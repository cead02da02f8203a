"""axe-core on the form page in its main states: no violations (WCAG 2.x A/AA and axe's best practices)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.pages import FormPage

pytestmark = pytest.mark.browser

AXE = Axe()


def _violations(f: FormPage) -> list[str]:
    results = AXE.run(f.page)
    return [
        f"{violation['id']}: {violation['help']} — {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


def _empty(f: FormPage) -> None:
    pass


def _lymphoma(f: FormPage) -> None:
    f.fill_text("cpr", "230847-1007")
    f.page.get_by_role("button", name="Opslag").click()
    expect(f.page.locator("#f-cpr-lookup")).to_contain_text("Poul Henning Prøvesen")
    f.fill_date("dato_foerste_kontakt", "02-09-2024")
    f.type_code("diagnose", "DC833")
    f.choose_code("anatomisk_lokalisation", "knoglemarv", "T000113")
    f.type_code("ann_arbor", "AZCC2A")
    f.tick("makroskopisk_grundlag", "AZCK2")
    f.tick("behandlinger", "BWHA")


def _validated_with_errors(f: FormPage) -> None:
    f.fill_text("cpr", "020329-1WQ3")
    f.validate()
    expect(f.page.locator("#validation-errors li").first).to_be_visible()


def _confirm_dialog(f: FormPage) -> None:
    f.fill_date("dato_foerste_kontakt", "04-03-2024")
    f.type_code("diagnose", "DC509")
    f.type_into("dato_foerste_kontakt", "05-03-2024")
    f.page.keyboard.press("Tab")
    expect(f.page.get_by_role("dialog", name="Bekræft ændring")).to_be_visible()


def _sor_dialog(f: FormPage) -> None:
    f.page.get_by_role("button", name="Søg SOR-enhed").click()
    f.page.get_by_role("button", name="Mit CVR – Alle").click()
    expect(f.page.locator("#sor-rows tr").first).to_be_visible()


def _code_list_open(f: FormPage) -> None:
    f.type_into("diagnose", "brystkræft")
    expect(f.page.locator("#f-diagnose-listbox")).to_be_visible()
    f.page.keyboard.press("ArrowDown")


STATES: dict[str, Callable[[FormPage], None]] = {
    "tom": _empty,
    "lymfom": _lymphoma,
    "valideret-med-fejl": _validated_with_errors,
    "bekraeft-dialog": _confirm_dialog,
    "sor-dialog": _sor_dialog,
    "kodeliste-aaben": _code_list_open,
}


@pytest.mark.parametrize("state", STATES)
def test_no_axe_violations(form_page: FormPage, state: str) -> None:
    STATES[state](form_page)
    form_page.idle()
    form_page.screenshot(f"axe-{state}")
    assert _violations(form_page) == []


def test_axe_does_find_a_violation_when_there_is_one(form_page: FormPage) -> None:
    """So that the zero above is a finding, not a silent no-op (a control without a label is planted)."""
    form_page.page.evaluate(
        "document.getElementById('skema').append(Object.assign(document.createElement('input'), {id: 'x'}))"
    )
    assert [line.split(":")[0] for line in _violations(form_page)] == ["label"]
