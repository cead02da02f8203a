"""``indberet serve`` (engine/web/server.py): settings to uvicorn, 127.0.0.1 by default, clean failures."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from engine.cli import main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    return calls


def test_serve_binds_localhost_by_default(tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]]) -> None:
    assert main(["serve", "--data-dir", str(tmp_path / "d")]) == 0
    ((app, options),) = runs
    assert (options["host"], options["port"], options["server_header"]) == ("127.0.0.1", 8000, False)
    assert options["ws"] == "none"
    assert app.state.indberet.registers.cpr is None
    assert (tmp_path / "d" / "indberet.sqlite3").exists()


def test_serve_demo_loads_the_registers(tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]]) -> None:
    assert main(["serve", "--demo", "--port", "8123", "--data-dir", str(tmp_path)]) == 0
    ((app, options),) = runs
    assert options["port"] == 8123
    assert app.state.indberet.registers.cpr is not None
    assert app.state.indberet.registers.sor is not None


def test_serve_reload_hands_uvicorn_an_import_string(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "environ", dict(os.environ))
    assert main(["serve", "--reload", "--demo", "--data-dir", str(tmp_path)]) == 0
    ((app, options),) = runs
    assert app == "engine.web.app:app_from_environ"
    assert options["factory"] is True and options["reload"] is True
    assert os.environ["INDBERET_DEMO"] == "1"
    assert os.environ["INDBERET_DATA_DIR"] == str(tmp_path)


def test_a_broken_form_is_reported_not_served(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "form.yaml"
    spec.write_text("form: {id: x}\n", encoding="utf-8")
    assert main(["serve", "--form", str(spec), "--data-dir", str(tmp_path)]) == 2
    assert runs == []
    assert "the form spec has" in capsys.readouterr().err


def test_a_missing_form_is_reported(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--form", str(tmp_path / "none.yaml"), "--data-dir", str(tmp_path)]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_forwarded_headers_are_trusted_from_no_one_by_default(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]]
) -> None:
    assert main(["serve", "--data-dir", str(tmp_path)]) == 0
    ((_, options),) = runs
    assert options["proxy_headers"] is False  # uvicorn's own default trusts 127.0.0.1


def test_forwarded_headers_are_trusted_from_the_proxies_named(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]]
) -> None:
    assert main(["serve", "--data-dir", str(tmp_path), "--forwarded-allow-ips", "10.0.0.5,10.0.0.6"]) == 0
    ((_, options),) = runs
    assert options["proxy_headers"] is True
    assert options["forwarded_allow_ips"] == "10.0.0.5,10.0.0.6"


def test_the_allowed_hosts_are_the_bound_host_and_the_local_names_by_default(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]]
) -> None:
    assert main(["serve", "--data-dir", str(tmp_path), "--host", "skema.region.example"]) == 0
    assert main(["serve", "--data-dir", str(tmp_path), "--allowed-hosts", "a.example, b.example"]) == 0
    (first, _), (second, _) = runs
    assert first.state.indberet.settings.allowed_hosts == (
        "localhost",
        "127.0.0.1",
        "[::1]",
        "skema.region.example",
    )
    assert second.state.indberet.settings.allowed_hosts == ("a.example", "b.example")
