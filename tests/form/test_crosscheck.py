"""Cross-checks: every problem of a spec, with its line and column, word for word."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import problems_of

LIST = {"farver": "ROD;Rød;;\n"}


def test_a_clean_spec_has_no_problems(tmp_path: Path) -> None:
    body = """
    sections:
      - id: s
        title: S
        fields:
          - {id: farve, type: code, label: Farve, codelist: farver}
    """
    assert problems_of(tmp_path, body, LIST) == []


def test_duplicate_ids(tmp_path: Path) -> None:
    body = """
    sections:
      - id: s
        title: S
        fields:
          - {id: a, type: text, label: A}
          - {id: a, type: text, label: A2}
      - id: s
        title: T
        fields:
          - {id: b, type: text, label: B}
    """
    assert problems_of(tmp_path, body) == [
        '39:14: duplicate field id "a" (first on line 38) — give each field its own id',
        '40:9: duplicate section id "s" (first on line 35) — give each section its own id',
    ]


def test_unknown_names_in_operators_and_definitions(tmp_path: Path) -> None:
    body = """
    code_sets:
      roede: {codes: [R*]}
    definitions:
      er_roed: {rule: {in_codes: [{var: farve}, roed]}}
    sections:
      - id: s
        title: S
        fields:
          - {id: farve, type: code, label: Farve, codelist: farver}
          - id: a
            type: text
            label: A
            open_if: {use: er_rod}
          - id: b
            type: text
            label: B
            open_if: {lookup: [tabel, {var: farve}]}
    """
    assert problems_of(tmp_path, body, LIST) == [
        '39:45: unknown code set "roed" — did you mean "roede"?',
        '48:24: unknown definition "er_rod" — did you mean "er_roed"?',
        '52:28: unknown code table "tabel" — define the code table first',
    ]


def test_bad_code_patterns_and_regular_expressions(tmp_path: Path) -> None:
    body = """
    code_sets:
      fejl: {codes: ["DC00*-DC6*", dc50]}
    sections:
      - id: s
        title: S
        fields:
          - {id: a, type: text, label: A, pattern: "[a-"}
    """
    found = problems_of(tmp_path, body)
    assert len(found) == 3
    assert found[0].startswith(
        "35:18: bad code pattern: the ends of the range differ in length (DC00 has 4 characters, DC6 has 3)"
    )
    assert found[1].startswith(
        '35:32: bad code pattern: holds lower-case letters — write codes in capitals: "DC50"'
    )
    assert found[2].startswith('40:48: "[a-" is not a valid regular expression: ')


def test_messages_missing_and_unknown_placeholders(tmp_path: Path) -> None:
    body = """
    sections:
      - id: s
        title: S
        fields:
          - id: a
            type: text
            label: A
            max_length: 3
            messages: {max_length: "for lang: {laengde}"}
            checks:
              - {id: c, when: true, message: "kontrol {label} {max}"}
    """
    assert problems_of(tmp_path, body) == [
        '42:32: the message uses "{laengde}", which is not known here — '
        "use one of: field, label, max_length, value, or the name of a constant under constants:",
        '44:42: the message uses "{max}", which is not known here — '
        "use one of: field, label, value, or the name of a constant under constants:",
    ]


def test_a_field_that_can_produce_a_message_without_text(tmp_path: Path) -> None:
    from engine.form import lint_form
    from tests.conftest import write_spec

    spec = write_spec(
        tmp_path,
        """
        messages: {not_readable: x, not_json: x, not_object: x, unknown_field: x, type_text: x, too_long: x,
                   too_large: x, too_many_keys: x, too_many_messages: x}
        sections:
          - id: s
            title: S
            fields:
              - {id: a, type: text, label: A, required: true}
        """,
        messages=False,
    )
    assert [str(p).split(": ", 1)[1] for p in lint_form(spec).problems] == [
        'no message for "required", which field "a" can produce — add "required:" under the form\'s messages '
        "(or the field's)"
    ]


def test_field_shapes(tmp_path: Path) -> None:
    body = """
    sections:
      - id: s
        title: S
        fields:
          - {id: a, type: code, label: A}
          - {id: b, type: text, label: B, codelist: farver}
          - {id: g, type: group, label: G}
          - {id: t, type: text, label: T, unique_by: x}
    """
    assert problems_of(tmp_path, body, LIST) == [
        '40:9: field "a" of type code needs a code list — add "codelist: NAME"',
        '41:39: field "b" of type text takes no code list — remove "codelist:"',
        '42:9: field "g" of type group needs "fields:" — list the items\' fields under fields:',
        '43:39: "unique_by:" only applies to fields of type group — remove it, or make the field a group',
    ]


def test_references_inside_items_and_over_groups(tmp_path: Path) -> None:
    body = """
    sections:
      - id: s
        title: S
        fields:
          - id: g
            type: group
            label: G
            fields:
              - {id: kode, type: code, label: K, codelist: farver}
              - {id: dato, type: date, label: D, open_if: {"!!": {var: kode}}}
          - id: t
            type: text
            label: T
            open_if: {some: [{var: g}, {"==": [{var: kodee}, ROD]}]}
    """
    assert problems_of(tmp_path, body, LIST) == [
        '49:50: the rule reads "kodee", which is not a field of the items of "g" — did you mean "kode"?'
    ]


def test_definition_cycles_and_field_cycles_through_definitions(tmp_path: Path) -> None:
    body = """
    definitions:
      x: {rule: {use: y}}
      y: {rule: {use: x}}
      z: {rule: {"!!": {var: b}}}
    sections:
      - id: s
        title: S
        fields:
          - {id: a, type: text, label: A, open_if: {use: z}}
          - {id: b, type: text, label: B, derive: {var: a}}
    """
    assert problems_of(tmp_path, body) == [
        "35:13: definitions use each other in a circle: x → y → x — break the circle: a definition may not use itself",
        "42:48: the fields' conditions and derived values depend on each other in a circle: a → b → a — "
        "break the circle: a field's condition or derived value may not depend on itself",
    ]
