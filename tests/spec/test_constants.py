"""Constants (``constants:``): a value written once, read by rules as ``{"const": NAME}`` and shown in texts
as ``{NAME}``; a date is compared as ISO text and shown as DD-MM-ÅÅÅÅ."""

from __future__ import annotations

from pathlib import Path

from engine.form import lint_form, validate
from engine.spec.constants import fill
from engine.spec.model import Constant
from tests.conftest import Build, write_spec

CUT_OFF = """
constants:
  graense: {value: "2004-01-01", type: date, title: Skæringsdato}
  loft: {value: 3}
sections:
  - id: s
    title: Felter før {graense}
    help: "Gælder til {graense}; højst {loft} ting."
    fields:
      - {id: dato, type: date, label: Dato}
      - id: gammel
        type: text
        label: Gammel (før {graense})
        help: Kun før {graense}.
        open_if: {"<": [{var: dato}, {const: graense}]}
        messages:
          closed: "{label} kun før {graense} (angivet: »{value}«)."
        checks:
          - id: nummer
            when: {"==": [{var: gammel}, {cat: ["nr. ", {const: loft}]}]}
            message: "{label}: »nr. {loft}« bruges ikke før {graense}."
"""


def test_a_rule_reads_the_constant_and_the_texts_show_it(build: Build) -> None:
    form = build(CUT_OFF)
    assert "gammel" in validate(form, {"dato": "2003-12-31"}).open
    assert "gammel" not in validate(form, {"dato": "2004-01-01"}).open  # the cut-off day is not before it

    section = form.spec.sections[0]
    field = form.spec.field("gammel")
    assert (section.title, section.help) == ("Felter før 01-01-2004", "Gælder til 01-01-2004; højst 3 ting.")
    assert (field.label, field.help) == ("Gammel (før 01-01-2004)", "Kun før 01-01-2004.")
    judged = validate(form, {"dato": "2004-01-01", "gammel": "x"})
    assert [e.message for e in judged.errors] == [
        "Gammel (før 01-01-2004) kun før 01-01-2004 (angivet: »x«)."
    ]


def test_a_number_constant_in_a_check(build: Build) -> None:
    form = build(CUT_OFF)
    judged = validate(form, {"dato": "2003-01-02", "gammel": "nr. 3"})
    assert [e.message for e in judged.errors] == [
        "Gammel (før 01-01-2004): »nr. 3« bruges ikke før 01-01-2004."
    ]
    assert validate(form, {"dato": "2003-01-02", "gammel": "nr. 4"}).valid


def test_the_constant_moves_rule_and_texts_together(tmp_path: Path, build: Build) -> None:
    form = build(CUT_OFF.replace('"2004-01-01"', '"2010-06-30"'))
    assert "gammel" in validate(form, {"dato": "2010-06-29"}).open
    assert "gammel" not in validate(form, {"dato": "2010-06-30"}).open
    assert form.spec.field("gammel").help == "Kun før 30-06-2010."


def problems(tmp_path: Path, body: str) -> list[tuple[str, str]]:
    """(the offending source line, stripped; the problem's message and hint) for each problem."""
    linted = lint_form(write_spec(tmp_path, body))
    return [(p.source.strip(), f"{p.message} — {p.hint}") for p in linted.problems]


def test_an_unknown_constant_in_a_rule_is_a_problem_at_its_line(tmp_path: Path) -> None:
    body = CUT_OFF.replace("{const: graense}]}\n        messages", "{const: grense}]}\n        messages")
    assert problems(tmp_path, body) == [
        (
            'open_if: {"<": [{var: dato}, {const: grense}]}',
            'unknown constant "grense" — did you mean "graense"?',
        )
    ]


def test_an_unknown_name_in_a_text_is_a_problem_at_its_line(tmp_path: Path) -> None:
    body = CUT_OFF.replace("help: Kun før {graense}.", "help: Kun før {grænse}.").replace(
        "Gammel (før {graense})", "Gammel (før {gränse})"
    )
    found = problems(tmp_path, body)
    assert found == [
        (
            "label: Gammel (før {gränse})",
            'the text uses "{gränse}", but no constant has that name — '
            'did you mean "graense"? (a text may name a constant of constants: as {NAME})',
        ),
        (
            "help: Kun før {grænse}.",
            'the text uses "{grænse}", but no constant has that name — '
            'did you mean "graense"? (a text may name a constant of constants: as {NAME})',
        ),
    ]


def test_an_unknown_name_in_a_message_is_an_unknown_placeholder(tmp_path: Path) -> None:
    body = CUT_OFF.replace("kun før {graense} (angivet", "kun før {graens} (angivet")
    [(line, text)] = problems(tmp_path, body)
    assert line.startswith('closed: "{label} kun før {graens}')
    assert text.startswith('the message uses "{graens}", which is not known here — use one of: field, label')
    assert text.endswith("or the name of a constant under constants:")


def test_a_date_constant_must_be_a_date_and_a_name_not_a_placeholder(tmp_path: Path) -> None:
    body = CUT_OFF.replace('"2004-01-01"', '"2004-13-01"').replace(
        "  loft: {value: 3}", "  label: {value: 3}"
    )
    body = body.replace("{loft}", "{label}")
    found = problems(tmp_path, body)
    assert (
        'graense: {value: "2004-13-01", type: date, title: Skæringsdato}',
        'constant "graense" is a date, but its value "2004-13-01" is not — '
        'write the date as YYYY-MM-DD in quotes, e.g. "2004-01-01"',
    ) in found
    assert any(
        line == "label: {value: 3}"
        and text.startswith('constant "label" has the name of a message placeholder')
        for line, text in found
    )


def test_a_number_constant_must_be_a_number(tmp_path: Path) -> None:
    body = CUT_OFF.replace("loft: {value: 3}", 'loft: {value: "tre", type: number}')
    assert problems(tmp_path, body) == [
        (
            'loft: {value: "tre", type: number}',
            'constant "loft" is a number, but its value "tre" is not — '
            "write a number without quotes, or make the constant type: text",
        )
    ]


def test_braces_in_a_value_stay_literal_in_a_message_template() -> None:
    constants = {"tegn": Constant("tegn", "{x}", ("constants", "tegn"))}
    template = fill("Brug {tegn} om {label}.", constants, template=True)
    assert template.format_map({"label": "feltet"}) == "Brug {x} om feltet."
    assert fill("Brug {tegn} og {andet}.", constants, template=False) == "Brug {x} og {andet}."
