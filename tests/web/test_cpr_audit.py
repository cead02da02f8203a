"""Every CPR look-up is kept in the store's audit — found or not — before anything is answered; when the
audit cannot be written, the look-up is refused. On SQLite (the data directory) and on PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from engine.cli import main
from engine.store import SQLITE_FILE, default_url, open_store
from engine.web.app import create_app
from engine.web.settings import Settings
from tests.postgres import postgres_schema
from tests.web.accounts import scope_sign_in, signed_in_client, wire_sign_in
from tests.web.conftest import TestClient, run_async
from tests.web.live import indberet_serve


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "sqlite":
        yield Settings(data_dir=tmp_path / "data", demo=True)
    else:
        with postgres_schema() as url:
            yield Settings(data_dir=tmp_path / "data", demo=True, database=url)


def test_each_look_up_is_kept_with_its_outcome(settings: Settings) -> None:
    app = create_app(settings)
    with signed_in_client(app) as client:
        assert client.post("/api/cpr", json={"cpr": "1203551009"}).status_code == 200
        assert client.post("/api/cpr", json={"cpr": "010101-1234"}).status_code == 404
        assert client.post("/api/cpr", json={"cpr": "020329-1wq3"}).status_code == 422
        assert client.post("/api/cpr", json={"cpr": "  abc "}).status_code == 400
        kept = app.state.indberet.store.cpr_accesses()
    assert [(a.cpr, a.outcome, a.user, a.client) for a in kept] == [
        (None, "cpr_malformed", "demo-laege", "testclient"),  # the text is kept apart: not_a_number
        ("020329-1WQ3", "cpr_substitute", "demo-laege", "testclient"),
        ("010101-1234", "cpr_unknown", "demo-laege", "testclient"),
        ("120355-1009", "found", "demo-laege", "testclient"),  # as the register writes it, with the hyphen
    ]


def test_without_the_audit_there_is_no_answer(settings: Settings) -> None:
    app = create_app(settings)
    with signed_in_client(app) as client:
        _drop_the_audit_table(settings)  # the database can no longer keep the look-up
        response = client.post("/api/cpr", json={"cpr": "120355-1009"})
    assert response.status_code == 503
    assert response.json() == {
        "error": "audit_unavailable",
        "message": "CPR-opslaget kan ikke registreres lige nu og er derfor ikke foretaget. Prøv igen om lidt.",
    }
    assert "Fiktivsen" not in response.text


def _drop_the_audit_table(settings: Settings) -> None:
    if settings.database:
        import psycopg

        with psycopg.connect(settings.database, autocommit=True) as db:
            db.execute("DROP TABLE cpr_access")
    else:
        import sqlite3

        db = sqlite3.connect(settings.data_dir / SQLITE_FILE)
        db.execute("DROP TABLE cpr_access")
        db.close()


def test_the_embedded_store_is_a_sqlite_file_in_the_data_directory(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data"))
    assert (tmp_path / "data" / SQLITE_FILE).is_file()
    assert app.state.indberet.store.url == f"sqlite:///{(tmp_path / 'data' / SQLITE_FILE).resolve()}"


def test_serve_refuses_a_database_it_cannot_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["serve", "--data-dir", str(tmp_path), "--database", "postgresql://u:pw@127.0.0.1:1/x"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("indberet: cannot connect to postgresql://u:…@127.0.0.1:1/x")
    assert "check that PostgreSQL runs there" in err
    assert "pw" not in err


def test_the_audit_command_shows_the_look_ups(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    app = create_app(settings)
    with signed_in_client(app) as client:
        client.post("/api/cpr", json={"cpr": "120355-1009"})
        client.post("/api/cpr", json={"cpr": "230847-1007"})
        client.post("/api/cpr", json={"cpr": "120355-1009"})
    where = ["--database", settings.database] if settings.database else ["--data-dir", str(settings.data_dir)]
    assert main(["audit", *where, "--cpr", "1203551009"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["cpr"], r["outcome"], r["user"], r["client"]) for r in rows] == [
        ("120355-1009", "found", "demo-laege", "testclient")
    ] * 2
    assert rows[0]["at"] >= rows[1]["at"]
    assert main(["audit", *where, "--limit", "1"]) == 0
    assert [json.loads(line)["cpr"] for line in capsys.readouterr().out.splitlines()] == ["120355-1009"]


def test_the_audit_command_without_a_database_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"indberet: no audit in {tmp_path}: it has no indberet.sqlite3 (give --data-dir)\n"
    )
    assert not (tmp_path / "indberet.sqlite3").exists()


# -- every request to the look-up is audited (issue 8, findings 6 and 7) ------------------------------------
def _post(client: TestClient, body: bytes, content_type: str = "application/json") -> Any:
    return client.post("/api/cpr", content=body, headers={"content-type": content_type})


REFUSED_BODIES = [  # body, the answer's status and error code, what the audit keeps apart from numbers
    (b'{"cpr": 1203551009}', 400, "cpr_request", '{"cpr": 1203551009}'),
    (b'{"cpr": ["120355-1009"]}', 400, "cpr_request", '{"cpr": ["120355-1009"]}'),
    (b'{"nr": "120355-1009"}', 400, "cpr_request", '{"nr": "120355-1009"}'),
    (b'{"cpr": "120355-1009"', 400, "cpr_request", '{"cpr": "120355-1009"'),
    (b'{"cpr": "120355-1009", "cpr": "x"}', 400, "cpr_request", '{"cpr": "120355-1009", "cpr": "x"}'),
    (b"\xff\xfe120355-1009", 400, "cpr_request", "\\ufffd\\ufffd120355-1009"),
    (b'{"cpr": "120355-1009\\udcff"}', 400, "cpr_malformed", "120355-1009\\udcff"),
    (b'{"cpr": "120355-1009\\u202e"}', 400, "cpr_malformed", "120355-1009\\u202e"),
]


def test_every_request_is_audited_with_its_outcome(settings: Settings) -> None:
    app = create_app(settings)
    with signed_in_client(app) as client:
        answers = [_post(client, body) for body, *_ in REFUSED_BODIES]
        audited = app.state.indberet.store.cpr_accesses()[::-1]
    assert [(a.status_code, a.json()["error"]) for a in answers] == [(s, e) for _, s, e, _ in REFUSED_BODIES]
    assert [(a.cpr, a.not_a_number, a.outcome) for a in audited] == [
        (None, k, e) for _, _, e, k in REFUSED_BODIES
    ]
    assert {a.client for a in audited} == {"testclient"}


def test_another_content_type_is_audited_with_the_number_it_carries(settings: Settings) -> None:
    app = create_app(settings)
    with signed_in_client(app) as client:
        response = _post(client, b'{"cpr": "1203551009"}', "text/plain")
        (audited,) = app.state.indberet.store.cpr_accesses()
    assert response.status_code == 415
    assert (audited.cpr, audited.not_a_number, audited.outcome) == (
        "120355-1009",
        None,
        "unsupported_media_type",
    )


def test_a_body_over_the_limit_is_audited(settings: Settings) -> None:
    app = create_app(settings)
    with signed_in_client(app) as client:
        declared = _post(client, b'{"cpr": "120355-1009", "x": "' + b"x" * 2000 + b'"}')

        def chunks() -> Iterator[bytes]:
            yield b'{"cpr": "120355-1009", "x": "'
            for _ in range(30):
                yield b"x" * 100

        streamed = client.post("/api/cpr", content=chunks(), headers={"content-type": "application/json"})
        audited = app.state.indberet.store.cpr_accesses()
    assert declared.status_code == streamed.status_code == 413
    assert [(a.cpr, a.outcome) for a in audited] == [(None, "too_large")] * 2
    assert audited[1].not_a_number == ""  # refused for its declared length, before a byte was read
    assert audited[0].not_a_number is not None
    assert audited[0].not_a_number.startswith('{"cpr": "120355-1009", "x": "xxx')  # what was read


def test_another_method_is_audited_and_refused(settings: Settings) -> None:
    app = create_app(settings)
    with signed_in_client(app) as client:
        response = client.get("/api/cpr", params={"cpr": "120355-1009"})
        (audited,) = app.state.indberet.store.cpr_accesses()
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert (audited.outcome, audited.not_a_number) == ("method_not_allowed", "")


def test_a_forwarded_address_is_not_trusted_unless_the_proxy_is_named(tmp_path: Path) -> None:
    body = b'{"cpr": "120355-1009"}'
    headers = {"content-type": "application/json", "x-forwarded-for": "6.6.6.6"}
    clients = []
    for trusted in [(), ("--forwarded-allow-ips", "127.0.0.1")]:
        data = tmp_path / f"data{len(trusted)}"
        with indberet_serve(data, "--demo", *trusted) as served:
            signed = {**headers, **wire_sign_in(served.url)}
            assert httpx.post(f"{served.url}/api/cpr", content=body, headers=signed).status_code == 200
        store = open_store(default_url(data))
        clients.append([a.client for a in store.cpr_accesses()])
        store.close()
    assert clients == [["127.0.0.1"], ["6.6.6.6"]]


def test_the_audit_command_shows_text_apart_from_numbers(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(settings)
    with signed_in_client(app) as client:
        client.post("/api/cpr", json={"cpr": "\u202e9001-553021"})
        client.post("/api/cpr", json={"cpr": "120355-1009"})
    where = ["--database", settings.database] if settings.database else ["--data-dir", str(settings.data_dir)]
    assert main(["audit", *where]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out  # no raw override reaches the terminal
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["cpr"], r["not_a_number"], r["outcome"]) for r in rows] == [
        ("120355-1009", None, "found"),
        (None, "\\u202e9001-553021", "cpr_malformed"),
    ]
    assert main(["audit", *where, "--cpr", "120355 1009"]) == 2
    assert "not a CPR number" in capsys.readouterr().err


def test_a_look_up_whose_client_goes_away_is_audited(settings: Settings) -> None:
    app = create_app(settings)
    messages = [
        {"type": "http.request", "body": b'{"cpr": "120355-', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/cpr",
        "headers": [(b"host", b"localhost"), (b"content-type", b"application/json"), *scope_sign_in(app)],
        "client": ("10.0.0.7", 5000),
        "query_string": b"",
    }
    run_async(app(scope, receive, send))
    (audited,) = app.state.indberet.store.cpr_accesses()
    app.state.indberet.store.close()  # no lifespan ran to close it
    assert (audited.outcome, audited.not_a_number, audited.client) == (
        "incomplete_request",
        '{"cpr": "120355-',
        "10.0.0.7",
    )
