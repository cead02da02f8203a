"""What signing in costs a request: the field-change round trip (POST /api/evaluate, the page's request
after every settled change) with the real session and CSRF checks, beside the same app whose sign-in
middleware hands every request the same user without reading the store — in the same run, alternating.

    .venv/bin/python -m benchmarks.session_cost [--requests 3000] [--rounds 5]

The difference is what the login costs per request (goal ≤ 0.5 ms): reading the session with its user and
roles from the store (in a worker thread), comparing the CSRF token, and writing "last seen" once a minute.
Prints one JSON object; in-process (ASGI), so the network and uvicorn are not in it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

from benchmarks.web_endpoints import _payloads, sign_in
from engine.accounts import SignedIn
from engine.web.app import create_app
from engine.web.auth import SignIn, User
from engine.web.settings import Settings


class FixedSignIn:
    """The baseline: every request is ``signed_in``'s, without asking the store or checking a token."""

    def __init__(self, app: ASGIApp, signed_in: SignedIn) -> None:
        self.app = app
        self.signed_in = signed_in

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.setdefault("state", {})
        user = self.signed_in.user
        state["signed_in"] = self.signed_in
        state["user"] = User(user.id, user.username, user.name, user.administrator)
        state["group"] = self.signed_in.group
        state["actor"] = self.signed_in.actor("127.0.0.1")
        await self.app(scope, receive, send)


async def _round(client: httpx.AsyncClient, payloads: list[dict[str, Any]], count: int) -> list[int]:
    timings = []
    for number in range(count):
        started = time.perf_counter_ns()
        answer = await client.post("/api/evaluate", json=payloads[number % len(payloads)])
        timings.append(time.perf_counter_ns() - started)
        if answer.status_code != 200:
            raise SystemExit(f"/api/evaluate: {answer.status_code}")
    return timings


def _summary(timings: list[int]) -> dict[str, float]:
    timings = sorted(timings)
    return {
        "p50_us": round(timings[len(timings) // 2] / 1000, 1),
        "p99_us": round(timings[int(len(timings) * 0.99)] / 1000, 1),
        "mean_us": round(sum(timings) / len(timings) / 1000, 1),
    }


async def measure(count: int, rounds: int) -> dict[str, Any]:
    payloads = _payloads()
    with tempfile.TemporaryDirectory() as data:
        real = create_app(Settings(data_dir=Path(data) / "a", demo=True))
        fixed = create_app(Settings(data_dir=Path(data) / "b", demo=True))
        async with (
            httpx.AsyncClient(transport=httpx.ASGITransport(app=real), base_url="http://localhost") as signed,
            httpx.AsyncClient(transport=httpx.ASGITransport(app=fixed), base_url="http://localhost") as plain,
        ):
            await sign_in(signed)
            await sign_in(plain)
            token = plain.cookies["indberet_session"]
            who = fixed.state.indberet.accounts.signed_in(token)
            fixed.user_middleware[:] = [
                Middleware(FixedSignIn, signed_in=who) if m.cls is SignIn else m
                for m in fixed.user_middleware
            ]
            fixed.middleware_stack = None  # built again, with the baseline's middleware
            await _round(signed, payloads, 300)  # warm up
            await _round(plain, payloads, 300)
            with_login: list[int] = []
            without: list[int] = []
            for _ in range(rounds):
                with_login += await _round(signed, payloads, count)
                without += await _round(plain, payloads, count)
    a, b = _summary(with_login), _summary(without)
    return {
        "requests_each": count * rounds,
        "signed_in": a,
        "baseline_no_session_check": b,
        "cost_p50_ms": round((a["p50_us"] - b["p50_us"]) / 1000, 3),
        "cost_mean_ms": round((a["mean_us"] - b["mean_us"]) / 1000, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.requests, args.rounds)), indent=2))


if __name__ == "__main__":
    main()
