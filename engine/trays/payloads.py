"""What may be stored as a form's payload: a JSON object within the form's limits, with its locked fields as
they were locked (W06). Refusals speak the form's own words (its spec's messages)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from engine.form import Result, validate
from engine.form.payload import too_large, unusable_result
from engine.store import FormRow
from engine.workflow import CompiledWorkflow, Refusal


def unusable(workflow: CompiledWorkflow, payload: Any) -> Refusal | None:
    """Why ``payload`` cannot be stored at all: not an object, or beyond the form's size limit."""
    form = workflow.form
    if not isinstance(payload, dict):
        (error,) = validate(form, payload).errors
        return Refusal(error.rule, error.message)
    size = len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))  # as stored
    limit = form.spec.limits.payload_bytes
    if size > limit:
        message = unusable_result(form, too_large(limit, size))["errors"][0]["message"]
        return Refusal("too_large", message)
    return None


def stored_payload(workflow: CompiledWorkflow, row: FormRow, payload: Any) -> Any:
    """``payload`` as it is stored in place of ``row``'s, or why it cannot be: a locked field left out or
    empty keeps its value; another value is refused (compared as stored: a CPR number with its hyphen)."""
    refused = unusable(workflow, payload)
    if refused is not None or not row.locked:
        return refused or payload
    merged = dict(payload)
    for name, value in row.locked.items():
        if merged.get(name) in (None, "", []):
            merged[name] = value
    normalized = validate(workflow.form, merged).normalized
    for name, value in row.locked.items():
        if normalized.get(name, merged.get(name)) != value:
            return locked_refusal(workflow, name)
    return merged


def locked_refusal(workflow: CompiledWorkflow, name: str) -> Refusal:
    """The refusal of a change to locked field ``name``, naming the action that locked it."""
    locker = next((a for a in workflow.actions.values() if name in a.spec.locks), None)
    label = workflow.form.spec.field(name).label if name in workflow.form.field_ids else name
    action = locker.spec.label if locker else ""
    return Refusal("locked", workflow.text("locked", locker, label=label, field=name, action=action))


def unlocked(workflow: CompiledWorkflow, row: FormRow, name: str) -> Refusal | None:
    """None while field ``name`` of the form is not locked."""
    return locked_refusal(workflow, name) if name in row.locked else None


def locked_after(
    row: FormRow, locks: tuple[str, ...], payload: Mapping[str, Any], judged: Result
) -> dict[str, Any]:
    """The form's locked fields after an action that locks ``locks``: each with its value as stored now; a
    field locked before keeps the value it was locked with."""
    locked = dict(row.locked)
    for name in locks:
        locked.setdefault(name, judged.normalized.get(name, payload.get(name)))
    return locked
