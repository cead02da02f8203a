"""The JSON endpoints: judge a payload, search code lists, look up CPR numbers and SOR units.

    GET  /api/ping                                         {"ok": true}: the server answers (no work done)
    POST /api/evaluate, /api/validate, /api/v1/validate   payload → validate(form, payload).as_json()
    GET  /api/codes/{codelist}?q=…&limit=…                 part of a code or text (engine.web.codes)
    GET  /api/codes/{codelist}/{code}                      one code and its text
    POST /api/cpr   {"cpr": "DDMMÅÅ-SSSS"}                 the person (F03); the number never in a URL;
                                                           every look-up is kept in the store's audit
    GET  /api/sor?scope=…&name=…                           SOR units of a scope, filtered per column (F06)
    GET  /api/sor/{sor_kode}                               one SOR unit

Every answer other than 200 is JSON with a Danish message; see ``engine.web.error_answers``.
"""

from __future__ import annotations

import asyncio
import logging
import math
from itertools import islice
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from engine.codelists import CodeListError
from engine.codelists.search import CodeIndex
from engine.form import validate
from engine.form.cpr_number import ascii_digits
from engine.form.payload import PayloadError, parse_payload, too_large, unusable_result
from engine.store import CprAccess, StoreError
from engine.web.auth import current_user
from engine.web.error_answers import ApiError, echo, in_danish
from engine.web.json_answer import JsonAnswer, json_bytes
from engine.web.jsonbody import BodyUnread, read_body, require_json
from engine.web.rate_limit import user_wait
from engine.web.registers import get_sor, lookup_cpr, search_sor
from engine.web.state import AppState, app_state

logger = logging.getLogger(__name__)

MAX_LIMIT = 50
MAX_QUERY = 200
MAX_CPR_BODY = 1_000  # {"cpr": "…"} with room to spare


async def ping(request: Request) -> Response:
    """A health check, and the load benchmark's baseline: the app's middleware and routing, nothing else."""
    return JsonAnswer({"ok": True})


async def judge(request: Request) -> Response:
    """The engine's verdict on the posted payload: exactly ``validate(form, payload).as_json()``.

    Text that is not JSON gets the engine's "not JSON" result with status 400, and JSON that is not an
    object its "not an object" result with 422; an object is judged, 200, valid or not.

    A body small enough to be judged in well under a millisecond is judged here, on the event loop (a
    thread's hand-over would cost more than the judgment); a larger one in one of the app's judging
    threads, so that the other requests go on meanwhile.
    """
    state = app_state(request)
    require_json(request)
    limit = min(state.settings.max_body_bytes, state.form.spec.limits.payload_bytes)
    try:
        body = await read_body(request, limit)
    except BodyUnread as unread:
        if unread.status != 413:
            raise
        # The form's own "too large" result, as the CLI gives it for a payload above limits.payload_bytes.
        return Response(json_bytes(unusable_result(state.form, too_large(limit))), 413, media_type=JSON)
    if len(body) <= INLINE_BYTES and _values(body) <= INLINE_VALUES:
        status, answer = _verdict(state, body)
    else:
        loop = asyncio.get_running_loop()
        status, answer = await loop.run_in_executor(state.judges, _verdict, state, body)
    return Response(answer, status_code=status, media_type=JSON)


JSON = "application/json"
INLINE_BYTES = 4_096  # a payload from the form is 0.3–0.6 kB
INLINE_VALUES = 200  # and holds some 20–30 JSON values


def _values(body: bytes) -> int:
    """About how many values the JSON text holds (commas and openings): what judging it costs."""
    return body.count(b",") + body.count(b"{") + body.count(b"[")


def _verdict(state: AppState, body: bytes) -> tuple[int, bytes]:
    """The status and JSON of the verdict on ``body``; ApiError 413 when the answer would be too large."""
    try:
        payload = parse_payload(body, state.form.spec.limits.payload_bytes)
    except PayloadError as error:
        return 400, json_bytes(unusable_result(state.form, error))
    answer = json_bytes(validate(state.form, payload).as_json())
    limit = state.settings.max_answer_bytes
    if len(answer) > limit:
        raise ApiError(413, "too_large", "too_large.answer", limit=in_danish(limit))
    return (200 if isinstance(payload, dict) else 422), answer


async def _index(request: Request) -> tuple[str, CodeIndex]:
    codes = app_state(request).codes
    name = request.path_params["codelist"]
    try:
        index = await codes.index(name)
    except CodeListError as error:
        raise ApiError(500, "codelist_unreadable", name=echo(name)) from error
    if index is None:
        known = ", ".join(codes.names)
        raise ApiError(404, "codelist_unknown", name=echo(name), known=known)
    return name, index


def _limit(request: Request, default: int) -> int:
    text = request.query_params.get("limit")
    if text is None:
        return default
    # ASCII digits only, and no longer than the maximum: int() takes "²" or "١" and refuses 5,000 digits.
    if not (ascii_digits(text) and len(text) <= len(str(MAX_LIMIT)) and 1 <= int(text) <= MAX_LIMIT):
        raise ApiError(400, "bad_limit", maximum=MAX_LIMIT)
    return int(text)


