"""The store's interface and the records it keeps; the SQL lives with each backend."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from engine.form.cpr_number import classify
from engine.store.records import FormStore

if TYPE_CHECKING:
    from engine.store.forms import Db


class StoreError(Exception):
    """The database cannot be used: what is wrong, and how to fix it."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(f"{what} — {fix}")
        self.what = what
        self.fix = fix


@dataclass(frozen=True)
class CprAccess:
    """One request to the CPR look-up (F03), as the audit keeps it: when, which number, what came of it,
    who asked.

    ``cpr`` holds only a well-formed number (``DDMMYY-SSSS``, as ``engine.form.cpr_number`` reads one);
    whatever else was sent in its place — a typo, a number with a right-to-left override in it, a body that
    is not JSON — is kept apart in ``not_a_number``, cut short and escaped (:func:`untrusted_text`), so it
    can never pass for a real entry. Exactly one of the two is set. ``outcome`` is ``found`` or the answer's
    error code (``cpr_unknown``, ``cpr_substitute``, ``cpr_malformed``, ``cpr_request``, ``too_large``,
    ``rate_limited`` …). ``user`` is None until accounts exist.
    """

    at: datetime.datetime  # UTC
    cpr: str | None
    outcome: str
    user: str | None = None
    client: str | None = None
    not_a_number: str | None = None

    def __post_init__(self) -> None:
        if (self.cpr is None) == (self.not_a_number is None):
            raise ValueError("a CPR access holds either a number or the text sent instead, not both")
        if self.cpr is not None and well_formed(self.cpr) != self.cpr:
            raise ValueError("only a well-formed CPR number (DDMMYY-SSSS) is kept as one")

    @classmethod
    def now(cls, sent: str, outcome: str, user: str | None = None, client: str | None = None) -> CprAccess:
        """The access of now: ``sent`` kept as the number it is (``DDMMYY-SSSS``) or, when it is none,
        as text apart."""
        number = well_formed(sent)
        shown = None if client is None else untrusted_text(client)
        at = datetime.datetime.now(datetime.UTC)
        if number is not None:
            return cls(at, number, outcome, user, shown)
        return cls(at, None, outcome, user, shown, untrusted_text(sent))


def well_formed(text: str) -> str | None:
    """``text`` as a CPR number is stored (``DDMMYY-SSSS``, upper case) when it has the shape of one —
    whether or not its date exists or it can be looked up — else None."""
    value, finding = classify(text)
    return None if finding == "cpr_format" else value


UNTRUSTED_MAX = 120  # characters of sent text kept; the rest is counted


def untrusted_text(text: str) -> str:
    """``text`` as the audit keeps text it cannot trust: at most :data:`UNTRUSTED_MAX` characters, and only
    printable ASCII — every other character (control characters, U+202E RIGHT-TO-LEFT OVERRIDE, lone
    surrogates, æ) written as its escape, ``\\`` included, so what is shown is what was sent.

    >>> untrusted_text("120355-1009\\u202e\\x00")
    '120355-1009\\\\u202e\\\\x00'
    """
    kept = "".join(map(_escaped, text[:UNTRUSTED_MAX]))
    return kept if len(text) <= UNTRUSTED_MAX else f"{kept}... (+{len(text) - UNTRUSTED_MAX} characters)"


def _escaped(char: str) -> str:
    code = ord(char)
    if 0x20 <= code < 0x7F:
        return "\\\\" if char == "\\" else char
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


RATE_LIMITED = "rate_limited"  # the outcome of a look-up refused for coming too often: it asked no register


def count_user_accesses(db: Db, user: str, since: datetime.datetime) -> int:
    """The look-ups ``user`` made since ``since``, refused ones left out (both backends' count)."""
    found = db.execute(
        "SELECT count(*) FROM cpr_access WHERE user_id = ? AND at >= ? AND outcome <> ?",
        (user, db.when(since), RATE_LIMITED),
    ).fetchone()
    return int(found[0])


def cpr_access_query(cpr: str | None, limit: int, mark: str) -> tuple[str, tuple[object, ...]]:
    """The SELECT of the latest look-ups (of ``cpr`` if given) and its parameters; ``mark`` is the
    driver's placeholder (``?`` for sqlite3, ``%s`` for psycopg)."""
    where, params = (f" WHERE cpr = {mark}", (cpr,)) if cpr is not None else ("", ())
    query = (
        f"SELECT at, cpr, outcome, user_id, client, not_a_number FROM cpr_access{where} "
        f"ORDER BY id DESC LIMIT {mark}"
    )
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

    def count_cpr_accesses(self, user: str, since: datetime.datetime) -> int:
        """How many look-ups ``user`` made since ``since`` (every app server's; refused ones not counted)."""
        ...

    def cpr_accesses(self, cpr: str | None = None, limit: int = 100) -> list[CprAccess]:
        """The latest look-ups, newest first; of one number when ``cpr`` is given."""
        ...

    def close(self) -> None: ...
