"""The Starlette app: ``create_app(settings)`` loads the form once and wires routes and middleware.

    app = create_app(Settings(demo=True, data_dir=Path("data")))

Middleware, outermost first: security headers on every answer, a clean 500 for an unexpected exception,
requests for other hosts refused (DNS rebinding), the signed session cookie (its secret kept in the data
directory), and the current user (None until accounts exist).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route, request_response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from engine.form import load_form
from engine.store import open_store
from engine.web import api, pages
from engine.web.auth import CurrentUser
from engine.web.error_answers import ApiError, UnexpectedErrors, api_error, http_error
from engine.web.hosts import AllowedHosts
from engine.web.logs import access_log_off_the_loop
from engine.web.memory import freeze_long_lived
from engine.web.openapi import openapi
from engine.web.registers import Registers
from engine.web.secret import session_secret
from engine.web.security import SecurityHeaders
from engine.web.settings import Settings
from engine.web.state import AppState
from renderers.html import STATIC_DIR

SESSION_COOKIE = "indberet_session"
SESSION_MAX_AGE = 8 * 60 * 60  # a working day


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
    secret = session_secret(settings.data_dir)
    state = AppState.build(settings, form, registers, open_store(settings.database_url))

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
            Middleware(
                SessionMiddleware,
                secret_key=secret,
                session_cookie=SESSION_COOKIE,
                max_age=SESSION_MAX_AGE,
                same_site="strict",
                https_only=settings.https_only,
            ),
            Middleware(CurrentUser),
        ],
        exception_handlers={
            ApiError: api_error,
            HTTPException: http_error,
        },
        lifespan=lifespan,
    )
    app.state.indberet = state
    return app


def app_from_environ() -> Starlette:
    """The app for uvicorn's ``--reload`` (an import-string factory): settings from ``INDBERET_…``."""
    return create_app(Settings.from_environ(os.environ))
