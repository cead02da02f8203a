"""Compiling a spec once into closures (engine/form/compile.py): plans, messages, order, and the problems
found on the way, returned rather than raised."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from engine.form import CompiledForm, validate
from engine.form.compile import compile_form
from engine.form.compiled import always
from engine.form.load import lint_form
from engine.rules import Operator, compile_rule
from engine.spec.build import build_form
from engine.spec.yamlsource import load_yaml
from tests.conftest import Build, write_spec

COLOURS = "ROD;Rød;;\nBLA;Blå;;\nGUL;Gul;2020-01-01;2020-12-31\n"

PLANS = """
code_sets:
  varme: {codes: [ROD, GU*]}
  listede: {codes: [GRA], codelist: kolde}
sections:
  - id: s
    title: S
    manual: "9"
    fields:
      - {id: altid, type: text, label: Altid, required: true, manual: R01}
      - {id: aldrig, type: text, label: Aldrig, required: false, open_if: true}
      - id: farve
        type: code
        label: Farve
        codelist: farver
        manual: R02
        messages:
          codelist: {message: "egen {value}", manual: R09}
        checks:
          - {id: farve_gul, when: {"==": [{var: farve}, GUL]}, message: "gul"}
          - {id: farve_slukket, when: false, message: "aldrig"}
      - {id: kort, type: code, label: Kort, codelist: farver, pattern: "^[A-Z]{3}$"}
      - {id: varm, type: text, label: Varm, open_if: {in_codes: [{var: farve}, varme]}}
      - {id: listet, type: text, label: Listet, open_if: {in_codes: [{var: farve}, listede]}}
      - id: ting
        type: group
        label: Ting
        manual: R03
        fields:
          - {id: kode, type: code, label: Kode, codelist: farver, required: true}
          - {id: note, type: text, label: Note}
"""


@pytest.fixture
def form(build: Build) -> CompiledForm:
    return build(PLANS, {"farver": COLOURS, "kolde": "BLA;Blå;;\n"})


def test_one_plan_per_top_level_field_in_form_order(form: CompiledForm) -> None:
    assert form.plan_ids == ("altid", "aldrig", "farve", "kort", "varm", "listet", "ting")
    assert [plan.id for plan in form.plans] == list(form.plan_ids)
    assert form.field_ids == frozenset(form.plan_ids)
    assert form.positions["farve"] == 2
    assert [item.id for item in form.plan("ting").items] == ["kode", "note"]
    assert form.plan("ting").item_ids == frozenset({"kode", "note"})


def test_true_and_false_become_no_call_at_all(form: CompiledForm) -> None:
    altid, aldrig = form.plan("altid"), form.plan("aldrig")
    assert altid.is_required is always and altid.is_open is None  # None: always open
    assert aldrig.is_required is None and aldrig.is_open is always
    assert form.always_required == frozenset({"altid"})
    assert form.item_fields == {"ting": (("kode", "note"), frozenset({"kode"}))}


def test_a_check_that_is_never_true_is_kept_and_never_fires(form: CompiledForm) -> None:
    checks = {check.id: check for check in form.plan("farve").checks}
    assert checks["farve_slukket"].when({"farve": "GUL"}) is False
    assert checks["farve_gul"].when({"farve": "GUL"}) is True


def test_messages_resolve_field_then_form_and_take_the_nearest_manual_id(form: CompiledForm) -> None:
    farve = form.plan("farve").messages
    assert (farve["codelist"].template, farve["codelist"].manual) == ("egen {value}", "R09")
    assert (farve["required"].template, farve["required"].manual) == ("required {label}", "R02")
    assert form.plan("farve").checks[0].message.manual == "R02"  # a check takes its field's id
    kode = form.plan("ting").items[0].messages["required"]
    assert kode.manual == "R03"  # an item field without its own id takes its group's
    assert form.plan("aldrig").messages["required"].manual is None  # a section's id is not a rule's
    judged = validate(form, {"ting": [{}], "farve": "LILLA"})
    assert [(e.field, e.manual, e.message) for e in judged.errors] == [
        ("altid", "R01", "required Altid"),
        ("farve", "R09", "egen LILLA"),
        ("ting[0].kode", "R03", "required Kode"),
    ]


def test_code_lists_are_bound_and_their_dated_codes_set_apart(form: CompiledForm) -> None:
    farve = form.plan("farve")
    assert farve.codelist is form.codelists["farver"]
    assert set(farve.bounded_codes) == {"GUL"}
    assert farve.plain_codes is not None and set(farve.plain_codes) == {"ROD", "BLA", "GUL"}
    assert form.plan("kort").plain_codes is None  # a pattern too: judged in full


def test_a_code_set_holds_its_patterns_and_its_list(form: CompiledForm) -> None:
    opened = {code: validate(form, {"farve": code}).open for code in ("ROD", "GUL", "BLA", "GRA", "LILLA")}
    assert {code: [f for f in fields if f in ("varm", "listet")] for code, fields in opened.items()} == {
        "ROD": ["varm"],
        "GUL": ["varm"],  # GU*: a pattern covers the code and its sub-codes
        "BLA": ["listet"],  # the set's list, kolde
        "GRA": ["listet"],  # the set's own code
        "LILLA": [],
    }


def counting_compiler(
    calls: dict[str, int], operators: Mapping[str, Operator]
) -> Callable[[Any], Callable[[Any], Any]]:
    """A rule compiler that counts how often each rule (by its JSON text) is evaluated."""

    def compile_counting(rule: Any) -> Callable[[Any], Any]:
        evaluator = compile_rule(rule, operators)
        key = repr(rule)

        def counted(data: Any) -> Any:
            calls[key] = calls.get(key, 0) + 1
            return evaluator(data)

        return counted

    return compile_counting


MEMO = """
sections:
  - id: s
    title: S
    fields:
      - {id: farve, type: code, label: Farve, codelist: farver}
      - {id: tekst, type: text, label: Tekst}
      - {id: efter_farve, type: text, label: A, open_if: {"==": [{var: farve}, ROD]}}
      - {id: efter_tekst, type: text, label: B, open_if: {"==": [{var: tekst}, ROD]}}
      - {id: efter_dag, type: text, label: C, open_if: {"<": [{var: farve}, {today: []}]}}
