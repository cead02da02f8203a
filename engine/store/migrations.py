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
    Migration(
        2,
        "the audit keeps text that is not a CPR number apart from the numbers",
        # SQLite cannot drop NOT NULL or add a CHECK to a table: it is made anew, its rows copied.
        sqlite="""
            CREATE TABLE cpr_access_2 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                cpr TEXT CHECK (cpr GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]'),
                outcome TEXT NOT NULL,
                user_id TEXT,
                client TEXT,
                not_a_number TEXT,
                CHECK ((cpr IS NULL) <> (not_a_number IS NULL))
            );
            INSERT INTO cpr_access_2 (id, at, cpr, outcome, user_id, client, not_a_number)
                SELECT id, at,
                    CASE WHEN cpr GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]'
                        THEN cpr END,
                    outcome, user_id, client,
                    CASE WHEN cpr GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]'
                        THEN NULL ELSE cpr END
                FROM cpr_access;
            DROP TABLE cpr_access;
            ALTER TABLE cpr_access_2 RENAME TO cpr_access;
            CREATE INDEX cpr_access_cpr ON cpr_access (cpr, id);
        """,
        postgresql="""
            ALTER TABLE cpr_access ALTER COLUMN cpr DROP NOT NULL;
            ALTER TABLE cpr_access ADD COLUMN not_a_number TEXT;
            UPDATE cpr_access SET not_a_number = cpr, cpr = NULL WHERE cpr !~ '^[0-9]{6}-[0-9A-Z]{4}$';
            ALTER TABLE cpr_access ADD CONSTRAINT cpr_access_cpr_well_formed
                CHECK (cpr ~ '^[0-9]{6}-[0-9A-Z]{4}$');
            ALTER TABLE cpr_access ADD CONSTRAINT cpr_access_number_or_text
                CHECK ((cpr IS NULL) <> (not_a_number IS NULL));
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
