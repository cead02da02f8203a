"""The lists of stored forms in the pages: »Mine bakker« (T02–T06) with its counters and a tray a page at a
time, »Skemaer« (A06: sorted by any column, filtered by tray, version and creation days, keyset pages) and
»CPR søgning« (A05: the number posted, never in a URL). The spec's ``workflow.list_fields`` are the columns
beside CPR number, name, tray, version and dates. The service (``engine.trays``) reads only the user's
groups and keeps every list shown in the audit.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from engine.form import CompiledForm
from engine.spec.model import Field
from engine.store import SORTS
from engine.trays import ListRow, NotACprNumber, NotFound, Page, Trays
from engine.web.account_pages import account_view
from engine.web.auth import current_actor, current_group
from engine.web.form_pages import trays_of
from engine.web.formbody import field, read_form
from engine.web.pages import today
from engine.web.state import app_state
from renderers.html import PageContext, render_page
from renderers.html.texts import text
from renderers.html.view import danish_date

PAGE_SIZE = 50  # forms on a page of a list (Mine bakker, Skemaer)
ORDERS = ("stigende", "faldende")


# -- the lists' columns ---------------------------------------------------------------------------------
def _columns(request: Request, rows: Iterable[ListRow]) -> dict[str, Any]:
    """The spec's list fields (workflow.list_fields) as the lists show them: a heading each, and per row a
    text each (a code with its text, a date in Danish)."""
    form = app_state(request).form
    workflow = trays_of(request).workflows.get(form.spec.info.id)
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
    """»Mine bakker«: the current group's trays with their counters, and the forms of the tray chosen (the
    first by default), 50 at a time."""
    trays, actor, group = trays_of(request), current_actor(request), current_group(request)
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


async def _creatable(request: Request, trays: Trays) -> tuple[tuple[str, str], ...]:
    """The groups where the user may create a form, (id, name), the current group first (F01)."""
    ids = trays.creatable_groups(current_actor(request), app_state(request).form.spec.info.id)
    names = await run_in_threadpool(app_state(request).accounts.groups)
    current = current_group(request)
    return tuple(sorted(((g, names.get(g, g)) for g in ids), key=lambda p: (p[0] != current, p[1])))


# -- Skemaer (A06) and CPR søgning (A05) ---------------------------------------------------------------
async def forms_list(request: Request) -> Response:
    """»Skemaer«: the current group's forms of the form type, sorted by a column, filtered by tray, version
    and creation days, a page at a time (keyset: fast at 100,000 forms). The query holds no CPR number: only
    column, order, filters and the form ids a page starts after or before."""
    trays, actor, group = trays_of(request), current_actor(request), current_group(request)
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
    trays, actor = trays_of(request), current_actor(request)
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
