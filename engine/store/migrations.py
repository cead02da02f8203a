"""The database schema, as numbered migrations applied in order; each backend has its own SQL.

A database remembers the migrations applied to it in ``schema_migrations``. Opening a store applies the
missing ones, each in a transaction; a database with a migration this version does not know was made by a
newer version and is refused. Add a migration at the end; never change one that has shipped.
"""

from __future__ import annotations

from dataclasses import dataclass


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


def newer_than_known(version: int) -> tuple[str, str]:
    """The StoreError text for a database at a schema version this code does not know."""
    return (
        f"the database has schema version {version}, made by a newer indberet (this one knows up to "
        f"{SCHEMA_VERSION})",
        "upgrade indberet, or give another database",
    )
