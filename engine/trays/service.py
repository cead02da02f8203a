"""Stored forms in shared trays: the service the web layer and the command line call.

    trays = Trays(store, [compile_workflow(form)])
    made = trays.create(actor, "cancer")                        # F01/F02: in the user's group
    done = trays.save(actor, made.id, payload, made.revision)   # W02: errors and all
    done = trays.perform(actor, made.id, "…", revision, confirmed=True)

Every decision about trays, roles and guards is the workflow engine's (``engine.workflow``); this layer reads
the form, asks it, and stores what it says in one write that names the revision it was decided on, so two
people changing one form at once never lose an update: the later one is refused (``stale``). Group isolation
is enforced here: every read and write takes the acting user, and a form of a group the user is not a member
of is ``NotFound`` — never "forbidden" — whatever the user's roles.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from engine.form import Result, validate
from engine.lookups import CprRegister, Person
from engine.store import AuditEntry, CprAccess, FormRow, FormWrite, Lookup, Store, VersionRow
from engine.trays.actor import Actor
from engine.trays.audit import changes, withheld_fields
from engine.trays.cpr import NOT_CONFIGURED, UNAVAILABLE, looked_up_number, outcome, person_record, stored_cpr
from engine.trays.lists import Lists
from engine.trays.payloads import locked_after, stored_payload, unlocked, unusable
from engine.trays.views import Done, LookedUp, NotFound, StoredForm
from engine.workflow import (
    FOUND,
    CompiledWorkflow,
    Facts,
    Judge,
    Refusal,
    Transition,
    actions_for,
    decide,
)

MAX_ID = 64  # a form id longer than this is none of ours: not found, without asking the store
STALE = "stale"
# Look-up outcomes that say nothing about the number: kept in the audit of look-ups, not on the form.
_NO_ANSWER = frozenset({NOT_CONFIGURED, UNAVAILABLE})


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _new_id() -> str:
    return secrets.token_urlsafe(16)  # 128 random bits: a form's id cannot be guessed


def _judge(workflow: CompiledWorkflow, payload: Mapping[str, Any]) -> Judge:
    """The payload's judgement, worked out once, when first asked for."""
    found: list[Result] = []

    def judge() -> Result:
        if not found:
            found.append(validate(workflow.form, dict(payload)))
        return found[0]

    return judge


