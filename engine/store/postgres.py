"""The shared store: PostgreSQL, for several app servers on one database (psycopg 3)."""

from __future__ import annotations

import datetime
import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from engine.store.accounts import AccountTables
from engine.store.base import CprAccess, StoreError, count_user_accesses, cpr_access_query
from engine.store.forms import FormTables
from engine.store.migrations import pending

T = TypeVar("T")

try:
    import psycopg
except ImportError:  # pragma: no cover - the extra is part of the test set-up
    psycopg = None  # type: ignore[assignment]

MIGRATION_LOCK = 7_432_001  # pg_advisory_xact_lock key: one app server migrates at a time
VERSIONS_LOCK = 7_432_002  # one transaction at a time writes a version the registry receives
POOL_SIZE = 8  # connections an app server opens at most; a thread beyond waits for one to be free


class PostgresStore(FormTables, AccountTables):
    """A PostgreSQL database; a few connections (at most :data:`POOL_SIZE`), each used by one thread at a
    time, opened again if it drops. Several at once, so that a save waiting for its commit to be flushed does
    not hold up every other request of the server (benchmarks/stored_forms.md, "Over HTTP"); the rows are
    kept consistent by the database, as between several app servers."""

    def __init__(self, url: str) -> None:
        from engine.store import shown_url

        if psycopg is None:
            raise StoreError(
                "PostgreSQL needs the psycopg package",
                "install indberet with the postgres extra: pip install -e '.[postgres]'",
            )
        self._url = url
        self._shown = shown_url(url)
        self._pool_lock = threading.Lock()
        self._idle: list[Any] = []  # connections not in use
        self._slots = threading.BoundedSemaphore(POOL_SIZE)
        self._closes = 0  # how often ``close`` ran: a connection taken before it is not kept
        first = self._connect()
        try:
            self._migrate(first)
        except psycopg.Error as error:
            first.close()
            raise StoreError(
                f"cannot set up the tables in {self._shown}: {str(error).strip()}",
                "the user needs the right to create tables in the database (or its search_path schema)",
            ) from error
        except BaseException:
            first.close()
            raise
        self._idle.append(first)

    @property
    def url(self) -> str:
        return self._shown

    def _connect(self) -> Any:
        try:
            return psycopg.connect(self._url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise StoreError(
                f"cannot connect to {self._shown}: {str(error).strip()}",
                "check that PostgreSQL runs there and the address, user and database are right",
            ) from error

    def _run(self, work: Any, *args: Any) -> Any:
        """``work(connection, *args)`` on a connection no other thread uses meanwhile; once more on a new
        connection when the old one has dropped."""
        with self._slots:
            with self._pool_lock:
                db = self._idle.pop() if self._idle else None
                closes = self._closes
            if db is None or db.closed:
                db = self._connect()
            try:
                try:
                    return work(db, *args)
                except psycopg.OperationalError:
                    if not db.closed:
                        raise
                    db = self._connect()
                    return work(db, *args)
            finally:
                self._give_back(db, closes)

    def _give_back(self, db: Any, closes: int) -> None:
        with self._pool_lock:
            idle = db.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
            if closes == self._closes and not db.closed and idle:
                self._idle.append(db)
                return
        db.close()

    @staticmethod
    def _migrate(db: Any) -> None:
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
            )
            applied = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
            for migration in pending(applied):
                db.execute(migration.postgresql)
                db.execute(
                    "INSERT INTO schema_migrations (version, description, applied_at) VALUES (%s, %s, now())",
                    (migration.version, migration.description),
                )

    def schema_version(self) -> int:
        row = self._run(lambda db: db.execute("SELECT max(version) FROM schema_migrations").fetchone())
        return int(row[0] or 0)

    def record_cpr_access(self, access: CprAccess) -> None:
        def insert(db: Any) -> None:
            db.execute(
                "INSERT INTO cpr_access (at, cpr, outcome, user_id, client, not_a_number) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                (access.at, access.cpr, access.outcome, access.user, access.client, access.not_a_number),
            )

        try:
            self._run(insert)
        except psycopg.Error as error:
            raise StoreError(
                f"cannot write to {self._shown}: {str(error).strip()}", "check the database"
            ) from error

    def count_cpr_accesses(self, user: str, since: datetime.datetime) -> int:
        return self._read(lambda db: count_user_accesses(db, user, since))  # StoreError if it fails

    def cpr_accesses(self, cpr: str | None = None, limit: int = 100) -> list[CprAccess]:
        query, params = cpr_access_query(cpr, limit, "%s")
        rows = self._run(lambda db: db.execute(query, params).fetchall())
        return [CprAccess(*row) for row in rows]

    def close(self) -> None:
        with self._pool_lock:
            self._closes += 1
            idle, self._idle = self._idle, []
        for db in idle:
            db.close()

    def _read(self, work: Callable[[Any], T]) -> T:
        try:
            result: T = self._run(lambda db: work(_Db(db)))
            return result
        except psycopg.Error as error:
            what = f"cannot read {self._shown}: {str(error).strip()}"
            raise StoreError(what, "check the database") from error

    def _write(self, work: Callable[[Any], T]) -> T:
        def transaction(db: Any) -> T:
            with db.transaction():
                return work(_Db(db))

        try:
            result: T = self._run(transaction)
            return result
        except psycopg.Error as error:
            raise StoreError(
                f"cannot write to {self._shown}: {str(error).strip()}", "check the database"
            ) from error


class _Db:
    """The connection as ``engine.store.forms`` uses it: its ``?`` parameters as psycopg's ``%s``."""

    def __init__(self, db: Any) -> None:
        self.db = db

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.db.execute(_placeholders(sql), params)

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(_placeholders(sql), params)

    def when(self, moment: datetime.datetime) -> datetime.datetime:
        return moment

    def moment(self, value: Any) -> datetime.datetime:
        moment: datetime.datetime = value.astimezone(datetime.UTC)
        return moment

    def serialize_versions(self) -> None:
        self.db.execute("SELECT pg_advisory_xact_lock(%s)", (VERSIONS_LOCK,))


@functools.lru_cache(maxsize=256)
def _placeholders(sql: str) -> str:
    return sql.replace("?", "%s")
