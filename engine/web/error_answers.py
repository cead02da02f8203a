"""Errors as the client gets them: Danish JSON (``{"error", "message"}``) on the API, a short page otherwise.

Nothing reaches the client as a traceback: an unexpected exception is logged and answered with a 500 by
:class:`UnexpectedErrors`, inside the security headers and without closing the connection (Starlette's own
last resort re-raises, and uvicorn then drops the keep-alive connection). The texts are in
``engine.web.api_texts``, keyed by the error codes.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from engine.web.api_texts import API_TEXTS, api_text
from engine.web.cpr_mask import mask_cpr
from engine.web.json_answer import JsonAnswer
from renderers.html import render_error

log = logging.getLogger("indberet.web")

API_PREFIX = "/api/"

# Starlette's own HTTP errors (no such route, wrong method, …) by status: the error code of each.
HTTP_ERRORS: Mapping[int, str] = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    500: "server_error",
}


ECHO_MAX = 60  # characters of what the client sent that a message repeats


def echo(sent: str) -> str:
    """``sent`` as a message may repeat it: stripped, at most :data:`ECHO_MAX` characters, with control and
    formatting characters (a right-to-left override) shown as U+FFFD and no CPR number in it.

    >>> echo("  DC50\u202e ")
    'DC50\ufffd'
    """
    text = "".join("\ufffd" if _hidden(char) else char for char in sent.strip())
    return mask_cpr(text if len(text) <= ECHO_MAX else f"{text[:ECHO_MAX]}…")


def in_danish(number: int) -> str:
    """``number`` as a Danish text writes it: ``1.000.000``."""
    return f"{number:,}".replace(",", ".")


def _hidden(char: str) -> bool:
    """Whether ``char`` is invisible or steers the text: control, formatting (bidi), line separators."""
    category = unicodedata.category(char)
    return category[0] == "C" or category in ("Zl", "Zp")


class ApiError(Exception):
    """An answer other than 200 from an API endpoint, with a stable ``error`` code and a Danish message."""

    def __init__(self, status: int, error: str, text: str | None = None, /, **params: Any) -> None:
        """``text``: the catalogue key of the message when not ``error`` itself (``sor_filter.twice``)."""
        message = api_text(text or error, **params)
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.headers: Mapping[str, str] | None = None

    def with_headers(self, headers: Mapping[str, str]) -> ApiError:
        """The same error, answered with ``headers`` too (``Retry-After``, ``Allow``)."""
        self.headers = headers
        return self


def error_json(status: int, error: str, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return JsonAnswer({"error": error, "message": message}, status_code=status, headers=headers)


def _answer(request: Request, status: int, headers: Mapping[str, str] | None = None) -> Response:
    error = HTTP_ERRORS.get(status, "bad_request" if status < 500 else "server_error")
    return answer_error(
        request, status, error if f"{error}.any" not in API_TEXTS else f"{error}.any", headers
    )


def answer_error(
    request: Request, status: int, text: str, headers: Mapping[str, str] | None = None
) -> Response:
    """The answer with the catalogue's ``text`` (a key): JSON on the API, a page otherwise."""
    message = api_text(text, method=request.method)
    if request.url.path.startswith(API_PREFIX):
        return error_json(status, text.split(".", 1)[0], message, headers)
    return HTMLResponse(render_error(status, message), status_code=status, headers=headers)


async def api_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, ApiError):  # always: Starlette calls this handler for ApiError only
        return error_json(exc.status, exc.error, exc.message, exc.headers)
    return await server_error(request, exc)


async def http_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):  # always, likewise
        return _answer(request, exc.status_code, exc.headers)
    return await server_error(request, exc)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _answer(request, 500)


class UnexpectedErrors:
    """Answer an exception that nothing else handled with a clean 500, and keep the connection open.

    When the answer has already begun, nothing clean can follow: the exception goes on to the server,
    which closes the connection (the client sees a broken answer, not a wrong one).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_noting_start(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_noting_start)
        except Exception as error:
            if started:
                raise
            response = await server_error(Request(scope), error)
            await response(scope, receive, send)
