"""A differential test: the engine's compiled rules and panzi-json-logic, the reference interpreter, judge
the same corpus of cancer payloads alike — also a check that no rule leans on one evaluator's quirks.

The verdicts are compared with each other, never with expected values: the test holds for any form."""

from __future__ import annotations

from engine.form import load_form, validate
from tests.cancer_corpus import corpus
from tests.reference_interpreter import reference_form


def test_the_reference_interpreter_judges_every_payload_alike() -> None:
    form, reference = load_form(), reference_form()
    differences = [
        (payload, ours, theirs)
        for payload in corpus(600, seed=11)
        if (ours := validate(form, payload).as_json()) != (theirs := validate(reference, payload).as_json())
    ]
    assert differences == []


def test_the_memo_changes_nothing() -> None:
    form, plain = load_form(), load_form(memo=False)
    for payload in corpus(600, seed=12):
        assert validate(form, payload).as_json() == validate(plain, payload).as_json()
