"""Read a page's posted form: only ``application/x-www-form-urlencoded`` (what the pages' forms send; else
415), only up to :data:`MAX_FORM` bytes however it is sent (else 413), UTF-8 with at most ``max_fields``
fields (else 400). Every refusal is a Danish answer, never a 500, whatever arrives.

    posted = await read_form(request, max_fields=20)
    if isinstance(posted, Response):
        return posted                      # the refusal, as a page (or JSON under /api/)
    action = field(posted, "action")
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from engine.web.error_answers import answer_error
from engine.web.jsonbody import BodyUnread, read_body

MAX_FORM = 64 * 1024  # bytes of a page's form post
MAX_FIELD = 1_000  # characters of one of its fields, as the handlers read them
FORM_TYPE = "application/x-www-form-urlencoded"


async def read_form(request: Request, max_fields: int = 200) -> FormData | Response:
    """The posted fields, or the answer to a post that is none of ours."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    try:
        body = await read_body(request, MAX_FORM)
    except BodyUnread as unread:
        refused = "too_large.any" if unread.status == 413 else "bad_request"
        return answer_error(request, unread.status, refused)
    if kind != FORM_TYPE and body:  # (a post without a body is a form without fields)
        return answer_error(request, 415, "unsupported_form")
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=max_fields)
    except (UnicodeDecodeError, ValueError):
        return answer_error(request, 400, "bad_request")
    return FormData([(name, value) for name, value in pairs])


def field(form: FormData, name: str) -> str:
    """A field's value (its first), at most :data:`MAX_FIELD` characters; "" when it was not sent."""
    value = form.get(name)
    return value[:MAX_FIELD] if isinstance(value, str) else ""
