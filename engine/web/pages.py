"""The HTML pages: today only the new cancer form (a draft that is not stored yet).

``form_context(request, …)`` is what every page of a form passes to ``render_form``: the day, the group,
the register look-ups offered and what they call a value (a SOR code's unit name, drawn beside a stored
code). A stored form's page passes its payload, state, version and draft key the same way.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.web.account_pages import account_view
from engine.web.auth import current_actor, current_group, signed_in
from engine.web.registers import SOR_COLUMNS, SOR_SCOPES, Registers, sor_name
from engine.web.state import app_state
from renderers.html import AccountView, PageContext, render_form


def today() -> datetime.date:
    """Today in Denmark, where the forms are filled in (the server may run in UTC)."""
    try:
        return datetime.datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    except ZoneInfoNotFoundError:  # no time-zone data on this machine
        return datetime.date.today()


async def home(request: Request) -> Response:
    """Mine bakker, where a working day starts; the form page when the form has no trays to store in."""
    target = "trays" if app_state(request).trays is not None else "new_form"
    return RedirectResponse(request.url_for(target).path, status_code=303)


def form_context(
    request: Request,
    payload: Mapping[str, Any] | None = None,
    *,
    state_label: str = "",
    version: int | None = None,
    draft_key: str = "ny",
    stored: bool = False,
    account: AccountView | None = None,
) -> PageContext:
    """The page context of a form for this request; ``payload`` the values it is drawn with, ``account``
    the header's view of the user (``account_pages.account_view``)."""
    state = app_state(request)
    registers: Registers = state.registers
    lookups = registers.offered
    sor = registers.sor if "sor" in lookups else None
    return PageContext(
        today=today(),
        payload=payload or {},
        group=account.group_name if account is not None else None,
        lookups=lookups,
        sor_scopes=SOR_SCOPES if sor else (),
        sor_columns=SOR_COLUMNS if sor else (),
        lookup_names={"sor": lambda code: sor_name(sor, code)} if sor else {},
        demo_registers=registers.demo_registers,
        state_label=state_label,
        version=version,
        draft_key=draft_key,
        stored=stored,
        account=account,
        read_only=not may_enter(request),
    )


def may_enter(request: Request) -> bool:
    """Whether the user may enter data in a new form of the current group: they hold the role the
    workflow's saving action needs there (A04: the role laese alone only reads)."""
    role = app_state(request).entry_role
    who = signed_in(request)
    return role is None or (who is not None and role in who.roles_here())


async def new_form(request: Request) -> Response:
    """A new form, not stored yet: »Gem« stores it as a draft (``POST /api/skemaer``) where the user may
    create forms; a group to choose when there are several."""
    state = app_state(request)
    context = form_context(request, account=await account_view(request))
    trays = state.trays
    if trays is not None:
        groups = trays.creatable_groups(current_actor(request), state.form.spec.info.id)
        names = await run_in_threadpool(state.accounts.groups)
        current = current_group(request)
        choices = sorted(((g, names.get(g, g)) for g in groups), key=lambda p: (p[0] != current, p[1]))
        context = replace(context, create_groups=tuple(choices))
    return HTMLResponse(render_form(state.form, context))
