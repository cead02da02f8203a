"""Read a request's JSON body: only ``application/json`` (else 415), only up to the size limit (else 413).

The endpoints decode it themselves (``engine.form.payload.parse_payload``): the judging ones answer text
that is not JSON with the engine's own "not JSON" result, the CPR look-up audits it first.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import ClientDisconnect, Request

from engine.form.cpr_number import ascii_digits
from engine.web.error_answers import ApiError, echo, in_danish

JSON_TYPES = frozenset({"application/json"})


class BodyUnread(ApiError):
    """The body was not read whole — too large (413), or the client went away first (400) — and ``start``
    holds what was read of it (the CPR look-up's audit keeps it; nothing when the declared length was
    already too much)."""

    def __init__(self, status: int, error: str, start: bytes = b"", /, **params: Any) -> None:
        super().__init__(status, error, **params)
        self.start = start


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    # Read only as ASCII digits (int() takes "²" and refuses 5,000 digits); the stream is counted anyway.
    if ascii_digits(declared):
        digits = declared.lstrip("0")
        if len(digits) > len(str(limit)) or int(digits or "0") > limit:
            raise BodyUnread(413, "too_large", limit=in_danish(limit))
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise BodyUnread(413, "too_large", bytes(body[:limit]), limit=in_danish(limit))
    except ClientDisconnect as gone:
        raise BodyUnread(400, "incomplete_request", bytes(body)) from gone
    return bytes(body)


def require_json(request: Request) -> None:
    """ApiError 415 unless the request says its body is JSON."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type not in JSON_TYPES:
        received = f" (modtaget: {echo(media_type)})" if media_type else ""
        raise ApiError(415, "unsupported_media_type", received=received)
