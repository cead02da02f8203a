"""The store's interface and the records it keeps; the SQL lives with each backend."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from engine.store.records import FormStore


class StoreError(Exception):
    """The database cannot be used: what is wrong, and how to fix it."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(f"{what} — {fix}")
        self.what = what
        self.fix = fix


@dataclass(frozen=True)
class CprAccess:
    """One CPR look-up (F03), as the audit keeps it: when, which number, what came of it, who asked.

    ``outcome`` is ``found`` or the look-up's error code (``cpr_unknown``, ``cpr_substitute``,
    ``cpr_malformed``, ``cpr_unavailable``, ``cpr_not_configured``). ``user`` is None until accounts exist.
    """

    at: datetime.datetime  # UTC
    cpr: str
    outcome: str
    user: str | None = None
    client: str | None = None

    @classmethod
    def now(cls, cpr: str, outcome: str, user: str | None = None, client: str | None = None) -> CprAccess:
        return cls(datetime.datetime.now(datetime.UTC), cpr, outcome, user, client)


def cpr_access_query(cpr: str | None, limit: int, mark: str) -> tuple[str, tuple[object, ...]]:
    """The SELECT of the latest look-ups (of ``cpr`` if given) and its parameters; ``mark`` is the
    driver's placeholder (``?`` for sqlite3, ``%s`` for psycopg)."""
    where, params = (f" WHERE cpr = {mark}", (cpr,)) if cpr is not None else ("", ())
    query = f"SELECT at, cpr, outcome, user_id, client FROM cpr_access{where} ORDER BY id DESC LIMIT {mark}"
    return query, (*params, limit)


class Store(FormStore, Protocol):
    """What the app keeps: the audit of CPR look-ups, and the stored forms (``engine.store.forms``). Methods
    block (the web layer calls them from a worker thread)."""

    @property
    def url(self) -> str:
        """Where the store is, without a password."""
        ...

    def schema_version(self) -> int: ...

    def record_cpr_access(self, access: CprAccess) -> None:
        """Keep ``access``; StoreError when it cannot be kept (the look-up must then not be answered)."""
        ...

    def cpr_accesses(self, cpr: str | None = None, limit: int = 100) -> list[CprAccess]:
        """The latest look-ups, newest first; of one number when ``cpr`` is given."""
        ...

    def close(self) -> None: ...
