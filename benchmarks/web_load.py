"""Load benchmark: one real server process under clinical load, then its saturation point.

Run from the repository root (benchmarks/README.md, section "Web", shows runs and what they mean):

    .venv/bin/python -m benchmarks.web_load [--users 50] [--duration 60] [--saturation 30] [--client wrk]

It starts ONE server process (``indberet serve --demo`` on 127.0.0.1: uvicorn, one worker, the real app
with its access log; ``--server`` runs another command) and drives it from other processes.

(a) ``load``: ``--users`` simulated users at a clinical pace, about one action per user per second, for
    ``--duration`` seconds, filling in forms from ``tests/cancer_corpus.py``: a field change is
    ``POST /api/evaluate`` with the payload so far (growing field by field); typing a diagnosis is a few
    ``GET /api/codes/diagnoser?q=…`` with growing fragments of the code or its Danish text, and, for
    scale, a few searches of the whole SKS D file (``/api/codes/sks_d_koder``, ~19,500 codes). Beside
    the users a probe asks ``GET /api/ping``: ``ping_floor`` is what a round trip costs with no engine
    work, under the same load. ``cpu`` gives the server's and the load generator's CPU per request and
    the machine's busy and stolen (hypervisor) share over the run. The users' client:

    - ``wrk`` (the default; ``benchmarks/web_wrk.py``): one wrk process per kind of request, the users
      split between them as the forms split their actions (32 field changes, 9 + 9 searches of 50), each
      connection waiting a random 0.5–1.5 × ``--pace`` between requests so the users do not fall into
      step, the probe on one more connection about 4 times a second. Latency is measured in C; the load
      generator costs ~0.3 ms of CPU per request. Without wrk the ``raw`` client stands in.
    - ``httpx`` or ``raw`` (bare asyncio streams): each user a coroutine in this process walking through
      its forms in order, one keep-alive connection each, the probe twice a second. Their own CPU (1–3.5
      ms per request) and event-loop lag (``client_loop_lag``) are part of the times they report.
(b) ``saturation``: the most requests per second of ``POST /api/evaluate`` (corpus payloads in turn),
    of ``POST /api/v1/validate`` (the same payloads), and of ``GET /api/ping`` (routing and middleware
    only) in the same server, with ``wrk`` and a Lua script. Without wrk (``apt-get install -y wrk``;
    tried here when run as root) a Python client stands in, and the output says so.

Prints one JSON object: the numbers, the goals and whether they were met, and the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import importlib.util
import json
import random
import shlex
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from benchmarks.signin import SESSION, raw_lines, sign_in_to
from benchmarks.web_machine import Usage, machine, server_modules
from benchmarks.web_saturation import saturation, wrk_path
from benchmarks.web_wrk import Kind, search_path, wrk_load
from tests.cancer_corpus import FAMILIES, Corpus

if importlib.util.find_spec("sniffio") is None:
    # httpcore asks for sniffio on every request, and a missing module is searched for on sys.path anew
    # each time (~0.4 ms here); None in sys.modules answers "not installed" at once. Not the server's cost.
    sys.modules["sniffio"] = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"
SKS_D = ROOT / "codelists" / "sks_d_koder.csv"
TLS = ssl.create_default_context()
GOALS_MS = {"field_change": 20.0, "code_search_diagnoser": 5.0, "code_search_sks_d_koder": 5.0}

Action = tuple[str, str, Any]  # (kind, path, JSON body or query)


# -- the server -------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


SERVER = ".venv/bin/indberet serve --demo --port {port} --data-dir {data}"


@contextmanager
def server(template: str, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The server (``indberet serve --demo``) in its own process until the block ends; output to ``log``."""
    with tempfile.TemporaryDirectory() as data, log.open("wb") as out:
        command = shlex.split(template.format(port=port, data=data))
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(port, process)
            sign_in_to(f"http://127.0.0.1:{port}")  # every request of the run carries this session
            yield process
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped with status {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/ping", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not answer /api/ping within 30 s")


# -- what a user does -------------------------------------------------------------------------------------
def _sks_d() -> list[tuple[str, str]]:
    with SKS_D.open(encoding="utf-8", newline="") as handle:
        return [(row["code"], row["text"]) for row in csv.DictReader(handle, delimiter=";")]


