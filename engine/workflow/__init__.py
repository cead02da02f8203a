"""Trays and actions as a table from the spec's ``workflow:``: a layer above ``engine.form``, without I/O.

    workflow = compile_workflow(form)                    compile.py   guards compiled once, with the form's
                                                                      operators; compiled.py the result
    actions_for(workflow, facts, roles, judge)           decide.py    the buttons a user is offered (W01)
    decide(workflow, action, facts, roles, judge, …)     decide.py    Transition, or Refusal in Danish
    Facts(state, version, has_group, cpr_lookup, …)      facts.py     what guards read (GUARD_NAMES)

No action, tray, role or guard name is written in Python: every one comes from the spec, checked by
``engine.form.workflow_checks`` when the form is linted. Storing what a transition says is the service
layer's work (``engine.trays``).
"""

from engine.workflow.compile import NoWorkflow, compile_workflow
from engine.workflow.compiled import CompiledAction, CompiledWorkflow
from engine.workflow.decide import CONFIRM, GUARD, ActionView, Refusal, Transition, actions_for, decide
from engine.workflow.facts import FOUND, Facts, Judge

__all__ = [
    "CONFIRM",
    "FOUND",
    "GUARD",
    "ActionView",
    "CompiledAction",
    "CompiledWorkflow",
    "Facts",
    "Judge",
    "NoWorkflow",
    "Refusal",
    "Transition",
    "actions_for",
    "compile_workflow",
    "decide",
]
