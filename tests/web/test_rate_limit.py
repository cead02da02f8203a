"""The CPR look-up's rate limit per client (engine/web/rate_limit.py): a burst, then a steady rate; a look-up
beyond it is a Danish 429 with Retry-After, and audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.web import rate_limit
from engine.web.app import create_app
from engine.web.rate_limit import RateLimits
from engine.web.settings import Settings
from tests.web.accounts import signed_in_client


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_the_rate() -> None:
    clock = Clock()
    limits = RateLimits(rate=2.0, burst=3, clock=clock)
    assert [limits.wait("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limits.wait("a") == pytest.approx(0.5)
    assert limits.wait("b") == 0.0  # another client has a bucket of its own
    clock.now += 0.5
    assert limits.wait("a") == 0.0
    assert limits.wait("a") == pytest.approx(0.5)
    clock.now += 60
    assert [limits.wait("a") for _ in range(4)] == [
        0.0,
        0.0,
        0.0,
        pytest.approx(0.5),
    ]  # never above the burst


def test_the_buckets_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rate_limit, "MAX_CLIENTS", 100)
    clock = Clock()
    limits = RateLimits(rate=1.0, burst=2, clock=clock)
    for n in range(1000):
        limits.wait(f"10.0.{n // 256}.{n % 256}")
        clock.now += 0.001
    assert len(limits._buckets) <= 100
    assert "10.0.3.231" in limits._buckets  # the latest is kept


def test_a_look_up_beyond_the_limit_is_a_danish_429_and_audited(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, demo=True, cpr_rate=0.5, cpr_burst=2))
    with signed_in_client(app) as client:
        answers = [client.post("/api/cpr", json={"cpr": "120355-1009"}) for _ in range(3)]
        audited = app.state.indberet.store.cpr_accesses()
    assert [a.status_code for a in answers] == [200, 200, 429]
    refused = answers[2]
    assert refused.json() == {
        "error": "rate_limited",
        "message": "For mange CPR-opslag på kort tid. Prøv igen om 2 sekunder.",
    }
    assert refused.headers["retry-after"] == "2"
    assert "Fiktivsen" not in refused.text
    assert [(a.cpr, a.outcome) for a in audited] == [
        ("120355-1009", "rate_limited"),
        ("120355-1009", "found"),
        ("120355-1009", "found"),
    ]


def test_the_default_lets_a_clinicians_look_ups_through(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, demo=True)
    app = create_app(settings)
    with signed_in_client(app) as client:
        statuses = [client.post("/api/cpr", json={"cpr": "120355-1009"}).status_code for _ in range(12)]
    assert settings.cpr_burst == 10 and settings.cpr_rate == 2.0
    assert statuses[:10] == [200] * 10
    assert 429 in statuses[10:]