@dataclass
class Scripts:
    """Endless, reproducible form fillings: each a list of actions, as a user at the page makes them."""

    seed: int
    corpus: Corpus = field(init=False)
    texts: dict[str, str] = field(init=False)
    sks_d: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.corpus = Corpus(self.seed)
        self.sks_d = _sks_d()
        with (ROOT / "codelists" / "diagnoser.csv").open(encoding="utf-8", newline="") as handle:
            self.texts = {row["code"]: row["text"] for row in csv.DictReader(handle, delimiter=";")}

    def fragments(self, code: str, text: str) -> list[str]:
        """What a user types, one search per pause: growing parts of the code or of a word of its text."""
        rng = self.corpus.rng
        words = [word for word in text.split() if len(word) >= 4] or [code]
        typed = code.lower() if rng.random() < 0.5 else rng.choice(words).lower()
        start = rng.randint(2, 3)
        return [typed[:end] for end in range(start, min(len(typed), start + rng.randint(1, 3)) + 1)]

    def form(self, number: int) -> list[Action]:
        full = self.corpus.valid(FAMILIES[number % len(FAMILIES)])
        actions: list[Action] = []
        payload: dict[str, Any] = {}
        for key, value in full.items():
            if key == "diagnose":
                for query in self.fragments(value, self.texts[value]):
                    actions.append(("code_search_diagnoser", "/api/codes/diagnoser", {"q": query}))
                code, text = self.corpus.rng.choice(self.sks_d)
                for query in self.fragments(code, text):
                    actions.append(("code_search_sks_d_koder", "/api/codes/sks_d_koder", {"q": query}))
            payload[key] = value
            actions.append(("field_change", "/api/evaluate", dict(payload)))
        return actions


# -- (a) clinical load ------------------------------------------------------------------------------------
@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    def error(self, kind: str, what: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if len(self.error_samples) < 5:
            self.error_samples.append(f"{kind}: {what}")


class HttpxUser:
    """A user's browser tab: one keep-alive httpx connection (the default client)."""

    def __init__(self, base: str, timeout: float = 10) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        # Plain HTTP; the one shared TLS context only spares each client loading the CA bundle.
        self.client = httpx.AsyncClient(
            base_url=base, limits=limits, timeout=timeout, verify=TLS, headers=SESSION
        )

    async def __aenter__(self) -> HttpxUser:
        await self.client.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.client.__aexit__(*exc)

    async def call(self, path: str, data: Any, post: bool) -> tuple[int, bytes]:
        if post:
            response = await self.client.post(path, json=data)
        else:
            response = await self.client.get(path, params=data)
        return response.status_code, response.content


class RawUser:
    """The same on bare asyncio streams (``--client raw``): HTTP/1.1, keep-alive, Content-Length bodies.

    It shows the round trip without httpx, whose own Python costs 2–4 ms of CPU per request on this
    machine — more than the server spends.
    """

    def __init__(self, base: str, timeout: float = 10) -> None:
        self.host, port = base.removeprefix("http://").split(":")
        self.port, self.timeout = int(port), timeout

    async def __aenter__(self) -> RawUser:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        self.writer.close()
        await self.writer.wait_closed()

    async def call(self, path: str, data: Any, post: bool) -> tuple[int, bytes]:
        if post:
            body = json.dumps(data, ensure_ascii=False).encode()
            head = f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\n"
            head += raw_lines()
            head += f"Content-Length: {len(body)}\r\n\r\n"
        else:
            body, query = b"", f"?{urlencode(data)}" if data else ""
            head = f"GET {path}{query} HTTP/1.1\r\nHost: {self.host}\r\n{raw_lines()}\r\n"
        async with asyncio.timeout(self.timeout):
            self.writer.write(head.encode() + body)
            lines = (await self.reader.readuntil(b"\r\n\r\n")).lower().split(b"\r\n")
            length = next(int(line[15:]) for line in lines if line.startswith(b"content-length:"))
            return int(lines[0].split()[1]), await self.reader.readexactly(length)


User = HttpxUser | RawUser
CLIENTS: dict[str, type[HttpxUser] | type[RawUser]] = {"httpx": HttpxUser, "raw": RawUser}


async def _user(
    client: User,
    scripts: Scripts,
    user: int,
    began: float,
    until: float,
    pace: float,
    tally: Tally,
) -> None:
    rng = random.Random(user)
    start, form = began + rng.random() * pace, user * 1000  # users do not all start in the same instant
    while True:
        for kind, path, data in scripts.form(form):
            await asyncio.sleep(max(0.0, start - time.monotonic()))
            if time.monotonic() >= until:
                return
            await _act(client, kind, path, data, tally)
            start += rng.uniform(0.5, 1.5) * pace  # one action per `pace` s on average, whatever it took
        form += 1


async def _probe(client: User, until: float, tally: Tally) -> None:
    """GET /api/ping twice a second beside the users: the round trip's floor under the same load (client,
    loopback, uvicorn, middleware), against which the endpoints' own share shows."""
    while time.monotonic() < until:
        await _act(client, "ping_floor", "/api/ping", None, tally)
        await asyncio.sleep(0.5)


async def _act(client: User, kind: str, path: str, data: Any, tally: Tally) -> None:
    began = time.perf_counter()
    try:
        status, body = await client.call(path, data, post=kind == "field_change")
    except (httpx.HTTPError, OSError, EOFError, ValueError, StopIteration) as error:
        tally.error(kind, repr(error))
        return
    elapsed = (time.perf_counter() - began) * 1000
    if status != 200:
        tally.error(kind, f"{status} {body[:200].decode(errors='replace')}")
        return
    tally.times.setdefault(kind, []).append(elapsed)


def _percentiles(times: list[float]) -> dict[str, float | int]:
    if not times:
        return {"count": 0}
    ordered = sorted(times)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)

    return {
        "count": len(ordered),
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "max_ms": round(ordered[-1], 2),
    }


