"""Errors as the client gets them: Danish JSON (``{"error", "message"}``) on the API, a short page otherwise.

Nothing reaches the client as a traceback: an unexpected exception is logged and answered with a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from renderers.html import render_error

log = logging.getLogger("indberet.web")

API_PREFIX = "/api/"

# Starlette's own HTTP errors (no such route, wrong method, …): the stable code and the Danish text.
HTTP_ERRORS: Mapping[int, tuple[str, str]] = {
    400: ("bad_request", "Forespørgslen kunne ikke forstås."),
    404: ("not_found", "Adressen findes ikke."),
    405: ("method_not_allowed", "Metoden {method} kan ikke bruges på denne adresse."),
    413: ("too_large", "Forespørgslen er for stor."),
    415: ("unsupported_media_type", "Indholdstypen understøttes ikke."),
    500: ("server_error", "Der opstod en uventet fejl på serveren. Prøv igen, eller kontakt support."),
}


class ApiError(Exception):
    """An answer other than 200 from an API endpoint, with a stable ``error`` code and a Danish message."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message


def error_json(status: int, error: str, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse({"error": error, "message": message}, status_code=status, headers=headers)


def _answer(request: Request, status: int, headers: Mapping[str, str] | None = None) -> Response:
    error, template = HTTP_ERRORS.get(status, HTTP_ERRORS[400] if status < 500 else HTTP_ERRORS[500])
    message = template.format(method=request.method)
    if request.url.path.startswith(API_PREFIX):
        return error_json(status, error, message, headers)
    return HTMLResponse(render_error(status, message), status_code=status, headers=headers)


async def api_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, ApiError):  # always: Starlette calls this handler for ApiError only
        return error_json(exc.status, exc.error, exc.message)
    return await server_error(request, exc)


async def http_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):  # always, likewise
        return _answer(request, exc.status_code, exc.headers)
    return await server_error(request, exc)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _answer(request, 500)
