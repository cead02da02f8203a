"""Kill a real process with SIGKILL while it saves forms, and check that every save it acknowledged is stored.

The worker (``python -m tests.store.kill_under_load URL THREADS``) saves the cancer form's payloads through
the service layer, each thread on its own connection and its own forms, and prints ``ACK form revision
digest`` the moment a save has returned — what a web page would have been told. The parent kills it at a
random moment, opens the database again, and checks each form: its revision is the last one acknowledged
(or one more: a save committed in the instant before its acknowledgement was printed), and at that
revision its payload is the one acknowledged. Used by tests/store/test_durability.py and, for longer runs
and a killed PostgreSQL server, by benchmarks/durability.py.
"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USER = {"Onkologisk Afdeling": ["laese", "indtaste"]}


def digest(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def worker(url: str, threads: int) -> None:
    """Save forever, on ``threads`` threads; print an acknowledgement after every save that returned."""
    from engine.form import load_form
    from engine.store import open_store
    from engine.trays import Actor, Done, StoredForm, Trays
    from engine.workflow import compile_workflow
    from tests.cancer_corpus import corpus

    workflow = compile_workflow(load_form())
    payloads = list(corpus(50, seed=3))
    actor = Actor.of("last", USER)
    printing = threading.Lock()

    def say(line: str) -> None:
        with printing:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    def run(seed: int) -> None:
        rng = random.Random(seed)
        trays = Trays(open_store(url), [workflow])
        forms: list[StoredForm] = []
        for _ in range(3):
            made = trays.create(actor, "cancer", payload=rng.choice(payloads))
            assert isinstance(made, StoredForm), made
            forms.append(made)
            say(f"ACK {made.id} {made.revision} {digest(made.payload)}")
        for n in range(10**9):
            k = rng.randrange(len(forms))
            payload = {**rng.choice(payloads), "anden_behandling_tekst": f"gemt {seed}.{n}"}
            done = trays.save(actor, forms[k].id, payload, forms[k].revision)
            assert isinstance(done, Done) and done.form is not None, done
            forms[k] = done.form
            say(f"ACK {done.form.id} {done.form.revision} {digest(done.form.payload)}")

    for seed in range(threads):
        threading.Thread(target=run, args=(seed + int(time.time() * 1000) % 100_000,), daemon=True).start()
    threading.Event().wait()


@dataclass
class Round:
    acknowledged: int = 0  # saves acknowledged before the kill
    forms: int = 0
    lost: list[str] = field(default_factory=list)  # what was acknowledged but is not stored
    committed_unacknowledged: int = 0  # stored one revision further than acknowledged (allowed)
    seconds: float = 0.0


def kill_round(
    url: str,
    threads: int,
    seconds: float,
    crash: Callable[[], None] | None = None,
    recover: Callable[[], None] | None = None,
) -> Round:
    """Start a worker, let it save for ``seconds`` after its first save, SIGKILL it, and check every
    acknowledged save.

    ``crash``, when given, is called first (benchmarks/durability.py kills the PostgreSQL server there), and
    ``recover`` after the worker is dead, before the check (it starts the server again)."""
    lines: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-m", "tests.store.kill_under_load", url, str(threads)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
        reader.start()
        started = time.monotonic()  # the worker loads the form first: the load begins with its first save
        while not lines and process.poll() is None and time.monotonic() < started + 120:
            time.sleep(0.01)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
        if crash is not None:
            crash()
            time.sleep(0.2)  # the worker's saves fail now; what it acknowledged before is what counts
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        if recover is not None:
            recover()
        reader.join(timeout=10)
        errors = process.stderr.read()
    if process.returncode != -signal.SIGKILL:
        raise RuntimeError(f"the worker ended by itself ({process.returncode}): {errors[-2000:]}")
    acks: dict[str, tuple[int, str]] = {}
    count = 0
    for line in lines:
        parts = line.split()
        if len(parts) == 4 and parts[0] == "ACK":  # a line cut by the kill is not an acknowledgement
            count += 1
            revision = int(parts[2])
            if parts[1] not in acks or acks[parts[1]][0] < revision:
                acks[parts[1]] = (revision, parts[3])
    return check(url, acks, count, seconds)


def check(url: str, acks: dict[str, tuple[int, str]], count: int, seconds: float) -> Round:
    from engine.store import open_store

    store = open_store(url)
    result = Round(acknowledged=count, forms=len(acks), seconds=round(seconds, 2))
    try:
        for form_id, (revision, expected) in acks.items():
            row = store.get_form(form_id)
            if row is None:
                result.lost.append(f"{form_id}: gone (acknowledged revision {revision})")
            elif row.revision == revision + 1:
                result.committed_unacknowledged += 1
            elif row.revision != revision or digest(row.payload) != expected:
                result.lost.append(f"{form_id}: revision {row.revision}, acknowledged {revision}")
    finally:
        store.close()
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            result.lost.append(f"integrity_check: {integrity}")
    return result


if __name__ == "__main__":
    worker(sys.argv[1], int(sys.argv[2]))