async def _loop_lag(until: float, lags: list[float]) -> None:
    """How late this process's event loop wakes up: a client-side delay inside the round trips measured."""
    while time.monotonic() < until:
        began = time.perf_counter()
        await asyncio.sleep(0.01)
        lags.append((time.perf_counter() - began - 0.01) * 1000)


@dataclass(frozen=True)
class Plan:
    users: int
    duration: float  # seconds
    pace: float  # mean seconds between a user's actions
    seed: int
    client: str  # a key of CLIENTS


async def clinical_load(base: str, server_pid: int, plan: Plan) -> dict[str, Any]:
    users, duration, pace = plan.users, plan.duration, plan.pace
    scripts = Scripts(plan.seed)
    tally = Tally()
    lags: list[float] = []
    async with AsyncExitStack() as stack:
        make = CLIENTS[plan.client]
        clients: list[User] = [await stack.enter_async_context(make(base)) for _ in range(users + 1)]
        # Every connection is open before the clock starts.
        await asyncio.gather(*(client.call("/api/ping", None, post=False) for client in clients))
        before = Usage.now(server_pid)
        began = time.monotonic()
        until = began + duration
        await asyncio.gather(
            _loop_lag(until, lags),
            _probe(clients[-1], until, tally),
            *(_user(clients[n], scripts, n, began, until, pace, tally) for n in range(users)),
        )
        took = time.monotonic() - began
        usage = Usage.now(server_pid).since(before)
    kinds = {kind: _percentiles(tally.times.get(kind, [])) for kind in (*GOALS_MS, "ping_floor")}
    done = sum(len(times) for times in tally.times.values())
    return {
        "client": plan.client,
        "users": users,
        "duration_s": round(took, 1),
        "actions_per_user_per_s": round(1 / pace, 2),
        "requests": done,
        "requests_per_s": round(done / took, 1),
        **kinds,
        "errors": tally.errors,
        "error_samples": tally.error_samples,
        "goals_p99_ms": GOALS_MS,
        "goals_met": {
            kind: bool(kinds[kind].get("count")) and float(kinds[kind]["p99_ms"]) <= goal
            for kind, goal in GOALS_MS.items()
        },
        "client_loop_lag": _percentiles(lags),
        "cpu": {
            **usage,
            "server_cpu_ms_per_request": round(usage["server_cpu_s"] * 1000 / max(done, 1), 3),
            "client_cpu_ms_per_request": round(usage["client_cpu_s"] * 1000 / max(done, 1), 3),
        },
    }


PING_DELAY_MS = (100, 400)  # the probe: ~4 pings/s on one connection


def _split(users: int, shares: dict[str, int]) -> dict[str, int]:
    """``users`` shared out like ``shares`` (largest remainders), at least one each."""
    total = sum(shares.values())
    exact = {kind: users * share / total for kind, share in shares.items()}
    split = {kind: max(1, int(value)) for kind, value in exact.items()}
    for kind in sorted(exact, key=lambda kind: exact[kind] - int(exact[kind]), reverse=True):
        if sum(split.values()) >= users:
            break
        split[kind] += 1
    return split


