"""The CPR look-up's rate limit per client (engine/web/rate_limit.py): a burst, then a steady rate; a look-up
beyond it is a Danish 429 with Retry-After, and audited."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from engine.store import CprAccess
from engine.web import rate_limit
from engine.web.app import create_app
from engine.web.auth import SESSION_COOKIE
from engine.web.rate_limit import RateLimits
from engine.web.settings import Settings
from tests.postgres import postgres_schema
from tests.web.accounts import signed_in_client
from tests.web.conftest import TestClient


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


@contextlib.contextmanager
def two_app_servers(
    tmp_path: Path, backend: str, **settings: Any
) -> Iterator[tuple[Starlette, Starlette, contextlib.ExitStack]]:
    """Two apps (two app servers, each with its own per-process buckets) on one database of ``backend``,
    and the stack that closes what the test opens on them; their stores closed after."""
    with contextlib.ExitStack() as stack:
        database = "" if backend == "sqlite" else stack.enter_context(postgres_schema())
        both = Settings(data_dir=tmp_path, demo=True, database=database, **settings)
        first, second = create_app(both), create_app(both)
        stack.callback(second.state.indberet.store.close)
        stack.callback(first.state.indberet.store.close)
        yield first, second, stack


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_users_look_ups_are_counted_by_every_app_server_alike(tmp_path: Path, backend: str) -> None:
    """Two app servers on one database (two apps, each with its own per-client buckets): a user's look-ups
    of the last minute are counted from the audit both write, so the user's limit holds across them; a
    refused look-up does not count, and another user is not held up."""
    with two_app_servers(tmp_path, backend, cpr_per_user_minute=3) as (first, second, stack):
        one = stack.enter_context(signed_in_client(first))
        two = stack.enter_context(signed_in_client(second))
        other = stack.enter_context(signed_in_client(second, "sekretaer"))
        statuses = [
            client.post("/api/cpr", json={"cpr": "120355-1009"}).status_code
            for client in (one, two, one, two)
        ]
        assert statuses == [200, 200, 200, 429]
        refused = two.post("/api/cpr", json={"cpr": "120355-1009"})
        assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
        assert other.post("/api/cpr", json={"cpr": "120355-1009"}).status_code == 200
        outcomes = [a.outcome for a in first.state.indberet.store.cpr_accesses(limit=10)]
        assert outcomes.count("rate_limited") == 2 and outcomes.count("found") == 4


def test_a_user_limit_counts_only_the_last_minute(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, demo=True))
    store = app.state.indberet.store
    now = datetime.datetime.now(datetime.UTC)
    for minutes in (0, 0.5, 2):
        store.record_cpr_access(
            CprAccess(now - datetime.timedelta(minutes=minutes), "120355-1009", "found", "u-1", None)
        )
    store.record_cpr_access(CprAccess(now, "120355-1009", "rate_limited", "u-1", None))
    assert rate_limit.user_wait(store, "u-1", 3, now) == 0.0  # two in the minute, the refused one not
    assert rate_limit.user_wait(store, "u-1", 2, now) == 60.0
    assert rate_limit.user_wait(store, "u-2", 1, now) == 0.0
    assert rate_limit.user_wait(store, None, 1, now) == 0.0


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_failed_logins_are_counted_by_every_app_server_alike(tmp_path: Path, backend: str) -> None:
    """Two app servers on one database, each with its own per-process login buckets: the failed logins
    with a name are counted from the account audit both write, so the limit holds across them."""
    with two_app_servers(tmp_path, backend, failed_logins=3) as (first, second, stack):
        one = stack.enter_context(TestClient(first))
        two = stack.enter_context(TestClient(second))
        statuses = [
            client.post("/login", data={"username": "laege", "password": "forkert"}).status_code
            for client in (one, two, one)
        ]
        assert statuses == [401, 401, 401]
        refused = two.post("/login", data={"username": "laege", "password": "demo"}, follow_redirects=False)
        assert refused.status_code == 429 and "For mange forsøg" in refused.text
        assert SESSION_COOKIE not in refused.headers.get("set-cookie", "")
        assert one.post("/login", data={"username": "sekretaer", "password": "demo"}).status_code == 200
