"""The shared store: PostgreSQL, for several app servers on one database (psycopg 3)."""

from __future__ import annotations

import datetime
import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from engine.store.accounts import AccountTables
from engine.store.base import CprAccess, StoreError, cpr_access_query
from engine.store.forms import FormTables
from engine.store.migrations import pending

T = TypeVar("T")

try:
    import psycopg
except ImportError:  # pragma: no cover - the extra is part of the test set-up
    psycopg = None  # type: ignore[assignment]

MIGRATION_LOCK = 7_432_001  # pg_advisory_xact_lock key: one app server migrates at a time
VERSIONS_LOCK = 7_432_002  # one transaction at a time writes a version the registry receives


class PostgresStore(FormTables, AccountTables):
    """A PostgreSQL database; one connection, used by one thread at a time, opened again if it drops."""

    def __init__(self, url: str) -> None:
        from engine.store import shown_url

        if psycopg is None:
            raise StoreError(
                "PostgreSQL needs the psycopg package",
                "install indberet with the postgres extra: pip install -e '.[postgres]'",
            )
        self._url = url
        self._shown = shown_url(url)
        self._lock = threading.Lock()
        self._db = self._connect()
        try:
            with self._lock:
                self._run(self._migrate)
        except psycopg.Error as error:
            self._db.close()
            raise StoreError(
                f"cannot set up the tables in {self._shown}: {str(error).strip()}",
                "the user needs the right to create tables in the database (or its search_path schema)",
            ) from error
        except BaseException:
            self._db.close()
            raise

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
        """``work(connection, *args)``; once more on a new connection when the old one has dropped."""
        try:
            return work(self._db, *args)
        except psycopg.OperationalError:
            if not self._db.closed:
                raise
            self._db = self._connect()
            return work(self._db, *args)

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
        with self._lock:
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
            with self._lock:
                self._run(insert)
        except psycopg.Error as error:
            raise StoreError(
                f"cannot write to {self._shown}: {str(error).strip()}", "check the database"
            ) from error

    def cpr_accesses(self, cpr: str | None = None, limit: int = 100) -> list[CprAccess]:
        query, params = cpr_access_query(cpr, limit, "%s")
        with self._lock:
            rows = self._run(lambda db: db.execute(query, params).fetchall())
        return [CprAccess(*row) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _read(self, work: Callable[[Any], T]) -> T:
        try:
            with self._lock:
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
            with self._lock:
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
