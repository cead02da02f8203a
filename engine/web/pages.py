"""The HTML pages: today only the new cancer form (a draft that is not stored yet).

``form_context(request, …)`` is what every page of a form passes to ``render_form``: the day, the group,
the register look-ups offered and what they call a value (a SOR code's unit name, drawn beside a stored
code). A stored form's page passes its payload, state, version and draft key the same way.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.web.auth import current_group
from engine.web.registers import SOR_COLUMNS, SOR_SCOPES, Registers, sor_name
from engine.web.state import app_state
from renderers.html import PageContext, render_form


def today() -> datetime.date:
    """Today in Denmark, where the forms are filled in (the server may run in UTC)."""
    try:
        return datetime.datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    except ZoneInfoNotFoundError:  # no time-zone data on this machine
        return datetime.date.today()


async def home(request: Request) -> Response:
    return RedirectResponse(request.url_for("new_form").path, status_code=303)


def form_context(
    request: Request,
    payload: Mapping[str, Any] | None = None,
    *,
    state_label: str = "",
    version: int | None = None,
    draft_key: str = "ny",
    stored: bool = False,
) -> PageContext:
    """The page context of a form for this request; ``payload`` the values it is drawn with."""
    registers: Registers = app_state(request).registers
    lookups = registers.offered
    sor = registers.sor if "sor" in lookups else None
    return PageContext(
        today=today(),
        payload=payload or {},
        group=current_group(request),
        lookups=lookups,
        sor_scopes=SOR_SCOPES if sor else (),
        sor_columns=SOR_COLUMNS if sor else (),
        lookup_names={"sor": lambda code: sor_name(sor, code)} if sor else {},
        demo_registers=registers.demo_registers,
        state_label=state_label,
        version=version,
        draft_key=draft_key,
        stored=stored,
    )


async def new_form(request: Request) -> Response:
    return HTMLResponse(render_form(app_state(request).form, form_context(request)))
