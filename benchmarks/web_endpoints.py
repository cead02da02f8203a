"""Time the web app's JSON endpoints in-process (ASGI, no network): µs per request at p50/p99/max.

    .venv/bin/python benchmarks/web_endpoints.py [--requests 2000]

Prints one JSON object. What the page asks most: POST /api/evaluate after every settled change (the shipped
example payloads), GET /api/codes/diagnoser?q=… while a user types, and POST /api/cpr and /api/sor?….
The client is signed in as a demo user. The numbers include Starlette's routing and middleware (security
headers, the session and CSRF checks) and
JSON encoding; the network and uvicorn are not in them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx

from engine.accounts import DEMO_PASSWORD
from engine.web.app import create_app
from engine.web.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["b", "br", "bry", "bryst", "brystkræft u", "dc5", "dc50", "lymfom", "hodgkin", "zzz"]

Request = Callable[[httpx.AsyncClient, int], Coroutine[Any, Any, httpx.Response]]


def _payloads() -> list[dict[str, Any]]:
    paths = sorted((ROOT / "examples").glob("*.json"))
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]


async def _time(client: httpx.AsyncClient, request: Request, count: int) -> dict[str, float | int]:
    for number in range(min(200, count)):  # warm up
        await request(client, number)
    timings = []
    for number in range(count):
        started = time.perf_counter_ns()
        response = await request(client, number)
        timings.append(time.perf_counter_ns() - started)
        if response.status_code != 200:  # a refusal would be timed as if it were the work
            raise SystemExit(f"{response.request.url}: {response.status_code}")
    timings.sort()
    return {
        "requests": count,
        "p50_us": round(timings[count // 2] / 1000, 1),
        "p99_us": round(timings[int(count * 0.99)] / 1000, 1),
        "max_us": round(timings[-1] / 1000, 1),
    }


async def sign_in(client: httpx.AsyncClient, username: str = "laege") -> None:
    """Log the demo user in (every route needs a session) and send the CSRF token from then on."""
    answer = await client.post("/login", data={"username": username, "password": DEMO_PASSWORD})
    if answer.status_code != 303:
        raise SystemExit(f"cannot log in: {answer.status_code}")
    page = await client.get("/roller")
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.text)
    if found is None:
        raise SystemExit("no CSRF token in the page")
    client.headers["X-CSRF-Token"] = found.group(1)


async def measure(count: int) -> dict[str, dict[str, float | int]]:
    payloads = _payloads()
    with tempfile.TemporaryDirectory() as data:
        # One client makes every look-up here: the CPR rate limit would refuse all but the first ten.
        app = create_app(Settings(data_dir=Path(data), demo=True, cpr_burst=1_000_000_000))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            await sign_in(client)
            requests: dict[str, Request] = {
                "POST /api/evaluate": lambda c, n: c.post("/api/evaluate", json=payloads[n % len(payloads)]),
                "GET /api/codes/diagnoser?q=…": lambda c, n: c.get(
                    "/api/codes/diagnoser", params={"q": QUERIES[n % len(QUERIES)]}
                ),
                "POST /api/cpr": lambda c, n: c.post("/api/cpr", json={"cpr": "120355-1009"}),
                "GET /api/sor?scope=regional&name=…": lambda c, n: c.get(
                    "/api/sor", params={"scope": "regional", "name": "onk"}
                ),
                "GET /skema/ny": lambda c, n: c.get("/skema/ny"),
            }
            return {name: await _time(client, request, count) for name, request in requests.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    arguments = parser.parse_args()
    print(json.dumps(asyncio.run(measure(arguments.requests)), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
