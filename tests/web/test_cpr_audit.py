"""Every CPR look-up is kept in the store's audit — found or not — before anything is answered; when the
audit cannot be written, the look-up is refused. On SQLite (the data directory) and on PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.cli import main
from engine.store import SQLITE_FILE
from engine.web.app import create_app
from engine.web.settings import Settings
from tests.postgres import postgres_schema
from tests.web.conftest import TestClient


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "sqlite":
        yield Settings(data_dir=tmp_path / "data", demo=True)
    else:
        with postgres_schema() as url:
            yield Settings(data_dir=tmp_path / "data", demo=True, database=url)


def test_each_look_up_is_kept_with_its_outcome(settings: Settings) -> None:
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.post("/api/cpr", json={"cpr": "1203551009"}).status_code == 200
        assert client.post("/api/cpr", json={"cpr": "010101-1234"}).status_code == 404
        assert client.post("/api/cpr", json={"cpr": "020329-1wq3"}).status_code == 422
        assert client.post("/api/cpr", json={"cpr": "  abc "}).status_code == 400
        kept = app.state.indberet.store.cpr_accesses()
    assert [(a.cpr, a.outcome, a.user, a.client) for a in kept] == [
        ("abc", "cpr_malformed", None, "testclient"),
        ("020329-1wq3", "cpr_substitute", None, "testclient"),
        ("010101-1234", "cpr_unknown", None, "testclient"),
        ("120355-1009", "found", None, "testclient"),  # as the register writes it, with the hyphen
    ]


def test_without_the_audit_there_is_no_answer(settings: Settings) -> None:
    app = create_app(settings)
    with TestClient(app) as client:
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
    with TestClient(app) as client:
        client.post("/api/cpr", json={"cpr": "120355-1009"})
        client.post("/api/cpr", json={"cpr": "230847-1007"})
        client.post("/api/cpr", json={"cpr": "120355-1009"})
    where = ["--database", settings.database] if settings.database else ["--data-dir", str(settings.data_dir)]
    assert main(["audit", *where, "--cpr", "1203551009"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["cpr"], r["outcome"], r["user"], r["client"]) for r in rows] == [
        ("120355-1009", "found", None, "testclient")
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
