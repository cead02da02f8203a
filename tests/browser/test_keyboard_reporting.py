"""A stored form filled in and reported with the keyboard alone, in Chromium (issue 12: "keyboard-only filling
and reporting of a whole form"): the page tests' form (tests/fixtures/forms/side/) given a small workflow of
its own (Kladde → Indberettet, the look-up needed, the CPR number locked by the report), served with the demo
users and registers. From Mine bakker to the report, every step is a key: Tab, Shift+Tab, Enter, Space and
the arrows; no click, no fill, no focus from the test. The focus follows the form's order, every action of
the bar is reached by Tab, and axe finds nothing on the stored page; screenshots at 1280 and 390 px wide."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from engine.web.settings import Settings
from tests.browser.driver import SCREENSHOTS, browser_context, serving
from tests.browser.pages import FormPage
from tests.conftest import PAGE_FORM

pytestmark = pytest.mark.browser

UNIT = "276231000016004"  # Onkologisk Afdeling in the demo SOR register
# The roles are the demo users' (engine/accounts/demo.yaml): »laege« may enter and report.
WORKFLOW = """
workflow:
  roles:
    - {id: laese, label: Læse}
    - {id: indtaste, label: Indtaste}
    - {id: indberette, label: Indberette}
  states:
    - {id: kladde, label: Kladde, editable: true}
    - {id: indberettet, label: Indberettet, editable: false, exported: true}
  initial: kladde
  messages:
    unknown_action: Ukendt handling {action}.
    not_in_state: »{action}« kan ikke bruges i »{state}«.
    no_role: Du mangler rollen »{role}« til »{action}«.
    has_errors: Skemaet har {count} fejl.
    not_editable: Skemaet ligger i »{state}« og kan ikke ændres.
    locked: »{label}« er låst af »{action}«.
    stale: Skemaet er ændret af en anden.
    admin_only: Kun en administrator.
  actions:
    - {id: gem, label: Gem, from: [kladde], to: kladde, role: indtaste, saves: true}
    - {id: valider, label: Valider, from: [kladde, indberettet], role: laese, produces: validation}
    - id: indberet
      label: Indberet
      from: [kladde]
      to: indberettet
      role: indberette
      validates: true
      counts_version: true
      locks: [cpr]
      confirm: Vil du indberette skemaet?
      guard: {var: cpr_looked_up}
      guard_message: Slå CPR-nummeret op først.
    - {id: rediger, label: Rediger, from: [indberettet], to: kladde, role: indtaste}
    - {id: print, label: Print, from: [kladde, indberettet], role: laese, produces: pdf}
