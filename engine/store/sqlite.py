"""The embedded store: one SQLite file (WAL journal), readable by its owner only: it holds CPR numbers.

Durability: every commit is synced to disk before it returns (``synchronous=FULL`` in WAL mode), so a save
that was answered survives the process being killed, and the machine losing power.

Writes take turns on one connection; reads run on connections of their own, each in a read transaction (one
snapshot), so that WAL lets them go on while a write waits for its sync: a page or a session look-up does not
queue behind every save (benchmarks/stored_forms.md, "Over HTTP"). The WAL is copied back into the database
file (a checkpoint: about a thousand pages written and synced) by a thread of its own on a connection of its
own, not by whichever save's commit crosses the threshold; SQLite's own checkpoint at commit stays as a
safety net at ten times the size.
"""

from __future__ import annotations

import datetime
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from engine.store.accounts import AccountTables
from engine.store.base import CprAccess, StoreError, count_user_accesses, cpr_access_query
from engine.store.forms import FormTables
from engine.store.migrations import pending

T = TypeVar("T")


IDLE_READERS = 8  # read connections kept open between reads; more are opened while more threads read
CHECKPOINT_EVERY = 64  # commits between two checkpoints by the checkpoint thread
AUTOCHECKPOINT_PAGES = 10_000  # SQLite's checkpoint at commit, when the thread has not kept up (default 1000)


