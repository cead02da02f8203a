"""Judging payloads: open and closed fields, types, mandatory fields, derived values, codes, groups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.form import CompiledForm, validate
from tests.conftest import ITEM_RULES, Build, problems_of

COLOURS = "ROD;Rød;;\nBLA;Blå;;\nGUL;Gul;2020-01-01;2020-12-31\n"

BASIC = """
sections:
  - id: s
    title: S
    fields:
      - {id: dato, type: date, label: Dato, required: true}
      - {id: farve, type: code, label: Farve, codelist: farver, required: true}
      - id: nuance
        type: text
        label: Nuance
        open_if: {"==": [{var: farve}, ROD]}
        required: true
        max_length: 5
      - {id: flere, type: codes, label: Flere, codelist: farver}
      - id: auto
        type: code
        label: Auto
        codelist: farver
        derive: {if: [{"==": [{var: farve}, BLA]}, ROD, null]}
      - {id: kort, type: text, label: Kort, pattern: "^[A-Z]{2}$"}
"""


def findings(result: Any, kind: str = "errors") -> list[tuple[str, str, str]]:
    return [(f.field, f.rule, f.message) for f in getattr(result, kind)]


@pytest.fixture
def form(build: Build) -> CompiledForm:
    return build(BASIC, {"farver": COLOURS})


def test_a_complete_payload_is_valid(form: CompiledForm) -> None:
    result = validate(form, {"dato": "2024-03-04", "farve": "ROD", "nuance": "mørk"})
    assert result.valid
    assert result.open == ("dato", "farve", "nuance", "flere", "auto", "kort")
    assert result.required == ("dato", "farve", "nuance")
    assert result.as_json()["errors"] == []


def test_missing_mandatory_fields_are_errors_in_form_order(form: CompiledForm) -> None:
    assert findings(validate(form, {})) == [
        ("dato", "dato.required", "required Dato"),
        ("farve", "farve.required", "required Farve"),
    ]


@pytest.mark.parametrize("empty", [None, "", []])
def test_null_empty_text_and_empty_list_mean_not_given(form: CompiledForm, empty: Any) -> None:
    result = validate(form, {"dato": empty, "farve": "BLA", "flere": empty})
    assert findings(result) == [("dato", "dato.required", "required Dato")]


def test_a_closed_field_with_a_value_is_an_error_and_counts_as_not_given(form: CompiledForm) -> None:
    result = validate(form, {"dato": "2024-03-04", "farve": "BLA", "nuance": "lys"})
    assert findings(result) == [("nuance", "nuance.closed", "closed Nuance lys")]
    assert "nuance" not in result.open


def test_a_derived_value_is_filled_in_and_a_different_one_is_an_error(form: CompiledForm) -> None:
    assert validate(form, {"dato": "2024-03-04", "farve": "BLA"}).derived == {"auto": "ROD"}
    result = validate(form, {"dato": "2024-03-04", "farve": "BLA", "auto": "BLA"})
    assert findings(result) == [("auto", "auto.derived", "derived Auto ROD BLA")]
    assert result.derived == {"auto": "ROD"}


def test_the_derived_value_given_as_is_is_fine(form: CompiledForm) -> None:
    result = validate(form, {"dato": "2024-03-04", "farve": "BLA", "auto": "ROD"})
    assert result.valid
    assert result.derived == {"auto": "ROD"}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("dato", "04-03-2024", ("dato", "dato.type_date", "type_date Dato 04-03-2024")),
        ("dato", "2024-02-30", ("dato", "dato.type_date", "type_date Dato 2024-02-30")),
        ("dato", "20240304", ("dato", "dato.type_date", "type_date Dato 20240304")),
        ("dato", 20240304, ("dato", "dato.type_date", "type_date Dato 20240304")),
        ("farve", ["ROD"], ("farve", "farve.type_code", "type_code Farve")),
        ("farve", 7, ("farve", "farve.type_code", "type_code Farve")),
        ("flere", "ROD", ("flere", "flere.type_codes", "type_codes Flere")),
        ("flere", ["ROD", 1], ("flere", "flere.type_codes", "type_codes Flere")),
        ("kort", {"a": 1}, ("kort", "kort.type_text", "type_text Kort")),
    ],
)
def test_a_wrong_type_is_an_error_on_that_field_only(
    form: CompiledForm, field: str, value: Any, expected: tuple[str, str, str]
) -> None:
    payload = {"dato": "2024-03-04", "farve": "BLA", field: value}
    assert findings(validate(form, payload)) == [expected]


def test_codes_outside_the_list_and_duplicates(form: CompiledForm) -> None:
    result = validate(form, {"dato": "2024-03-04", "farve": "LILLA", "flere": ["ROD", "XX", "ROD"]})
    assert findings(result) == [
        ("farve", "farve.codelist", "codelist Farve LILLA"),
        ("flere[1]", "flere.codelist", "codelist Flere XX"),
        ("flere[2]", "flere.unique", "unique flere[2] ROD flere[0]"),
    ]


def test_without_a_reference_date_validity_periods_are_not_judged(form: CompiledForm) -> None:
    assert validate(form, {"dato": "2024-03-04", "farve": "GUL"}).valid


def test_a_code_is_judged_by_its_validity_on_the_reference_date(build: Build) -> None:
    form = build(BASIC, {"farver": COLOURS}, form_extra=", reference_date: dato")
    assert validate(form, {"dato": "2020-06-30", "farve": "GUL"}).valid
    assert findings(validate(form, {"dato": "2021-01-01", "farve": "GUL"})) == [
        ("farve", "farve.code_not_valid", "code_not_valid GUL 01-01-2021")
    ]


def test_max_length_and_pattern(form: CompiledForm) -> None:
    result = validate(form, {"dato": "2024-03-04", "farve": "ROD", "nuance": "meget mørk", "kort": "abc"})
    assert findings(result) == [
        ("nuance", "nuance.max_length", "max_length Nuance 5"),
        ("kort", "kort.pattern", "pattern Kort abc"),
    ]


def test_unknown_keys_are_errors(form: CompiledForm) -> None:
    result = validate(form, {"dato": "2024-03-04", "farve": "ROD", "nuance": "x", "farven": "ROD"})
    assert findings(result) == [("farven", "unknown_field", "unknown_field farven")]


@pytest.mark.parametrize(
    ("payload", "actual"), [([], "array"), ("x", "string"), (None, "null"), (3, "number")]
)
def test_a_payload_that_is_not_an_object(form: CompiledForm, payload: Any, actual: str) -> None:
    assert findings(validate(form, payload)) == [("", "not_object", f"not_object {actual}")]


def test_the_json_shape_of_a_result(form: CompiledForm) -> None:
    assert validate(form, {"dato": "2024-03-04", "farve": "BLA", "auto": "BLA"}).as_json() == {
        "valid": False,
        "errors": [
            {
                "field": "auto",
                "rule": "auto.derived",
                "manual": None,
                "message": "derived Auto ROD BLA",
                "severity": "error",
            }
        ],
        "warnings": [],
        "derived": {"auto": "ROD"},
        "open": ["dato", "farve", "flere", "auto", "kort"],
        "required": ["dato", "farve"],
        "normalized": {},
        "items": {},
    }


GROUP = """
sections:
  - id: s
    title: S
    fields:
      - {id: start, type: date, label: Start}
      - id: ting
        type: group
        label: Ting
        manual: F21
        unique_by: kode
        fields:
          - {id: kode, type: code, label: Kode, codelist: farver, required: true}
          - id: dato
            type: date
            label: Dato
            required: true
            checks:
              - id: foer_start
                severity: warning
                when: {"<": [{var: dato}, {var: start}]}
                message: "før start {value}"
      - id: tekst
        type: text
        label: Tekst
        open_if: {some: [{var: ting}, {"==": [{var: kode}, BLA]}]}
