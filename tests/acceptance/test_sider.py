"""The web page's scenarios (features/sider.feature) on the cancer form's real page in Chromium.

The pages' mechanics (keyboard, live rules, dialogs, axe in every state) are tested on a small form of their
own in tests/browser/; these scenarios show the cancer form's page: its look-ups, its code lists, its rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, expect
from pytest_bdd import given, parsers, scenarios, then, when

from engine.form import default_form_path
from engine.web.settings import Settings
from tests.browser.driver import browser_context, open_form_page, serving
from tests.browser.pages import FormPage

pytestmark = pytest.mark.browser

scenarios("sider.feature")


@pytest.fixture(scope="module")
def cancer_context(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """The shipped cancer form, served with the demo registers."""
    settings = Settings(form_path=default_form_path(), data_dir=tmp_path_factory.mktemp("data"), demo=True)
    with serving(settings) as url:
        yield from browser_context(browser, url)


@pytest.fixture
def form_page(cancer_context: BrowserContext) -> Iterator[FormPage]:
    yield from open_form_page(cancer_context)


SOR_COLUMNS = ["SOR-kode", "Navn", "Enhedstype", "Ydernummer", "Adresse", "Overordnet enhed", "Niveau"]


def _control(f: FormPage, label: str) -> Locator:
    wrapper = f.page.locator(f'[data-field][data-label="{label}"]')
    return f.page.locator(f"#{wrapper.get_attribute('data-control')}")


def _dialog(f: FormPage) -> Locator:
    return f.page.get_by_role("dialog", name="Søg SOR-enhed")


@given("et nyt canceranmeldelsesskema i browseren", target_fixture="f")
def _new_form(form_page: FormPage) -> FormPage:
    expect(form_page.page.get_by_role("heading", level=1)).to_have_text("Canceranmeldelse – Ny kladde")
    return form_page


@when(parsers.parse('jeg skriver "{text}" i feltet "{label}"'))
def _type(f: FormPage, text: str, label: str) -> None:
    control = _control(f, label)
    control.focus()
    control.fill(text)


@when(parsers.parse('jeg klikker på "{name}"'))
def _click(f: FormPage, name: str) -> None:
    f.page.get_by_role("button", name=name, exact=True).click()
    f.idle()


@when(parsers.parse('jeg trykker "{first}" og "{second}"'))
def _press_two(f: FormPage, first: str, second: str) -> None:
    f.page.keyboard.press(first)
    f.page.keyboard.press(second)
    f.idle()


@when(parsers.re(r'jeg trykker "(?P<key>[^"]+)"$'))
def _press(f: FormPage, key: str) -> None:
    f.page.keyboard.press(key)
    f.idle()


@when(parsers.parse('jeg vælger udvalget "{scope}"'))
def _scope(f: FormPage, scope: str) -> None:
    _dialog(f).get_by_role("button", name=scope, exact=True).click()
    expect(f.page.locator("#sor-rows")).to_have_attribute("data-search", re.compile("scope="))


@when(parsers.parse('jeg filtrerer kolonnen "{column}" med "{value}"'))
def _filter(f: FormPage, column: str, value: str) -> None:
    _dialog(f).get_by_role("searchbox", name=f"Filtrér {column}").fill(value)
    key = {"Navn": "name", "Enhedstype": "unit_type", "Ydernummer": "ydernummer"}.get(column, column)
    expect(f.page.locator("#sor-rows")).to_have_attribute("data-search", re.compile(f"{key}="))


@when(parsers.parse('jeg vælger enheden "{code}"'))
def _choose_unit(f: FormPage, code: str) -> None:
    _dialog(f).locator("tbody tr", has_text=code).get_by_role("button", name=re.compile("^Vælg ")).click()
    f.idle()


@then(parsers.parse('viser opslaget navnet "{name}", køn "{sex}" og adressen "{address}"'))
def _person(f: FormPage, name: str, sex: str, address: str) -> None:
    result = f.page.locator("#f-cpr-lookup")
    expect(result.locator("dd")).to_have_text([name, sex, re.compile(re.escape(address))])


@then(parsers.parse('siden husker, at der er slået op på "{cpr}"'))
def _remembered(f: FormPage, cpr: str) -> None:
    expect(f.page.locator("#skema")).to_have_attribute("data-cpr-lookup", cpr)


@then("siden husker intet opslag")
def _not_remembered(f: FormPage) -> None:
    expect(f.page.locator("#skema")).not_to_have_attribute("data-cpr-lookup", re.compile(".*"))


@then(parsers.parse('siger opslaget "{message}"'))
def _lookup_says(f: FormPage, message: str) -> None:
    expect(f.page.locator("#f-cpr-lookup")).to_have_text(message)


@then(parsers.re(r'står der "(?P<value>[^"]*)" i feltet "(?P<label>[^"]+)"'))
def _value(f: FormPage, value: str, label: str) -> None:
    expect(_control(f, label)).to_have_value(value)


@then(parsers.re(r"viser tabellen (?P<count>\d+) enhed(er)?"))
def _rows(f: FormPage, count: str) -> None:
    expect(_dialog(f).locator("tbody tr")).to_have_count(int(count))


@then(parsers.re(r"viser tabellen mindst (?P<count>\d+) enhed(er)?"))
def _at_least(f: FormPage, count: str) -> None:
    expect(_dialog(f).locator("tbody tr").nth(int(count) - 1)).to_be_visible()


def _column(f: FormPage, column: str) -> list[str]:
    index = SOR_COLUMNS.index(column)
    return [row.split("\t")[index] for row in _dialog(f).locator("tbody tr").all_inner_texts()]


@then(parsers.parse('kolonnen "{column}" viser "{value}" i hver række'))
def _column_is(f: FormPage, column: str, value: str) -> None:
    assert set(_column(f, column)) == {value}


@then(parsers.parse('kolonnen "{column}" indeholder "{value}" i hver række'))
def _column_holds(f: FormPage, column: str, value: str) -> None:
    assert all(value in cell for cell in _column(f, column))


@then(parsers.parse('siger dialogen "{message}"'))
def _dialog_says(f: FormPage, message: str) -> None:
    expect(f.page.locator("#sor-status")).to_have_text(message)


@then(parsers.parse('foreslår listen "{first}" og "{second}"'))
def _suggests(f: FormPage, first: str, second: str) -> None:
    expect(f.page.get_by_role("listbox").get_by_role("option")).to_have_text([first, second])


@then(parsers.parse('foreslår listen først "{first}"'))
def _suggests_first(f: FormPage, first: str) -> None:
    expect(f.page.get_by_role("listbox").get_by_role("option").first).to_have_text(first)


@then(parsers.re(r'(står )?teksten "(?P<text>[^"]*)" (står )?under feltet "(?P<label>[^"]*)"'))
def _code_text(f: FormPage, text: str, label: str) -> None:
    control_id = _control(f, label).get_attribute("id")
    expect(f.page.locator(f"#{control_id}-text")).to_have_text(text)


@then(parsers.parse('feltet "{label}" har fejlen "{message}"'))
def _field_error(f: FormPage, label: str, message: str) -> None:
    control_id = _control(f, label).get_attribute("id")
    expect(f.page.locator(f"#{control_id}-msg")).to_have_text(message)


_STATES = {
    "åbent og obligatorisk": ("open", True),
    "lukket": ("closed", False),
    "udfyldt automatisk": ("derived", None),
}


@then(parsers.parse('viser siden feltet "{label}" som {tilstand}'))
def _shown_as(f: FormPage, label: str, tilstand: str) -> None:
    state, required = _STATES[tilstand]
    wrapper = f.page.locator(f'[data-field][data-label="{label}"]')
    expect(wrapper).to_have_attribute("data-state", state)
    if required is not None:
        (expect(wrapper).to_have_class if required else expect(wrapper).not_to_have_class)(
            re.compile(r"\bis-required\b")
        )
    if state == "derived":
        expect(_control(f, label)).to_be_disabled()


@then(parsers.parse('spørger siden "{question}"'))
def _asks(f: FormPage, question: str) -> None:
    dialog = f.page.get_by_role("dialog", name="Bekræft ændring")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(question)


@then("finder axe-core ingen fejl på siden")
def _no_axe_violations(f: FormPage) -> None:
    f.idle()
    assert f.axe_violations() == []


@then(parsers.parse('står enheden "{name}" ved feltet "{label}"'))
def _unit_name(f: FormPage, name: str, label: str) -> None:
    control_id = _control(f, label).get_attribute("id")
    expect(f.page.locator(f"#{control_id}-name")).to_have_text(f"Enhed: {name}")


@then(parsers.parse('advarer siden ved feltet "{label}": "{message}"'))
def _warns_beside(f: FormPage, label: str, message: str) -> None:
    control_id = _control(f, label).get_attribute("id")
    notice = f.page.locator(f"#{control_id}-name")
    expect(notice).to_have_text(message)
    expect(notice).to_have_class(re.compile(r"\bis-unknown\b"))


@then(parsers.parse('nævner valideringen ikke "{text}"'))
def _verdict_silent(f: FormPage, text: str) -> None:
    expect(f.page.locator("#validation")).not_to_contain_text(text)
    expect(f.page.locator("#validation-errors li").first).to_be_visible()  # the verdict is there


@then(parsers.parse('samler feltet "{label}" valgmulighederne "{first}" til "{last}" under "{shared}"'))
def _grouped(f: FormPage, label: str, first: str, last: str, shared: str) -> None:
    control = _control(f, label)
    group = control.locator(f'optgroup[label="{shared}"]')
    options = group.locator("option").all_inner_texts()
    assert options[0] == first and options[-1] == last, options
    assert control.locator("optgroup").count() >= 1
    assert shared not in "".join(control.locator("option").all_inner_texts())


@then(parsers.parse("står vejledningen i {paragraphs:d} afsnit og {items:d} punkter"))
def _guidance(f: FormPage, paragraphs: int, items: int) -> None:
    guidance = f.page.locator("#guidance")
    expect(guidance).to_have_attribute("open", "")
    expect(guidance.locator(".guidance-text > p")).to_have_count(paragraphs)
    expect(guidance.locator(".guidance-text li")).to_have_count(items)
    for text in guidance.locator(".guidance-text > p, .guidance-text li").all_inner_texts():
        assert "\n" not in text


@when("jeg folder vejledningen sammen")
def _fold(f: FormPage) -> None:
    f.page.locator("#guidance summary").click()


@then("er vejledningen foldet sammen, også når siden hentes igen")
def _folded(f: FormPage) -> None:
    expect(f.page.locator("#guidance")).not_to_have_attribute("open", re.compile(".*"))
    f.page.reload()
    expect(f.page.locator("#guidance")).not_to_have_attribute("open", re.compile(".*"))


@then(parsers.parse('viser kalenderen "{month}" med ugedagene "{days}"'))
def _calendar(f: FormPage, month: str, days: str) -> None:
    dialog = f.page.get_by_role("dialog", name=re.compile("^Vælg "))
    expect(dialog.locator("#calendar-month")).to_have_text(month)
    expect(dialog.get_by_role("columnheader")).to_have_text(days.split())
    f.screenshot("kalender-cancer")


@when("jeg henter siden igen")
def _reload(f: FormPage) -> None:
    f.page.wait_for_function(
        "() => Object.keys(localStorage).some((key) => key.startsWith('indberet.draft.'))"
    )
    f.page.on("dialog", lambda dialog: dialog.accept())  # »Vil du forlade siden?«
    f.page.reload()


@then(parsers.parse('spørger siden "{question}" øverst'))
def _offers(f: FormPage, question: str) -> None:
    expect(f.page.get_by_role("region", name=question)).to_be_visible()
    assert "120355" not in str(f.page.evaluate("() => JSON.stringify(localStorage)"))


@then(parsers.parse('viser indholdsfortegnelsen "{first}" og "{second}"'))
def _toc(f: FormPage, first: str, second: str) -> None:
    links = f.page.get_by_role("navigation", name="Indhold").get_by_role("link")
    expect(links.filter(has_text=first.split()[0])).to_have_text(first)
    expect(links.filter(has_text=second.split()[0])).to_have_text(second)


@then(parsers.parse('står "{button}" i handlingslinjen øverst, også når siden er rullet til bunden'))
def _bar(f: FormPage, button: str) -> None:
    f.page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    f.page.wait_for_function("() => window.scrollY > 0")
    expect(f.page.locator("#action-bar").get_by_role("button", name=button)).to_be_in_viewport()


@then(parsers.parse("kan siden ses i {wide:d} og {narrow:d} punkters bredde"))
def _widths(f: FormPage, wide: int, narrow: int) -> None:
    for width in (wide, narrow):
        f.page.set_viewport_size({"width": width, "height": 900})
        f.page.evaluate("() => window.scrollTo(0, 0)")
        assert f.page.evaluate("() => document.documentElement.scrollWidth") <= width
        f.screenshot(f"cancer-{width}")