def wrk_kinds(plan: Plan, forms: int = 300) -> list[Kind]:
    """The clinical mix as wrk processes: the users split as the corpus's forms split their actions, each
    kind's requests (at most 1,000, in the order the forms make them), and the ping probe."""
    scripts = Scripts(plan.seed)
    requests: dict[str, list[tuple[str, str, str | None]]] = {kind: [] for kind in GOALS_MS}
    for number in range(forms):
        for kind, path, data in scripts.form(number):
            if kind == "field_change":
                body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                requests[kind].append(("POST", path, body))
            else:
                requests[kind].append(("GET", search_path(path, data["q"]), None))
    users = _split(plan.users, {kind: len(found) for kind, found in requests.items()})
    delay = (round(500 * plan.pace), round(1500 * plan.pace))
    kinds = [Kind(kind, users[kind], delay, found[:1000]) for kind, found in requests.items()]
    return [*kinds, Kind("ping_floor", 1, PING_DELAY_MS, [("GET", "/api/ping", None)])]


def clinical_load_wrk(wrk: str, base: str, server_pid: int, plan: Plan, log_dir: Path) -> dict[str, Any]:
    found = wrk_load(wrk, base, server_pid, wrk_kinds(plan), plan.duration, log_dir, plan.seed)
    totals = found.pop("_totals")
    errors = {kind: sum(result["errors"].values()) for kind, result in found.items() if result["errors"]}
    return {
        "client": "wrk",
        "users": plan.users,
        "duration_s": totals["duration_s"],
        "actions_per_user_per_s": round(1 / plan.pace, 2),
        "requests": totals["requests"],
        "requests_per_s": totals["requests_per_s"],
        **found,
        "errors": errors,
        "goals_p99_ms": GOALS_MS,
        "goals_met": {
            kind: bool(found[kind]["count"]) and not found[kind]["errors"] and found[kind]["p99_ms"] <= goal
            for kind, goal in GOALS_MS.items()
        },
        "wrk_output": str(log_dir),
        "cpu": totals["cpu"],
    }


async def _warm_up(base: str, scripts: Scripts) -> dict[str, float]:
    """The SKS D file is indexed on its first search: time that once, and warm the other endpoints."""
    async with HttpxUser(base, timeout=60) as client:
        began = time.perf_counter()
        status, _ = await client.call("/api/codes/sks_d_koder", {"q": "astma"}, post=False)
        first = (time.perf_counter() - began) * 1000
        if status != 200:
            raise SystemExit(f"GET /api/codes/sks_d_koder?q=astma: {status}")
        for kind, path, data in scripts.form(999_999)[:20]:
            await client.call(path, data, post=kind == "field_change")
    return {"sks_d_koder_first_search_ms": round(first, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of clinical load (a)")
    parser.add_argument("--pace", type=float, default=1.0, help="mean seconds between a user's actions")
    parser.add_argument(
        "--client", choices=["wrk", *sorted(CLIENTS)], default="wrk", help="the users' HTTP client (a)"
    )
    parser.add_argument("--saturation", type=int, default=30, help="seconds per wrk run (b); 0: skip")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--server", default=SERVER, help=f"the server command (default: {SERVER})")
    args = parser.parse_args()
    port = args.port or _free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.gettempdir()) / f"indberet-web-load-{port}.log"
    result: dict[str, Any] = {
        "command": " ".join(["python -m benchmarks.web_load", *sys.argv[1:]]),
        "server": args.server.format(port=port, data="…"),
        "server_output": str(log),  # uvicorn's log, with the access log
    }
    with server(args.server, port, log) as process:
        result["warm_up"] = asyncio.run(_warm_up(base, Scripts(args.seed + 2)))
        result["server_modules"] = server_modules(process.pid)
        if args.duration > 0:
            wrk = wrk_path() if args.client == "wrk" else None
            client = "raw" if args.client == "wrk" and wrk is None else args.client
            if client != args.client:
                print("web_load: no wrk: the users' client is the raw asyncio one", file=sys.stderr)
            plan = Plan(args.users, args.duration, args.pace, args.seed, client)
            if wrk is not None:
                log_dir = Path(tempfile.mkdtemp(prefix=f"indberet-web-load-{port}-"))
                result["load"] = clinical_load_wrk(wrk, base, process.pid, plan, log_dir)
            else:
                result["load"] = asyncio.run(clinical_load(base, process.pid, plan))
        if args.saturation > 0:
            setup = {"seconds": args.saturation, "threads": args.threads, "connections": args.connections}
            result["saturation"] = saturation(base, process.pid, setup, args.seed)
    result["machine"] = machine()
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
