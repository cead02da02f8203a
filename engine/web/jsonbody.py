"""Read a request's JSON body: only ``application/json`` (else 415), only up to the size limit (else 413).

The endpoints decode it themselves (``engine.form.payload.parse_payload``): the judging ones answer text
that is not JSON with the engine's own "not JSON" result, the CPR look-up audits it first.
"""

from __future__ import annotations

from starlette.requests import Request

from engine.form.cpr_number import ascii_digits
from engine.web.error_answers import ApiError, echo

JSON_TYPES = frozenset({"application/json"})


class TooLarge(ApiError):
    """413, and the start of the body as far as it was read (nothing when its declared length was too
    much): the CPR look-up's audit keeps it."""

    def __init__(self, limit: int, start: bytes = b"") -> None:
        super().__init__(413, "too_large", limit=f"{limit:,}".replace(",", "."))
        self.start = start


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    # Read only as ASCII digits (int() takes "²" and refuses 5,000 digits); the stream is counted anyway.
    if ascii_digits(declared):
        digits = declared.lstrip("0")
        if len(digits) > len(str(limit)) or int(digits or "0") > limit:
            raise TooLarge(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge(limit, bytes(body[:limit]))
    return bytes(body)


def require_json(request: Request) -> None:
    """ApiError 415 unless the request says its body is JSON."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type not in JSON_TYPES:
        received = f" (modtaget: {echo(media_type)})" if media_type else ""
        raise ApiError(415, "unsupported_media_type", received=received)
