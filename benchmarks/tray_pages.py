"""Skemaer, CPR søgning and the save round trip over HTTP, at 100,000 stored forms in one group, with
``/api/ping`` measured in the same run as the floor.

    .venv/bin/python -m benchmarks.tray_pages [--backend sqlite|postgresql|both] [--forms 100000]
                                              [--users 50] [--duration 20] [--bursts 30]
                                              [--workers 1]

For each backend: the forms are loaded as ``benchmarks/stored_forms.py`` loads them (its ``fill``: 100,000
cancer forms in the demo group »Onkologisk Afdeling«, ``--others`` in »Kirurgisk Afdeling«), analysed, and
then ONE real server is started in its own process (``indberet serve --demo`` on that database: uvicorn,
one process unless ``--workers`` asks for more, the access log on) and signed in to as the demo user
»sekretaer« (benchmarks/signin.py), whose group is the loaded one. This process is the client: bare
HTTP/1.1 on keep-alive connections (asyncio streams, no httpx, whose own CPU would be most of a round
trip), each time the round trip from the first byte sent to the last byte read.

(1) ``pages``: one connection asks, in turns (every case once per turn, ``--repeat`` turns), ``GET
    /api/ping``, »Skemaer« (``GET /skemaer``) in several orders, a deep page (after a random form of the
    100,000), filtered by tray, the trays page (``/bakker``: the counters and the Kladde tray), and »CPR
    søgning« (``POST /cpr-soegning``) for a number with several forms and for an unknown one.
(2) ``paced``: ``--users`` users, each on its own connection with a Kladde form of its own, save it
    (``POST /api/skemaer/{id}``, a realistic payload with the revision of the last answer) about once
    every ``--pace`` s (a random 0.67–1.33 × pace after the last one began) for ``--duration`` s, beside a
    probe that asks ``/api/ping`` every ~20 ms.
(3) ``burst``: the same users all save in the same instant, ``--bursts`` times with a pause between, beside
    the same probe: the worst case of a busy moment, not a pace anyone keeps up.

Goals (issue 11): p99 ≤ 50 ms for Skemaer and CPR søgning; p99 ≤ 20 ms for a save with 50 users. Prints
one JSON object, with the machine's load average before and after each backend.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import platform
import random
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from benchmarks.signin import SESSION, sign_in_to
from benchmarks.stored_forms import analyze, backend_url, cpr_number, fill
from benchmarks.web_load import _free_port, _wait_until_up
from benchmarks.web_machine import Usage
from engine.form import load_form
from engine.store import open_store
from engine.trays import Actor, Page, Trays
from engine.workflow import CompiledWorkflow, compile_workflow
from tests.cancer_corpus import corpus

ROOT = Path(__file__).resolve().parents[1]
GROUP, OTHER = "onkologisk-afdeling", "kirurgisk-afdeling"  # the demo groups (engine/accounts/demo.yaml)
USER = "sekretaer"  # a member of GROUP only, who may read and save drafts there
GOALS_MS = {"pages": 50.0, "save": 20.0}
# This interpreter and this tree's engine (``python -m engine.cli``, the tree first on the path), not whatever
# ``indberet`` an environment installed: a copy of the tree (the analyst-edit runs) serves its own code.
SERVER = "serve --demo --port {port} --data-dir {data} --database {database}"


# -- the client: HTTP/1.1 on asyncio streams ---------------------------------------------------------------
class Connection:
    """One keep-alive connection, signed in (the session's cookie and CSRF token on every request)."""

    def __init__(self, port: int) -> None:
        self.port = port

    async def __aenter__(self) -> Connection:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.head = "".join(f"{name}: {value}\r\n" for name, value in SESSION.items())
        return self

    async def __aexit__(self, *exc: Any) -> None:
        self.writer.close()
        await self.writer.wait_closed()

    async def send(
        self, method: str, path: str, body: bytes = b"", kind: str = ""
    ) -> tuple[int, bytes, float]:
        """Status, body and the round trip in ms."""
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{self.head}"
        if method == "POST":
            head += f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
        request = (head + "\r\n").encode() + body
        started = time.perf_counter()
        async with asyncio.timeout(30):
            self.writer.write(request)
            lines = (await self.reader.readuntil(b"\r\n\r\n")).lower().split(b"\r\n")
            length = next(int(line[15:]) for line in lines if line.startswith(b"content-length:"))
            answer = await self.reader.readexactly(length)
        return int(lines[0].split()[1]), answer, (time.perf_counter() - started) * 1000


def percentiles(times: list[float]) -> dict[str, float | int]:
    if not times:
        return {"count": 0}
    ordered = sorted(times)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)

    return {"count": len(ordered), "p50_ms": at(0.5), "p99_ms": at(0.99), "max_ms": round(ordered[-1], 2)}


