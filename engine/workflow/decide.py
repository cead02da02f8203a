"""The workflow's decisions, pure and without I/O: which actions a user is offered on a form, and whether an
action may be done — a :class:`Transition` to carry out, or a :class:`Refusal` with the Danish reason.

    views = actions_for(workflow, facts, roles, judge)      # the buttons, with labels and confirmations
    match decide(workflow, "indberet", facts, roles, judge, confirmed=True):
        case Transition() as done: ...                      # the caller stores what it says
        case Refusal() as refused: ...                      # refused.message, refused.errors

An action is refused, in this order: it does not exist; the form is not in a tray it is offered from; the
user lacks its role in the form's group; its guard is false; it validates and the payload has errors (every
error listed); it asks for confirmation and has none. Only then is it done.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from engine.form.result import Finding, Result
from engine.workflow.compiled import CompiledAction, CompiledWorkflow
from engine.workflow.facts import Facts, Judge, guard_data

CONFIRM = "confirm"  # the refusal of an action that needs the user's »Ja«; its message is the question
GUARD = "guard"  # the refusal of a false guard; its message is the action's guard_message


@dataclass(frozen=True, slots=True)
class ActionView:
    """A button: offered because the form's tray and the user's role allow it. ``allowed`` is false when
    its guard refuses it now; ``reason`` then says why (the page may show the button disabled, or let the
    user press it and read the refusal)."""

    id: str
    label: str
    confirm: str  # the question to answer Ja to; empty: none
    allowed: bool
    reason: str
    to: str | None  # the tray it moves the form to; None: it stays; "deleted"
    saves: bool
    validates: bool
    produces: str | None
    manual: str | None


@dataclass(frozen=True, slots=True)
class Transition:
    """An action that may be done, and what doing it means for the stored form."""

    action: str
    label: str
    from_state: str
    to_state: str | None  # None: the form stays where it is
    deletes: bool
    saves: bool
    counts_version: bool
    locks: tuple[str, ...]
    produces: str | None
    exported: bool  # the registry receives the form as it is after this (engine.trays.export)
    judged: Result | None  # the payload's judgement, when the action validates or produces something

    @property
    def moves(self) -> bool:
        return self.to_state is not None and self.to_state != self.from_state


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why something was not done: ``code`` for the program (a workflow message kind, ``guard`` or
    ``confirm``), ``message`` in Danish for the user, and with ``has_errors`` every error of the payload."""

    code: str
    message: str
    action: str | None = None
    errors: tuple[Finding, ...] = ()


def actions_for(
    workflow: CompiledWorkflow, facts: Facts, roles: Collection[str], judge: Judge
) -> tuple[ActionView, ...]:
    """The actions offered on a form in ``facts.state`` to a user with ``roles`` in its group (W01)."""
    views = []
    for action in workflow.actions.values():
        spec = action.spec
        if facts.state not in spec.from_states or spec.role not in roles:
            continue
        allowed = _guard_allows(action, facts, roles, judge)
        views.append(
            ActionView(
                id=spec.id,
                label=spec.label,
                confirm=spec.confirm,
                allowed=allowed,
                reason="" if allowed else spec.guard_message,
                to=spec.to,
                saves=spec.saves,
                validates=spec.validates,
                produces=spec.produces,
                manual=spec.manual,
            )
        )
    return tuple(views)


def decide(
    workflow: CompiledWorkflow,
    action_id: str,
    facts: Facts,
    roles: Collection[str],
    judge: Judge,
    *,
    confirmed: bool = False,
) -> Transition | Refusal:
    """Whether the user with ``roles`` in the form's group may do ``action_id`` on the form now."""
    action = workflow.actions.get(action_id)
    if action is None:
        return Refusal("unknown_action", workflow.text("unknown_action", None, action=action_id), action_id)
    refused = _refusal(workflow, action, facts, roles, judge)
    if refused is not None:
        return refused
    spec = action.spec
    judged = judge() if spec.validates or spec.produces else None
    if spec.validates and judged is not None and judged.errors:
        count = len(judged.errors)
        message = workflow.text("has_errors", action, action=spec.label, count=count)
        return Refusal("has_errors", message, spec.id, judged.errors)
    if spec.confirm and not confirmed:
        return Refusal(CONFIRM, spec.confirm, spec.id)
    target = facts.state if spec.to is None else spec.to
    return Transition(
        action=spec.id,
        label=spec.label,
        from_state=facts.state,
        to_state=None if action.deletes else spec.to,
        deletes=action.deletes,
        saves=spec.saves,
        counts_version=spec.counts_version,
        locks=spec.locks,
        produces=spec.produces,
        # What the registry receives: a form entering such a tray, or a new version reported in it.
        exported=workflow.exported(target) and (target != facts.state or spec.counts_version),
        judged=judged,
    )


def _refusal(
    workflow: CompiledWorkflow, action: CompiledAction, facts: Facts, roles: Collection[str], judge: Judge
) -> Refusal | None:
    spec = action.spec
    if facts.state not in spec.from_states:
        state = workflow.state_label(facts.state)
        message = workflow.text("not_in_state", action, action=spec.label, state=state)
        return Refusal("not_in_state", message, spec.id)
    if spec.role not in roles:
        found = workflow.roles.get(spec.role) if spec.role else None
        role = found.label if found else str(spec.role)
        return Refusal("no_role", workflow.text("no_role", action, action=spec.label, role=role), spec.id)
    if not _guard_allows(action, facts, roles, judge):
        return Refusal(GUARD, spec.guard_message, spec.id)
    return None


def _guard_allows(action: CompiledAction, facts: Facts, roles: Collection[str], judge: Judge) -> bool:
    if action.guard is None:
        return True
    return bool(action.guard(guard_data(action.guard_reads, facts, roles, judge)))
