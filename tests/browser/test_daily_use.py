"""The form page for daily use (issue 12) on the page tests' form (tests/fixtures/forms/side/), in Chromium:
the SOR unit's name beside its code, the sticky action bar, the contents with error counts, the guidance,
notices that never cover the form, the SOR table on a phone, typed values kept over a reload, and the
whole form by keyboard. The Danish calendar: tests/browser/test_calendar.py."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from playwright.sync_api import Locator, expect

from engine.form import load_form
from engine.lookups import load_demo_sor
from engine.web.registers import SOR_COLUMNS, SOR_SCOPES, sor_name
from renderers.html import PageContext, render_form
from tests.browser.pages import FormPage
from tests.conftest import PAGE_FORM

pytestmark = pytest.mark.browser

UNIT = "276231000016004"  # Onkologisk Afdeling in the demo SOR register


def _box(locator: Locator) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not shown"
    return box


# -- the SOR unit's name ----------------------------------------------------------------------------------
def test_a_typed_sor_code_shows_its_unit_name_for_as_long_as_the_code_is_there(form_page: FormPage) -> None:
    f = form_page
    name = f.page.locator("#f-enhed-name")
    expect(name).to_be_hidden()
    f.fill_text("enhed", UNIT)
    expect(name).to_have_text("Enhed: Onkologisk Afdeling")
    f.fill_text("cpr", "120355-1009")  # other work on the form leaves it there
    f.fill_date("start", "04-03-2024")
    f.validate()
    expect(name).to_have_text("Enhed: Onkologisk Afdeling")
    expect(f.control("enhed")).to_have_attribute("aria-describedby", re.compile(r"\bf-enhed-name\b"))
    f.type_into("enhed", UNIT[:-1])  # editing the code takes the name away until the new code is settled
    expect(name).to_be_hidden()
    f.page.keyboard.press("Tab")
    f.idle()
    expect(name).to_contain_text("findes ikke i demo-registret")


def test_a_sor_code_no_register_knows_gets_a_notice_the_verdict_does_not_change(form_page: FormPage) -> None:
    f = form_page
    f.fill_text("enhed", "123456789012345")
    notice = f.page.locator("#f-enhed-name")
    expect(notice).to_have_text(
        "SOR-koden 123456789012345 findes ikke i demo-registret, som kun kender fiktive enheder. Kontrollér koden."
    )
    expect(notice).to_have_class(re.compile(r"\bis-unknown\b"))
    f.validate()
    # The register's answer is a notice beside the field, not a finding: the page's verdict is the API's.
    answer = f.page.request.post(
        "/api/v1/validate",
        data=json.dumps({"enhed": "123456789012345"}),
        headers={
            "Content-Type": "application/json",
            "X-CSRF-Token": f.page.locator('meta[name="csrf-token"]').get_attribute("content") or "",
        },
    )
    findings = [
        m["message"] for m in answer.json()["errors"] + answer.json()["warnings"] if m["field"] == "enhed"
    ]
    assert findings == []
    expect(f.page.locator("#f-enhed-msg")).to_be_empty()
    f.fill_text("enhed", "")
    expect(notice).to_be_hidden()


def test_a_code_that_is_not_a_sor_code_is_not_looked_up(form_page: FormPage) -> None:
    f = form_page
    f.fill_text("enhed", "abc")
    expect(f.page.locator("#f-enhed-msg")).to_have_text("SOR-kode: »abc« har forkert form.")
    expect(f.page.locator("#f-enhed-name")).to_be_hidden()


# -- the action bar, the contents, the guidance -----------------------------------------------------------
def test_the_action_bar_stays_in_view_with_state_version_and_actions(form_page: FormPage) -> None:
    f = form_page
    bar = f.page.locator("#action-bar")
    expect(bar.locator("#form-state")).to_have_text("Ny kladde")
    expect(bar.locator("#form-version")).to_have_text("ikke gemt endnu")
    expect(bar.get_by_role("group", name="Skemafunktioner").get_by_role("button")).to_have_text(["Valider"])
    f.page.keyboard.press("End")
    f.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    f.page.wait_for_function("() => window.scrollY > 0")
    assert _box(bar)["y"] == 0
    expect(bar.get_by_role("button", name="Valider")).to_be_in_viewport()
    f.page.get_by_role("button", name="Valider").click()
    f.idle()
    expect(f.page.locator("#validation-errors li").first).to_be_attached()


def test_the_contents_count_each_sections_errors_after_every_judgement(form_page: FormPage) -> None:
    f = form_page
    toc = f.page.get_by_role("navigation", name="Indhold")
    expect(toc.get_by_role("link")).to_have_text(
        ["Skemainformation", "Person", "Forløb", "Grundlag", "Behandling"]
    )
    f.validate()
    expect(toc.get_by_role("link")).to_have_text(
        ["Skemainformation", "Person 1 fejl", "Forløb 2 fejl", "Grundlag 2 fejl", "Behandling"]
    )
    f.fill_text("cpr", "120355-1009")  # an evaluation, not »Valider«: the counts follow it too
    expect(toc.get_by_role("link", name=re.compile("^Person"))).to_have_text("Person")
    f.fill_date("start", "04-03-2024")
    expect(toc.get_by_role("link", name=re.compile("^Forløb"))).to_have_text("Forløb 1 fejl")
    toc.get_by_role("link", name=re.compile("^Grundlag")).click()
    expect(f.page.get_by_role("heading", name="Grundlag", level=2)).to_be_focused()
    heading = _box(f.page.get_by_role("heading", name="Grundlag", level=2))
    assert heading["y"] >= _box(f.page.locator("#action-bar"))["height"]  # not hidden under the bar


def test_the_guidance_is_open_on_the_first_form_and_then_as_the_user_left_it(form_page: FormPage) -> None:
    f = form_page
    guidance = f.page.locator("#guidance")
    expect(guidance).to_have_attribute("open", "")
    expect(guidance.locator(".guidance-text p")).to_have_text(["Prøveskemaet for sidernes tests."])
    f.page.reload()
    expect(guidance).not_to_have_attribute("open", re.compile(".*"))
    guidance.locator("summary").focus()
    f.page.keyboard.press("Enter")
    expect(guidance).to_have_attribute("open", "")
    # the toggle event that keeps the choice comes a task after the attribute: wait for it, as a user would
    f.page.wait_for_function("localStorage.getItem('indberet.guidance') === 'open'")
    f.page.reload()
    expect(guidance).to_have_attribute("open", "")


def test_a_closed_code_field_shows_no_empty_text_line(form_page: FormPage) -> None:
    f = form_page
    f.expect_closed("nuance")
    expect(f.wrapper("nuance").locator(".code-text")).to_be_hidden()
    f.type_code("farve", "BLA")
    expect(f.wrapper("farve").locator(".code-text")).to_have_text("Tekst: Blå")
    f.fill_text("farve", "")
    expect(f.wrapper("farve").locator(".code-text")).to_be_hidden()


def test_notices_never_cover_the_form(form_page: FormPage) -> None:
    f = form_page
    f.type_code("farve", "ROD")
    f.choose_radio("side", "V")
    f.type_code("farve", "BLA")  # Side closes and is emptied: a notice
    expect(f.notices()).to_contain_text("Side blev tømt")
    f.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    last = f.page.locator("#skema [data-field]").last
    notice = _box(f.notices())
    for element in (last, f.page.locator("#skema").locator("[data-field]").first):
        element.scroll_into_view_if_needed()
        box, notice = _box(element), _box(f.notices())
        overlap = min(box["y"] + box["height"], notice["y"] + notice["height"]) - max(box["y"], notice["y"])
        assert overlap <= 0, f"the notice covers {element}"


# -- a phone --------------------------------------------------------------------------------------------
def test_on_a_phone_the_sor_tables_choose_column_is_reachable(form_page: FormPage) -> None:
    f = form_page
    f.page.set_viewport_size({"width": 390, "height": 844})
    f.page.get_by_role("button", name="Søg SOR-enhed").click()
    dialog = f.page.get_by_role("dialog", name="Søg SOR-enhed")
    dialog.get_by_role("button", name="Mit CVR – Alle").click()
    choose = dialog.get_by_role("button", name=f"Vælg Onkologisk Afdeling ({UNIT})")
    expect(choose).to_be_visible()
    box = _box(choose)
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    f.screenshot("sor-dialog-390")
    choose.click()
    expect(f.control("enhed")).to_have_value(UNIT)
    expect(f.page.locator("#f-enhed-name")).to_have_text("Enhed: Onkologisk Afdeling")


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_page(form_page: FormPage, width: int) -> None:
    """The page as a user sees it at a desktop's and a phone's width (test-artifacts/screenshots/)."""
    f = form_page
    f.page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
    f.fill_text("enhed", UNIT)
    f.fill_date("start", "04-03-2024")
    f.validate()
    expect(f.page.locator("#action-bar")).to_be_in_viewport()
    assert f.page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
    f.screenshot(f"side-{width}")


# -- values kept over a reload --------------------------------------------------------------------------
def _kept(f: FormPage) -> str:
    return str(f.page.evaluate("JSON.stringify(localStorage)"))


def test_a_reload_offers_the_typed_values_back_without_the_cpr_number(form_page: FormPage) -> None:
    f = form_page
    f.fill_text("cpr", "120355-1009")
    f.fill_text("enhed", UNIT)
    f.fill_date("start", "04-03-2024")
    f.type_code("farve", "ROD")
    f.choose_radio("side", "V")
    f.tick("behandlinger", "KEMO")
    f.fill_date("behandlinger-KEMO-startdato", "15-04-2024")
    f.page.wait_for_function("() => JSON.stringify(localStorage).includes('2024-04-15')")
    assert "120355" not in _kept(f) and "1203551009" not in _kept(f)  # never the CPR number
    f.page.on("dialog", lambda dialog: dialog.accept())  # the question on leaving (its own test below)
    f.page.reload()
    offer = f.page.get_by_role("region", name="Genskab indtastede værdier?")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("CPR-nummeret gemmes ikke i browseren")
    expect(f.notices()).to_have_text("Genskab indtastede værdier?")
    expect(f.control("start")).to_have_value("")
    offer.get_by_role("button", name="Genskab").click()
    f.idle()
    expect(offer).to_be_hidden()
    expect(f.control("start")).to_have_value("04-03-2024")
    expect(f.control("farve")).to_have_value("ROD")
    expect(f.code_text("farve")).to_have_text("Rød")
    f.expect_open("side")
    expect(f.page.locator("#f-side-V")).to_be_checked()
    expect(f.page.locator("#f-behandlinger-KEMO")).to_be_checked()
    expect(f.control("behandlinger-KEMO-startdato")).to_have_value("15-04-2024")
    expect(f.control("behandlinger-KEMO-startdato")).to_be_enabled()
    expect(f.page.locator("#f-enhed-name")).to_have_text("Enhed: Onkologisk Afdeling")
    expect(f.control("cpr")).to_have_value("")
    expect(f.notices()).to_have_text("De indtastede værdier er genskabt.")


def test_kept_values_can_be_discarded(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "04-03-2024")
    f.page.wait_for_function("() => JSON.stringify(localStorage).includes('2024-03-04')")
    f.page.on("dialog", lambda dialog: dialog.accept())
    f.page.reload()
    offer = f.page.get_by_role("region", name="Genskab indtastede værdier?")
    offer.get_by_role("button", name="Kassér").click()
    expect(offer).to_be_hidden()
    assert "2024-03-04" not in _kept(f)
    f.page.reload()
    expect(offer).to_be_hidden()


def test_leaving_with_unsaved_input_asks_first(form_page: FormPage) -> None:
    f = form_page
    asked: list[str] = []
    f.page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    f.fill_date("start", "04-03-2024")
    f.page.close(run_before_unload=True)
    f.page.wait_for_timeout(0)  # let the dialog event arrive
    expect(f.control("start")).to_have_value("04-03-2024")  # dismissed: still on the page
    assert asked == ["beforeunload"]


def test_an_untouched_page_leaves_without_asking(form_page: FormPage) -> None:
    f = form_page
    asked: list[str] = []
    f.page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    f.page.reload()
    expect(f.control("start")).to_have_value("")
    assert asked == []


# -- keyboard only --------------------------------------------------------------------------------------
FOCUSABLE = """() => [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter((e) => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length && !e.closest('dialog, [hidden]'))
  .map((e) => e.id || e.getAttribute('href') || e.textContent.trim())"""
FOCUSED = "() => { const e = document.activeElement; return e.id || e.getAttribute('href') || e.textContent.trim(); }"


def test_tab_visits_every_control_in_the_forms_order(form_page: FormPage) -> None:
    f = form_page
    positive = 'document.querySelectorAll(\'[tabindex]:not([tabindex="-1"]):not([tabindex="0"])\').length'
    assert f.page.evaluate(positive) == 0  # no tabindex reorders the page
    expected = f.page.evaluate(FOCUSABLE)  # document order: the bar, the contents, the form's fields
    visited = []
    for _ in expected:
        f.page.keyboard.press("Tab")
        visited.append(f.page.evaluate(FOCUSED))
    assert visited == expected
    assert visited[0] == "#main"  # the skip link first, then the header's links, then the action bar
    assert visited.index("validate-button") < visited.index("#sec-person")
    assert (
        visited.index("#sec-person")
        < visited.index("f-cpr")
        < visited.index("f-enhed")
        < visited.index("f-start")
    )


def test_the_whole_form_filled_in_and_validated_by_keyboard_only(form_page: FormPage) -> None:
    f = form_page
    k = f.page.keyboard

    def tab_to(control_id: str) -> None:
        for _ in range(60):
            k.press("Tab")
            if f.page.evaluate("document.activeElement.id") == control_id:
                return
        raise AssertionError(f"Tab never reached #{control_id}")

    def type_and_leave(control_id: str, text: str) -> None:
        tab_to(control_id)
        k.type(text)
        k.press("Tab")
        f.idle()
        k.press("Shift+Tab")

    type_and_leave("f-cpr", "120355-1009")
    tab_to("f-cpr")
    k.press("Tab")  # »Opslag«
    k.press("Enter")
    expect(f.page.locator("#f-cpr-lookup")).to_contain_text("Jens Erik Fiktivsen")
    tab_to("f-enhed")
    k.press("Tab")  # »Søg SOR-enhed«
    k.press("Enter")
    expect(f.page.get_by_role("dialog", name="Søg SOR-enhed")).to_be_visible()
    k.press("Tab")  # »Mit CVR – Alle«
    k.press("Enter")
    f.idle()
    for _ in range(40):
        k.press("Tab")
        if (
            f.page.evaluate("document.activeElement.getAttribute('aria-label')")
            == f"Vælg Onkologisk Afdeling ({UNIT})"
        ):
            break
    k.press("Enter")
    expect(f.page.locator("#f-enhed-name")).to_have_text("Enhed: Onkologisk Afdeling")
    k.press("Shift+Tab")
    tab_to("f-start")
    k.press("Tab")  # the calendar
    k.press("Enter")
    expect(f.page.get_by_role("dialog", name="Vælg Startdato")).to_be_visible()
    k.press("Escape")
    k.press("Shift+Tab")
    type_and_leave("f-start", "04-03-2024")
    type_and_leave("f-farve", "ROD")
    tab_to("f-side-H")
    k.press("ArrowRight")  # H → V
    f.idle()
    expect(f.page.locator("#f-side-V")).to_be_checked()
    tab_to("f-styrke")
    k.press("ArrowDown")
    f.idle()
    tab_to("f-grad")
    k.press("ArrowDown")
    f.idle()
    tab_to("f-grundlag-OP")
    k.press("Space")
    f.idle()
    tab_to("f-undersoegelse-MI")
    k.press("Space")
    f.idle()
    type_and_leave("f-morfologi", "M81403")
    type_and_leave("f-opdato", "20-03-2024")
    type_and_leave("f-opkode", "KHAC20")
    tab_to("f-behandlinger-KEMO")
    k.press("Space")
    f.idle()
    type_and_leave("f-behandlinger-KEMO-startdato", "15-04-2024")
    tab_to("validate-button")  # on from the end of the form, round to the action bar
    k.press("Enter")
    f.idle()
    expect(f.page.locator("#validation-ok")).to_have_text("Valideret uden fejl")


def test_a_page_drawn_with_a_stored_sor_code_shows_the_name_and_keeps_it(form_page: FormPage) -> None:
    """As a stored form's page will be drawn (the server renders the name; tests/renderers/html/ for the
    HTML): here the page of the app is replaced by one drawn with a payload, its scripts and API real."""
    f = form_page
    form = load_form(PAGE_FORM)
    context = PageContext(
        today=datetime.date(2024, 3, 4),
        payload={"enhed": UNIT, "start": "2024-03-04"},
        lookups=frozenset({"cpr", "sor"}),
        sor_scopes=SOR_SCOPES,
        sor_columns=SOR_COLUMNS,
        lookup_names={"sor": lambda code: sor_name(load_demo_sor(), code)},
        demo_registers=True,
    )
    html = render_form(form, context)
    f.page.route(
        "**/skema/ny", lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8")
    )
    f.page.reload()
    f.idle()
    name = f.page.locator("#f-enhed-name")
    expect(name).to_have_text("Enhed: Onkologisk Afdeling")
    expect(f.control("start")).to_have_value("04-03-2024")
    asked: list[str] = []
    f.page.on("request", lambda request: asked.append(request.url) if "/api/sor/" in request.url else None)
    f.type_into("enhed", UNIT)  # the same code again: nothing to ask, the name stays
    f.page.keyboard.press("Tab")
    f.idle()
    expect(name).to_have_text("Enhed: Onkologisk Afdeling")
    assert asked == []


def test_the_second_skip_link_goes_straight_to_the_first_field(form_page: FormPage) -> None:
    """Past the header, the action bar and the contents in three keys: Tab, Tab (»Spring til skemaets
    felter«), Enter — and the next Tab is the form's first field."""
    f = form_page
    f.page.keyboard.press("Tab")
    assert f.page.evaluate(FOCUSED) == "#main"
    f.page.keyboard.press("Tab")
    assert f.page.evaluate(FOCUSED) == "skip-to-fields"
    expect(f.page.locator("#skip-to-fields")).to_be_visible()  # shown while it has the focus
    f.page.keyboard.press("Enter")
    f.page.keyboard.press("Tab")
    assert f.page.evaluate(FOCUSED) == "f-cpr"
