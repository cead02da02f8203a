"""An administrator's tools on a stored form: its »Historik« (what the audit holds of it: who created,
opened, changed which fields from what to what, looked up, validated, reported, cancelled, printed or moved
it) and »Flyt« to another group (F02: the group is fixed for everyone else). The form's members get 403 for
the history and the spec's refusal for a move; everyone else 404, as for every route of a form.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.store import AuditEntry
from engine.trays import NotFound
from engine.web.account_pages import account_view
from engine.web.auth import current_actor
from engine.web.error_answers import answer_error
from engine.web.form_pages import posted_revision, stored_form, trays_of
from engine.web.formbody import field, read_form
from engine.web.pages import today
from engine.web.state import app_state
from engine.workflow import CompiledWorkflow, Refusal
from renderers.html import PageContext, danish_time, render_page
from renderers.html.texts import TEXTS, text


async def history(request: Request) -> Response:
    """Historik: what the audit holds of the form (who created, opened, changed which fields, reported …),
    for an administrator; 404 for everyone else who cannot see the form, 403 for its members."""
    trays, actor = trays_of(request), current_actor(request)
    form_id = request.path_params["form_id"]
    found = await run_in_threadpool(trays.audit, actor, form_id)
    if isinstance(found, NotFound):
        return answer_error(request, 404, "not_found")
    if isinstance(found, Refusal):
        return answer_error(request, 403, "forbidden")
    workflow = trays.workflows[app_state(request).form.spec.info.id]
    labels = {field.id: field.label for field in workflow.form.spec.fields}
    names = await run_in_threadpool(app_state(request).accounts.names, [e.user for e in found])
    entries = [_history_entry(entry, workflow, labels, names) for entry in found]
    html = render_page(
        "history.html",
        PageContext(today=today(), account=await account_view(request)),
        form_id=form_id,
        can_open=await run_in_threadpool(trays.can_see, actor, form_id),  # a member of its group
        entries=entries,
    )
    return HTMLResponse(html)


def _history_entry(
    entry: AuditEntry, workflow: CompiledWorkflow, labels: dict[str, str], names: dict[str, str]
) -> dict[str, Any]:
    action = workflow.actions.get(entry.action or "") if entry.event == "action" else None
    key = f"event_{entry.event}"
    what = action.spec.label if action else text(key) if key in TEXTS else entry.event
    details = []
    for change in entry.details.get("changes", ()):
        label = labels.get(change.get("field", ""), change.get("field", ""))
        if change.get("withheld"):
            details.append(text("history_withheld", field=label))
        else:
            old, new = _shown(change.get("old")), _shown(change.get("new"))
            details.append(text("history_change", field=label, old=old, new=new))
    if "to" in entry.details and entry.event == "move":
        details.append(text("history_moved", old=entry.details.get("from"), new=entry.details["to"]))
    elif "to" in entry.details:
        to = workflow.state_label(entry.details["to"]) if entry.details["to"] in workflow.states else ""
        details.append(text("history_state", state=to, version=entry.details.get("version", "")))
    if "outcome" in entry.details:
        details.append(text("history_outcome", outcome=entry.details["outcome"]))
    user = names.get(entry.user, entry.user)
    return {"at": danish_time(entry.at), "user": user, "what": what, "details": details}


def _shown(value: Any) -> str:
    """A value of the audit as a line of the page: codes joined by commas, a group's items by semicolons
    (``kode: BWHA, startdato: 2024-09-20; …``), at most 200 characters."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, list):
        joiner = "; " if any(isinstance(item, dict) for item in value) else ", "
        shown = joiner.join(_item(item) for item in value)
    else:
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 200 else shown[:199] + "…"


def _item(item: Any) -> str:
    if isinstance(item, dict):
        return ", ".join(f"{key}: {_item(value)}" for key, value in item.items())
    return item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)


async def move(request: Request) -> Response:
    """An administrator moves a form to another group (F02: the group is fixed for everyone else)."""
    trays, actor = trays_of(request), current_actor(request)
    posted = await read_form(request, max_fields=20)
    if isinstance(posted, Response):
        return posted
    group, revision = field(posted, "gruppe")[:100], posted_revision(posted)
    if revision is None:
        return answer_error(request, 400, "bad_request")
    groups = await run_in_threadpool(app_state(request).accounts.groups)
    if actor.administrator and group not in groups:  # (the service refuses everyone else, 404 first)
        return answer_error(request, 400, "bad_request")
    moved = await run_in_threadpool(
        lambda: trays.move(actor, request.path_params["form_id"], group, revision)
    )
    if isinstance(moved, NotFound):
        return answer_error(request, 404, "not_found")
    if isinstance(moved, Refusal):
        return await stored_form(request, refused=moved)
    if not actor.member_of(group):  # the administrator cannot see it there: back to the trays
        return RedirectResponse("/bakker", status_code=303)
    return RedirectResponse(f"/skema/{moved.id}", status_code=303)
