"""The frozen model of a spec (engine/spec/model.py): what a built form answers about its fields."""

from __future__ import annotations

import dataclasses

import pytest

from engine.spec.model import Field, FormSpec, Section
from engine.spec.yamlsource import SourceMap


def field(field_id: str, type_: str = "text", *items: Field) -> Field:
    return Field(field_id, type_, field_id.capitalize(), (), fields=items)  # type: ignore[arg-type]


@pytest.fixture
def spec() -> FormSpec:
    sections = (
        Section("a", "A", (field("navn"), field("farver", "codes")), ()),
        Section("b", "B", (field("ting", "group", field("kode", "code")),), ()),
    )
    return FormSpec(info=None, sections=sections, source=SourceMap("f.yaml", ""), file=None)  # type: ignore[arg-type]


def test_the_fields_of_every_section_in_form_order(spec: FormSpec) -> None:
    assert [f.id for f in spec.fields] == ["navn", "farver", "ting"]


def test_a_field_by_id_and_not_an_item_field(spec: FormSpec) -> None:
    assert spec.field("ting").fields[0].id == "kode"
    with pytest.raises(KeyError):
        spec.field("kode")


@pytest.mark.parametrize(
    ("type_", "multiple"), [("codes", True), ("group", True), ("code", False), ("text", False)]
)
def test_a_field_holds_several_values_when_it_is_a_list_of_codes_or_a_group(
    type_: str, multiple: bool
) -> None:
    assert field("x", type_).multiple is multiple


def test_the_model_is_frozen(spec: FormSpec) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.field("navn").label = "Andet"  # type: ignore[misc]
