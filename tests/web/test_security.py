"""Security headers (engine/web/security.py) on every answer the server gives: the app's own, its 500s,
and uvicorn's 400 for bytes that are not HTTP (`indberet serve`, a real process)."""

from __future__ import annotations

import socket
from pathlib import Path

from engine.web.security import CONTENT_SECURITY_POLICY, HEADERS
from tests.web.live import indberet_serve


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def test_uvicorns_own_400_carries_the_security_headers(tmp_path: Path) -> None:
    with indberet_serve(tmp_path / "data") as served:
        answer = _raw(served.port, b"THIS IS NOT HTTP\r\n\r\n")
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower().splitlines()
    assert head[0].startswith("http/1.1 400")
    for name, value in HEADERS.items():
        assert f"{name.lower()}: {value.lower()}" in head, name
    assert f"content-security-policy: {CONTENT_SECURITY_POLICY.lower()}" in head
    assert "cache-control: no-store" in head
    assert sum(line.startswith("content-security-policy:") for line in head) == 1


def test_the_apps_answers_carry_each_header_once_under_indberet_serve(tmp_path: Path) -> None:
    with indberet_serve(tmp_path / "data") as served:
        answer = _raw(served.port, b"GET /api/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower().splitlines()
    assert head[0].startswith("http/1.1 200")
    for name in [*HEADERS, "Cache-Control"]:
        assert sum(line.startswith(f"{name.lower()}:") for line in head) == 1, name


def test_an_upgrade_request_is_answered_by_the_app_with_the_headers(tmp_path: Path) -> None:
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    with indberet_serve(tmp_path / "data") as served:
        connection = served.connection()
        connection.request("GET", "/api/ping", headers=upgrade)
        response = connection.getresponse()
        response.read()
        connection.close()
    assert response.status == 200  # not a handshake by uvicorn, without the app's headers
    assert response.getheader("content-security-policy") == CONTENT_SECURITY_POLICY
