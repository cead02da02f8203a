"""Time the stored forms' pages over HTTP at 100,000 forms in one group, beside ``/api/ping`` in the same
run: »Skemaer« (A06) in several orders, deep in the list and filtered by tray, »CPR søgning« (A05), and the
save round trip of 50 users at once (W02).

    .venv/bin/python -m benchmarks.tray_pages [--forms 100000] [--repeat 300] [--users 50] [--seconds 20]
                                               [--backend sqlite|postgresql|both]

The forms are loaded into the demo group »Onkologisk Afdeling« (benchmarks/stored_forms.py's realistic
payloads, trays, versions and dates; 20 % more in another group), then the real server is started
(``indberet serve --demo``, one process) and the demo user »laege« signs in. Each client is a bare HTTP/1.1
keep-alive connection (httpx's own Python would cost more per request than the server spends: see
benchmarks/web_load.py), and the time is the round trip from the first byte sent to the last byte read.

1. **Lists**: every case ``--repeat`` times on one connection, in turns with ``/api/ping``, so that a busy
   moment of the machine falls on all alike. Goal: p99 ≤ 50 ms for Skemaer and CPR søgning.
2. **Saves**: ``--users`` connections, each saving its own draft (a realistic payload, judged on the server,
   written with its audit line and synced) with the revision the last save answered. *Paced*: each user
   saves about every 2 s (a person keeps typing; leaving a page saves too) — 25 saves a second together;
   *burst*: every user saves again the moment the answer comes, with no pause — as many saves as the server
   can take. Beside them, one more connection pings ``/api/ping`` every 20 ms. Goal: p99 ≤ 20 ms with 50
   users (paced).

Prints one JSON object, per backend.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.signin import SESSION, raw_lines, sign_in_to
from benchmarks.stored_forms import BATCH, analyze, cpr_number, rows
from benchmarks.web_load import _free_port, _wait_until_up
from engine.form import load_form
from engine.store import FormRow, default_url, open_store
from engine.workflow import CompiledWorkflow, compile_workflow
from tests.cancer_corpus import corpus

ROOT = Path(__file__).resolve().parents[1]
GROUP = "onkologisk-afdeling"  # the demo group of »laege« (engine/accounts/demo.yaml)
OTHER = "kirurgisk-afdeling"
SERVER = ".venv/bin/indberet serve --demo --port {port} --data-dir {data}"
PACE_S = 2.0


# -- the data ---------------------------------------------------------------------------------------------
def load(url: str, workflow: CompiledWorkflow, forms: int, users: int, rng: random.Random) -> dict[str, Any]:
    """The forms, and what the measurements need: shared CPR numbers, the group's form ids, and a draft of
    the group per user to save."""
    numbers = [cpr_number(rng) for _ in range(2_000)]
    ids: list[str] = []
    store = open_store(url)
    try:
        for group, count in ((GROUP, forms), (OTHER, forms // 5)):
            made = rows(workflow, count, group, rng, numbers)
            while batch := [row for _, row in zip(range(BATCH), made, strict=False)]:
                store.insert_forms(batch)
                ids += [row.id for row in batch] if group == GROUP else []
        drafts = [_draft(workflow, n) for n in range(users)]
        store.insert_forms(drafts)
    finally:
        store.close()
    analyze(url)
    return {"numbers": numbers, "ids": ids, "drafts": [row.id for row in drafts]}


def _draft(workflow: CompiledWorkflow, n: int) -> FormRow:
    import datetime

    now = datetime.datetime.now(datetime.UTC)
    return FormRow(
        id=f"udkast-{n:04d}",
        form_type=workflow.form_type,
        group=GROUP,
        state=workflow.initial.id,
        payload={},
        version=0,
        revision=1,
        created_at=now,
        created_by="bench",
        changed_at=now,
        changed_by="bench",
        spec_version=workflow.form.spec.info.version,
        errors=0,
        warnings=0,
        cpr="",
    )


# -- a browser's connection -------------------------------------------------------------------------------
class Connection:
    """One keep-alive HTTP/1.1 connection with the signed-in session's cookie and CSRF token."""

    def __init__(self, port: int) -> None:
        self.port = port

    async def __aenter__(self) -> Connection:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        self.writer.close()
        await self.writer.wait_closed()

    async def send(
        self, method: str, path: str, body: bytes = b"", kind: str = ""
    ) -> tuple[int, bytes, float]:
        """Status, body, and the round trip in ms."""
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{raw_lines()}"
        if method == "POST":
            head += f"Content-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
        started = time.perf_counter()
        self.writer.write(head.encode() + b"\r\n" + body)
        lines = (await self.reader.readuntil(b"\r\n\r\n")).lower().split(b"\r\n")
        length = next(int(line[15:]) for line in lines if line.startswith(b"content-length:"))
        answer = await self.reader.readexactly(length)
        return int(lines[0].split()[1]), answer, (time.perf_counter() - started) * 1000

    async def get(self, path: str, query: dict[str, str] | None = None) -> tuple[int, bytes, float]:
        return await self.send("GET", path + (f"?{urlencode(query)}" if query else ""))

    async def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, bytes, float]:
        return await self.send("POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded")

    async def post_json(self, path: str, data: Any) -> tuple[int, bytes, float]:
        body = json.dumps(data, ensure_ascii=False).encode()
        return await self.send("POST", path, body, "application/json")


