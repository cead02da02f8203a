"""»Valider« on the page (tests/fixtures/forms/side/): red, yellow and blue boxes, links to the fields, the API's
verdict."""

from __future__ import annotations

import json

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.pages import FormPage
from tests.web.accounts import wire_sign_in

pytestmark = pytest.mark.browser

EMPTY_FORM_ERRORS = [
    "CPR-nr. skal udfyldes.",
    "Startdato skal udfyldes.",
    "Farve skal udfyldes.",
    "Grundlag skal udfyldes.",
    "Undersøgelse skal udfyldes.",
]


def test_an_empty_form_gives_a_red_box_of_every_error(form_page: FormPage) -> None:
    f = form_page
    f.validate()
    errors = f.page.locator("#validation-errors")
    expect(errors).to_have_attribute("role", "alert")
    expect(errors.locator(".box-error h2")).to_have_text(
        "Skemaet har 5 fejl, som skal rettes, før det kan indberettes:"
    )
    expect(errors.get_by_role("link")).to_have_text(EMPTY_FORM_ERRORS)
    expect(f.page.locator("#validation-ok")).to_be_empty()
    expect(f.page.locator("#validation-warnings")).to_be_empty()
    expect(f.page.locator("#f-cpr-msg")).to_have_text("CPR-nr. skal udfyldes.")
    expect(f.control("cpr")).to_have_attribute("aria-invalid", "true")
    f.screenshot("valider-fejl")


def test_each_message_links_to_its_field(form_page: FormPage) -> None:
    f = form_page
    f.validate()
    errors = f.page.locator("#validation-errors")
    errors.get_by_role("link", name="Farve skal udfyldes.").click()
    expect(f.control("farve")).to_be_focused()
    errors.get_by_role("link", name="Undersøgelse skal udfyldes.").click()
    expect(f.page.locator("#f-undersoegelse-MI")).to_be_focused()


def test_a_message_inside_a_treatment_links_to_its_date(form_page: FormPage) -> None:
    f = form_page
    f.fill_date("start", "04-03-2024")
    f.tick("behandlinger", "STRA")
    f.tick("behandlinger", "KEMO")
    f.fill_date("behandlinger-KEMO-startdato", "01-03-2024")
    f.validate()
    errors = f.page.locator("#validation-errors")
    errors.get_by_role("link", name="Påbegyndt skal udfyldes.").click()
    expect(f.page.locator("#f-behandlinger-STRA-startdato")).to_be_focused()
    warnings = f.page.locator("#validation-warnings")
    warnings.get_by_role("link", name="Behandlingen er påbegyndt før startdatoen.").click()
    expect(f.page.locator("#f-behandlinger-KEMO-startdato")).to_be_focused()


def test_a_complete_form_is_validated_without_errors_in_a_blue_box(form_page: FormPage) -> None:
    f = form_page
    f.fill_complete()
    f.validate()
    ok = f.page.locator("#validation-ok")
    expect(ok).to_have_attribute("role", "status")
    expect(ok.locator(".box-ok")).to_have_text("Valideret uden fejl")
    expect(f.page.locator("#validation-errors")).to_be_empty()
    expect(f.page.locator("#validation-warnings")).to_be_empty()
    f.screenshot("valider-uden-fejl")


def test_a_substitute_cpr_number_gives_a_yellow_box_and_still_validates(form_page: FormPage) -> None:
    f = form_page
    f.fill_complete()
    f.fill_text("cpr", "020329-1WQ3")
    f.validate()
    warnings = f.page.locator("#validation-warnings")
    expect(warnings.locator(".box-warning h2")).to_have_text("Vær opmærksom på (1):")
    expect(warnings.get_by_role("link")).to_have_text(["»020329-1WQ3« er et erstatnings-CPR-nummer."])
    expect(f.page.locator("#validation-ok")).to_have_text("Valideret uden fejl")
    expect(f.page.locator("#validation-errors")).to_be_empty()
    f.screenshot("valider-advarsel")


def test_errors_and_warnings_together(form_page: FormPage) -> None:
    f = form_page
    f.fill_text("cpr", "020329-1WQ3")
    f.validate()
    expect(f.page.locator("#validation-errors .box-error li")).to_have_count(len(EMPTY_FORM_ERRORS) - 1)
    expect(f.page.locator("#validation-warnings .box-warning li")).to_have_count(1)
    expect(f.page.locator("#validation-ok")).to_be_empty()


def test_the_page_and_the_api_give_the_same_verdict(form_page: FormPage, server_url: str) -> None:
    f = form_page
    f.fill_text("cpr", "1203551009")
    f.fill_date("start", "15-06-2003")
    f.type_code("farve", "GRO")
    f.tick("behandlinger", "ANDEN")
    with f.page.expect_response("**/api/validate") as answer:
        f.validate()
    response = answer.value
    payload = json.loads(response.request.post_data or "")
    assert payload == {
        "cpr": "1203551009",
        "start": "2003-06-15",
        "farve": "GRO",
        "behandlinger": [{"kode": "ANDEN"}],
    }
    api = httpx.post(f"{server_url}/api/v1/validate", json=payload, headers=wire_sign_in(server_url))
    assert api.status_code == 200
    assert api.json() == response.json()
    assert api.json()["derived"] == {"styrke": "S2"}
