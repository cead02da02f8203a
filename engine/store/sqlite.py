"""The embedded store: one SQLite file (WAL journal), readable by its owner only: it holds CPR numbers.

Durability: every commit is synced to disk before it returns (``synchronous=FULL`` in WAL mode), so a save
that was answered survives the process being killed, and the machine losing power.
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
from engine.store.base import CprAccess, StoreError, cpr_access_query
from engine.store.forms import FormTables
from engine.store.migrations import pending

T = TypeVar("T")


class SqliteStore(FormTables, AccountTables):
    """A SQLite database file; one connection, used by one thread at a time.

    ``close`` lets the connection go; the next use opens it again (an app's lifespan may run more than
    once, as in tests).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
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

    def cpr_accesses(self, cpr: str | None = None, limit: int = 100) -> list[CprAccess]:
        query, params = cpr_access_query(cpr, limit, "?")
        with self._lock:
            rows = self._connection().execute(query, params).fetchall()
        return [CprAccess(datetime.datetime.fromisoformat(at), *rest) for at, *rest in rows]

    def close(self) -> None:
        with self._lock:
            self._close()

    def _read(self, work: Callable[[Any], T]) -> T:
        try:
            with self._lock:
                return work(_Db(self._connection()))
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {self.path}: {error}", "check the disk and the file") from error

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
                return result
        except sqlite3.Error as error:
            what = f"cannot write to {self.path}: {error}"
            raise StoreError(what, "check the disk and the file") from error

    def _close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


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