def _stats(times: list[float]) -> dict[str, float | int]:
    ordered = sorted(times)
    if not ordered:
        return {"count": 0}
    return {
        "count": len(ordered),
        "p50_ms": round(ordered[len(ordered) // 2], 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "max_ms": round(ordered[-1], 2),
    }


# -- 1. the lists -----------------------------------------------------------------------------------------
async def lists(port: int, data: dict[str, Any], repeat: int, rng: random.Random) -> dict[str, Any]:
    ids, numbers = data["ids"], data["numbers"]
    cases: dict[str, Any] = {
        "baseline_ping": lambda c: c.get("/api/ping"),
        "skemaer_changed_desc": lambda c: c.get("/skemaer"),
        "skemaer_cpr_asc": lambda c: c.get("/skemaer", {"sorter": "cpr", "orden": "stigende"}),
        "skemaer_state_desc": lambda c: c.get("/skemaer", {"sorter": "state", "orden": "faldende"}),
        "skemaer_version_desc": lambda c: c.get("/skemaer", {"sorter": "version", "orden": "faldende"}),
        "skemaer_created_asc": lambda c: c.get("/skemaer", {"sorter": "created", "orden": "stigende"}),
        "skemaer_cpr_deep_page": lambda c: c.get("/skemaer", {"sorter": "cpr", "efter": rng.choice(ids)}),
        "skemaer_changed_deep_page": lambda c: c.get("/skemaer", {"efter": rng.choice(ids)}),
        "skemaer_tray_udbakke": lambda c: c.get("/skemaer", {"bakke": "udbakke", "sorter": "cpr"}),
        "tray_kladde": lambda c: c.get("/bakker", {"bakke": "kladde"}),
        "cpr_search_shared_number": lambda c: c.post_form(
            "/cpr-soegning", {"cpr": rng.choice(numbers).replace("-", "")}
        ),
        "cpr_search_unknown_number": lambda c: c.post_form("/cpr-soegning", {"cpr": cpr_number(rng)}),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    async with Connection(port) as connection:
        for name, case in cases.items():  # warm up, and check every case answers as a page
            for _ in range(3):
                status, body, _ms = await case(connection)
                if status != 200:
                    raise SystemExit(f"{name}: {status} {body[:300]!r}")
        for _ in range(repeat):
            for name, case in cases.items():
                times[name].append((await case(connection))[2])
    results = {name: _stats(found) for name, found in times.items()}
    worst = max(v["p99_ms"] for k, v in results.items() if k.startswith(("skemaer", "cpr_search", "tray")))
    return {"worst_p99_ms": worst, "cases": results}


# -- 2. the saves -----------------------------------------------------------------------------------------
async def saves(port: int, revisions: dict[str, int], seconds: float, paced: bool) -> dict[str, Any]:
    """``revisions``: each user's draft and its revision now (kept up to date for the next run)."""
    payloads = list(corpus(50, seed=9))
    saved: list[float] = []
    pings: list[float] = []
    refused: list[int] = []
    until = time.monotonic() + seconds

    async def user(form_id: str, rng: random.Random) -> None:
        async with Connection(port) as connection:
            if paced:
                await asyncio.sleep(rng.uniform(0, PACE_S))  # users do not start in step
            while time.monotonic() < until:
                body = {"payload": rng.choice(payloads), "revision": revisions[form_id]}
                status, answer, ms = await connection.post_json(f"/api/skemaer/{form_id}", body)
                if status != 200:
                    refused.append(status)
                    raise SystemExit(f"a save was refused: {status} {answer[:300]!r}")
                revisions[form_id] = json.loads(answer)["revision"]
                saved.append(ms)
                if paced:
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * PACE_S)

    async def pinger() -> None:
        async with Connection(port) as connection:
            while time.monotonic() < until:
                pings.append((await connection.get("/api/ping"))[2])
                await asyncio.sleep(0.02)

    started = time.monotonic()
    users = (user(form_id, random.Random(n)) for n, form_id in enumerate(revisions))
    await asyncio.gather(pinger(), *users)
    took = time.monotonic() - started
    return {
        "users": len(revisions),
        "saves_per_s": round(len(saved) / took, 1),
        "save": _stats(saved),
        "baseline_ping": _stats(pings),
        "refused": len(refused),
    }


# -- a run ------------------------------------------------------------------------------------------------
@contextmanager
def serving(data_dir: Path, database: str) -> Iterator[int]:
    port = _free_port()
    command = shlex.split(SERVER.format(port=port, data=data_dir))
    if database:
        command += ["--database", database]
    with (data_dir / "server.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(port, process)
            base = f"http://127.0.0.1:{port}"
            sign_in_to(base)
            import httpx

            chosen = httpx.post(f"{base}/gruppe", data={"group": GROUP}, headers=SESSION, timeout=30)
            if chosen.status_code != 303:
                raise SystemExit(f"cannot choose the group {GROUP}: {chosen.status_code}")
            yield port
        finally:
            process.terminate()
            process.wait(timeout=10)


def measure(backend: str, args: argparse.Namespace, workflow: CompiledWorkflow) -> dict[str, Any]:
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder, _database(backend) as database:
        data_dir = Path(folder)
        url = database or default_url(data_dir)
        started = time.perf_counter()
        data = load(url, workflow, args.forms, args.users, rng)
        loaded = time.perf_counter() - started
        with serving(data_dir, database) as port:
            load_before = os.getloadavg()[0]
            listed = asyncio.run(lists(port, data, args.repeat, rng))
            revisions = dict.fromkeys(data["drafts"], 1)
            paced = asyncio.run(saves(port, revisions, args.seconds, paced=True))
            burst = asyncio.run(saves(port, revisions, args.seconds / 2, paced=False))
            load_after = os.getloadavg()[0]
    return {
        "load_s": round(loaded, 1),
        "loadavg_1min": [round(load_before, 2), round(load_after, 2)],
        "lists": listed,
        "saves_paced": paced,
        "saves_burst": burst,
    }


@contextmanager
def _database(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        yield ""
    else:
        from tests.postgres import postgres_schema

        with postgres_schema() as url:
            yield url


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--forms", type=int, default=100_000, help="forms in the group (default: 100000)")
    parser.add_argument("--repeat", type=int, default=300, help="turns of the list cases (default: 300)")
    parser.add_argument("--users", type=int, default=50, help="users saving at once (default: 50)")
    parser.add_argument("--seconds", type=float, default=20, help="seconds of paced saves (default: 20)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default: 1)")
    parser.add_argument(
        "--backend", choices=("sqlite", "postgresql", "both"), default="both", help="(default: both)"
    )
    args = parser.parse_args()
    workflow = compile_workflow(load_form())
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    print(json.dumps({name: measure(name, args, workflow) for name in backends}, indent=1))


if __name__ == "__main__":
    main()
