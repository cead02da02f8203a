"""A stored form in the pages (manual F01–F03, W01–W11): »Opret skema«, the form's page with the actions its
tray and the user's roles offer, the save the page sends, its CPR look-up, and the print. The lists are
``list_pages``; an administrator's history and move, ``form_admin``.

Everything is decided by the stored forms' service (``engine.trays``) and the spec's workflow: no tray,
action or role is named here. A form of a group the user is not a member of answers 404, like a form that
does not exist. An action is a POST of the page's action bar (its CSRF token, the form's revision); an
action with a question (»Annuller«: "Ja") answers with the question first. A refusal comes back as the page
with the spec's Danish text; nothing typed is lost, because the page saves before it acts.
"""

from __future__ import annotations

import datetime
import logging
import math
from collections.abc import Iterable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.form import Finding, Result, validate
from engine.form.payload import PayloadError, parse_payload
from engine.lookups import Person
from engine.store import StoreError
from engine.trays import Done, LookedUp, NotFound, StoredForm, Trays
from engine.web.account_pages import account_view
from engine.web.api import audit_cpr_request
from engine.web.api_texts import api_text
from engine.web.auth import current_actor
from engine.web.error_answers import ApiError, answer_error
from engine.web.formbody import field, read_form
from engine.web.json_answer import JsonAnswer
from engine.web.jsonbody import BodyUnread, read_body, require_json
from engine.web.pages import form_context, today
from engine.web.rate_limit import user_wait
from engine.web.registers import person_json
from engine.web.state import app_state
from engine.workflow import CONFIRM, Refusal
from renderers.html import ActionButton, PageContext, danish_time, render_form, render_page
from renderers.html.texts import text
from renderers.pdf import PrintError, PrintMeta, render_pdf

log = logging.getLogger("indberet.forms")


def trays_of(request: Request) -> Trays:
    """The app's stored forms (404 when the form has no workflow to store by)."""
    trays = app_state(request).trays
    if trays is None:  # the form has no workflow: there is nothing to store
        raise ApiError(404, "not_found")
    return trays


# -- Opret skema (F01, F02) ------------------------------------------------------------------------------
async def create(request: Request) -> Response:
    """A new draft in the current group (F01: the group is the user's; fixed from then on, F02)."""
    trays, actor = trays_of(request), current_actor(request)
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
    trays, actor = trays_of(request), current_actor(request)
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
    workflow = trays_of(request).workflows[form.row.form_type]
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
    trays, actor = trays_of(request), current_actor(request)
    form_id = request.path_params["form_id"]
    posted = await read_form(request, max_fields=20)
    if isinstance(posted, Response):
        return posted
    action, revision, confirmed = (
        field(posted, "action")[:100],
        posted_revision(posted),
        field(posted, "confirmed"),
    )
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


def posted_revision(posted: FormData) -> int | None:
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
    trays, actor = trays_of(request), current_actor(request)
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
    trays, actor = trays_of(request), current_actor(request)
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


# -- the form's CPR look-up (F03) ---------------------------------------------------------------------
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
    trays, actor, state = trays_of(request), current_actor(request), app_state(request)
    form_id = request.path_params["form_id"]
    if not await run_in_threadpool(trays.can_see, actor, form_id):  # before reading what was sent
        raise ApiError(404, "not_found")
    try:
        require_json(request)
        body = await read_body(request, 4096)
    except BodyUnread as unread:  # kept in the audit, as every CPR request is, with what was read of it
        await audit_cpr_request(request, unread.start.decode("utf-8", "replace"), unread.error)
        raise
    except ApiError as refused:
        await audit_cpr_request(request, "", refused.error)
        raise
    number = _posted_number(body)
    if number is None:
        await audit_cpr_request(request, body.decode("utf-8", "replace"), "cpr_request")
        raise ApiError(400, "cpr_request")
    try:
        wait = state.cpr_limits.wait(request.client.host if request.client else "")
        wait = wait or await run_in_threadpool(
            user_wait, state.store, actor.user, state.settings.cpr_per_user_minute
        )
    except StoreError as error:  # the audit cannot be read: no look-up without it
        log.error("CPR look-up not answered: the audit could not be read: %s", error)
        raise ApiError(503, "audit_unavailable") from error
    if wait:
        await audit_cpr_request(request, number, "rate_limited")
        seconds = math.ceil(wait)
        text_key = "rate_limited.one" if seconds == 1 else "rate_limited"
        raise ApiError(429, "rate_limited", text_key, seconds=seconds).with_headers(
            {"Retry-After": str(seconds)}
        )
    register = state.registers.cpr if "cpr" in state.registers.offered else None
    done = await run_in_threadpool(lambda: trays.look_up_cpr(actor, form_id, number, register))
    if isinstance(done, NotFound):
        raise ApiError(404, "not_found")
    if isinstance(done, Refusal):
        return JsonAnswer({"error": done.code, "message": done.message}, status_code=409)
    return _looked_up(done)


def _posted_number(body: bytes) -> str | None:
    """The ``cpr`` of a body ``{"cpr": "…"}`` (at most 40 characters of it), or None for any other body."""
    try:
        posted = parse_payload(body)
    except PayloadError:
        return None
    number = posted.get("cpr") if isinstance(posted, dict) else None
    return number[:40] if isinstance(number, str) and number.strip() else None


def _looked_up(done: LookedUp) -> Response:
    revision = done.form.revision
    if isinstance(done.answer, Person):
        return JsonAnswer({**person_json(done.answer), "revision": revision})
    status = _LOOKUP_STATUS.get(done.outcome, 404)
    message = api_text(done.outcome if done.outcome in _LOOKUP_STATUS else "cpr_unknown")
    return JsonAnswer({"error": done.outcome, "message": message, "revision": revision}, status_code=status)
