"""Reads do not wait for a write in progress (SQLite: WAL, read connections of their own, each read one
snapshot; PostgreSQL: a pool of connections), and SQLite's WAL is checkpointed by a thread of the store's
own, which ``close`` stops."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

from engine.store import FormWrite, open_store
from engine.store.sqlite import CHECKPOINT_EVERY, SqliteStore
from tests.store.test_forms import row


def test_a_read_goes_on_while_a_write_is_in_its_transaction(store_url: str) -> None:
    store = open_store(store_url)
    store.insert_forms([row("a")])
    inside, release = threading.Event(), threading.Event()

    def slow_write(db: object) -> None:
        inside.set()
        release.wait(10)

    writer = threading.Thread(target=lambda: store._write(slow_write))  # type: ignore[attr-defined]
    writer.start()
    try:
        assert inside.wait(10)
        started = time.monotonic()
        found = store.get_form("a")  # before, this waited for the write's lock until it was released
        assert found is not None and found.revision == 1
        assert time.monotonic() - started < 5 and not release.is_set()
    finally:
        release.set()
        writer.join(10)
        store.close()


def test_a_read_sees_every_commit_before_it(store_url: str) -> None:
    store = open_store(store_url)
    old = row("a")
    store.insert_forms([old])
    for revision in range(2, 30):
        new = replace(old, revision=revision, payload={"n": revision})
        assert store.write_form(FormWrite(old, new))
        seen = store.get_form("a")
        assert seen is not None and seen.revision == revision and seen.payload == {"n": revision}
        old = new
    store.close()


def test_the_checkpoint_thread_empties_the_wal_and_stops_with_the_store(tmp_path: Path) -> None:
    path = tmp_path / "indberet.sqlite3"
    store = open_store(f"sqlite:///{path}")
    assert isinstance(store, SqliteStore)
    old = row("a")
    store.insert_forms([old])
    for revision in range(2, 2 * CHECKPOINT_EVERY + 2):
        new = replace(old, revision=revision)
        assert store.write_form(FormWrite(old, new))
        old = new
    running = [t for t in threading.enumerate() if t.name == "sqlite-checkpoint"]
    assert len(running) == 1
    checkpointer = store._checkpointer
    assert checkpointer is not None
    deadline = time.monotonic() + 10
    while not checkpointer.done and time.monotonic() < deadline:
        time.sleep(0.02)
    busy, frames, copied = checkpointer.done[0]
    assert busy == 0 and frames > 0 and copied > 0  # SQLite's own would have waited for 10,000 pages
    store.close()
    running[0].join(10)
    assert not running[0].is_alive()
