"""Only requests for this server's own names are answered (engine/web/hosts.py): DNS rebinding gets a 400."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from engine.web.app import create_app
from engine.web.hosts import host_name
from engine.web.security import CONTENT_SECURITY_POLICY
from engine.web.settings import Settings
from tests.web.accounts import signed_in_client
from tests.web.conftest import TestClient
from tests.web.live import indberet_serve

REFUSED = (
    "Forespørgslen er sendt til et værtsnavn, som denne server ikke svarer på. Brug serverens egen adresse."
)


@pytest.mark.parametrize(
    "host", ["rebind.attacker.example", "127.0.0.1.attacker.example", "", "localhost.evil"]
)
def test_another_host_is_refused_before_the_look_up(client: TestClient, host: str) -> None:
    response = client.post("/api/cpr", json={"cpr": "120355-1009"}, headers={"host": host})
    assert response.status_code == 400
    assert response.json() == {"error": "host_not_allowed", "message": REFUSED}
    assert "Fiktivsen" not in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_a_page_for_another_host_is_a_danish_400_page(client: TestClient) -> None:
    response = client.get("/skema/ny", headers={"host": "rebind.attacker.example"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert REFUSED in response.text


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"])
def test_the_local_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/ping", headers={"host": host}).status_code == 200


def test_the_allowed_hosts_are_a_setting(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, allowed_hosts=("skema.region.example",)))
    with signed_in_client(app, base_url="http://skema.region.example") as client:
        assert client.get("/api/ping").status_code == 200
        assert client.get("/api/ping", headers={"host": "localhost"}).status_code == 400
    anyone = create_app(Settings(data_dir=tmp_path / "anyone", allowed_hosts=("*",)))
    with signed_in_client(anyone) as client:
        assert client.get("/api/ping", headers={"host": "what.ever"}).status_code == 200


@pytest.mark.parametrize(
    ("given", "name"),
    [
        ("::1", "[::1]"),
        ("[::1]:80", "[::1]"),
        ("Example.ORG.", "example.org"),
        ("a.example:443", "a.example"),
    ],
)
def test_host_names_are_compared_without_port_and_case(given: str, name: str) -> None:
    assert host_name(given) == name


def test_indberet_serve_refuses_a_rebound_host(tmp_path: Path) -> None:
    body = b'{"cpr": "120355-1009"}'
    request = (
        b"POST /api/cpr HTTP/1.1\r\nHost: rebind.attacker.example\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
    )
    answer = b""
    with (
        indberet_serve(tmp_path / "data", "--demo") as served,
        socket.create_connection(("127.0.0.1", served.port), timeout=10) as conn,
    ):
        conn.sendall(request)
        while chunk := conn.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert b"host_not_allowed" in answer and b"Fiktivsen" not in answer
