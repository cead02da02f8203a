"""The app factory (engine/web/app.py): routes, middleware, security headers, session, error pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.form import SpecError
from engine.web.app import app_from_environ, create_app
from engine.web.security import CONTENT_SECURITY_POLICY
from engine.web.settings import Settings
from tests.web.accounts import signed_in_client
from tests.web.conftest import TestClient


def test_home_is_mine_bakker(client: TestClient) -> None:
    """A working day starts at the trays (the shipped form has a workflow)."""
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/bakker"


def test_the_new_form_page(client: TestClient) -> None:
    response = client.get("/skema/ny")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<h1>Canceranmeldelse <span class="subtitle">– Ny kladde</span></h1>' in response.text


def test_the_page_offers_the_look_ups_the_spec_asks_for(client: TestClient, bare_client: TestClient) -> None:
    page = client.get("/skema/ny").text
    assert 'data-cpr-lookup="f-cpr"' in page
    assert 'data-sor-open="f-sor_kode"' in page
    bare = bare_client.get("/skema/ny").text
    assert 'data-cpr-lookup="f-cpr"' in bare  # its answer says no CPR register is configured
    assert "data-sor-open" not in bare and "sor-dialog" not in bare


@pytest.mark.parametrize("url", ["/skema/ny", "/api/codes/diagnoser?q=a", "/static/form.js", "/nowhere"])
def test_every_answer_carries_the_security_headers(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


def test_pages_and_answers_are_not_stored_but_static_files_may_be(client: TestClient) -> None:
    assert client.get("/skema/ny").headers["cache-control"] == "no-store"
    assert client.post("/api/cpr", json={"cpr": "120355-1009"}).headers["cache-control"] == "no-store"
    assert client.get("/static/form.css").headers["cache-control"] == "no-cache"


def test_the_page_has_no_inline_script_or_style(client: TestClient) -> None:
    html = client.get("/skema/ny").text
    scripts = html.count("<script")
    assert scripts == 2
    assert '<script type="module" src="/static/form.js"></script>' in html
    assert '<script type="application/json" id="page-texts">' in html
    assert " style=" not in html
    assert " on" + "click=" not in html


def test_static_files_are_served_with_their_types(client: TestClient) -> None:
    script = client.get("/static/form.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert client.get("/static/form.css").headers["content-type"].startswith("text/css")


def test_an_unknown_page_is_a_danish_404_page(client: TestClient) -> None:
    response = client.get("/skema/findes-ikke")
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>Adressen findes ikke.</h1>" in response.text
    assert "Fejlkode 404." in response.text


def test_an_unexpected_error_is_a_500_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(form: object, payload: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr("engine.web.api.validate", broken)
    app = create_app(Settings(data_dir=tmp_path))
    with signed_in_client(app, raise_server_exceptions=False) as client:
        response = client.post("/api/v1/validate", json={})
    assert response.status_code == 500
    assert response.json() == {
        "error": "server_error",
        "message": "Der opstod en uventet fejl på serveren. Prøv igen, eller kontakt support.",
    }
    assert "secret detail" not in response.text
    assert "secret detail" in caplog.text  # but the log has it


def test_a_form_with_problems_does_not_make_an_app(tmp_path: Path) -> None:
    spec = tmp_path / "form.yaml"
    spec.write_text("form: {id: x}\n", encoding="utf-8")
    with pytest.raises(SpecError):
        create_app(Settings(form_path=spec, data_dir=tmp_path))


def test_the_reload_factory_reads_the_settings_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in Settings(data_dir=tmp_path / "env-data", demo=True).to_environ().items():
        monkeypatch.setenv(name, value)
    with signed_in_client(app_from_environ()) as client:
        assert client.post("/api/cpr", json={"cpr": "120355-1009"}).status_code == 200
    assert (tmp_path / "env-data" / "indberet.sqlite3").exists()
