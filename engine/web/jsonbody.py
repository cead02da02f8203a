"""Read a request's JSON body: only ``application/json``, only up to the size limit, decoded strictly.

Too large → 413, another content type → 415 (both ApiError); text that is not JSON → PayloadError, which
the validating endpoints answer with the engine's own "not JSON" result.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from engine.form.cpr_number import ascii_digits
from engine.form.payload import parse_payload
from engine.web.error_answers import ApiError

JSON_TYPES = frozenset({"application/json"})


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "too_large", limit=f"{limit:,}".replace(",", "."))


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    # Read only as ASCII digits (int() takes "²" and refuses 5,000 digits); the stream is counted anyway.
    if ascii_digits(declared):
        digits = declared.lstrip("0")
        if len(digits) > len(str(limit)) or int(digits or "0") > limit:
            raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


async def read_json(request: Request, limit: int) -> Any:
    """The decoded JSON body; ApiError (413, 415) or PayloadError (not UTF-8, not JSON)."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type not in JSON_TYPES:
        received = f" (modtaget: {media_type})" if media_type else ""
        raise ApiError(415, "unsupported_media_type", received=received)
    return parse_payload(await read_body(request, limit))
