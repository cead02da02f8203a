"""Compiling a workflow: once per form, every table keyed by the spec's ids; and no id of the cancer form's
workflow is written anywhere in the engine's Python."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from engine.form import CompiledForm, load_form
from engine.workflow import CompiledWorkflow, NoWorkflow, compile_workflow
from tests.workflow.conftest import HEADER

ENGINE = Path(__file__).resolve().parents[2] / "engine"
PROGRAM_NAME = ("cli.py", "indberet")  # the command's name, which the cancer form's »Indberet« shares


def test_the_tables_of_a_compiled_workflow(workflow: CompiledWorkflow) -> None:
    assert workflow.form_type == "sag"
    assert workflow.initial.id == "udkast"
    assert list(workflow.actions) == [
        "skriv",
        "indsend",
        "godkend",
        "godkend_endeligt",
        "afvis",
        "genaabn",
        "kasser",
        "vis",
    ]
    assert {state: action.id for state, action in workflow.savers.items()} == {"udkast": "skriv"}
    assert workflow.cpr_field == "borger"  # found by its type, whatever its name
    assert workflow.actions["indsend"].guard_reads == {"form"}
    assert workflow.actions["genaabn"].guard_reads == {"administrator", "roles"}
    assert workflow.actions["skriv"].guard is None
    assert [workflow.editable(s) for s in ("udkast", "godkendt", "arkiv")] == [True, False, False]
    assert [workflow.exported(s) for s in ("godkendt", "udkast", None)] == [True, False, False]
    assert workflow.state_label("til_godkendelse") == "Til godkendelse"
    assert workflow.text("locked", workflow.actions["skriv"], label="Titel", field="titel", action="X") == (
        "Titel (titel) låst af X"
    )
    assert (
        workflow.text("has_errors", workflow.actions["indsend"], count=3, action="Indsend")
        == "sagen har 3 fejl"
    )


def test_a_form_without_a_workflow_cannot_be_stored(tmp_path: Path) -> None:
    spec = tmp_path / "form.yaml"
    spec.write_text(HEADER, encoding="utf-8")
    with pytest.raises(NoWorkflow, match="the form 'lille' has no workflow: add workflow: to its spec"):
        compile_workflow(load_form(spec))


def test_the_cancer_form_compiles(cancer: CompiledForm) -> None:
    workflow = compile_workflow(cancer)
    assert workflow.cpr_field is not None
    assert set(workflow.savers) == {s.id for s in workflow.spec.states if s.editable}


def _string_constants(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(_parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def _parse(source: str) -> ast.Module:
    """``ast.parse``, once more when CPython 3.11 < 3.11.8 trips over another thread's parse at the same
    moment (SystemError "AST constructor recursion depth mismatch": python/cpython#106905): a server
    thread of an earlier test module may be parsing while this test does."""
    try:
        return ast.parse(source)
    except SystemError:
        return ast.parse(source)


def test_no_tray_action_or_role_of_the_cancer_form_is_written_in_python(cancer: CompiledForm) -> None:
    spec = cancer.spec.workflow
    assert spec is not None
    names = {s.id for s in spec.states} | {a.id for a in spec.actions} | {r.id for r in spec.roles}
    names |= {s.label for s in spec.states} | {a.label for a in spec.actions}
    found = {
        (str(path.relative_to(ENGINE)), text)
        for path in ENGINE.rglob("*.py")
        for text in _string_constants(path) & names
    }
    assert found - {PROGRAM_NAME} == set()


@pytest.fixture(scope="module")
def cancer() -> CompiledForm:
    return load_form()