async def code_search(request: Request) -> Response:
    """Up to ``limit`` codes whose code or text holds what was typed; no query: the list's first codes."""
    name, index = await _index(request)
    query = request.query_params.get("q", "")
    if len(query) > MAX_QUERY:
        raise ApiError(400, "query_too_long", maximum=MAX_QUERY)
    limit = _limit(request, app_state(request).settings.search_limit)
    if query.strip():
        found = [(match.code, match.text) for match in index.search(query, limit + 1)]
    else:  # "the arrow in the field": browse the list from its start
        found = [(code.code, code.text) for code in islice(index.codelist, limit + 1)]
    return JsonAnswer(
        {
            "codelist": name,
            "query": query,
            "results": [{"code": code, "text": text} for code, text in found[:limit]],
            "more": len(found) > limit,
        }
    )


async def code_get(request: Request) -> Response:
    name, index = await _index(request)
    typed = request.path_params["code"]
    code = index.get(typed)
    if code is None:
        title = app_state(request).codes.title(name)
        raise ApiError(404, "code_unknown", code=echo(typed), title=title)
    body: dict[str, Any] = {
        "code": code.code,
        "text": code.text,
        "valid_from": code.valid_from.isoformat() if code.valid_from else None,
        "valid_to": code.valid_to.isoformat() if code.valid_to else None,
    }
    return JsonAnswer(body)


async def cpr(request: Request) -> Response:
    """The person whose number is posted as ``{"cpr": "DDMMÅÅ-SSSS"}``.

    The number travels in the body, never in the URL, so it stays out of access logs, proxies and the
    browser's history. A JSON body cannot be posted cross-site without CORS, which this server does not
    allow, so the look-up cannot be forged by another site.

    Every request to this route is kept in the audit with its outcome before it is answered — a person
    found, a number refused, but also a body that is not the JSON asked for, too large, of another type,
    another method, or one look-up too many (429) — with what was sent in place of a number.
    """
    state = app_state(request)
    sent = ""  # the number, or else the body as far as it was read
    try:
        wait = state.cpr_limits.wait(request.client.host if request.client else "")
        unread: BodyUnread | None = None
        try:
            body = await read_body(request, MAX_CPR_BODY)
        except BodyUnread as refused:
            body, unread = refused.start, refused
        number = None if unread else _posted_number(body)
        sent = body.decode("utf-8", "replace") if number is None else number
        if request.method != "POST":
            raise ApiError(405, "method_not_allowed", method=request.method).with_headers({"Allow": "POST"})
        if unread:
            raise unread
        user = current_user(request)
        try:
            wait = wait or await run_in_threadpool(
                user_wait, state.store, user.id if user else None, state.settings.cpr_per_user_minute
            )
        except StoreError as error:  # the audit cannot be read: it cannot be written either
            logger.error("CPR look-up not answered: the audit could not be read: %s", error)
            raise ApiError(503, "audit_unavailable") from error
        if wait:
            seconds = math.ceil(wait)
            raise ApiError(429, "rate_limited", _rate_text(seconds), seconds=seconds).with_headers(
                {"Retry-After": str(seconds)}
            )
        require_json(request)
        if number is None:
            raise ApiError(400, "cpr_request")
        person = lookup_cpr(state.registers.cpr, number)
    except ApiError as refused:
        await audit_cpr_request(request, sent, refused.error)
        raise
    await audit_cpr_request(request, sent, "found")
    return JsonAnswer(person)


def _rate_text(seconds: int) -> str:
    return "rate_limited.one" if seconds == 1 else "rate_limited"


def _posted_number(body: bytes) -> str | None:
    """The ``cpr`` of a body ``{"cpr": "…"}``, or None for any other body."""
    try:
        posted = parse_payload(body)
    except PayloadError:
        return None
    number = posted.get("cpr") if isinstance(posted, dict) else None
    return number if isinstance(number, str) else None


async def audit_cpr_request(request: Request, sent: str, outcome: str) -> None:
    """Keep the request in the audit (every one, found or not); without the audit, no answer."""
    user = current_user(request)
    access = CprAccess.now(
        sent, outcome, user.id if user else None, request.client.host if request.client else None
    )
    try:
        await run_in_threadpool(app_state(request).store.record_cpr_access, access)
    except StoreError as error:
        logger.error("CPR look-up not answered: the audit could not be written: %s", error)
        raise ApiError(503, "audit_unavailable") from error


async def sor_search(request: Request) -> Response:
    state = app_state(request)
    user = current_user(request)
    cvr = user.cvr if user is not None else state.settings.user_cvr
    params = dict(request.query_params)
    if len(params) != len(request.query_params.multi_items()):
        raise ApiError(400, "sor_filter", "sor_filter.twice")
    if any(len(value) > MAX_QUERY for value in params.values()):
        raise ApiError(400, "query_too_long", "query_too_long.filter", maximum=MAX_QUERY)
    return JsonAnswer(search_sor(state.registers.sor, params, cvr, state.settings.sor_limit))


async def sor_unit(request: Request) -> Response:
    state = app_state(request)
    return JsonAnswer(get_sor(state.registers.sor, request.path_params["sor_kode"]))
