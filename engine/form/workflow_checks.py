"""Cross-checks of a spec's ``workflow:``: names that must exist, trays a form can reach, actions that make
sense, and the Danish texts every refusal needs.

The workflow engine (``engine.workflow``) runs this table; these checks make sure that when it does, every
state, role, field and guard name it meets exists, and every refusal it may give has its text. Each check
yields problems in the catalogue's words (``engine.spec.spec_problems``), so an analyst sees them all at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

from engine.rules import Operator, RuleCompileError, compile_rule, references
from engine.spec.model import (
    DELETED,
    WORKFLOW_KINDS,
    WORKFLOW_PLACEHOLDERS,
    FormSpec,
    MessageSpec,
    Workflow,
    placeholders,
)
from engine.spec.spec_problems import Problem, did_you_mean
from engine.spec.yamlsource import Path

# What a guard may read: the facts the workflow engine gives about a stored form and the user acting on it
# (engine/workflow/facts.py builds them). The set is closed, so that a misspelt name is a lint problem and
# never a guard that is silently false.
GUARD_NAMES: Mapping[str, str] = {
    "state": "the id of the form's tray (state)",
    "version": "how many times the form has been reported (counts_version)",
    "has_group": "whether the form has a group (false only while a new form's group is not yet chosen)",
    "cpr_looked_up": "whether a CPR look-up found the person whose number the form now holds",
    "cpr_lookup": "the outcome of the look-up made for the number the form now holds: found, cpr_unknown, "
    "cpr_substitute, cpr_date, cpr_malformed, cpr_unavailable, cpr_not_configured; empty when none",
    "valid": "whether the saved payload has no errors (judged when the guard is)",
    "has_errors": "whether the saved payload has errors",
    "has_warnings": "whether the saved payload has warnings",
    "roles": "the ids of the user's roles in the form's group",
    "administrator": "whether the user is an administrator",
    "form": "the saved payload: form.FIELD reads one of its fields",
}
PAYLOAD_NAME = "form"
# A state's actions that cannot go together with ``produces``: such an action gives something and stays.
_NOT_WITH_PRODUCES = ("to", "saves", "counts_version", "locks")

Operators = Mapping[str, Operator]
WorkflowCheck = Callable[[FormSpec, Workflow, Operators], Iterator[Problem]]


def check_workflow(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    """Every check below, when the spec has a workflow."""
    if spec.workflow is not None:
        for check in WORKFLOW_CHECKS:
            yield from check(spec, spec.workflow, operators)


def _unknown(
    spec: FormSpec, path: Path, code: str, name: str | None, known: Collection[str], what: str
) -> Iterator[Problem]:
    if name is not None and name not in known:
        yield spec.source.problem(path, code, name=name, suggestion=did_you_mean(name, known, what=what))


def check_names(spec: FormSpec, workflow: Workflow, operators: Operators) -> Iterator[Problem]:
    """States, roles and fields that the workflow names exist."""
    states = {s.id for s in workflow.states}
    roles = {r.id for r in workflow.roles}
    field_ids = {f.id for f in spec.fields}
    yield from _unknown(spec, ("workflow", "initial"), "unknown-state", workflow.initial, states, "state")
    for index, name in enumerate(workflow.list_fields):
        path = (*workflow.path, "list_fields", index)
        yield from _unknown(spec, path, "unknown-field-ref", name, field_ids, "field")
    for action in workflow.actions:
        for index, name in enumerate(action.from_states):
            yield from _unknown(spec, (*action.path, "from", index), "unknown-state", name, states, "state")
        to = None if action.to == DELETED else action.to
        yield from _unknown(spec, (*action.path, "to"), "unknown-state", to, states | {DELETED}, "state")
        yield from _unknown(spec, (*action.path, "role"), "unknown-role", action.role, roles, "role")
        for index, name in enumerate(action.locks):
            path = (*action.path, "locks", index)
            yield from _unknown(spec, path, "unknown-field-ref", name, field_ids, "field")


def check_guards(spec: FormSpec, workflow: Workflow, operators: Operators) -> Iterator[Problem]:
    """A guard compiles, reads only the facts the engine gives, and has a text for when it refuses."""
    field_ids = {f.id for f in spec.fields}
    for action in workflow.actions:
        if action.guard is None:
            continue
        path = (*action.path, "guard")
        yield from _rule_problems(spec, action.guard, path, operators)
        if not action.guard_message:
            yield spec.source.problem(path, "guard-message-missing", at_key=True, action=action.id)
        if _uses_definition(action.guard):
            yield spec.source.problem(path, "guard-uses-definition", at_key=True)
        for reference in references(action.guard, operators):
            if reference.source is not None:
                continue
            where = (*path, *reference.path)
            top, _, rest = reference.name.partition(".")
            yield from _unknown(spec, where, "unknown-guard", top, GUARD_NAMES, "name")
            if top == PAYLOAD_NAME and rest:
                name = rest.split(".", 1)[0]
                yield from _unknown(spec, where, "unknown-field-ref", name, field_ids, "field")


def _rule_problems(spec: FormSpec, rule: Any, path: Path, operators: Operators) -> Iterator[Problem]:
    """The problems of compiling ``rule`` with the form's operators, as the form's own rules report them."""
    try:
        compile_rule(rule, operators, strict=True)
    except RuleCompileError as error:
        for found in error.problems:
            unknown = found.code == "unknown-operator"
            yield spec.source.problem(
                (*path, *found.path),
                "unknown-operator" if unknown else "rule-problem",
                at_key=unknown,
                detail=found.message,
                suggestion=found.hint,
            )


def _uses_definition(rule: Any) -> bool:
    """Whether ``rule`` uses a definition anywhere (``{"use": NAME}``)."""
    if isinstance(rule, list):
        return any(_uses_definition(item) for item in rule)
    if isinstance(rule, dict):
        return "use" in rule or any(_uses_definition(value) for value in rule.values())
    return False


def check_reachable(spec: FormSpec, workflow: Workflow, operators: Operators) -> Iterator[Problem]:
    """Every state can be reached from ``initial`` through the actions."""
    reached = reachable(workflow, {workflow.initial})
    if workflow.initial not in {s.id for s in workflow.states}:
        return  # reported as an unknown state
    for state in workflow.states:
        if state.id not in reached:
            yield spec.source.problem(
                (*state.path, "id"), "unreachable-state", name=state.id, initial=workflow.initial
            )


def reachable(workflow: Workflow, start: set[str]) -> set[str]:
    """The states the actions lead to from ``start`` (``start`` included)."""
    reached, frontier = set(start), list(start)
    while frontier:
        here = frontier.pop()
        for action in workflow.actions:
            if here in action.from_states and action.to and action.to not in reached and action.to != DELETED:
                reached.add(action.to)
                frontier.append(action.to)
    return reached


def check_saving(spec: FormSpec, workflow: Workflow, operators: Operators) -> Iterator[Problem]:
    """A form is edited by the one action that saves in its state, and only where the state is editable."""
    by_id = {s.id: s for s in workflow.states}
    initial = by_id.get(workflow.initial)
    if initial is not None and not initial.editable:
        yield spec.source.problem(("workflow", "initial"), "initial-not-editable", state=initial.id)
    saver: dict[str, str] = {}
    for action in (a for a in workflow.actions if a.saves):
        for index, name in enumerate(action.from_states):
            state = by_id.get(name)
            if state is not None and not state.editable:
                path = (*action.path, "from", index)
                yield spec.source.problem(path, "save-not-editable", action=action.id, state=name)
            if name in saver:
                path = (*action.path, "from", index)
                yield spec.source.problem(path, "save-twice", first=saver[name], second=action.id, state=name)
            saver.setdefault(name, action.id)
    for state in workflow.states:
        if state.editable and state.id not in saver:
            yield spec.source.problem((*state.path, "editable"), "no-save-action", state=state.id)


def check_effects(spec: FormSpec, workflow: Workflow, operators: Operators) -> Iterator[Problem]:
    """An action that produces something stays where it is; a lock has an effect."""
    editable = {s.id for s in workflow.states if s.editable}
    for action in workflow.actions:
        if action.produces is not None:
            for key in _NOT_WITH_PRODUCES:
                if getattr(action, key):
                    yield spec.source.problem(
                        (*action.path, key), "produces-moves", at_key=True, action=action.id, key=key
                    )
        if action.locks and not (action.to and reachable(workflow, {action.to}) & editable):
            yield spec.source.problem(
                (*action.path, "locks"), "locks-no-effect", at_key=True, action=action.id, to=action.to or ""
            )


def check_messages(spec: FormSpec, workflow: Workflow, operators: Operators) -> Iterator[Problem]:
    """Every refusal the workflow can give has its Danish text, with only the placeholders of its kind."""
    needed = dict.fromkeys(WORKFLOW_KINDS, "")
    if any(action.validates for action in workflow.actions):
        needed["has_errors"] = ", which an action that validates gives"
    if any(action.locks for action in workflow.actions):
        needed["locked"] = ", which an action that locks fields gives"
    for kind, why in sorted(needed.items()):
        if kind not in workflow.messages:
            names = ", ".join(f"{{{name}}}" for name in sorted(WORKFLOW_PLACEHOLDERS[kind])) or "none"
            yield spec.source.problem(
                workflow.path, "missing-workflow-message", at_key=True, kind=kind, why=why, allowed=names
            )
    texts: list[tuple[str, MessageSpec]] = list(workflow.messages.items())
    texts += [item for action in workflow.actions for item in action.messages.items()]
    for kind, message in texts:
        allowed = WORKFLOW_PLACEHOLDERS.get(kind, frozenset())
        for name in sorted(placeholders(message.message) - allowed):
            yield spec.source.problem(
                message.path, "unknown-placeholder", name=name, allowed=", ".join(sorted(allowed)) or "(none)"
            )


WORKFLOW_CHECKS: tuple[WorkflowCheck, ...] = (
    check_names,
    check_guards,
    check_reachable,
    check_saving,
    check_effects,
    check_messages,
)
