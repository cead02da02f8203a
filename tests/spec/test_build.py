"""Building the frozen model from the YAML (engine/spec/build.py): defaults, paths, ``clears: following``,
constants filled in, and a malformed node skipped so that every other problem is still found."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from engine.spec.build import build_form
from engine.spec.model import FormSpec
from engine.spec.yamlsource import load_yaml

SPEC = """
form: {id: lille, version: 2, title: Lille, reference_date: start}
messages:
  required: "{label} mangler"
  unlisted: {message: "ukendt {value}", severity: warning, manual: A01}
codelists:
  farver: {file: lister/farver.csv, title: Farver}
code_sets:
  varme: {codes: [ROD, GU*], manual: F01}
code_tables:
  nuancer:
    rows:
      - {codes: [ROD], value: MORK, note: "mørk"}
definitions:
  rod: {rule: {"==": [{var: farve}, ROD]}}
constants:
  graense: {value: "2004-01-01", type: date}
  loft: {value: 3}
  navn: {value: tekst}
sections:
  - id: s
    title: Før {graense}
    fields:
      - {id: navn, type: text, label: Navn}
      - id: start
        type: date
        label: Start
        on_change: {clears: following, keeps: [ting], confirm: "Ryd?"}
      - id: farve
        type: code
        label: Farve
        codelist: farver
        required: true
        checks:
          - {id: farve_gul, when: {"==": [{var: farve}, GUL]}, message: "gul"}
      - {id: note, type: text, label: Note, normalize: [{pattern: "^x$", replace: "y"}]}
      - id: ting
        type: group
        label: Ting
        fields:
          - {id: kode, type: code, label: Kode, codelist: farver}
"""


def build(tmp_path: Path, text: str) -> FormSpec:
    data, source, problems = load_yaml(textwrap.dedent(text), "form.yaml")
    assert problems == []
    return build_form(data, source, tmp_path / "form.yaml")


@pytest.fixture
def spec(tmp_path: Path) -> FormSpec:
    return build(tmp_path, SPEC)


def test_the_form_header(spec: FormSpec) -> None:
    assert (spec.info.id, spec.info.version, spec.info.title) == ("lille", "2", "Lille")
    assert spec.info.reference_date == "start"
    assert spec.info.guidance == ""


def test_fields_in_form_order_with_their_defaults(spec: FormSpec) -> None:
    assert [f.id for f in spec.fields] == ["navn", "start", "farve", "note", "ting"]
    navn = spec.field("navn")
    assert (navn.required, navn.open_if, navn.unlisted, navn.manual, navn.checks) == (
        False,
        None,
        "error",
        None,
        (),
    )
    assert spec.field("farve").required is True
    assert [item.id for item in spec.field("ting").fields] == ["kode"]


def test_every_node_knows_its_path_for_problems_at_its_line(spec: FormSpec) -> None:
    assert spec.field("farve").path == ("sections", 0, "fields", 2)
    assert spec.field("farve").checks[0].path == ("sections", 0, "fields", 2, "checks", 0)
    assert spec.field("ting").fields[0].path == ("sections", 0, "fields", 4, "fields", 0)
    where = spec.source.at(spec.field("farve").path)
    assert spec.source.line_text(where.line).strip() == "- id: farve"


def test_clears_following_becomes_the_fields_below_minus_those_kept(spec: FormSpec) -> None:
    on_change = spec.field("start").on_change
    assert on_change is not None
    assert on_change.clears == ("farve", "note")
    assert on_change.confirm == "Ryd?"


def test_a_code_list_file_is_found_beside_the_spec(tmp_path: Path, spec: FormSpec) -> None:
    assert spec.codelists["farver"].file == (tmp_path / "lister" / "farver.csv").resolve()


def test_messages_sets_tables_definitions_and_constants(spec: FormSpec) -> None:
    assert spec.messages["required"].severity == "error"
    unlisted = spec.messages["unlisted"]
    assert (unlisted.message, unlisted.severity, unlisted.manual) == ("ukendt {value}", "warning", "A01")
    assert spec.code_sets["varme"].codes == ("ROD", "GU*")
    assert spec.code_tables["nuancer"].rows[0].value == "MORK"
    assert spec.definitions["rod"].rule == {"==": [{"var": "farve"}, "ROD"]}
    kinds = {name: constant.type for name, constant in spec.constants.items()}
    assert kinds == {"graense": "date", "loft": "number", "navn": "text"}


def test_constants_are_filled_into_texts(spec: FormSpec) -> None:
    assert spec.sections[0].title == "Før 01-01-2004"


def test_a_malformed_node_is_skipped_and_the_rest_is_built(tmp_path: Path) -> None:
    """The schema check reports the broken field; the model still holds the others."""
    spec = build(
        tmp_path,
        """
        sections:
          - id: s
            title: S
            fields:
              - {id: a, type: text, label: A}
              - {id: b, type: text}
              - 7
              - {id: c, type: date, label: C}
          - title: no id
        constants:
          ok: {value: 1}
          bad: {value: [1]}
        """,
    )
    assert [f.id for f in spec.fields] == ["a", "c"]
    assert list(spec.constants) == ["ok"]
    assert spec.workflow is None


def test_nothing_at_all_builds_an_empty_form(tmp_path: Path) -> None:
    spec = build(tmp_path, "[]")
    assert (spec.fields, spec.info.id, dict(spec.codelists)) == ((), "", {})
