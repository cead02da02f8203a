"""An unexpected exception (engine/web/error_answers.py): a clean 500 — Danish JSON on the API, a page
otherwise, with the security headers — and the keep-alive connection stays usable for the next request.

The failure is injected with a test-only route; the server is real (uvicorn, one HTTP/1.1 connection)."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from engine.web.app import create_app
from engine.web.security import CONTENT_SECURITY_POLICY
from engine.web.settings import Settings
from tests.web.accounts import wire_sign_in
from tests.web.live import in_thread

SERVER_ERROR = "Der opstod en uventet fejl på serveren. Prøv igen, eller kontakt support."


async def broken(request: Request) -> Response:
    raise RuntimeError("a bug with 120355-1009 in it")


def app_with_a_bug(data_dir: Path) -> Starlette:
    app = create_app(Settings(data_dir=data_dir, demo=True))
    app.router.routes[0:0] = [Route("/api/bug", broken), Route("/bug", broken)]
    return app


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with in_thread(app_with_a_bug(tmp_path_factory.mktemp("data"))) as url:
        SIGNED_IN.update(wire_sign_in(url))
        yield url


SIGNED_IN: dict[str, str] = {}  # the session the requests to the bugs carry (every route needs one)


def _connection(url: str) -> http.client.HTTPConnection:
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.connect()
    connection.auto_open = 0  # type: ignore[attr-defined]  # never opened again behind the test's back
    return connection


def _get(connection: http.client.HTTPConnection, path: str) -> tuple[http.client.HTTPResponse, bytes]:
    connection.request("GET", path, headers=SIGNED_IN)
    response = connection.getresponse()
    return response, response.read()


def test_an_api_bug_is_a_danish_500_with_headers_and_the_connection_lives_on(server: str) -> None:
    connection = _connection(server)
    response, body = _get(connection, "/api/bug")
    assert response.status == 500
    assert json.loads(body) == {"error": "server_error", "message": SERVER_ERROR}
    assert response.getheader("content-security-policy") == CONTENT_SECURITY_POLICY
    assert response.getheader("x-content-type-options") == "nosniff"
    assert response.getheader("x-frame-options") == "DENY"
    assert response.getheader("referrer-policy") == "no-referrer"
    assert response.getheader("cache-control") == "no-store"
    assert response.getheader("connection") != "close"
    following, body = _get(connection, "/api/ping")  # the same connection: no reset, no reconnect
    assert (following.status, body) == (200, b'{"ok":true}')
    connection.close()


def test_a_page_bug_is_a_danish_500_page_with_headers(server: str) -> None:
    connection = _connection(server)
    response, body = _get(connection, "/bug")
    assert response.status == 500
    assert response.getheader("content-type") == "text/html; charset=utf-8"
    assert SERVER_ERROR in body.decode("utf-8")
    assert "120355" not in body.decode("utf-8")
    assert response.getheader("content-security-policy") == CONTENT_SECURITY_POLICY
    assert _get(connection, "/api/ping")[0].status == 200
    connection.close()