class Trays(Lists):
    """The stored forms of the form types of ``workflows`` (one per spec ``form.id``), in ``store``."""

    def __init__(
        self,
        store: Store,
        workflows: Iterable[CompiledWorkflow],
        *,
        clock: Callable[[], datetime.datetime] = _now,
        new_id: Callable[[], str] = _new_id,
    ) -> None:
        self.store = store
        self.workflows: Mapping[str, CompiledWorkflow] = {w.form_type: w for w in workflows}
        self.clock = clock
        self.new_id = new_id

    # -- creating and reading ---------------------------------------------------------------------------
    def creatable_groups(self, actor: Actor, form_type: str) -> tuple[str, ...]:
        """The groups where the user may create a form of ``form_type`` (has the role of the action that
        saves a new form)."""
        workflow = self.workflows.get(form_type)
        if workflow is None:
            return ()
        role = workflow.savers[workflow.initial.id].spec.role
        return tuple(group for group in actor.groups if role in actor.roles_in(group))

    def create(
        self, actor: Actor, form_type: str, group: str | None = None, payload: Any = None
    ) -> StoredForm | Refusal | NotFound:
        """A new form in ``group`` (F01). Without a group, the one group where the user may create it, if
        there is just one (F02); otherwise the saving action's guard refuses it (W02: no group, no save)."""
        workflow = self.workflows.get(form_type)
        if workflow is None:
            return NotFound("form_type")
        if group is not None and not actor.member_of(group):
            return NotFound("group")
        if group is None:
            choices = self.creatable_groups(actor, form_type)
            group = choices[0] if len(choices) == 1 else None
        data: Any = {} if payload is None else payload
        refused = unusable(workflow, data)
        if refused is not None:
            return refused
        saver = workflow.savers[workflow.initial.id]
        judge = _judge(workflow, data)
        facts = Facts(
            workflow.initial.id, has_group=group is not None, payload=data, administrator=actor.administrator
        )
        roles = actor.roles_in(group) if group else actor.all_roles()
        decision = decide(workflow, saver.id, facts, roles, judge, confirmed=True)
        if isinstance(decision, Refusal):
            return decision
        if group is None:  # a spec whose saving action does not guard the group: still no form without one
            return NotFound("group")
        now = self.clock()
        judged = judge()
        row = FormRow(
            id=self.new_id(),
            form_type=form_type,
            group=group,
            state=decision.to_state or workflow.initial.id,
            version=0,
            revision=1,
            created_at=now,
            created_by=actor.user,
            changed_at=now,
            changed_by=actor.user,
            **_judged(workflow, data, judged),
        )
        details = {
            "group": group,
            "form_type": form_type,
            "state": row.state,
            "changes": changes(workflow.form, {}, data, withheld_fields(workflow.form)),
        }
        for _attempt in range(3):  # an id is taken only by a 1 in 2^128 chance
            audit = (AuditEntry(now, actor.user, "create", row.id, saver.id, actor.client, details),)
            if self.store.write_form(FormWrite(None, row, audit=audit)):
                return self._view(actor, row, workflow)
            row = replace(row, id=self.new_id())
        raise RuntimeError("three random form ids were all taken")

    def open(self, actor: Actor, form_id: str) -> StoredForm | NotFound:
        """The form as the user may see it; the opening is audited."""
        found = self._visible(actor, form_id)
        if isinstance(found, NotFound):
            return found
        row, workflow = found
        self.store.record_audit([AuditEntry(self.clock(), actor.user, "open", row.id, client=actor.client)])
        return self._view(actor, row, workflow)

    def can_see(self, actor: Actor, form_id: str) -> bool:
        """Whether the user may see the form (a member of its group), without opening it."""
        return not isinstance(self._visible(actor, form_id), NotFound)

    def versions(self, actor: Actor, form_id: str) -> tuple[VersionRow, ...] | NotFound:
        """Every version of the form the registry received, oldest first (W05)."""
        found = self._visible(actor, form_id)
        if isinstance(found, NotFound):
            return found
        return tuple(self.store.form_versions(found[0].id))

    # -- changing ---------------------------------------------------------------------------------------
    def save(self, actor: Actor, form_id: str, payload: Any, revision: int) -> Done | Refusal | NotFound:
        """Store ``payload`` as the form's draft, errors and all (W02), by the action that saves in the
        form's tray; refused where none does (W08: a cancelled form is read-only)."""
        found = self._visible(actor, form_id)
        if isinstance(found, NotFound):
            return found
        row, workflow = found
        saver = workflow.savers.get(row.state)
        if saver is None:
            message = workflow.text("not_editable", None, state=workflow.state_label(row.state))
            return Refusal("not_editable", message)
        return self.perform(actor, form_id, saver.id, revision, payload=payload)

    def perform(
        self,
        actor: Actor,
        form_id: str,
        action: str,
        revision: int,
        *,
        payload: Any = None,
        confirmed: bool = False,
    ) -> Done | Refusal | NotFound:
        """Do ``action`` on the form as it was at ``revision``. Only the action that saves takes a
        ``payload``; an action with a confirmation question needs ``confirmed``."""
        found = self._visible(actor, form_id)
        if isinstance(found, NotFound):
            return found
        row, workflow = found
        if revision != row.revision:
            return Refusal(STALE, workflow.text(STALE), action)
        compiled = workflow.actions.get(action)
        data: Any = row.payload
        if compiled is not None and compiled.spec.saves:
            data = row.payload if payload is None else payload
            prepared = stored_payload(workflow, row, data)
            if isinstance(prepared, Refusal):
                return prepared
            data = prepared
        elif payload is not None and compiled is not None:
            raise ValueError(f"only the action that saves takes a payload, not {action!r}")
        judge = _judge(workflow, data)
        facts = self._facts(actor, row, workflow, data)
        decision = decide(workflow, action, facts, actor.roles_in(row.group), judge, confirmed=confirmed)
        if isinstance(decision, Refusal):
            return decision
        return self._carry_out(actor, row, workflow, decision, data, judge)

    def look_up_cpr(
        self, actor: Actor, form_id: str, number: str, register: CprRegister | None
    ) -> LookedUp | Refusal | NotFound:
        """Look ``number`` up in the CPR register for the form (F03), and keep the look-up on it.

        Needs what saving the form needs (its tray editable, the saving action's role), and a CPR field not
        yet locked (W06). Every look-up is kept in the audit of look-ups first (StoreError when it cannot be
        written: then nothing is answered); an answer about the number is kept on the form; reporting
        needs one for the number the form holds when it is reported.
        """
        found = self._visible(actor, form_id)
        if isinstance(found, NotFound):
            return found
        row, workflow = found
        field = workflow.cpr_field
        if field is None:
            raise ValueError(f"the form {workflow.form_type!r} has no field of type cpr to look up")
        refused = self._may_enter(actor, row, workflow) or unlocked(workflow, row, field)
        if refused is not None:
            return refused
        answer = register.lookup(number) if register is not None else None
        result = outcome(answer) if register is not None else NOT_CONFIGURED
        self.store.record_cpr_access(
            CprAccess.now(looked_up_number(number), result, actor.user, actor.client)
        )
        if result in _NO_ANSWER:
            return LookedUp(result, answer, self._view(actor, row, workflow))
        return self._keep_lookup(actor, row, workflow, number, result, answer)

    def move(self, actor: Actor, form_id: str, group: str, revision: int) -> StoredForm | Refusal | NotFound:
        """Move a form to another group: an administrator's work (F02; the user cannot)."""
        row = self.store.get_form(form_id) if len(form_id) <= MAX_ID else None
        workflow = self.workflows.get(row.form_type) if row else None
        if row is None or workflow is None or not (actor.administrator or actor.member_of(row.group)):
            return NotFound()
        if not actor.administrator:
            return Refusal("admin_only", workflow.text("admin_only"))
        if revision != row.revision:
            return Refusal(STALE, workflow.text(STALE))
        now = self.clock()
        moved = replace(row, group=group, revision=row.revision + 1, changed_at=now, changed_by=actor.user)
        details = {"from": row.group, "to": group}
        audit = (AuditEntry(now, actor.user, "move", row.id, client=actor.client, details=details),)
        if not self.store.write_form(FormWrite(row, moved, audit=audit)):
            return Refusal(STALE, workflow.text(STALE))
        return self._view(actor, moved, workflow)

    def audit(self, actor: Actor, form_id: str) -> tuple[AuditEntry, ...] | Refusal | NotFound:
        """What the audit holds of a form, oldest first: for an administrator (also of a deleted form)."""
        row = self.store.get_form(form_id) if len(form_id) <= MAX_ID else None
        if not actor.administrator:
            workflow = self.workflows.get(row.form_type) if row else None
            if row is None or workflow is None or not actor.member_of(row.group):
                return NotFound()
            return Refusal("admin_only", workflow.text("admin_only"))
        entries = tuple(self.store.form_audit(form_id)) if len(form_id) <= MAX_ID else ()
        return entries if entries or row is not None else NotFound()

    # -- the steps ----------------------------------------------------------------------------------------
    def _visible(self, actor: Actor, form_id: str) -> tuple[FormRow, CompiledWorkflow] | NotFound:
        row = self.store.get_form(form_id) if len(form_id) <= MAX_ID else None
        if row is None or not actor.member_of(row.group):
            return NotFound()
        workflow = self.workflows.get(row.form_type)
        if workflow is None:  # a form type this server does not serve
            return NotFound("form_type")
        return row, workflow

    def _facts(self, actor: Actor, row: FormRow, workflow: CompiledWorkflow, payload: Any) -> Facts:
        number = stored_cpr(workflow, payload)
        lookup = row.lookup
        made = lookup.outcome if lookup is not None and number and lookup.cpr == number else ""
        return Facts(row.state, row.version, True, made, payload, actor.administrator)

    def _view(self, actor: Actor, row: FormRow, workflow: CompiledWorkflow) -> StoredForm:
        facts = self._facts(actor, row, workflow, row.payload)
        views = actions_for(workflow, facts, actor.roles_in(row.group), _judge(workflow, row.payload))
        saver = workflow.savers.get(row.state)
        editable = saver is not None and any(view.id == saver.id and view.allowed for view in views)
        return StoredForm(
            row=row,
            state_label=workflow.state_label(row.state),
            editable=editable,
            actions=views,
            locked=frozenset(row.locked),
            cpr_looked_up=facts.cpr_lookup == FOUND,
        )

    def _may_enter(self, actor: Actor, row: FormRow, workflow: CompiledWorkflow) -> Refusal | None:
        """Whether the user may enter data in the form now: what saving it needs."""
        saver = workflow.savers.get(row.state)
        if saver is None:
            message = workflow.text("not_editable", None, state=workflow.state_label(row.state))
            return Refusal("not_editable", message)
        decision = decide(
            workflow,
            saver.id,
            self._facts(actor, row, workflow, row.payload),
            actor.roles_in(row.group),
            _judge(workflow, row.payload),
            confirmed=True,
        )
        return decision if isinstance(decision, Refusal) else None

    def _carry_out(
        self,
        actor: Actor,
        row: FormRow,
        workflow: CompiledWorkflow,
        done: Transition,
        payload: Any,
        judge: Judge,
    ) -> Done | Refusal | NotFound:
        now = self.clock()
        details: dict[str, Any] = {"from": row.state}
        if done.produces:  # it gives the user something; the form stays as it is
            judged = judge()
            details |= {
                "produces": done.produces,
                "errors": len(judged.errors),
                "warnings": len(judged.warnings),
            }
            self.store.record_audit(
                [AuditEntry(now, actor.user, "action", row.id, done.action, actor.client, details)]
            )
            return Done(done, self._view(actor, row, workflow))
        if done.deletes:
            audit = (AuditEntry(now, actor.user, "action", row.id, done.action, actor.client, details),)
            if not self.store.write_form(FormWrite(row, None, audit=audit)):
                return self._lost(actor, row, workflow)
            return Done(done, None)
        after = self._after(actor, row, workflow, done, payload, judge(), now)
        details |= {"to": after.state, "version": after.version}
        if done.saves:
            details["changes"] = changes(workflow.form, row.payload, payload, withheld_fields(workflow.form))
        version = None
        if done.exported:
            version = VersionRow(
                row.id,
                row.form_type,
                row.group,
                after.version,
                after.state,
                done.action,
                now,
                actor.user,
                payload,
            )
        audit = (AuditEntry(now, actor.user, "action", row.id, done.action, actor.client, details),)
        if not self.store.write_form(FormWrite(row, after, version, audit)):
            return self._lost(actor, row, workflow)
        return Done(done, self._view(actor, after, workflow))

    def _after(
        self,
        actor: Actor,
        row: FormRow,
        workflow: CompiledWorkflow,
        done: Transition,
        payload: Any,
        judged: Result,
        now: datetime.datetime,
    ) -> FormRow:
        """The form after ``done``: its tray, payload, version, locks and judgement."""
        locked = locked_after(row, done.locks, payload, judged)
        return replace(
            row,
            state=done.to_state or row.state,
            version=row.version + (1 if done.counts_version else 0),
            revision=row.revision + 1,
            changed_at=now,
            changed_by=actor.user,
            locked=locked,
            **_judged(workflow, payload, judged),
        )

    def _keep_lookup(
        self, actor: Actor, row: FormRow, workflow: CompiledWorkflow, number: str, result: str, answer: Any
    ) -> LookedUp | Refusal | NotFound:
        """Keep the look-up on the form; another change first makes the look-up be kept on that one."""
        person = person_record(answer) if isinstance(answer, Person) else None
        looked_up = answer.cpr if isinstance(answer, Person) else looked_up_number(number)
        for _attempt in range(3):
            now = self.clock()
            lookup = Lookup(looked_up, result, now, actor.user, person)
            after = replace(
                row, lookup=lookup, revision=row.revision + 1, changed_at=now, changed_by=actor.user
            )
            audit = (
                AuditEntry(
                    now, actor.user, "lookup", row.id, client=actor.client, details={"outcome": result}
                ),
            )
            if self.store.write_form(FormWrite(row, after, audit=audit)):
                return LookedUp(result, answer, self._view(actor, after, workflow))
            found = self._visible(actor, row.id)
            if isinstance(found, NotFound):
                return found
            row = found[0]
            refused = self._may_enter(actor, row, workflow) or unlocked(
                workflow, row, workflow.cpr_field or ""
            )
            if refused is not None:
                return refused
        return Refusal(STALE, workflow.text(STALE))

    def _lost(self, actor: Actor, row: FormRow, workflow: CompiledWorkflow) -> Refusal | NotFound:
        """Another change came first: the form is gone, or it changed under the user."""
        if isinstance(self._visible(actor, row.id), NotFound):
            return NotFound()
        return Refusal(STALE, workflow.text(STALE))


def _judged(workflow: CompiledWorkflow, payload: Any, judged: Result) -> dict[str, Any]:
    """A stored form's columns that follow from its payload: the payload, what judging it found, with which
    version of the spec, and its CPR number as stored."""
    return {
        "payload": payload,
        "spec_version": workflow.form.spec.info.version,
        "errors": len(judged.errors),
        "warnings": len(judged.warnings),
        "cpr": stored_cpr(workflow, payload),
    }