"""


@pytest.mark.parametrize(("memo", "on_code_field"), [(True, 1), (False, 3)])
def test_a_rule_over_code_fields_alone_is_remembered_and_only_such_a_rule(
    tmp_path: Path, memo: bool, on_code_field: int
) -> None:
    linted = lint_form(write_spec(tmp_path, MEMO, {"farver": COLOURS}))
    assert linted.form is not None
    calls: dict[str, int] = {}
    form, problems = compile_form(
        linted.form.spec,
        linted.form.codelists,
        rule_compiler=counting_compiler(calls, linted.form.operators),
        memo=memo,
    )
    assert problems == []
    for _ in range(3):
        validate(form, {"farve": "ROD", "tekst": "ROD"})
    assert calls == {
        repr({"==": [{"var": "farve"}, "ROD"]}): on_code_field,
        repr({"==": [{"var": "tekst"}, "ROD"]}): 3,  # a text rarely repeats: not remembered
        repr({"<": [{"var": "farve"}, {"today": []}]}): 3,  # today changes: never remembered
    }


def test_problems_are_returned_all_at_once_never_raised(tmp_path: Path) -> None:
    body = """
definitions:
  ubrugt: {rule: {inn: [1, [1]]}}
code_sets:
  skaev: {codes: [R*D]}
sections:
  - id: s
    title: S
    fields:
      - {id: a, type: text, label: A, pattern: "([a-z"}
      - {id: b, type: text, label: B, open_if: {"==": [{var: a}, {frobnicate: []}]}}
"""
    path = write_spec(tmp_path, body)
    data, source, yaml_problems = load_yaml(path.read_text(encoding="utf-8"), "form.yaml")
    assert yaml_problems == []
    form, problems = compile_form(build_form(data, source, path), {})
    assert [(p.code, p.source.strip()) for p in problems] == [
        ("code-pattern", "skaev: {codes: [R*D]}"),
        ("unknown-operator", "ubrugt: {rule: {inn: [1, [1]]}}"),  # also in a definition no field uses
        ("bad-regex", '- {id: a, type: text, label: A, pattern: "([a-z"}'),
        (
            "unknown-operator",
            '- {id: b, type: text, label: B, open_if: {"==": [{var: a}, {frobnicate: []}]}}',
        ),
    ]
    assert form.plan("a").pattern is None  # the compiled form is still whole
    assert form.plan("b").is_open is not None
