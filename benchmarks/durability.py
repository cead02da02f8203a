"""kill -9 under a save load, many times over: does every acknowledged save survive?

    .venv/bin/python -m benchmarks.durability [--rounds 10] [--threads 4] [--skip-server]

Three kinds of crash, each ``--rounds`` times with a random moment (1–4 s of saving), on one database that
grows from round to round (tests/store/kill_under_load.py does the saving and the checking):

- ``sqlite_app``: the app process (the worker) is killed with SIGKILL while it saves to a SQLite file;
- ``postgresql_app``: the same against the machine's PostgreSQL (tests/postgres.py);
- ``postgresql_server``: a PostgreSQL server of our own (initdb in a temporary directory, run as the user
  postgres, fsync on) is killed — postmaster and every backend at once, SIGKILL to its process group — while
  the worker saves to it; the worker is killed after it, the server started again (crash recovery), and then
  every acknowledged save is checked. Needs root and PostgreSQL's initdb; skipped with a note otherwise.

Prints one JSON object: per kind, the saves acknowledged, the forms checked, how many were stored one save
further than acknowledged (committed in the instant before the acknowledgement was printed: allowed), and
every acknowledged save that was lost (must be none).

What this does not show: a kill -9 leaves the operating system's page cache alone, so a commit that was only
written, not synced, would survive it too. That a commit reaches the disk before it is acknowledged is the
databases' settings — SQLite ``synchronous=FULL`` in WAL mode (engine/store/sqlite.py), PostgreSQL
``fsync=on`` and ``synchronous_commit=on`` (its defaults, printed below for the server used) — not
something a process kill can prove; pulling the power would.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import pwd
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.store import open_store
from tests.store.kill_under_load import Round, kill_round


def total(rounds: list[Round]) -> dict[str, Any]:
    return {
        "rounds": len(rounds),
        "acknowledged": sum(r.acknowledged for r in rounds),
        "forms_checked": sum(r.forms for r in rounds),
        "committed_unacknowledged": sum(r.committed_unacknowledged for r in rounds),
        "lost": [lost for r in rounds for lost in r.lost],
        "each": [dataclasses.asdict(r) | {"lost": len(r.lost)} for r in rounds],
    }


def run(url: str, args: argparse.Namespace, rng: random.Random, **hooks: Any) -> dict[str, Any]:
    open_store(url).close()
    rounds = [kill_round(url, args.threads, rng.uniform(1.0, 4.0), **hooks) for _ in range(args.rounds)]
    return total(rounds)


def settings(url: str) -> dict[str, str]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        return {name: db.execute(f"SHOW {name}").fetchone()[0] for name in ("fsync", "synchronous_commit")}


class OwnServer:
    """A PostgreSQL cluster of our own in a temporary directory, run as the user postgres."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def init(self) -> None:
        shutil.chown(self.folder, "postgres")
        command = ["initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres"]
        subprocess.run(command, check=True, capture_output=True, user="postgres", cwd=self.folder)

    def start(self) -> None:
        # The postmaster is our own child (run as postgres, in a session of its own), so that we reap it when
        # it is killed: a zombie would still hold its pid, and the next start would take it to be running.
        command = [
            "postgres", "-D", str(self.data), "-p", str(self.port), "-k", str(self.folder),
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on", "-c", "synchronous_commit=on",
        ]  # fmt: skip
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            command, stdout=log, stderr=log, start_new_session=True, user="postgres", cwd=self.folder
        )
        log.close()
        ready = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        for _ in range(300):
            if subprocess.run(ready).returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError(f"our PostgreSQL did not start; see {self.folder / 'server.log'}")

    def crash(self) -> None:
        """SIGKILL to the server's whole process group: the postmaster and every backend at once."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait()
            self.process = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def own_server() -> Iterator[OwnServer | str]:
    """Our own server, or why there is none."""
    if os.geteuid() != 0 or not shutil.which("initdb") or not shutil.which("postgres"):
        yield "needs root and PostgreSQL's initdb and postgres"
        return
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        yield "needs the user postgres"
        return
    with tempfile.TemporaryDirectory(prefix="indberet-pg-") as folder:
        server = OwnServer(Path(folder))
        server.init()
        server.start()
        try:
            yield server
        finally:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--skip-server", action="store_true", help="do not kill a PostgreSQL server")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    report: dict[str, Any] = {"threads": args.threads}
    with tempfile.TemporaryDirectory() as folder:
        report["sqlite_app"] = run(f"sqlite:///{Path(folder) / 'indberet.sqlite3'}", args, rng)
    from tests.postgres import postgres_schema

    with postgres_schema() as url:
        report["postgresql_app"] = run(url, args, rng) | {"server": settings(url)}
    if not args.skip_server:
        with own_server() as server:
            if isinstance(server, str):
                report["postgresql_server"] = {"skipped": server}
            else:
                found = run(server.url, args, rng, crash=server.crash, recover=server.start)
                report["postgresql_server"] = found | {"server": settings(server.url)}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    lost = [kind for kind, found in report.items() if isinstance(found, dict) and found.get("lost")]
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main()
