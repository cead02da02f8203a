"""The records the store keeps of stored forms, and the part of the store's interface that reads and writes
them (:class:`FormStore`; ``engine.store.forms`` implements it for both backends).

A form row holds the form as it is now; ``form_versions`` every version the registry received (each report,
each cancellation), kept as it was and never changed; ``form_audit`` who did what to which form.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

# The columns a list may be sorted by, in the words the service layer uses.
SORTS: Mapping[str, str] = {
    "cpr": "cpr",
    "state": "state",
    "version": "version",
    "created": "created_at",
    "changed": "changed_at",
}
MAX_PAGE = 500  # rows of one page of a list, at most


@dataclass(frozen=True)
class Lookup:
    """The CPR look-up made on the server for a form (F03): which number, what came of it, when, by whom.

    ``outcome`` is ``found`` or the look-up's error code (``cpr_unknown``, ``cpr_substitute`` …), as in the
    audit of look-ups; ``person`` holds what the register gave (name, sex, address) when it found the person.
    """

    cpr: str
    outcome: str
    at: datetime.datetime
    by: str
    person: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class FormRow:
    """A stored form as it is now."""

    id: str  # random and unguessable (engine.trays makes it)
    form_type: str  # the spec's form.id
    group: str
    state: str
    payload: Mapping[str, Any]
    version: int  # times reported
    revision: int  # raised by every change; a change decided on an older one is refused
    created_at: datetime.datetime
    created_by: str
    changed_at: datetime.datetime
    changed_by: str
    spec_version: str  # the spec's form.version the form was last judged with
    errors: int  # found when it was last judged
    warnings: int
    cpr: str  # the form's CPR number as stored (DDMMYY-SSSS), "" when it holds none: for search and sorting
    locked: Mapping[str, Any] = field(default_factory=dict)  # field → its value when it was locked
    lookup: Lookup | None = None


@dataclass(frozen=True)
class VersionRow:
    """A version of a form as the registry received it: after a report, or a cancellation."""

    form_id: str
    form_type: str
    group: str
    version: int
    state: str
    action: str
    at: datetime.datetime
    user: str
    payload: Mapping[str, Any]
    seq: int = 0  # the order versions were written in; given by the store


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit: who did what to which form, when, from where. ``details`` as
    ``engine.trays.audit`` writes them (never a CPR number of a form's field)."""

    at: datetime.datetime
    user: str
    event: str
    form_id: str | None = None
    action: str | None = None
    client: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FormWrite:
    """One change of a form, written in one transaction, or not at all: ``row`` in place of ``previous``.

    ``previous``: the form as the change was decided on (None for a new form); the change is written only
    while the stored form still has its revision. ``row``: the form after the change (None: deleted);
    ``version``: a version the registry receives; ``audit``: what the audit keeps of the change.
    """

    previous: FormRow | None
    row: FormRow | None
    version: VersionRow | None = None
    audit: tuple[AuditEntry, ...] = ()


@dataclass(frozen=True)
class FormQuery:
    """Which forms a list shows, in which order, from where (keyset: ``after``/``before`` a form id)."""

    groups: tuple[str, ...]
    form_type: str | None = None
    states: tuple[str, ...] = ()
    cpr: str | None = None  # exactly this number (stored form)
    cpr_prefix: str | None = None
    version: int | None = None
    created_from: datetime.datetime | None = None
    created_to: datetime.datetime | None = None  # exclusive
    changed_from: datetime.datetime | None = None
    changed_to: datetime.datetime | None = None  # exclusive
    sort: str = "changed"
    descending: bool = True
    after: str | None = None
    before: str | None = None
    limit: int = 50


@dataclass(frozen=True)
class FormPage:
    rows: tuple[FormRow, ...]
    after: str | None  # give as ``after`` for the next page; None on the last
    before: str | None  # give as ``before`` for the page before; None on the first


class FormStore(Protocol):
    """The stored forms' part of the store (:class:`FormTables` implements it for both backends)."""

    def write_form(self, change: FormWrite) -> bool: ...

    def insert_forms(self, rows: Iterable[FormRow]) -> int: ...

    def record_audit(self, entries: Sequence[AuditEntry]) -> None: ...

    def get_form(self, form_id: str) -> FormRow | None: ...

    def list_forms(self, query: FormQuery) -> FormPage | None: ...

    def count_forms(self, group: str, form_type: str | None = None) -> dict[str, int]: ...

    def form_versions(self, form_id: str) -> list[VersionRow]: ...

    def versions_since(self, since: datetime.datetime | None = None) -> Iterator[VersionRow]: ...

    def form_audit(self, form_id: str) -> list[AuditEntry]: ...

    def audit_since(self, since: datetime.datetime, limit: int = 1000) -> list[AuditEntry]: ...