"""


def test_group_items_are_judged_with_paths(build: Build) -> None:
    form = build(GROUP, {"farver": COLOURS})
    payload = {
        "start": "2024-01-10",
        "ting": [
            {"kode": "ROD", "dato": "2024-01-01"},
            {"kode": "ROD"},
            "x",
            {"kode": "XX", "dato": 5, "y": 1},
        ],
    }
    result = validate(form, payload)
    assert findings(result) == [  # item by item, then across items
        ("ting[1].dato", "dato.required", "required Dato"),
        ("ting[2]", "ting.type_item", "type_item ting[2]"),
        ("ting[3].y", "unknown_field", "unknown_field ting[3].y"),
        ("ting[3].kode", "kode.codelist", "codelist Kode XX"),
        ("ting[3].dato", "dato.type_date", "type_date Dato 5"),
        ("ting[1].kode", "kode.unique", "unique ting[1].kode ROD ting[0].kode"),
    ]
    assert findings(result, "warnings") == [("ting[0].dato", "foer_start", "før start 2024-01-01")]
    assert result.errors[0].manual == "F21"


def test_a_rule_over_the_items_opens_a_field(build: Build) -> None:
    form = build(GROUP, {"farver": COLOURS})
    assert "tekst" not in validate(form, {"ting": [{"kode": "ROD", "dato": "2024-01-01"}]}).open
    assert "tekst" in validate(form, {"ting": [{"kode": "BLA", "dato": "2024-01-01"}]}).open


def test_each_item_says_which_of_its_fields_are_open_and_mandatory(build: Build) -> None:
    """An item field's condition and mandatory rule are judged per item, and the result says so per item
    (the page marks the item fields by it, as it marks the form's fields by ``open`` and ``required``)."""
    form = build(ITEM_RULES, {"farver": COLOURS})
    payload = {"start": "2024-01-10", "ting": [{"kode": "BLA", "dato": "2024-02-01"}, {"kode": "ROD"}, 7]}
    result = validate(form, payload)
    assert result.as_json()["items"] == {
        "ting": [
            {"open": ["kode", "nuance", "dato"], "required": ["kode", "dato"]},
            {"open": ["kode", "dato"], "required": ["kode", "dato"]},
            None,
        ]
    }
    without_start = validate(form, {"ting": [{"kode": "ROD", "nuance": "lys"}]})
    assert without_start.items == {"ting": [{"open": ["kode", "dato", "bemaerkning"], "required": ["kode"]}]}
    assert findings(without_start) == [
        ("ting[0].nuance", "nuance.closed", "closed Nuance lys"),
    ]
    assert validate(form, {"start": "2024-01-10"}).items == {}  # no items given, nothing to say


def test_a_group_that_is_not_a_list(build: Build) -> None:
    form = build(GROUP, {"farver": COLOURS})
    assert findings(validate(form, {"ting": {"kode": "ROD"}})) == [
        ("ting", "ting.type_group", "type_group Ting")
    ]


# -- a message about one item of a group names it (item_name) --------------------------------------------
NAMED_ITEMS = ITEM_RULES.replace(
    "        unique_by: kode\n",
    '        unique_by: kode\n        item_name: {named: "Ting »{text}« ({code})", unnamed: "Ting nr. {number}"}\n',
)


def test_every_message_about_an_item_names_it(build: Build) -> None:
    form = build(NAMED_ITEMS, {"farver": COLOURS})
    payload = {"start": "2024-03-04", "ting": [{"kode": "ROD"}, {"dato": "2024-03-05"}, "x", {"kode": "ROD"}]}
    assert [(f.field, f.message) for f in validate(form, payload).errors] == [
        ("ting[0].dato", "Ting »Rød« (ROD): required Dato"),
        ("ting[1].kode", "Ting nr. 2: required Kode"),
        ("ting[2]", "Ting nr. 3: type_item ting[2]"),
        ("ting[3].dato", "Ting »Rød« (ROD): required Dato"),
        ("ting[3].kode", "Ting »Rød« (ROD): unique ting[3].kode ROD ting[0].kode"),
    ]


def test_without_an_item_name_messages_are_as_written(build: Build) -> None:
    form = build(ITEM_RULES, {"farver": COLOURS})
    (error,) = validate(form, {"start": "2024-03-04", "ting": [{"kode": "ROD"}]}).errors
    assert error.message == "required Dato"


def test_an_item_name_may_use_only_what_it_knows(tmp_path: Path) -> None:
    body = NAMED_ITEMS.replace("Ting nr. {number}", "Ting {text}")
    assert problems_of(tmp_path, body, {"farver": COLOURS}) == [
        '45:63: the item name uses "{text}", which is not known here — use {number}'
    ]
