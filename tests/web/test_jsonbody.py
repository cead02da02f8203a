"""Reading a request body (engine/web/jsonbody.py): a Content-Length is decided in ASCII digits only."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from engine.web.error_answers import ApiError
from engine.web.jsonbody import BodyUnread, read_body
from tests.web.conftest import run_async


def _request(content_length: str, body: bytes) -> Request:
    sent = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, object]:
        return sent.pop(0) if sent else {"type": "http.disconnect"}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "headers": [(b"content-length", content_length.encode("utf-8"))],
    }
    return Request(scope, receive)


@pytest.mark.parametrize("declared", ["²", "①", "١٠", "-1", " 2", "0x10", "0" * 5000 + "2"])
def test_a_content_length_that_is_not_ascii_digits_is_not_trusted(declared: str) -> None:
    assert run_async(read_body(_request(declared, b"{}"), 100)) == b"{}"


def test_a_huge_declared_length_is_413_without_reading() -> None:
    with pytest.raises(ApiError) as refused:
        run_async(read_body(_request("1" + "0" * 4999, b"{}"), 100))
    assert refused.value.status == 413


def test_a_client_that_goes_away_is_an_incomplete_request() -> None:
    async def gone() -> dict[str, object]:
        return {"type": "http.disconnect"}

    request = Request({"type": "http", "method": "POST", "path": "/", "headers": []}, gone)
    with pytest.raises(BodyUnread) as refused:
        run_async(read_body(request, 100))
    assert (refused.value.status, refused.value.error, refused.value.start) == (
        400,
        "incomplete_request",
        b"",
    )
