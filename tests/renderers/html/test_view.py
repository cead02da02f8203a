"""The view model (renderers/html/view.py): each field's value and state, from the engine's result; drawn
for the form of the page tests (tests/fixtures/forms/side/)."""

from __future__ import annotations

from typing import Any

from engine.form import CompiledForm, validate
from renderers.html.view import FieldView, build_sections, danish_date


def _fields(
    form: CompiledForm, payload: dict[str, Any], lookups: frozenset[str] = frozenset({"cpr"})
) -> dict[str, FieldView]:
    sections = build_sections(form, payload, validate(form, payload), lookups)
    return {f.field.id: f for section in sections for f in section.fields}


def test_danish_date() -> None:
    assert danish_date("2024-03-04") == "04-03-2024"
    assert danish_date("04-03-2024") == "04-03-2024"
    assert danish_date(None) == ""
    assert danish_date(20240304) == "20240304"


def test_an_empty_form(form: CompiledForm) -> None:
    fields = _fields(form, {})
    assert fields["cpr"].state == "open" and fields["cpr"].required and fields["cpr"].lookup == "cpr"
    assert fields["side"].state == "closed" and not fields["side"].required
    assert fields["farve"].required and not fields["enhed"].required
    assert fields["start"].clears == form.clears("start") != ()
    assert fields["start"].confirm == form.spec.field("start").on_change.confirm  # type: ignore[union-attr]
    assert fields["farve"].widget == "search" and fields["farve"].options == ()
    assert [option.code for option in fields["styrke"].options] == list(form.codelists["styrker"].codes)


def test_a_look_up_is_drawn_where_the_spec_asks_and_the_server_offers_it(form: CompiledForm) -> None:
    both = _fields(form, {}, frozenset({"cpr", "sor"}))
    assert (both["cpr"].lookup, both["enhed"].lookup) == ("cpr", "sor")
    assert [f for f, view in both.items() if view.lookup] == ["cpr", "enhed"]
    assert _fields(form, {})["enhed"].lookup is None
    assert _fields(form, {}, frozenset())["cpr"].lookup is None


def test_a_derived_value_is_shown_and_not_editable(form: CompiledForm) -> None:
    fields = _fields(form, {"farve": "GRO1", "start": "2024-03-04"})
    assert (fields["styrke"].state, fields["styrke"].value) == ("derived", "S2")
    assert fields["styrke"].value_text == "Mellem"
    assert fields["styrke"].disabled
    assert fields["start"].value == "04-03-2024"
    assert (fields["farve"].value, fields["farve"].value_text) == ("GRO1", "Grøn, lys")


def test_a_group_has_a_row_per_code_of_its_key_list(form: CompiledForm) -> None:
    payload = {"behandlinger": [{"kode": "STRA", "startdato": "2024-04-15"}]}
    group = _fields(form, payload)["behandlinger"]
    assert group.key == "kode"
    assert [row.key for row in group.rows] == ["KEMO", "STRA", "HORM", "ANDEN"]
    ticked = group.rows[1]
    assert (ticked.checked, ticked.dom_id, ticked.text) == (True, "f-behandlinger-STRA", "Strålebehandling")
    (date,) = ticked.items
    assert (date.dom_id, date.value, date.state, date.required, date.item) == (
        "f-behandlinger-STRA-startdato",
        "15-04-2024",
        "open",
        True,
        True,
    )
    assert date.label_suffix == " – Strålebehandling"
    assert group.rows[0].items[0].state == "closed"


def test_codes_and_odd_values(form: CompiledForm) -> None:
    fields = _fields(form, {"grundlag": ["OP", 7], "enhed": 12})
    assert fields["grundlag"].values == ("OP",)
    assert fields["enhed"].value == "12"
