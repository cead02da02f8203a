"""Where the server keeps what must last: SQLite in the data directory by default, PostgreSQL when several
app servers share one database.

    store = open_store(database_url(settings))   # "sqlite:///data/indberet.sqlite3" or "postgresql://…"
    store.record_cpr_access(CprAccess.now("120355-1009", "found", user=None, client="127.0.0.1"))

It keeps the audit of CPR look-ups, and the stored forms with the versions the registry received and the
audit of forms (``engine.store.records``; ``engine.store.forms``: their SQL, written once for both
backends). Accounts come next, as new
migrations (``engine.store.migrations``) behind the same :class:`Store` interface.
"""

from __future__ import annotations

from pathlib import Path

from engine.store.base import CprAccess, Store, StoreError, untrusted_text, well_formed
from engine.store.migrations import MIGRATIONS, SCHEMA_VERSION
from engine.store.records import (
    SORTS,
    AuditEntry,
    FormPage,
    FormQuery,
    FormRow,
    FormStore,
    FormWrite,
    Lookup,
    VersionRow,
)

SQLITE_FILE = "indberet.sqlite3"


def default_url(data_dir: Path) -> str:
    """The embedded default: a SQLite file in the data directory."""
    return f"sqlite:///{(data_dir / SQLITE_FILE).resolve()}"


def open_store(url: str) -> Store:
    """The store at ``url`` (``sqlite:///PATH`` or ``postgresql://…``), migrated to this version's schema.

    StoreError, with what to do, when the database cannot be opened or was made by a newer version.
    """
    if url.startswith("sqlite:///"):
        from engine.store.sqlite import SqliteStore

        return SqliteStore(Path(url.removeprefix("sqlite:///")))
    if url.startswith(("postgresql://", "postgres://")):
        from engine.store.postgres import PostgresStore

        return PostgresStore(url)
    raise StoreError(
        f"unknown database address {shown_url(url)!r}",
        "give sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE",
    )


def shown_url(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest.split("/", 1)[0]:
        return url
    credentials, _, host = rest.partition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}{':…' if ':' in credentials else ''}@{host}"


__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SORTS",
    "SQLITE_FILE",
    "AuditEntry",
    "CprAccess",
    "FormPage",
    "FormQuery",
    "FormRow",
    "FormStore",
    "FormWrite",
    "Lookup",
    "Store",
    "StoreError",
    "VersionRow",
    "default_url",
    "open_store",
    "shown_url",
    "untrusted_text",
    "well_formed",
]
