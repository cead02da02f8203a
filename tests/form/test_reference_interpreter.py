"""A differential test: the engine's compiled rules and panzi-json-logic, the reference interpreter, judge
the same corpus of cancer payloads alike — also a check that no rule leans on one evaluator's quirks."""

from __future__ import annotations

from benchmarks.validate import panzi_operations
from engine.form import load_form, validate
from tests.cancer_corpus import corpus


def test_the_reference_interpreter_judges_every_payload_alike() -> None:
    from json_logic import jsonLogic

    form = load_form()
    operations = panzi_operations(form)
    reference = load_form(
        rule_compiler=lambda rule: lambda data: jsonLogic(rule, data, operations), memo=False
    )
    payloads = list(corpus(600, seed=11))
    differences = [
        (payload, ours, theirs)
        for payload in payloads
        if (ours := validate(form, payload).as_json()) != (theirs := validate(reference, payload).as_json())
    ]
    assert differences == []


def test_the_memo_changes_nothing() -> None:
    form, plain = load_form(), load_form(memo=False)
    for payload in corpus(600, seed=12):
        assert validate(form, payload).as_json() == validate(plain, payload).as_json()
