"""The Starlette app: ``create_app(settings)`` loads the form once and wires routes and middleware.

    app = create_app(Settings(demo=True, data_dir=Path("data")))

Middleware, outermost first: security headers on every answer, a clean 500 for an unexpected exception,
requests for other hosts refused (DNS rebinding), and the signed-in user from the session cookie — every
route but the login page, static files and ``/api/ping`` needs one, and every change the CSRF token
(``engine.web.auth``). With ``--demo`` the demo accounts are made (``engine.accounts.demo``).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route, request_response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from engine.accounts import add_demo_accounts
from engine.form import load_form
from engine.store import open_store
from engine.web import account_pages, api, form_admin, form_pages, list_pages, oidc, pages
from engine.web.auth import SignIn
from engine.web.error_answers import ApiError, UnexpectedErrors, api_error, http_error
from engine.web.hosts import AllowedHosts
from engine.web.logs import access_log_off_the_loop
from engine.web.memory import freeze_long_lived
from engine.web.openapi import openapi
from engine.web.registers import Registers
from engine.web.security import SecurityHeaders
from engine.web.settings import Settings
from engine.web.state import AppState
from renderers.html import STATIC_DIR


class EveryMethod:
    """An endpoint that is given every method and answers 405 itself: the CPR look-up audits each request
    to its route before answering it (a function endpoint Starlette would give only the methods named)."""

    def __init__(self, endpoint: Callable[[Request], Awaitable[Response]]) -> None:
        self.app = request_response(endpoint)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


def routes() -> list[Route | Mount]:
    return [
        Route("/", pages.home, methods=["GET"], name="home"),
        Route("/skema/ny", pages.new_form, methods=["GET"], name="new_form"),
        Route("/skema", form_pages.create, methods=["POST"], name="create_form"),
        Route("/skema/{form_id}", form_pages.stored_form_page, methods=["GET"], name="stored_form"),
        Route("/skema/{form_id}/handling", form_pages.act, methods=["POST"], name="form_action"),
        Route("/bakker", list_pages.trays_page, methods=["GET"], name="trays"),
        Route("/skemaer", list_pages.forms_list, methods=["GET"], name="forms"),
        Route("/cpr-soegning", list_pages.cpr_search, methods=["GET", "POST"], name="cpr_search"),
        Route("/skema/{form_id}/historik", form_admin.history, methods=["GET"], name="form_history"),
        Route("/skema/{form_id}/flyt", form_admin.move, methods=["POST"], name="move_form"),
        Route("/api/skemaer", form_pages.create_with_payload, methods=["POST"], name="create_form_api"),
        Route("/api/skemaer/{form_id}", form_pages.save, methods=["POST"], name="save_form"),
        Route("/api/skemaer/{form_id}/cpr", form_pages.look_up, methods=["POST"], name="form_cpr"),
        Route("/login", account_pages.login, methods=["GET", "POST"], name="login"),
        Route("/logout", account_pages.logout, methods=["POST"], name="logout"),
        Route("/login/oidc", oidc.start, methods=["GET"], name="oidc_start"),
        Route("/login/oidc/callback", oidc.callback, methods=["GET"], name="oidc_callback"),
        Route("/gruppe", account_pages.switch_group, methods=["POST"], name="switch_group"),
        Route("/roller", account_pages.roles, methods=["GET", "POST"], name="roles"),
        Route("/beskeder", account_pages.messages, methods=["GET", "POST"], name="messages"),
        Route("/admin", account_pages.admin, methods=["GET"], name="admin"),
        Route(
            "/admin/anmodninger/{request_id}",
            account_pages.decide_request,
            methods=["POST"],
            name="decide_request",
        ),
        Route("/admin/brugere", account_pages.create_user, methods=["POST"], name="create_user"),
        Route(
            "/admin/brugere/{user_id}/deaktiver",
            account_pages.deactivate_user,
            methods=["POST"],
            name="deactivate_user",
        ),
        Route("/admin/roller", account_pages.set_roles, methods=["POST"], name="set_roles"),
        Route("/admin/grupper", account_pages.create_group, methods=["POST"], name="create_group"),
        Route("/api/ping", api.ping, methods=["GET"], name="ping"),
        Route("/api/openapi.json", openapi, methods=["GET"], name="openapi"),
        Route("/api/evaluate", api.judge, methods=["POST"], name="evaluate"),
        Route("/api/validate", api.judge, methods=["POST"], name="validate"),
        Route("/api/v1/validate", api.judge, methods=["POST"], name="api_v1_validate"),
        Route("/api/codes/{codelist}", api.code_search, methods=["GET"], name="code_search"),
        Route("/api/codes/{codelist}/{code}", api.code_get, methods=["GET"], name="code_get"),
        Route("/api/cpr", EveryMethod(api.cpr), name="cpr"),
        Route("/api/sor", api.sor_search, methods=["GET"], name="sor_search"),
        Route("/api/sor/{sor_kode}", api.sor_unit, methods=["GET"], name="sor_unit"),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]


def create_app(settings: Settings) -> Starlette:
    """The app for ``settings``; SpecError or FormUnreadable when the form does not load, StoreError when
    the database cannot be opened."""
    form = load_form(settings.form_path)
    registers = Registers.demo() if settings.demo else Registers()
    state = AppState.build(settings, form, registers, open_store(settings.database_url))
    if settings.demo:
        add_demo_accounts(state.accounts)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        freeze_long_lived()  # the form, code indexes and registers are made already, for good
        try:
            with access_log_off_the_loop():
                yield
        finally:
            state.store.close()

    app = Starlette(
        routes=routes(),
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(UnexpectedErrors),
            Middleware(AllowedHosts, hosts=settings.allowed_hosts),
            Middleware(SignIn, accounts=state.accounts, cvr=settings.user_cvr),
        ],
        exception_handlers={
            ApiError: api_error,
            HTTPException: http_error,
        },
        lifespan=lifespan,
    )
    app.state.indberet = state
    app.state.login_limits = account_pages.LoginLimits()
    app.state.extra_logins = (
        ({"url": "/login/oidc", "label": settings.oidc_label},) if settings.oidc_issuer else ()
    )
    return app


def app_from_environ() -> Starlette:
    """The app for uvicorn's ``--reload`` (an import-string factory): settings from ``INDBERET_…``."""
    return create_app(Settings.from_environ(os.environ))
