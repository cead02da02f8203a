"""What the service layer answers: a stored form as a user sees it, rows of a list, a page of rows, what an
action did, and the outcomes that are not answers (not found, not a CPR number).

Every method of :class:`engine.trays.Trays` answers with one of these or with a
:class:`engine.workflow.Refusal` (its Danish message from the form's spec), so the web layer can ``match``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.lookups import CprAnswer
from engine.store import FormRow, Lookup
from engine.workflow import ActionView, Transition


@dataclass(frozen=True)
class NotFound:
    """Nothing the user may see has that id: no such form (or group), or another group's — never
    "forbidden", so that a form's existence does not leak. ``what``: ``form``, ``group``, ``form_type``,
    or ``page`` (the form a page was to start after is gone)."""

    what: str = "form"


@dataclass(frozen=True)
class NotACprNumber:
    """The text given to search for is not a CPR number (nor the start of one); nothing was searched.
    ``text``: what was given, at most :data:`SHOWN` characters of it."""

    text: str

    @classmethod
    def of(cls, text: str) -> NotACprNumber:
        return cls(text[:SHOWN])


SHOWN = 20  # characters of a text that is not a CPR number kept in the answer (a CPR number has 11)


@dataclass(frozen=True)
class StoredForm:
    """A stored form as the acting user sees it now."""

    row: FormRow
    state_label: str
    editable: bool  # the user may change its fields now: the tray is editable and its saving action offered
    actions: tuple[ActionView, ...]  # the buttons offered to the user (W01)
    locked: frozenset[str]  # fields that can no longer change (W06)
    cpr_looked_up: bool  # a look-up found the person whose number the form holds (F03)

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def revision(self) -> int:
        """Send it back with the next change: a change decided on an older revision is refused."""
        return self.row.revision

    @property
    def payload(self) -> Mapping[str, Any]:
        return self.row.payload

    @property
    def lookup(self) -> Lookup | None:
        return self.row.lookup


@dataclass(frozen=True)
class Done:
    """An action done: what it meant (``transition``: tray, version, what it produces, the judgement), and
    the form after it (None when it was deleted)."""

    transition: Transition
    form: StoredForm | None


@dataclass(frozen=True)
class LookedUp:
    """A CPR look-up made for a form: ``outcome`` (``found`` or the error code, as the audit of look-ups
    writes it), the register's answer, and the form after it (with its new revision)."""

    outcome: str
    answer: CprAnswer
    form: StoredForm


@dataclass(frozen=True)
class ListRow:
    """One form in a list (a tray, Skemaer, CPR søgning)."""

    id: str
    form_type: str
    group: str
    state: str
    state_label: str
    version: int
    cpr: str
    name: str | None  # the person's name from the form's CPR look-up, when it found them
    created_at: datetime.datetime
    created_by: str
    changed_at: datetime.datetime
    changed_by: str
    errors: int
    warnings: int
    fields: Mapping[str, Any]  # the values of the spec's workflow.list_fields


@dataclass(frozen=True)
class Page:
    rows: tuple[ListRow, ...]
    after: str | None  # pass as ``after`` for the next page; None on the last
    before: str | None  # pass as ``before`` for the page before; None on the first


@dataclass(frozen=True)
class TrayCount:
    """One tray of »Mine bakker« and how many of the group's forms it holds (T02–T06)."""

    state: str
    label: str
    count: int
