"""What compiling a workflow gives: its actions with their guards as closures, its trays and roles by id,
and its Danish texts. ``engine.workflow.compile`` makes it once per form; ``engine.workflow.decide`` reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.form.compiled import CompiledForm
from engine.rules import Evaluator
from engine.spec.model import DELETED, Action, MessageSpec, Role, State, Workflow


@dataclass(frozen=True, slots=True)
class CompiledAction:
    spec: Action
    guard: Evaluator | None  # gives true or false (JsonLogic truthiness applied); None: no guard
    guard_reads: frozenset[str]  # the facts the guard reads (engine.workflow.facts)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def deletes(self) -> bool:
        return self.spec.to == DELETED


@dataclass(frozen=True)
class CompiledWorkflow:
    """A form's workflow ready to decide: every table keyed by the spec's own ids."""

    form: CompiledForm
    spec: Workflow
    actions: Mapping[str, CompiledAction]  # in the spec's order
    states: Mapping[str, State]
    roles: Mapping[str, Role]
    savers: Mapping[str, CompiledAction]  # state id → the action that saves there
    initial: State
    cpr_field: str | None  # the form's CPR number: its first top-level field of type cpr

    @property
    def form_type(self) -> str:
        return self.form.spec.info.id

    def state_label(self, state: str) -> str:
        """The tray's label; its id when the spec no longer has the tray (a form stored before a change)."""
        found = self.states.get(state)
        return found.label if found else state

    def editable(self, state: str) -> bool:
        found = self.states.get(state)
        return found is not None and found.editable

    def exported(self, state: str | None) -> bool:
        found = self.states.get(state) if state else None
        return found is not None and found.exported

    def text(self, kind: str, by: CompiledAction | None = None, /, **params: Any) -> str:
        """The Danish text of refusal ``kind``: action ``by``'s own, else the workflow's (lint requires one),
        with its placeholders filled in from ``params``."""
        own: MessageSpec | None = by.spec.messages.get(kind) if by else None
        chosen = own or self.spec.messages[kind]
        return chosen.message.format_map(params)
