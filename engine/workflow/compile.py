"""Compile a form's ``workflow:`` once, when the form loads: guards become closures over the form's facts.

    >>> workflow = compile_workflow(load_form())          # doctest: +SKIP
    >>> [view.label for view in actions_for(workflow, Facts("kladde"), {"indtaste"}, judge)]  # doctest: +SKIP
    ['Gem', 'Slet', 'Læg i udbakke']

The spec has passed the workflow's lint (``engine.form.workflow_checks``) when ``load_form`` returns it, so
every state, role and guard name compiled here exists.
"""

from __future__ import annotations

from typing import Any

from engine.form.compiled import CompiledForm
from engine.rules import Evaluator, Operator, compile_rule, references, truthy
from engine.spec.model import Action
from engine.workflow.compiled import CompiledAction, CompiledWorkflow


class NoWorkflow(ValueError):
    """The form's spec has no ``workflow:``, so its forms cannot be stored or moved between trays."""


def compile_workflow(form: CompiledForm) -> CompiledWorkflow:
    workflow = form.spec.workflow
    if workflow is None:
        raise NoWorkflow(f"the form {form.spec.info.id!r} has no workflow: add workflow: to its spec")
    actions = {action.id: _action(action, form.operators) for action in workflow.actions}
    savers: dict[str, CompiledAction] = {}
    for action in actions.values():
        for state in action.spec.from_states if action.spec.saves else ():
            savers.setdefault(state, action)
    states = {state.id: state for state in workflow.states}
    cpr_fields = [f.id for f in form.spec.fields if f.type == "cpr"]
    return CompiledWorkflow(
        form=form,
        spec=workflow,
        actions=actions,
        states=states,
        roles={role.id: role for role in workflow.roles},
        savers=savers,
        initial=states[workflow.initial],
        cpr_field=cpr_fields[0] if cpr_fields else None,
    )


def _action(action: Action, operators: Any) -> CompiledAction:
    if action.guard is None:
        return CompiledAction(action, None, frozenset())
    return CompiledAction(action, _condition(action.guard, operators), _reads(action.guard, operators))


def _condition(rule: Any, operators: Any) -> Evaluator:
    compiled = compile_rule(rule, operators, strict=True)
    return lambda data: truthy(compiled(data))


def _reads(rule: Any, operators: dict[str, Operator]) -> frozenset[str]:
    """The facts a guard reads: the first part of each name (``form.diagnose`` reads ``form``)."""
    return frozenset(ref.name.split(".", 1)[0] for ref in references(rule, operators) if ref.source is None)
