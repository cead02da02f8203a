"""The database schema, as numbered migrations applied in order; each backend has its own SQL.

A database remembers the migrations applied to it in ``schema_migrations``. Opening a store applies the
missing ones, each in a transaction; a database with a migration this version does not know was made by a
newer version and is refused. Add a migration at the end; never change one that has shipped.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from engine.store.base import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sqlite: str
    postgresql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "audit of CPR look-ups",
        sqlite="""
            CREATE TABLE cpr_access (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,           -- UTC, ISO 8601
                cpr TEXT NOT NULL,
                outcome TEXT NOT NULL,
                user_id TEXT,
                client TEXT
            );
            CREATE INDEX cpr_access_cpr ON cpr_access (cpr, id);
        """,
        postgresql="""
            CREATE TABLE cpr_access (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at TIMESTAMPTZ NOT NULL,
                cpr TEXT NOT NULL,
                outcome TEXT NOT NULL,
                user_id TEXT,
                client TEXT
            );
            CREATE INDEX cpr_access_cpr ON cpr_access (cpr, id);
        """,
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def pending(applied: Collection[int]) -> tuple[Migration, ...]:
    """The migrations a database with ``applied`` still needs, in order; StoreError when it has one this
    version does not know (a newer indberet made it)."""
    if applied and max(applied) > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {max(applied)}, made by a newer indberet (this one knows up "
            f"to {SCHEMA_VERSION})",
            "upgrade indberet, or give another database",
        )
    return tuple(migration for migration in MIGRATIONS if migration.version not in applied)
