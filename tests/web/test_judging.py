"""Judging a payload (engine/web/api.py ``judge``) never stalls the server: a large body is judged in a
worker thread, so /api/ping answers at once meanwhile; and an answer has a size limit of its own."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from engine.form import CompiledForm, validate
from engine.web import api
from engine.web.app import create_app
from engine.web.settings import Settings
from tests.web.accounts import signed_in_client, wire_sign_in
from tests.web.conftest import TestClient
from tests.web.live import in_thread

SLOW = 1.5  # seconds of CPU a judgment takes here


def slow_validate(form: CompiledForm, payload: Any) -> Any:
    """The engine's verdict after ``SLOW`` seconds of pure-Python work (holding the GIL as it goes)."""
    end = time.perf_counter() + SLOW
    spins = 0
    while time.perf_counter() < end:
        spins += 1
    return validate(form, payload)


def test_ping_answers_promptly_while_a_large_payload_is_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "validate", slow_validate)
    large = json.dumps({"dato_foerste_kontakt": "2024-03-04", "behandlinger": [{}] * 3000}).encode()
    with in_thread(create_app(Settings(data_dir=tmp_path, demo=True))) as url:
        signed = wire_sign_in(url)
        judged: list[tuple[int, float]] = []

        def post() -> None:
            started = time.perf_counter()
            answer = httpx.post(
                f"{url}/api/v1/validate",
                content=large,
                headers={"content-type": "application/json", **signed},
                timeout=60,
            )
            judged.append((answer.status_code, time.perf_counter() - started))

        poster = threading.Thread(target=post)
        poster.start()
        time.sleep(0.3)  # the judgment is under way
        pings = []
        with httpx.Client(base_url=url, timeout=60) as client:
            while poster.is_alive() and len(pings) < 20:
                started = time.perf_counter()
                assert client.get("/api/ping").status_code == 200
                pings.append(time.perf_counter() - started)
                time.sleep(0.02)
        poster.join()
    ((status, took),) = judged
    assert status == 200 and took >= SLOW
    assert len(pings) >= 5  # they were answered while the judgment ran ...
    assert max(pings) < 0.25, pings  # ... each at once, not after it


def test_an_answer_above_its_limit_is_413(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, max_answer_bytes=5_000))
    many_unknown_keys = {f"felt_{n}": n for n in range(90)}  # within limits.keys, each one a finding
    with signed_in_client(app) as client:
        small = client.post("/api/v1/validate", json={})
        large = client.post("/api/v1/validate", json=many_unknown_keys)
    assert small.status_code == 200
    assert large.status_code == 413
    assert large.json() == {
        "error": "too_large",
        "message": "Svaret på skemaet ville fylde mere end 5.000 byte. Ret de første fejl, og send det igen.",
    }


@pytest.mark.parametrize("size", [10, 5_000])
def test_small_and_large_bodies_get_the_same_verdict(
    client: TestClient, form: CompiledForm, size: int
) -> None:
    payload = {"dato_foerste_kontakt": "2024-03-04", "behandlinger": [{}] * size, "\udcff": 1}
    body = json.dumps(payload).encode()
    response = client.post("/api/evaluate", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == validate(form, payload).as_json()


@pytest.mark.parametrize("url", ["/api/v1/validate", "/api/evaluate", "/api/validate"])
def test_a_body_above_the_forms_payload_limit_gets_the_forms_too_large_result(
    client: TestClient, url: str
) -> None:
    """The form's ``limits.payload_bytes`` holds for the API as for the CLI: the same result, status 413."""
    form = client.app.state.indberet.form  # type: ignore[attr-defined]
    limit = form.spec.limits.payload_bytes
    body = json.dumps({"x": "y" * limit}).encode()
    response = client.post(url, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413
    (error,) = response.json()["errors"]
    assert error["rule"] == "too_large"
    assert error["message"] == form.messages["too_large"].template.format(
        limit=f"{limit:,}".replace(",", ".")
    )
    assert response.json()["valid"] is False
