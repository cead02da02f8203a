"""The HTML pages: today only the new cancer form (a draft that is not stored yet)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.web.auth import current_group
from engine.web.registers import SOR_COLUMNS, SOR_SCOPES
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


async def new_form(request: Request) -> Response:
    state = app_state(request)
    lookups = state.registers.offered
    sor = "sor" in lookups
    context = PageContext(
        today=today(),
        group=current_group(request),
        lookups=lookups,
        sor_scopes=SOR_SCOPES if sor else (),
        sor_columns=SOR_COLUMNS if sor else (),
    )
    return HTMLResponse(render_form(state.form, context))
