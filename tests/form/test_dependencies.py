"""Which fields a rule reads, and the order fields are decided in (engine/form/dependencies.py)."""

from __future__ import annotations

import pytest

from engine.form import CompiledForm
from engine.form.dependencies import (
    dependencies,
    evaluation_order,
    field_rules,
    judging_reads,
    operator_names,
    reaches,
    rule_reads,
    uses,
)
from tests.conftest import Build

COLOURS = "ROD;Rød;;\nBLA;Blå;;\n"

# b's condition reads farve through a definition; c's mandatory rule and check read d and dato; an item
# of the group reads the form's dato (its own kode is the item's own).
READS = """
definitions:
  er_rod: {rule: {"==": [{var: farve}, ROD]}}
  roed_og_dato: {rule: {and: [{use: er_rod}, {var: dato}]}}
sections:
  - id: s
    title: S
    fields:
      - {id: b, type: text, label: B, open_if: {use: er_rod}}
      - {id: farve, type: code, label: Farve, codelist: farver}
      - {id: dato, type: date, label: Dato}
      - id: c
        type: text
        label: C
        required: {"!": {var: d}}
        checks:
          - {id: c_dato, when: {"==": [{var: dato}, "2024-01-01"]}, message: "c_dato"}
      - {id: d, type: text, label: D, derive: {if: [{use: roed_og_dato}, x, null]}}
      - id: ting
        type: group
        label: Ting
        fields:
          - {id: kode, type: code, label: Kode, codelist: farver}
          - id: dag
            type: date
            label: Dag
            open_if: {"==": [{var: kode}, ROD]}
            required: {"!!": [{var: dato}]}
"""


@pytest.fixture
def form(build: Build) -> CompiledForm:
    return build(READS, {"farver": COLOURS})


def test_uses_finds_every_definition_a_rule_names_with_its_path() -> None:
    rule = {"and": [{"use": "a"}, {"!": {"use": "b"}}, {"var": "use"}]}
    assert list(uses(rule)) == [("a", ("and", 0, "use")), ("b", ("and", 1, "!", "use"))]


def test_operator_names_look_inside_the_definitions_used(form: CompiledForm) -> None:
    assert list(operator_names({"use": "roed_og_dato"}, form.spec)) == [
        "use",
        "and",
        "use",
        "==",
        "var",
        "var",
    ]


@pytest.mark.parametrize(
    ("rule", "reads"),
    [
        (None, set()),
        (True, set()),
        ({"var": "farve"}, {"farve"}),
        ({"use": "er_rod"}, {"farve"}),  # through a definition
        ({"use": "roed_og_dato"}, {"farve", "dato"}),  # through a definition that uses another
        ({"var": "ting.0.kode"}, {"ting"}),  # a dotted name reads its first part
        ({"var": {"cat": ["far", "ve"]}}, {"*"}),  # a computed name could be any field
        ({"some": [{"var": "ting"}, {"==": [{"var": "kode"}, "ROD"]}]}, {"ting"}),  # kode is the item's
    ],
)
def test_rule_reads(form: CompiledForm, rule: object, reads: set[str]) -> None:
    assert rule_reads(rule, form.spec, form.operators) == reads


def test_field_rules_decide_then_judge(form: CompiledForm) -> None:
    c, d = form.spec.field("c"), form.spec.field("d")
    assert [kind for kind, _ in field_rules(c)] == []
    assert [kind for kind, _ in field_rules(c, judging=True)] == ["required", "when"]
    assert [kind for kind, _ in field_rules(d)] == ["derive"]


def test_dependencies_are_what_openness_and_derived_values_read(form: CompiledForm) -> None:
    assert dependencies(form.spec, form.operators) == {
        "b": {"farve"},
        "farve": set(),
        "dato": set(),
        "c": set(),  # its mandatory rule and check judge; they do not decide
        "d": {"farve", "dato"},
        "ting": {"dato"},  # everything its items read outside the item, judging rules too
    }


def test_judging_reads_are_what_mandatory_rules_and_checks_read(form: CompiledForm) -> None:
    assert judging_reads(form.spec, form.operators)["c"] == {"d", "dato"}
    assert judging_reads(form.spec, form.operators)["b"] == set()


def test_the_order_puts_each_field_after_what_it_reads(form: CompiledForm) -> None:
    order, cycle = evaluation_order(form.spec, dependencies(form.spec, form.operators))
    assert order == ["farve", "b", "dato", "c", "d", "ting"]
    assert cycle is None


def test_judging_reads_are_settled_first_where_no_circle_forbids_it(form: CompiledForm) -> None:
    """c is judged as soon as it is settled when d is settled before it: so d moves up."""
    depends = dependencies(form.spec, form.operators)
    order, _ = evaluation_order(form.spec, depends, judging_reads(form.spec, form.operators))
    assert order == ["farve", "b", "dato", "d", "c", "ting"]
    # d would come before c, but d cannot be settled before c when it depends on c: then c stays.
    order, _ = evaluation_order(form.spec, {**depends, "d": {"c"}}, {"c": {"d"}})
    assert order.index("c") < order.index("d")


def test_a_circle_is_reported_not_followed(form: CompiledForm) -> None:
    order, cycle = evaluation_order(form.spec, {"b": {"c"}, "c": {"d"}, "d": {"b"}})
    assert cycle == ["b", "c", "d", "b"]
    assert sorted(order) == sorted(f.id for f in form.spec.fields)  # every field once, all the same


def test_reaches() -> None:
    depends = {"a": {"b"}, "b": {"c"}, "c": set(), "x": {"x"}}
    assert reaches(depends, "a", "c")
    assert not reaches(depends, "c", "a")
    assert reaches(depends, "x", "x")
