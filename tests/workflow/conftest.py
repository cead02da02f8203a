"""The forms of the workflow's tests: the two-step approval of tests/fixtures/specs/godkendelse.yaml, and
small specs written for one lint problem each."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.form import CompiledForm, Result, lint_form, load_form, validate
from engine.workflow import CompiledWorkflow, Facts, compile_workflow

SPECS = Path(__file__).resolve().parents[1] / "fixtures" / "specs"
APPROVAL = SPECS / "godkendelse.yaml"

# The form-level texts every spec needs, and those of its text fields.
HEADER = """\
form: {id: lille, version: "1", title: Lille}
messages:
  not_readable: "not_readable"
  not_json: "not_json"
  not_object: "not_object"
  unknown_field: "unknown_field {field}"
  too_large: "too_large"
  too_many_keys: "too_many_keys"
  too_many_messages: "too_many_messages"
  type_text: "type_text {label}"
  too_long: "too_long {label}"
sections:
  - id: s
    title: S
    fields:
      - {id: a, type: text, label: A}
      - {id: b, type: text, label: B}
"""


@pytest.fixture(scope="session")
def sag() -> CompiledForm:
    return load_form(APPROVAL)


@pytest.fixture(scope="session")
def workflow(sag: CompiledForm) -> CompiledWorkflow:
    return compile_workflow(sag)


def judge_of(form: CompiledForm, facts: Facts) -> Callable[[], Result]:
    return lambda: validate(form, dict(facts.payload))


def lint(tmp_path: Path, workflow: str) -> list[str]:
    """The problems of a small spec with ``workflow`` (YAML, indented as written), as ``line:col: …``."""
    spec = tmp_path / "form.yaml"
    spec.write_text(HEADER + textwrap.dedent(workflow), encoding="utf-8")
    return [f"{p.line}:{p.column}: {p.message} — {p.hint}" for p in lint_form(spec).problems]
