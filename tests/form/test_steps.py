"""The validator's walk, built once per form (engine/form/steps.py): one step per field, and what waits."""

from __future__ import annotations

import dataclasses

import pytest

from engine.form import CompiledForm
from engine.form.compiled import FieldPlan, Step
from engine.form.steps import build_steps
from tests.conftest import Build

COLOURS = "ROD;Rød;;\nBLA;Blå;;\nGUL;Gul;2020-01-01;2020-12-31\n"

# In form order: a's mandatory rule reads b, its check reads c, both settled after a; kort has a pattern,
# lang a maximum length, farve a plain code list with one code that has a validity period.
WALK = """
sections:
  - id: s
    title: S
    fields:
      - id: a
        type: text
        label: A
        required: {"!": {var: b}}
        checks:
          - {id: a_c, when: {"==": [{var: c}, x]}, message: "a_c"}
          - {id: a_selv, when: {"==": [{var: a}, x]}, message: "a_selv"}
      - {id: b, type: text, label: B}
      - {id: c, type: text, label: C}
      - {id: kort, type: text, label: Kort, pattern: "^[A-Z]{2}$"}
      - {id: lang, type: text, label: Lang, max_length: 3}
      - {id: farve, type: code, label: Farve, codelist: farver}
      - {id: dato, type: date, label: Dato, normalize: [{pattern: "^x$", replace: "y"}]}
      - {id: afledt, type: text, label: Afledt, derive: {var: b}}
"""


@pytest.fixture
def form(build: Build) -> CompiledForm:
    return build(WALK, {"farver": COLOURS})


def plans(form: CompiledForm, *ids: str) -> list[FieldPlan]:
    return [form.plan(field_id) for field_id in ids]


def by_id(steps: tuple[Step, ...]) -> dict[str, Step]:
    return {step.id: step for step in steps}


def test_one_step_per_field_in_the_order_given(form: CompiledForm) -> None:
    steps, _ = build_steps(plans(form, "c", "b", "a"))
    assert [step.id for step in steps] == ["c", "b", "a"]
    assert [step.plan.id for step in steps] == ["c", "b", "a"]


def test_a_rule_that_reads_a_field_settled_later_waits(form: CompiledForm) -> None:
    steps, late = build_steps(plans(form, "a", "b", "c"))
    a = by_id(steps)["a"]
    assert a.required is None  # judged late instead
    assert a.extra is not None and [check.id for check in a.extra.checks] == ["a_selv"]
    assert [(entry.kind, entry.plan.id, entry.check.id if entry.check else None) for entry in late] == [
        ("required", "a", None),
        ("check", "a", "a_c"),
    ]


def test_a_rule_whose_fields_are_settled_is_judged_in_its_step(form: CompiledForm) -> None:
    steps, late = build_steps(plans(form, "b", "c", "a"))
    a = by_id(steps)["a"]
    assert a.required is form.plan("a").is_required
    assert a.extra is not None and [check.id for check in a.extra.checks] == ["a_c", "a_selv"]
    assert late == ()


def test_names_settled_before_the_walk_count_as_settled(form: CompiledForm) -> None:
    """The items of a group are walked with the form's fields already settled."""
    _, late = build_steps(plans(form, "a"), settled_before=("b", "c"))
    assert late == ()


def test_a_rule_that_could_read_any_field_always_waits(form: CompiledForm) -> None:
    """``*``: a name computed when the rule runs (lint refuses it in a spec; the walk stays safe)."""
    anything = dataclasses.replace(form.plan("a"), required_reads=frozenset({"*"}))
    _, late = build_steps([form.plan("b"), form.plan("c"), anything])
    assert [(entry.kind, entry.plan.id) for entry in late] == [("required", "a")]


def test_a_plain_field_has_no_extra_work(form: CompiledForm) -> None:
    step = by_id(build_steps(plans(form, "b"))[0])["b"]
    assert step.extra is None
    assert step.plain_type is str
    assert step.codes is None


def test_a_plain_code_field_is_judged_by_a_set_without_the_codes_that_have_a_validity_period(
    form: CompiledForm,
) -> None:
    step = by_id(build_steps(plans(form, "farve"))[0])["farve"]
    assert step.codes == frozenset({"ROD", "BLA"})  # GUL has a validity period: judged in full
    assert step.extra is None
    assert step.plain_type is str


def test_a_pattern_or_a_length_is_more_than_a_plain_value(form: CompiledForm) -> None:
    steps = by_id(build_steps(plans(form, "kort", "lang"))[0])
    for field_id in ("kort", "lang"):
        extra = steps[field_id].extra
        assert extra is not None and extra.constrained, field_id
        assert steps[field_id].codes is None


def test_normalising_and_deriving_are_extra_work(form: CompiledForm) -> None:
    steps = by_id(build_steps(plans(form, "dato", "b", "afledt"))[0])
    dato, afledt = steps["dato"], steps["afledt"]
    assert dato.extra is not None and dato.extra.refine and dato.plain_type is None
    assert afledt.extra is not None and afledt.extra.derive is form.plan("afledt").derive


def test_codes_with_a_validity_period_wait_for_the_reference_date(form: CompiledForm) -> None:
    steps, late = build_steps(plans(form, "farve", "dato"), reference_date="dato")
    farve = by_id(steps)["farve"]
    assert farve.codes is None and farve.extra is None
    assert [(entry.kind, entry.plan.id) for entry in late] == [("constraints", "farve")]
    steps, late = build_steps(plans(form, "dato", "farve"), reference_date="dato")
    assert by_id(steps)["farve"].codes == frozenset({"ROD", "BLA"})
    assert late == ()


def test_the_compiled_form_walks_its_fields_in_their_evaluation_order(form: CompiledForm) -> None:
    assert [step.id for step in form.steps] == [plan.id for plan in form.order]
    assert form.late == ()  # b and c are settled before a, as a's rules read them