# -- the server -------------------------------------------------------------------------------------------
@contextmanager
def server(url: str, data: Path, log: Path, workers: int = 1) -> Iterator[tuple[int, int]]:
    """``indberet serve --demo [--workers N]`` on the database at ``url`` in its own process, signed in to;
    its port and process id."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "engine.cli",
        *shlex.split(SERVER.format(port=port, data=data, database=url)),
        *(["--workers", str(workers)] if workers > 1 else []),
    ]
    path = os.pathsep.join(part for part in (str(ROOT), os.environ.get("PYTHONPATH")) if part)
    environment = {**os.environ, "PYTHONPATH": path}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=environment)
        try:
            _wait_until_up(port, process)
            sign_in_to(f"http://127.0.0.1:{port}", USER)
            yield port, process.pid
        finally:
            process.terminate()
            process.wait(timeout=10)


# -- (1) the pages ----------------------------------------------------------------------------------------
Request = tuple[str, str, bytes, str]  # method, path, body, content type


def page_cases(numbers: list[str], ids: list[str], rng: random.Random) -> dict[str, Any]:
    """Each case a function making its next request (a random deep page, a random shared number)."""

    def get(path: str, **query: str) -> Any:
        return lambda: ("GET", f"{path}?{urlencode(query)}" if query else path, b"", "")

    def deep(sort: str) -> Any:
        return lambda: ("GET", f"/skemaer?{urlencode({'sorter': sort, 'efter': rng.choice(ids)})}", b"", "")

    def search(number: Any) -> Any:
        def make() -> Request:
            body = urlencode({"cpr": number(), "csrf_token": SESSION["X-CSRF-Token"]}).encode()
            return ("POST", "/cpr-soegning", body, "application/x-www-form-urlencoded")

        return make

    return {
        "ping": get("/api/ping"),
        "skemaer_default_changed_desc": get("/skemaer"),
        "skemaer_cpr_asc": get("/skemaer", sorter="cpr", orden="stigende"),
        "skemaer_state_desc": get("/skemaer", sorter="state", orden="faldende"),
        "skemaer_version_asc": get("/skemaer", sorter="version", orden="stigende"),
        "skemaer_created_desc": get("/skemaer", sorter="created", orden="faldende"),
        "skemaer_changed_asc": get("/skemaer", sorter="changed", orden="stigende"),
        "skemaer_changed_deep_page": deep("changed"),
        "skemaer_cpr_deep_page": deep("cpr"),
        "skemaer_tray_kladde_by_cpr": get("/skemaer", sorter="cpr", bakke="kladde"),
        "skemaer_tray_annulleret_by_created": get("/skemaer", sorter="created", bakke="annulleret"),
        "bakker_kladde": get("/bakker"),
        "cpr_search_shared_number": search(lambda: rng.choice(numbers).replace("-", "")),
        "cpr_search_unknown_number": search(lambda: cpr_number(rng).replace("-", "")),
    }


async def pages(port: int, cases: dict[str, Any], repeat: int) -> dict[str, Any]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    rows: dict[str, int] = {}
    async with Connection(port) as connection:
        for turn in range(repeat + 3):  # three turns to warm up, not counted
            for name, make in cases.items():
                method, path, body, kind = make()
                status, answer, took = await connection.send(method, path, body, kind)
                if status != 200:
                    raise SystemExit(f"{name}: {status} {answer[:300].decode(errors='replace')}")
                if turn >= 3:
                    times[name].append(took)
                rows.setdefault(name, answer.count(b'<td><a href="/skema/'))
    return {name: {**percentiles(found), "rows": rows[name]} for name, found in times.items()}


# -- (2), (3) saving --------------------------------------------------------------------------------------
@dataclass
class Saves:
    times: list[float] = field(default_factory=list)
    pings: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


@dataclass
class Saver:
    """A user at a form of their own: its id, the revision of the last answer, the payloads to save."""

    form_id: str
    revision: int
    payloads: list[bytes]
    rng: random.Random

    async def save(self, connection: Connection, tally: Saves) -> None:
        payload = self.rng.choice(self.payloads)
        body = b'{"payload":' + payload + b',"revision":' + str(self.revision).encode() + b"}"
        try:
            status, answer, took = await connection.send(
                "POST", f"/api/skemaer/{self.form_id}", body, "application/json"
            )
        except (OSError, EOFError, ValueError, StopIteration, TimeoutError) as error:
            tally.error(type(error).__name__)
            return
        if status != 200:
            tally.error(str(status))  # 409: another save came first (none should: every user has a form)
            return
        self.revision = json.loads(answer)["revision"]
        tally.times.append(took)


async def _probe(connection: Connection, until: float, tally: Saves) -> None:
    while time.monotonic() < until:
        status, _, took = await connection.send("GET", "/api/ping")
        if status == 200:
            tally.pings.append(took)
        await asyncio.sleep(0.02)


async def saving(
    port: int, pid: int, savers: list[Saver], duration: float, pace: float, bursts: int
) -> dict[str, Any]:
    async with Connection(port) as probe:
        connections = [await Connection(port).__aenter__() for _ in savers]
        try:
            for saver, connection in zip(savers, connections, strict=True):  # warm: one save each
                await saver.save(connection, Saves())
            paced, burst = Saves(), Saves()
            until = time.monotonic() + duration

            async def user(saver: Saver, connection: Connection) -> None:
                start = time.monotonic() + saver.rng.random() * pace
                while True:
                    await asyncio.sleep(max(0.0, start - time.monotonic()))
                    if time.monotonic() >= until:
                        return
                    await saver.save(connection, paced)
                    start += saver.rng.uniform(2 / 3, 4 / 3) * pace  # whatever the save took

            began, before = time.monotonic(), Usage.now(pid)
            await asyncio.gather(
                _probe(probe, until, paced), *(user(s, c) for s, c in zip(savers, connections, strict=True))
            )
            took, paced_usage = time.monotonic() - began, Usage.now(pid).since(before)
            rounds: list[float] = []

            async def bursting() -> None:
                for _ in range(bursts):
                    started = time.perf_counter()
                    await asyncio.gather(
                        *(s.save(c, burst) for s, c in zip(savers, connections, strict=True))
                    )
                    rounds.append((time.perf_counter() - started) * 1000)
                    await asyncio.sleep(0.3)

            stop, before = time.monotonic() + 3600, Usage.now(pid)
            probing = asyncio.ensure_future(_probe(probe, stop, burst))
            await bursting()
            burst_usage = Usage.now(pid).since(before)
            probing.cancel()
            with suppress(asyncio.CancelledError):
                await probing
        finally:
            for connection in connections:
                await connection.__aexit__(None, None, None)
    return {
        "paced": {
            "users": len(savers),
            "pace_s": pace,
            "duration_s": round(took, 1),
            "saves_per_s": round(len(paced.times) / took, 1),
            "save": percentiles(paced.times),
            "ping": percentiles(paced.pings),
            "errors": paced.errors,
            "cpu": _per_request(paced_usage, len(paced.times) + len(paced.pings)),
        },
        "burst": {
            "users": len(savers),
            "bursts": bursts,
            "save": percentiles(burst.times),
            "whole_burst": percentiles(rounds),
            "ping": percentiles(burst.pings),
            "errors": burst.errors,
            "cpu": _per_request(burst_usage, len(burst.times) + len(burst.pings)),
        },
    }


def _per_request(usage: dict[str, float], requests: int) -> dict[str, float]:
    return {
        **usage,
        "server_cpu_ms_per_request": round(usage["server_cpu_s"] * 1000 / max(requests, 1), 3),
        "client_cpu_ms_per_request": round(usage["client_cpu_s"] * 1000 / max(requests, 1), 3),
    }


# -- a run ------------------------------------------------------------------------------------------------
def own_drafts(url: str, workflow: CompiledWorkflow, users: int) -> list[str]:
    """Ids of ``users`` Kladde forms of the group: a form for each user."""
    store = open_store(url)
    try:
        trays = Trays(store, [workflow])
        page = trays.tray(Actor.of("bench", {GROUP: ["laese", "indtaste"]}), GROUP, "kladde", limit=users)
        assert isinstance(page, Page) and len(page.rows) == users, page
        return [row.id for row in page.rows]
    finally:
        store.close()


def measure(url: str, args: argparse.Namespace, workflow: CompiledWorkflow, folder: Path) -> dict[str, Any]:
    """Load, serve and measure the database at ``url`` (empty); ``folder`` holds the server's log."""
    rng = random.Random(args.seed)
    store = open_store(url)
    try:
        started = time.perf_counter()
        numbers, ids = fill(store, workflow, args.forms, args.others, rng, groups=(GROUP, OTHER))
        loaded = time.perf_counter() - started
    finally:
        store.close()
    analyze(url)
    drafts = own_drafts(url, workflow, args.users)
    payloads = [json.dumps(p, ensure_ascii=False).encode() for p in corpus(50, seed=9)]
    savers = [Saver(form_id, 1, payloads, random.Random(n)) for n, form_id in enumerate(drafts)]
    load_before = os.getloadavg()
    with server(url, folder, folder / "server.log", args.workers) as (port, pid):
        found = asyncio.run(pages(port, page_cases(numbers, ids, rng), args.repeat))
        saves = asyncio.run(saving(port, pid, savers, args.duration, args.pace, args.bursts))
    load_after = os.getloadavg()
    worst = max(
        float(v["p99_ms"]) for k, v in found.items() if k.startswith(("skemaer", "cpr_search", "bakker"))
    )
    return {
        "load_s": round(loaded, 1),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
        "pages": found,
        "pages_worst_p99_ms": worst,
        **saves,
        "goals_p99_ms": GOALS_MS,
        "goals_met": {
            "pages": worst <= GOALS_MS["pages"],
            "save_paced": float(saves["paced"]["save"].get("p99_ms", 1e9)) <= GOALS_MS["save"],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=100_000, help="forms in the group (default: 100000)")
    parser.add_argument("--others", type=int, default=20_000, help="forms in another group (default: 20000)")
    parser.add_argument("--repeat", type=int, default=200, help="turns of the page cases (default: 200)")
    parser.add_argument("--users", type=int, default=50, help="users saving at once (default: 50)")
    parser.add_argument(
        "--pace", type=float, default=0.15, help="seconds between a user's saves (default: 0.15)"
    )
    parser.add_argument("--duration", type=float, default=20, help="seconds of paced saving (default: 20)")
    parser.add_argument("--bursts", type=int, default=30, help="times all users save at once (default: 30)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default: 1)")
    parser.add_argument(
        "--workers", type=int, default=1, help="the server's processes (serve --workers; default: 1)"
    )
    parser.add_argument(
        "--backend",
        choices=("sqlite", "postgresql", "both"),
        default="both",
        help="the store (default: both)",
    )
    args = parser.parse_args()
    workflow = compile_workflow(load_form())
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "forms_in_group": args.forms,
        "forms_elsewhere": args.others,
        "repeat": args.repeat,
        "server_workers": args.workers,
    }
    for name in backends:
        with backend_url(name, "shared") as url, tempfile.TemporaryDirectory() as folder:
            report[name] = measure(url, args, workflow, Path(folder))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
