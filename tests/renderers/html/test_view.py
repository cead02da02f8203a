"""The view model (renderers/html/view.py): each field's value and state, from the engine's result."""

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
    assert fields["lateralitet"].state == "closed" and not fields["lateralitet"].required
    assert fields["ydernummer"].required and not fields["sor_kode"].required
    assert fields["dato_foerste_kontakt"].clears == form.clears("dato_foerste_kontakt")
    assert fields["dato_foerste_kontakt"].confirm.startswith("Når dato for første kontakt ændres")
    assert fields["diagnose"].widget == "search" and fields["diagnose"].options == ()


def test_a_look_up_is_drawn_where_the_spec_asks_and_the_server_offers_it(form: CompiledForm) -> None:
    both = _fields(form, {}, frozenset({"cpr", "sor"}))
    assert (both["cpr"].lookup, both["sor_kode"].lookup) == ("cpr", "sor")
    assert [f for f, view in both.items() if view.lookup] == ["cpr", "sor_kode"]
    assert _fields(form, {})["sor_kode"].lookup is None
    assert _fields(form, {}, frozenset())["cpr"].lookup is None


def test_a_derived_value_is_shown_and_not_editable(form: CompiledForm) -> None:
    fields = _fields(form, {"diagnose": "DD051", "dato_foerste_kontakt": "2024-03-04"})
    assert (fields["t_stadie"].state, fields["t_stadie"].value) == ("derived", "AZCD12")
    assert fields["t_stadie"].value_text == "cTis: Carcinoma in situ"
    assert fields["t_stadie"].disabled
    assert fields["dato_foerste_kontakt"].value == "04-03-2024"
    assert (fields["diagnose"].value, fields["diagnose"].value_text) == (
        "DD051",
        "Intraduktalt carcinoma in situ i mamma",
    )


def test_a_group_has_a_row_per_code_of_its_key_list(form: CompiledForm) -> None:
    payload = {"behandlinger": [{"kode": "BWHA", "startdato": "2024-04-15"}]}
    group = _fields(form, payload)["behandlinger"]
    assert group.key == "kode"
    assert [row.key for row in group.rows] == ["BWG", "BWHA", "BWHB", "BWHC", "BOHJ", "ANDEN"]
    ticked = group.rows[1]
    assert (ticked.checked, ticked.dom_id, ticked.text) == (
        True,
        "f-behandlinger-BWHA",
        "Kemoterapi (cytostatisk behandling)",
    )
    (date,) = ticked.items
    assert (date.dom_id, date.value, date.state, date.required, date.item) == (
        "f-behandlinger-BWHA-startdato",
        "15-04-2024",
        "open",
        True,
        True,
    )
    assert date.label_suffix == " – Kemoterapi (cytostatisk behandling)"
    assert group.rows[0].items[0].state == "closed"


def test_codes_and_odd_values(form: CompiledForm) -> None:
    fields = _fields(form, {"makroskopisk_grundlag": ["AZCK0", 7], "ydernummer": 12})
    assert fields["makroskopisk_grundlag"].values == ("AZCK0",)
    assert fields["ydernummer"].value == "12"