class SqliteStore(FormTables, AccountTables):
    """A SQLite database file; one connection for writes, used by one thread at a time, and read connections,
    each used by one thread at a time.

    ``close`` lets the connections go; the next use opens them again (an app's lifespan may run more than
    once, as in tests).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._readers_lock = threading.Lock()
        self._readers: list[sqlite3.Connection] = []  # idle read connections
        self._closes = 0  # how often ``close`` ran: a reader opened before it is not kept
        self._commits = 0
        self._checkpointer: _Checkpointer | None = None  # started by the first write, stopped by ``close``
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        except OSError as error:
            raise StoreError(
                f"cannot open the database {path}: {error}",
                "check that the data directory exists and is writable, or give another --data-dir",
            ) from error
        with self._lock:
            db = self._connection()
            try:
                _migrate(db)
            except BaseException as error:
                self._close()
                if not isinstance(error, sqlite3.Error):
                    raise
                raise StoreError(
                    f"cannot use the database {path}: {error}",
                    "check that the file is a SQLite database of indberet, or give another --data-dir",
                ) from error

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def _connection(self) -> sqlite3.Connection:
        """The open connection (call with the lock held); opened on first use after ``close``."""
        if self._db is None:
            db = None
            try:
                db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=FULL")  # WAL's default (NORMAL) may lose the last commits
                db.execute("PRAGMA foreign_keys=ON")
                db.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
            except sqlite3.Error as error:
                if db is not None:
                    db.close()
                raise StoreError(
                    f"cannot open the database {self.path}: {error}",
                    "check that the file is a SQLite database of indberet, or give another --data-dir",
                ) from error
            self._db = db
        return self._db

    def schema_version(self) -> int:
        with self._lock:
            row = self._connection().execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def record_cpr_access(self, access: CprAccess) -> None:
        try:
            with self._lock:
                self._connection().execute(
                    "INSERT INTO cpr_access (at, cpr, outcome, user_id, client, not_a_number) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        _iso(access.at),
                        access.cpr,
                        access.outcome,
                        access.user,
                        access.client,
                        access.not_a_number,
                    ),
                )
        except sqlite3.Error as error:
            raise StoreError(
                f"cannot write to {self.path}: {error}", "check the disk and the file"
            ) from error

    def count_cpr_accesses(self, user: str, since: datetime.datetime) -> int:
        return self._read(lambda db: count_user_accesses(db, user, since))

    def cpr_accesses(self, cpr: str | None = None, limit: int = 100) -> list[CprAccess]:
        query, params = cpr_access_query(cpr, limit, "?")
        with self._lock:
            rows = self._connection().execute(query, params).fetchall()
        return [CprAccess(datetime.datetime.fromisoformat(at), *rest) for at, *rest in rows]

    def close(self) -> None:
        with self._lock:
            self._close()
        with self._readers_lock:
            self._closes += 1
            idle, self._readers = self._readers, []
        for reader in idle:
            reader.close()

    def _read(self, work: Callable[[Any], T]) -> T:
        """``work`` in one read transaction on a read connection: a snapshot of the last commit."""
        try:
            reader, closes = self._reader()
            try:
                reader.execute("BEGIN")
                try:
                    result = work(_Db(reader))
                finally:
                    reader.execute("COMMIT")
            except BaseException:
                reader.close()
                raise
            self._keep(reader, closes)
            return result
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {self.path}: {error}", "check the disk and the file") from error

    def _reader(self) -> tuple[sqlite3.Connection, int]:
        with self._readers_lock:
            if self._readers:
                return self._readers.pop(), self._closes
            closes = self._closes
        reader = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
        try:
            reader.execute("PRAGMA query_only=ON")
        except BaseException:
            reader.close()
            raise
        return reader, closes

    def _keep(self, reader: sqlite3.Connection, closes: int) -> None:
        with self._readers_lock:
            if closes == self._closes and len(self._readers) < IDLE_READERS:
                self._readers.append(reader)
                return
        reader.close()

    def _write(self, work: Callable[[Any], T]) -> T:
        """``work`` in one transaction, begun at once as a writer (another process waits for it)."""
        try:
            with self._lock:
                db = self._connection()
                db.execute("BEGIN IMMEDIATE")
                try:
                    result = work(_Db(db))
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                self._commits += 1
                if self._commits % CHECKPOINT_EVERY == 0:
                    if self._checkpointer is None:
                        self._checkpointer = _Checkpointer(self.path)
                    self._checkpointer.wanted.set()
                return result
        except sqlite3.Error as error:
            what = f"cannot write to {self.path}: {error}"
            raise StoreError(what, "check the disk and the file") from error

    def _close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        if self._db is not None:
            self._db.close()
            self._db = None


class _Checkpointer:
    """A thread that checkpoints the WAL when asked (``wanted``), on a connection of its own: PASSIVE, so it
    waits for no reader or writer, and the saves' commits go on meanwhile. A failure is left to SQLite's own
    checkpoint at commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.wanted = threading.Event()
        self._stopping = False
        self.done: list[tuple[int, int, int]] = []  # the last checkpoint's (busy, WAL frames, frames copied)
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        self.wanted.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        db: sqlite3.Connection | None = None
        try:
            while True:
                self.wanted.wait()
                self.wanted.clear()
                if self._stopping:
                    return
                try:
                    if db is None:
                        db = sqlite3.connect(
                            self.path, check_same_thread=False, isolation_level=None, timeout=10
                        )
                        db.execute("PRAGMA synchronous=FULL")
                    self.done[:] = [tuple(db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())]
                except sqlite3.Error:
                    if db is not None:
                        db.close()
                    db = None
        finally:
            if db is not None:
                db.close()


def _migrate(db: sqlite3.Connection) -> None:
    db.execute("BEGIN IMMEDIATE")  # one process migrates; another starting at once waits for it
    try:
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
        for migration in pending(applied):
            for statement in _statements(migration.sqlite):
                db.execute(statement)
            db.execute(
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.description, _iso(datetime.datetime.now(datetime.UTC))),
            )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


class _Db:
    """The connection as ``engine.store.forms`` uses it: times kept as ISO 8601 text in UTC, which sorts as
    the times do."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, params)

    def when(self, moment: datetime.datetime) -> str:
        return _iso(moment)

    def moment(self, value: Any) -> datetime.datetime:
        return datetime.datetime.fromisoformat(value)

    def serialize_versions(self) -> None:
        """Nothing to do: a transaction that writes is begun IMMEDIATE, so writers take turns."""


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _statements(script: str) -> list[str]:
    """The statements of a migration (they hold no semicolons in strings)."""
    return [statement.strip() for statement in script.split(";") if statement.strip()]
