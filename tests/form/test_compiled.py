"""The compiled form's own answers (engine/form/compiled.py): a field's plan, its place, what a change clears."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from engine.form import CompiledForm
from tests.conftest import Build

FORM = """
sections:
  - id: s
    title: S
    fields:
      - {id: navn, type: text, label: Navn}
      - id: start
        type: date
        label: Start
        on_change: {clears: following, confirm: "Ryd?"}
      - {id: note, type: text, label: Note}
      - id: ting
        type: group
        label: Ting
        fields:
          - {id: dag, type: date, label: Dag}
"""


@dataclass(frozen=True)
class Finding:
    field: str


@pytest.fixture
def form(build: Build) -> CompiledForm:
    return build(FORM)


def test_plan_by_id(form: CompiledForm) -> None:
    assert form.plan("note").field.label == "Note"
    with pytest.raises(KeyError):
        form.plan("dag")  # an item field has no plan of its own at the top


@pytest.mark.parametrize(
    ("field", "position"),
    [("navn", 0), ("note", 2), ("ting", 3), ("ting[1]", 3), ("ting[0].dag", 3), ("", -1), ("ukendt", 4)],
)
def test_a_findings_position_is_its_fields_place_in_the_form(
    form: CompiledForm, field: str, position: int
) -> None:
    assert form.position(Finding(field)) == position


def test_clears_lists_the_fields_a_change_empties(form: CompiledForm) -> None:
    assert form.clears("start") == ("note", "ting")  # "following": every field below, in form order
    assert form.clears("navn") == ()