"""
# The fields as the form orders them (tests/fixtures/forms/side/skema.yaml), and where Tab stops between
# them: a look-up's or a calendar's button follows its field.
ORDER = ["f-cpr", "f-enhed", "f-start", "f-farve", "f-styrke", "f-grad"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("form")
    shutil.copytree(PAGE_FORM.parent, folder, dirs_exist_ok=True)
    spec = folder / PAGE_FORM.name
    spec.write_text(spec.read_text(encoding="utf-8") + WORKFLOW, encoding="utf-8")
    settings = Settings(form_path=spec, data_dir=tmp_path_factory.mktemp("data"), demo=True)
    with serving(settings) as url:
        yield url


@pytest.fixture
def laege(browser: Browser, server: str) -> Iterator[BrowserContext]:
    yield from browser_context(browser, server, "laege")


def _focused(page: Page) -> str:
    """The focused control: a button by its text, anything else by its id."""
    script = "() => { const e = document.activeElement; return e.tagName === 'BUTTON' ? e.textContent.trim() : e.id; }"
    return str(page.evaluate(script))


def _keys(page: Page) -> Callable[[str, int], None]:
    def tab_to(target: str, limit: int = 80) -> None:
        """Tab until ``target`` (an element id, or a button's text) has the focus."""
        for _ in range(limit):
            page.keyboard.press("Tab")
            if _focused(page) == target:
                return
        raise AssertionError(f"Tab never reached {target!r}")

    return tab_to


def test_a_stored_form_filled_in_and_reported_by_keyboard_only(laege: BrowserContext) -> None:
    page = laege.new_page()
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    form = FormPage(page, SCREENSHOTS)
    k = page.keyboard
    tab_to = _keys(page)
    page.goto("/bakker")
    tab_to("Opret skema – Sideprøve")
    k.press("Enter")
    expect(page.locator("#form-state")).to_have_text("Kladde")
    form_url = page.url

    visited: list[str] = []

    def type_and_leave(control: str, text: str) -> None:
        tab_to(control)
        visited.append(control)
        k.type(text)
        k.press("Tab")
        form.idle()
        k.press("Shift+Tab")

    type_and_leave("f-cpr", "1203551009")
    k.press("Tab")  # »Opslag«, made for the stored form and kept on it
    k.press("Enter")
    form.idle()
    expect(page.locator("#f-cpr-lookup")).to_contain_text("Jens Erik Fiktivsen")
    expect(form.control("cpr")).to_have_value("120355-1009")
    type_and_leave("f-enhed", UNIT)
    type_and_leave("f-start", "04-03-2024")
    type_and_leave("f-farve", "ROD")
    tab_to("f-side-H")
    k.press("ArrowRight")  # H → V
    form.idle()
    expect(page.locator("#f-side-V")).to_be_checked()
    for control in ("f-styrke", "f-grad"):
        tab_to(control)
        visited.append(control)
        k.press("ArrowDown")
        form.idle()
    for control in ("f-grundlag-OP", "f-undersoegelse-MI"):
        tab_to(control)
        k.press("Space")
        form.idle()
    type_and_leave("f-morfologi", "M81403")
    type_and_leave("f-opdato", "20-03-2024")
    type_and_leave("f-opkode", "KHAC20")
    tab_to("f-behandlinger-KEMO")
    k.press("Space")
    form.idle()
    type_and_leave("f-behandlinger-KEMO-startdato", "15-04-2024")
    assert visited[:6] == ORDER  # Tab found the fields in the form's order

    # On from the end of the form, round to the action bar: every action is reached by Tab.
    for label in ("Gem", "Valider", "Indberet", "Print"):
        tab_to(label, limit=120)
    tab_to("Gem", limit=120)
    k.press("Enter")
    expect(form.notices()).to_contain_text("Skemaet er gemt.")
    tab_to("Valider", limit=120)
    k.press("Enter")
    form.idle()
    expect(page.locator("#validation-ok")).to_have_text("Valideret uden fejl")
    tab_to("Indberet", limit=120)
    k.press("Enter")
    expect(page.locator("#action-confirm")).to_contain_text("Vil du indberette skemaet?")
    tab_to("Ja", limit=120)
    k.press("Enter")
    expect(page.locator("#action-notice")).to_have_text(
        "»Indberet« er udført. Skemaet ligger nu i Indberettet."
    )
    expect(page.locator("#form-version")).to_have_text("1")
    expect(form.control("cpr")).to_have_value("120355-1009")
    expect(page.locator("#read-only-note")).to_have_text("Skemaet ligger i »Indberettet« og kan ikke ændres.")

    violations = form.axe_violations()
    assert violations == [], violations
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        form.screenshot(f"stored-form-reported-{width}")
    page.goto(form_url)
    expect(page.locator("#info-bakke")).to_have_text("Indberettet")
    assert failures == [], f"the page's scripts failed: {failures}"


def test_a_look_up_made_before_the_first_gem_is_made_for_the_stored_form(laege: BrowserContext) -> None:
    """F03: a number looked up on the new form page is looked up again for the form when »Gem« stores it,
    so the stored form has its look-up (and can be reported) without the user asking twice."""
    page = laege.new_page()
    form = FormPage(page, SCREENSHOTS)
    page.goto("/skema/ny")
    form.fill_text("cpr", "120355-1009")
    page.locator("[data-cpr-lookup]").click()
    expect(page.locator("#f-cpr-lookup")).to_contain_text("Jens Erik Fiktivsen")
    page.locator("#save-new").click()
    expect(page).to_have_url(re.compile(r"/skema/[\w-]+$"))
    expect(page.locator("#info-cpr-navn")).to_have_text("Jens Erik Fiktivsen")
    expect(page.locator("#info-cpr-opslag")).to_contain_text("Lene Læge")
