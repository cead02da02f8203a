"""``indberet serve`` (engine/web/server.py): settings to uvicorn, 127.0.0.1 by default, clean failures."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from engine.cli import main
from tests.web.accounts import wire_sign_in
from tests.web.live import indberet_serve


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


def test_serve_reads_the_settings_it_has_no_option_for_from_the_environment(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INDBERET_HTTPS_ONLY", "1")
    monkeypatch.setenv("INDBERET_FAILED_LOGINS", "7")
    monkeypatch.setenv("INDBERET_CPR_PER_USER_MINUTE", "30")
    monkeypatch.setenv("INDBERET_DATABASE", "")
    assert main(["serve", "--data-dir", str(tmp_path)]) == 0
    ((app, _),) = runs
    settings = app.state.indberet.settings
    assert (settings.https_only, settings.failed_logins, settings.cpr_per_user_minute) == (True, 7, 30)
    assert app.state.indberet.accounts.failed_logins == 7
    assert settings.data_dir == tmp_path  # the options win


@pytest.mark.parametrize(
    ("value", "said"),
    [("mange", "INDBERET_FAILED_LOGINS='mange' is not a whole number"), ("0", "must be above 0")],
)
def test_a_setting_in_the_environment_that_is_no_number_is_named(
    tmp_path: Path,
    runs: list[tuple[Any, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    value: str,
    said: str,
) -> None:
    monkeypatch.setenv("INDBERET_FAILED_LOGINS", value)
    assert main(["serve", "--data-dir", str(tmp_path)]) == 2
    assert runs == [] and said in capsys.readouterr().err


def test_serve_workers_hands_uvicorn_an_import_string_and_the_settings(
    tmp_path: Path, runs: list[tuple[Any, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "environ", dict(os.environ))
    assert main(["serve", "--workers", "3", "--demo", "--data-dir", str(tmp_path)]) == 0
    ((app, options),) = runs
    assert app == "engine.web.app:app_from_environ"
    assert options["factory"] is True and options["workers"] == 3 and "reload" not in options
    assert os.environ["INDBERET_DEMO"] == "1" and os.environ["INDBERET_DATA_DIR"] == str(tmp_path)


@pytest.mark.parametrize(
    "arguments", [["--workers", "0"], ["--workers", "65"], ["--workers", "2", "--reload"]]
)
def test_workers_out_of_range_or_with_reload_are_refused(
    tmp_path: Path,
    runs: list[tuple[Any, dict[str, Any]]],
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
) -> None:
    assert main(["serve", *arguments, "--data-dir", str(tmp_path)]) == 2
    assert runs == [] and "--workers" in capsys.readouterr().err


def test_serve_with_two_workers_answers_from_both_on_one_store(tmp_path: Path) -> None:
    """The real command: two processes on the port, each its own app on the one SQLite store, so a session
    begun on one is good on the other, and the demo data is made once."""
    with indberet_serve(tmp_path / "data", "--demo", "--workers", "2") as served:
        signed = wire_sign_in(served.url)
        answers = [httpx.get(f"{served.url}/bakker", headers=signed) for _ in range(20)]  # a connection each
        assert {answer.status_code for answer in answers} == {200}
        look_up = httpx.post(f"{served.url}/api/cpr", json={"cpr": "120355-1009"}, headers=signed)
        assert look_up.status_code == 200
        output = served.stop()
    assert len(set(re.findall(r"Started server process \[(\d+)\]", output))) == 2, output
    assert "2 app server processes" in output and "Traceback" not in output
