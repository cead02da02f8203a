"""The pages of stored forms (manual F01–F03, T02–T06, W01–W11): »Mine bakker«, »Opret skema«, a stored
form with the actions its tray and the user's roles offer, and the save the form page sends.

Everything is decided by the stored forms' service (``engine.trays``) and the spec's workflow: no tray,
action or role is named here. A form of a group the user is not a member of answers 404, like a form that
does not exist. An action is a POST of the page's action bar (its CSRF token, the form's revision); an
action with a question (»Annuller«: "Ja") answers with the question first. A refusal comes back as the page
with the spec's Danish text; nothing typed is lost, because the page saves before it acts.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.form import CompiledForm, Finding, Result, validate
from engine.form.payload import PayloadError, parse_payload
from engine.lookups import Person
from engine.spec.model import Field
from engine.store import SORTS, AuditEntry
from engine.trays import Done, ListRow, LookedUp, NotACprNumber, NotFound, Page, StoredForm, Trays
from engine.web.account_pages import account_view
from engine.web.api_texts import api_text
from engine.web.auth import current_actor, current_group
from engine.web.error_answers import ApiError, answer_error
from engine.web.formbody import field, read_form
from engine.web.json_answer import JsonAnswer
from engine.web.jsonbody import read_body, require_json
from engine.web.pages import form_context, today
from engine.web.registers import person_json
from engine.web.state import app_state
from engine.workflow import CONFIRM, CompiledWorkflow, Refusal
from renderers.html import ActionButton, PageContext, danish_time, render_form, render_page
from renderers.html.texts import TEXTS, text
from renderers.html.view import danish_date
from renderers.pdf import PrintError, PrintMeta, render_pdf

log = logging.getLogger("indberet.forms")
PAGE_SIZE = 50  # forms on a page of a list (Mine bakker, Skemaer)
ORDERS = ("stigende", "faldende")


def _trays(request: Request) -> Trays:
    trays = app_state(request).trays
    if trays is None:  # the form has no workflow: there is nothing to store
        raise ApiError(404, "not_found")
    return trays


# -- the lists' columns ---------------------------------------------------------------------------------
def _columns(request: Request, rows: Iterable[ListRow]) -> dict[str, Any]:
    """The spec's list fields (workflow.list_fields) as the lists show them: a heading each, and per row a
    text each (a code with its text, a date in Danish)."""
    form = app_state(request).form
    workflow = _trays(request).workflows.get(form.spec.info.id)
    names = workflow.spec.list_fields if workflow else ()
    fields = [form.spec.field(name) for name in names if name in form.field_ids]
    cells = {row.id: tuple(_cell(form, field, row.fields.get(field.id)) for field in fields) for row in rows}
    return {"columns": tuple((field.id, field.label) for field in fields), "cells": cells}


def _cell(form: CompiledForm, field: Field, value: Any) -> str:
    if not isinstance(value, str) or not value:
        return ""
    codelist = form.codelists.get(field.codelist) if field.codelist else None
    code = codelist.get(value) if codelist is not None else None
    if code is not None:
        return f"{code.code} {code.text}"
    return danish_date(value) if field.type == "date" else value


# -- Mine bakker (T02–T06) ------------------------------------------------------------------------------
async def trays_page(request: Request) -> Response:
    trays, actor, group = _trays(request), current_actor(request), current_group(request)
    account = await account_view(request)
    counters: tuple[Any, ...] = ()
    rows: tuple[Any, ...] = ()
    chosen = request.query_params.get("bakke", "")
    after, before = request.query_params.get("efter"), request.query_params.get("foer")
    pages: dict[str, str] = {}
    if group is not None:
        found = await run_in_threadpool(trays.counters, actor, group)
        counters = () if isinstance(found, NotFound) else found
        states = {c.state for c in counters}
        chosen = chosen if chosen in states else (counters[0].state if counters else "")
        if chosen:
            page = await run_in_threadpool(
                lambda: trays.tray(
                    actor,
                    group,
                    chosen,
                    after=after[:100] if after else None,
                    before=before[:100] if before else None,
                    limit=PAGE_SIZE,
                )
            )
            if isinstance(page, Page):
                rows = page.rows
                for key, form_id in (("after", page.after), ("before", page.before)):
                    if form_id:
                        query = {"bakke": chosen, "efter" if key == "after" else "foer": form_id}
                        pages[key] = "/bakker?" + urlencode(query)
    html = render_page(
        "trays.html",
        PageContext(today=today(), account=account),
        counters=counters,
        chosen=chosen,
        rows=rows,
        **_columns(request, rows),
        after=pages.get("after", ""),
        before=pages.get("before", ""),
        creatable=await _creatable(request, trays),
        form_title=app_state(request).form.spec.info.title,
    )
    return HTMLResponse(html)


# -- Opret skema (F01, F02) ------------------------------------------------------------------------------
async def create(request: Request) -> Response:
    """A new draft in the current group (F01: the group is the user's; fixed from then on, F02)."""
    trays, actor = _trays(request), current_actor(request)
    form_type = app_state(request).form.spec.info.id
    posted = await read_form(request, max_fields=20)
    if isinstance(posted, Response):
        return posted
    chosen = field(posted, "gruppe")[:100] or None  # none chosen: the user's only group, if one
    made = await run_in_threadpool(lambda: trays.create(actor, form_type, chosen))
    if isinstance(made, NotFound):
        return answer_error(request, 404, "not_found")
    if isinstance(made, Refusal):
        return await _trays_error(request, made.message)
    return RedirectResponse(f"/skema/{made.id}", status_code=303)


async def _creatable(request: Request, trays: Trays) -> tuple[tuple[str, str], ...]:
    """The groups where the user may create a form, (id, name), the current group first (F01)."""
    ids = trays.creatable_groups(current_actor(request), app_state(request).form.spec.info.id)
    names = await run_in_threadpool(app_state(request).accounts.groups)
    current = current_group(request)
    return tuple(sorted(((g, names.get(g, g)) for g in ids), key=lambda p: (p[0] != current, p[1])))


async def _trays_error(request: Request, message: str) -> Response:
    html = render_page(
        "trays.html",
        PageContext(today=today(), account=await account_view(request), refusal=message),
        counters=(),
        chosen="",
        rows=(),
        columns=(),
        cells={},
        after="",
        before="",
        creatable=(),
        form_title="",
    )
    return HTMLResponse(html, status_code=400)


# -- a stored form (W01–W11) ---------------------------------------------------------------------------
async def stored_form(
    request: Request,
    *,
    refused: Refusal | None = None,
    confirm: str = "",
    notice: str = "",
    judged: Result | None = None,
) -> Response:
    trays, actor = _trays(request), current_actor(request)
    opened = await run_in_threadpool(trays.open, actor, request.path_params["form_id"])
    if isinstance(opened, NotFound):
        return answer_error(request, 404, "not_found")
    workflow = trays.workflows[opened.row.form_type]
    done = workflow.actions.get(request.query_params.get("udfoert", ""))
    if done:
        notice = text("action_done", label=done.spec.label, state=opened.state_label)
    return await _page(request, opened, notice=notice, refused=refused, confirm=confirm, judged=judged)


async def stored_form_page(request: Request) -> Response:
    return await stored_form(request)


async def _page(
    request: Request,
    form: StoredForm,
    *,
    notice: str,
    refused: Refusal | None,
    confirm: str,
    judged: Result | None = None,
) -> Response:
    buttons = tuple(
        ActionButton(a.id, a.label, a.confirm, a.saves, a.allowed, a.reason, a.produces or "")
        for a in form.actions
    )
    waiting = next((b for b in buttons if b.id == confirm), None)
    account = await account_view(request)
    groups = await run_in_threadpool(app_state(request).accounts.groups)
    context = form_context(
        request,
        form.payload,
        state_label=form.state_label,
        version=form.row.version,
        draft_key=form.id,
        stored=True,
        account=account,
    )
    administrator = account is not None and account.administrator
    context = PageContext(
        **{
            **context.__dict__,
            "read_only": context.read_only or not form.editable,
            "read_only_reason": _not_editable(request, form),
            "form_id": form.id,
            "revision": form.revision,
            "actions": buttons,
            "notice": notice,
            "refusal": refused.message if refused else "",
            "findings": _findings(refused.errors if refused else _all(judged)),
            "confirm": waiting,
            "today": form.row.created_at.date(),
            "group": groups.get(form.row.group, form.row.group),
            "details": _details(form, await run_in_threadpool(_names, request, form)),
            "locked": frozenset(form.locked),
            "person": _person(form),
            "history_url": f"/skema/{form.id}/historik" if administrator else "",
            "move_groups": tuple(
                sorted(((g, n) for g, n in groups.items() if g != form.row.group), key=lambda p: p[1])
            )
            if administrator
            else (),
        }
    )
    status = 409 if refused else 200
    return HTMLResponse(render_form(app_state(request).form, context), status_code=status)


def _not_editable(request: Request, form: StoredForm) -> str:
    """Why the form cannot be changed when its tray is the reason (the spec's text), else ""."""
    workflow = _trays(request).workflows[form.row.form_type]
    if form.editable or form.row.state in workflow.savers:
        return ""
    return workflow.text("not_editable", None, state=form.state_label)


def _all(judged: Result | None) -> tuple[Finding, ...]:
    return (*judged.errors, *judged.warnings) if judged is not None else ()


def _findings(found: Iterable[Finding]) -> tuple[tuple[str, str, str], ...]:
    return tuple((finding.severity, finding.field, finding.message) for finding in found)


def _names(request: Request, form: StoredForm) -> dict[str, str]:
    lookup = form.lookup
    ids = [form.row.created_by, form.row.changed_by, *([lookup.by] if lookup else [])]
    return app_state(request).accounts.names(ids)


def _details(form: StoredForm, names: dict[str, str]) -> tuple[tuple[str, str, str], ...]:
    """Skemainformation of a stored form beyond its creation date and group."""
    row, lookup = form.row, form.lookup
    looked_up = lookup is not None and form.cpr_looked_up
    made = (
        text("info_cpr_lookup_made", time=danish_time(lookup.at), user=names.get(lookup.by, lookup.by))
        if lookup is not None and looked_up
        else text("info_cpr_lookup_none")
    )
    person = lookup.person if lookup is not None and looked_up else None
    return (
        ("bakke", text("info_state"), form.state_label),
        ("version", text("form_version"), str(row.version)),
        ("oprettet-af", text("info_created_by"), names.get(row.created_by, row.created_by)),
        (
            "aendret",
            text("info_changed"),
            f"{danish_time(row.changed_at)}, {names.get(row.changed_by, row.changed_by)}",
        ),
        ("cpr-opslag", text("info_cpr_lookup"), made),
        *((("cpr-navn", text("lookup_name"), str(person.get("name", ""))),) if person else ()),
    )


def _person(form: StoredForm) -> dict[str, Any] | None:
    """The person the form's look-up found, while the form holds the number looked up."""
    lookup = form.lookup
    if not form.cpr_looked_up or lookup is None or lookup.person is None:
        return None
    person = lookup.person
    place = f"{person.get('postcode', '')} {person.get('city', '')}".strip()
    return {"name": person.get("name", ""), "address": [*person.get("address", ()), place]}


async def act(request: Request) -> Response:
    """An action of the action bar: done, asked about (a confirmation), or refused with the spec's text."""
    trays, actor = _trays(request), current_actor(request)
    form_id = request.path_params["form_id"]
    posted = await read_form(request, max_fields=20)
    if isinstance(posted, Response):
        return posted
    action, revision, confirmed = field(posted, "action")[:100], _revision(posted), field(posted, "confirmed")
    if revision is None:
        return answer_error(request, 400, "bad_request")
    done = await run_in_threadpool(
        lambda: trays.perform(actor, form_id, action, revision, confirmed=confirmed == "ja")
    )
    if isinstance(done, NotFound):
        return answer_error(request, 404, "not_found")
    if isinstance(done, Refusal):
        if done.code == CONFIRM:
            return await stored_form(request, confirm=action)
        return await stored_form(request, refused=done)
    if done.transition.produces == "pdf" and done.form is not None:
        return await _print(request, done.form)
    if done.transition.produces == "validation" and done.transition.judged is not None:
        judged = done.transition.judged
        summary = text("validated", errors=len(judged.errors), warnings=len(judged.warnings))
        return await stored_form(request, notice=summary, judged=judged)
    return _after(done)


async def _print(request: Request, form: StoredForm) -> Response:
    """The print of the form (W11): a PDF of every field with its code and text, its tray, version, group,
    dates and the validation result (``renderers.pdf``); a Danish page when it cannot be made."""
    state = app_state(request)
    account = await account_view(request)
    groups = await run_in_threadpool(state.accounts.groups)
    row = form.row
    meta = PrintMeta(
        row.state,
        row.version,
        groups.get(row.group, row.group),
        row.created_at,
        created_by=row.created_by,
        changed=row.changed_at,
        changed_by=row.changed_by,
        printed=datetime.datetime.now(datetime.UTC),
        printed_by=account.name if account else "",
    )
    try:
        pdf = await run_in_threadpool(
            lambda: render_pdf(state.form, row.payload, validate(state.form, row.payload), meta)
        )
    except PrintError:
        log.exception("the print of a form could not be made")
        return await stored_form(request, refused=Refusal("print_failed", text("print_failed")))
    headers = {"Content-Disposition": f'attachment; filename="skema-{row.id}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


def _revision(posted: FormData) -> int | None:
    """The form's revision the page was drawn with (ASCII digits), or None."""
    typed = field(posted, "revision")
    return int(typed) if typed.isascii() and typed.isdigit() and len(typed) < 19 else None


def _after(done: Done) -> Response:
    if done.form is None:  # deleted (W03)
        return RedirectResponse("/bakker", status_code=303)
    return RedirectResponse(f"/skema/{done.form.id}?udfoert={done.transition.action}", status_code=303)


async def save(request: Request) -> Response:
    """POST /api/skemaer/{id}: ``{"payload": {…}, "revision": n}`` stored as the draft, errors and all
    (W02); 409 with the spec's text when another save came first (the page keeps what was typed)."""
    trays, actor = _trays(request), current_actor(request)
    require_json(request)
    body = await read_body(request, app_state(request).settings.max_body_bytes)
    try:
        posted = parse_payload(body)
    except PayloadError as error:
        raise ApiError(400, "bad_request") from error
    revision = posted.get("revision") if isinstance(posted, dict) else None
    payload = posted.get("payload") if isinstance(posted, dict) else None
    if type(revision) is not int or not isinstance(payload, dict):
        raise ApiError(400, "bad_request")
    done = await run_in_threadpool(
        lambda: trays.save(actor, request.path_params["form_id"], payload, revision)
    )
    if isinstance(done, NotFound):
        raise ApiError(404, "not_found")
    if isinstance(done, Refusal):
        return JsonAnswer({"error": done.code, "message": done.message}, status_code=409)
    form = done.form
    return JsonAnswer(
        {
            "revision": form.revision if form else None,
            "state": form.state_label if form else None,
            "version": form.row.version if form else None,
            "message": text("saved_form"),
        }
    )


async def create_with_payload(request: Request) -> Response:
    """POST /api/skemaer ``{"payload": {…}, "gruppe": "…"}``: the new form page's »Gem« stores what was typed
    as a new draft (F01, W02: errors and all) in the group chosen, or the user's only one; 201 with its
    page's address. Refused in the spec's words (no group chosen: the saving action's guard)."""
    trays, actor = _trays(request), current_actor(request)
    require_json(request)
    body = await read_body(request, app_state(request).settings.max_body_bytes)
    try:
        posted = parse_payload(body)
    except PayloadError as error:
        raise ApiError(400, "bad_request") from error
    payload = posted.get("payload") if isinstance(posted, dict) else None
    group = posted.get("gruppe") if isinstance(posted, dict) else None
    if not isinstance(payload, dict) or not (group is None or isinstance(group, str)):
        raise ApiError(400, "bad_request")
    form_type = app_state(request).form.spec.info.id
    made = await run_in_threadpool(lambda: trays.create(actor, form_type, group or None, payload))
    if isinstance(made, NotFound) and not group:  # several groups, none chosen (a spec without the guard)
        return JsonAnswer({"error": "no_group", "message": text("choose_group")}, status_code=409)
    if isinstance(made, NotFound):
        raise ApiError(404, "not_found")
    if isinstance(made, Refusal):
        return JsonAnswer({"error": made.code, "message": made.message}, status_code=409)
    answer = {
        "id": made.id,
        "url": f"/skema/{made.id}",
        "revision": made.revision,
        "message": text("saved_form"),
    }
    return JsonAnswer(answer, status_code=201)


# -- the form's CPR look-up (F03), its history and its group (F02) --------------------------------------
_LOOKUP_STATUS = {
    "cpr_not_configured": 503,
    "cpr_unavailable": 503,
    "cpr_substitute": 422,
    "cpr_date": 400,
    "cpr_malformed": 400,
    "cpr_unknown": 404,
}


async def look_up(request: Request) -> Response:
    """POST /api/skemaer/{id}/cpr ``{"cpr": "…"}``: the look-up of the form's CPR number, made here and kept
    on the form (F03: reporting needs it), audited with who and when; the number never in a URL. Answers
    the person, or why not, with the form's new revision."""
    trays, actor, state = _trays(request), current_actor(request), app_state(request)
    form_id = request.path_params["form_id"]
    if not await run_in_threadpool(trays.can_see, actor, form_id):  # before reading what was sent
        raise ApiError(404, "not_found")
    require_json(request)
    body = await read_body(request, 4096)
    try:
        posted = parse_payload(body)
    except PayloadError as error:
        raise ApiError(400, "cpr_request") from error
    number = posted.get("cpr") if isinstance(posted, dict) else None
    if not isinstance(number, str) or not number.strip():
        raise ApiError(400, "cpr_request")
    wait = state.cpr_limits.wait(request.client.host if request.client else "")
    if wait:
        seconds = math.ceil(wait)
        text_key = "rate_limited.one" if seconds == 1 else "rate_limited"
        raise ApiError(429, "rate_limited", text_key, seconds=seconds).with_headers(
            {"Retry-After": str(seconds)}
        )
    register = state.registers.cpr if "cpr" in state.registers.offered else None
    done = await run_in_threadpool(lambda: trays.look_up_cpr(actor, form_id, number[:40], register))
    if isinstance(done, NotFound):
        raise ApiError(404, "not_found")
    if isinstance(done, Refusal):
        return JsonAnswer({"error": done.code, "message": done.message}, status_code=409)
    return _looked_up(done)


def _looked_up(done: LookedUp) -> Response:
    revision = done.form.revision
    if isinstance(done.answer, Person):
        return JsonAnswer({**person_json(done.answer), "revision": revision})
    status = _LOOKUP_STATUS.get(done.outcome, 404)
    message = api_text(done.outcome if done.outcome in _LOOKUP_STATUS else "cpr_unknown")
    return JsonAnswer({"error": done.outcome, "message": message, "revision": revision}, status_code=status)


async def history(request: Request) -> Response:
    """Historik: what the audit holds of the form (who created, opened, changed which fields, reported …),
    for an administrator; 404 for everyone else who cannot see the form, 403 for its members."""
    trays, actor = _trays(request), current_actor(request)
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
    if value is None or value == "" or value == []:
        return "–"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:200]


async def move(request: Request) -> Response:
    """An administrator moves a form to another group (F02: the group is fixed for everyone else)."""
    trays, actor = _trays(request), current_actor(request)
    posted = await read_form(request, max_fields=20)
    if isinstance(posted, Response):
        return posted
    group, revision = field(posted, "gruppe")[:100], _revision(posted)
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


# -- Skemaer (A06) and CPR søgning (A05) ---------------------------------------------------------------


async def forms_list(request: Request) -> Response:
    """»Skemaer«: the current group's forms of the form type, sorted by a column, filtered by tray, a page
    at a time (keyset: fast at 100,000 forms). The query holds no CPR number: only column, order, tray and
    the form ids a page starts after or before."""
    trays, actor, group = _trays(request), current_actor(request), current_group(request)
    form_type = app_state(request).form.spec.info.id
    workflow = trays.workflows[form_type]
    params = request.query_params
    sort = params.get("sorter", "changed")
    sort = sort if sort in SORTS else "changed"
    order = params.get("orden", "faldende")
    order = order if order in ORDERS else "faldende"
    chosen = params.get("bakke", "")
    chosen = chosen if chosen in workflow.states else ""
    after, before = params.get("efter"), params.get("foer")
    filters, shown, problems = _filters(params)
    rows: tuple[Any, ...] = ()
    next_id = previous_id = None
    if group is not None:
        found = await run_in_threadpool(
            lambda: trays.forms(
                actor,
                group,
                form_type,
                sort=sort,
                descending=order == "faldende",
                states=(chosen,) if chosen else (),
                after=after[:100] if after else None,
                before=before[:100] if before else None,
                limit=PAGE_SIZE,
                **filters,
            )
        )
        if isinstance(found, Page):
            rows, next_id, previous_id = found.rows, found.after, found.before

    def url(**changed: str) -> str:
        query = {"sorter": sort, "orden": order, "bakke": chosen, **shown, **changed}
        return "/skemaer?" + urlencode({k: v for k, v in query.items() if v})

    sort_links = {
        key: {
            "url": url(sorter=key, orden="stigende" if key != sort or order == "faldende" else "faldende"),
            "aria": ("descending" if order == "faldende" else "ascending") if key == sort else "none",
        }
        for key in ("cpr", "state", "version", "created", "changed")
    }
    html = render_page(
        "skemaer.html",
        PageContext(today=today(), account=await account_view(request)),
        rows=rows,
        **_columns(request, rows),
        trays=[(state.id, state.label) for state in workflow.states.values()],
        chosen=chosen,
        shown=shown,
        problems=problems,
        sort=sort,
        order=order,
        sort_links=sort_links,
        after=url(efter=next_id) if next_id else "",
        before=url(foer=previous_id) if previous_id else "",
    )
    return HTMLResponse(html)


_FILTER_DATE = re.compile(r"^\s*(\d{1,2})[-./](\d{1,2})[-./](\d{4})\s*$|^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def _filters(params: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str], tuple[str, ...]]:
    """Skemaer's filters beside the tray (A06): version, and the creation date from and to (Danish days,
    both included). The service's keywords, the values as typed (for the page and its links), and a Danish
    text per value that could not be read (that filter is left out)."""
    filters: dict[str, Any] = {}
    shown: dict[str, str] = {}
    problems: list[str] = []
    typed = params.get("version", "").strip()[:10]
    if typed:
        shown["version"] = typed
        if typed.isascii() and typed.isdigit():
            filters["version"] = int(typed)
        else:
            problems.append(text("filter_version", value=typed))
    for name, key, end in (("oprettet_fra", "created_from", False), ("oprettet_til", "created_to", True)):
        typed = params.get(name, "").strip()[:20]
        if not typed:
            continue
        shown[name] = typed
        moment = _day_start(typed, end)
        if moment is None:
            problems.append(text("filter_date", value=typed))
        else:
            filters[key] = moment
    return filters, shown, tuple(problems)


def _day_start(typed: str, next_day: bool) -> datetime.datetime | None:
    """The start of the Danish day ``typed`` (DD-MM-ÅÅÅÅ or ÅÅÅÅ-MM-DD), or of the day after it."""
    found = _FILTER_DATE.match(typed)
    if found is None:
        return None
    day, month, year = (found[1], found[2], found[3]) if found[1] else (found[6], found[5], found[4])
    try:
        date = datetime.date(int(year), int(month), int(day)) + datetime.timedelta(days=1 if next_day else 0)
    except ValueError:
        return None
    zone: datetime.tzinfo = datetime.UTC
    with contextlib.suppress(ZoneInfoNotFoundError):
        zone = ZoneInfo("Europe/Copenhagen")
    return datetime.datetime.combine(date, datetime.time(), zone)


async def cpr_search(request: Request) -> Response:
    """»CPR søgning«: the number is posted (never in a URL), and the search is audited by the service."""
    trays, actor = _trays(request), current_actor(request)
    typed, error = "", ""
    rows: tuple[Any, ...] = ()
    searched = request.method == "POST"
    if searched:
        posted = await read_form(request, max_fields=20)
        if isinstance(posted, Response):
            return posted
        typed = field(posted, "cpr")[:40]
        found = await run_in_threadpool(trays.search_cpr, actor, typed)
        if isinstance(found, NotACprNumber):
            error = text("cpr_not_a_number")
        else:
            rows = found
    html = render_page(
        "cpr_search.html",
        PageContext(today=today(), account=await account_view(request)),
        typed=typed,
        error=error,
        rows=rows,
        **_columns(request, rows),
        searched=searched,
    )
    return HTMLResponse(html, status_code=400 if error else 200)
