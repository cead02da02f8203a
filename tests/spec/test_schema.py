"""The format's JSON Schema: it is a valid schema, and its errors become problems that say how to fix them."""

from __future__ import annotations

import jsonschema

from engine.spec.schema import check_schema, form_schema
from engine.spec.yamlsource import load_yaml


def problems(text: str) -> list[str]:
    data, source, found = load_yaml(text, "f.yaml")
    assert found == []
    return [str(p) for p in check_schema(data, source)]


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(form_schema())


def test_unknown_key_with_a_suggestion() -> None:
    text = (
        "form: {id: x, version: '1', title: X}\n"
        "sections:\n  - id: s\n    title: S\n    fields:\n"
        "      - {id: a, type: text, label: A, requird: true}\n"
    )
    assert problems(text) == ['f.yaml:6:39: unknown key "requird" in field "a" — did you mean "required"?']


def test_missing_key_wrong_type_and_enum() -> None:
    text = (
        "form: {id: x, version: 1, title: X}\n"
        "sections:\n  - id: s\n    title: S\n    fields:\n"
        "      - {id: a, type: txt}\n"
    )
    assert problems(text) == [
        'f.yaml:1:24: "version" of form must be text, not a whole number — write text here',
        'f.yaml:6:9: field "a" lacks the required key "label" — add "label:"',
        'f.yaml:6:23: "txt" is not allowed for "type" of field "a" — use one of: text, date, code, codes, cpr, group',
    ]


def test_names_must_be_lower_case() -> None:
    text = "form: {id: Kræft, version: '1', title: X}\nsections:\n  - {id: s, title: S, fields: [{id: a, type: text, label: A}]}\n"
    assert problems(text) == [
        'f.yaml:1:12: "Kræft" is not a valid "id" of form — write it in lower case: letters, digits and _, '
        "starting with a letter"
    ]


def test_unknown_message_kind() -> None:
    text = (
        "form: {id: x, version: '1', title: X}\nmessages: {requried: x}\n"
        "sections:\n  - {id: s, title: S, fields: [{id: a, type: text, label: A}]}\n"
    )
    assert problems(text) == ['f.yaml:2:12: unknown key "requried" in messages — did you mean "required"?']
