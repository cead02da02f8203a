"""Forms for every test package, built from small YAML snippets: engine tests use forms of their own (the
cancer form's behaviour is asserted in the Danish Gherkin of features/)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from engine.form import CompiledForm, lint_form
from engine.spec.spec_problems import Problem

# The browser and the app under uvicorn, for the page tests and the page scenarios (tests/browser/driver.py).
pytest_plugins = ["tests.browser.driver"]

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A form with every widget, look-up and rule kind the pages draw, for the page and renderer tests.
PAGE_FORM = FIXTURES / "forms" / "side" / "skema.yaml"

# Every message kind a small test form may produce, each text naming its kind and placeholders.
MESSAGES = """
messages:
  not_readable: "not_readable {detail}"
  not_json: "not_json {detail}"
  not_object: "not_object {actual}"
  unknown_field: "unknown_field {field}"
  closed: "closed {label} {value}"
  required: "required {label}"
  derived: "derived {label} {expected} {value}"
  codelist: "codelist {label} {value}"
  unlisted: {message: "unlisted {label} {value}", severity: warning}
  code_not_valid: "code_not_valid {value} {date}"
  max_length: "max_length {label} {max_length}"
  pattern: "pattern {label} {value}"
  unique: "unique {field} {value} {first}"
  type_text: "type_text {label}"
  type_date: "type_date {label} {value}"
  type_code: "type_code {label}"
  type_codes: "type_codes {label}"
  type_cpr: "type_cpr {label}"
  type_group: "type_group {label}"
  type_item: "type_item {field}"
  cpr_format: "cpr_format {value}"
  cpr_date: "cpr_date {value}"
  cpr_modulus11: {message: "cpr_modulus11 {value}", severity: warning}
  cpr_substitute: {message: "cpr_substitute {value}", severity: warning}
  too_large: "too_large {limit} {actual}"
  too_many_keys: "too_many_keys {field} {actual} {limit}"
  too_many_items: "too_many_items {label} {actual} {limit}"
  too_long: "too_long {label} {actual} {limit}"
  too_many_messages: "too_many_messages {actual} {limit}"
"""

Build = Callable[..., CompiledForm]

# A repeating group whose item fields have rules of their own: a condition on the item's own code, a
# mandatory rule and a condition that read a field of the form. Code list "farver".
ITEM_RULES = """
sections:
  - id: s
    title: Stamdata
    fields:
      - {id: start, type: date, label: Start}
      - id: ting
        type: group
        label: Ting
        unique_by: kode
        fields:
          - {id: kode, type: code, label: Kode, codelist: farver, required: true}
          - id: nuance
            type: text
            label: Nuance
            open_if: {"==": [{var: kode}, BLA]}
          - id: dato
            type: date
            label: Dato
            required: {"!!": [{var: start}]}
          - id: bemaerkning
            type: text
            label: Bemærkning
            open_if: {"!": [{var: start}]}
"""


def write_spec(
    tmp_path: Path,
    body: str,
    lists: Mapping[str, str] | None = None,
    messages: bool = True,
    form_extra: str = "",
) -> Path:
    """A spec file in tmp_path: a form header, the test's ``body`` and the given code lists (name → rows)."""
    header = f'form: {{id: test, version: "1", title: Test{form_extra}}}\n'
    codelists = ""
    for name, rows in (lists or {}).items():
        (tmp_path / f"{name}.csv").write_text("code;text;valid_from;valid_to\n" + rows, encoding="utf-8")
        codelists += f"  {name}: {{file: {name}.csv, title: {name.capitalize()}}}\n"
    text = header + (MESSAGES if messages else "") + ("codelists:\n" + codelists if codelists else "")
    spec = tmp_path / "form.yaml"
    spec.write_text(text + textwrap.dedent(body), encoding="utf-8")
    return spec


def problems_of(tmp_path: Path, body: str, lists: Mapping[str, str] | None = None) -> list[str]:
    linted = lint_form(write_spec(tmp_path, body, lists))
    return [f"{p.line}:{p.column}: {p.message} — {p.hint}" for p in linted.problems]


@pytest.fixture
def build(tmp_path: Path) -> Build:
    def make(body: str, lists: Mapping[str, str] | None = None, form_extra: str = "") -> CompiledForm:
        linted = lint_form(write_spec(tmp_path, body, lists, form_extra=form_extra))
        assert linted.form is not None, "\n".join(map(str, linted.problems))
        return linted.form

    return make


__all__ = ["ITEM_RULES", "MESSAGES", "PAGE_FORM", "Problem", "problems_of", "write_spec"]
