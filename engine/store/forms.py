"""Stored forms in SQL, written once for both backends: the methods of :class:`FormStore` on a connection.

A change is written with the revision it was decided on (optimistic concurrency): when another change came
first, nothing is written and the caller is told (``write_form`` gives False), so no update is ever lost.
The records are in ``engine.store.records``.

The SQL uses ``?`` for parameters; the PostgreSQL backend turns them into ``%s``. Each backend gives
:class:`FormTables` a connection (:class:`Db`) inside its own locking and transactions.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from engine.store.records import (
    MAX_PAGE,
    SORTS,
    AuditEntry,
    FormPage,
    FormQuery,
    FormRow,
    FormWrite,
    Lookup,
    VersionRow,
)

T = TypeVar("T")

_BATCH = 1_000  # versions read per query when they are exported


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Db(Protocol):
    """A backend's connection as the form tables use it."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None: ...

    def when(self, moment: datetime.datetime) -> Any:
        """A time as the database keeps it."""
        ...

    def moment(self, value: Any) -> datetime.datetime:
        """A time the database gave back, in UTC."""
        ...

    def serialize_versions(self) -> None:
        """Within a transaction: wait until no other transaction writes a version (their order is the
        order of their times and sequence numbers, so an export never misses one committed late)."""
        ...


_FORM_COLUMNS = (
    "id, form_type, group_id, state, payload, version, revision, created_at, created_by, changed_at, "
    "changed_by, spec_version, errors, warnings, cpr, locked, lookup_cpr, lookup_outcome, lookup_at, "
    "lookup_by, lookup_person"
)
_INSERT_FORM = f"INSERT INTO forms ({_FORM_COLUMNS}) VALUES ({', '.join('?' * 21)})"
_VERSION_COLUMNS = "form_id, form_type, group_id, version, state, action, at, user_id, payload"
_AUDIT_COLUMNS = "at, form_id, user_id, client, event, action, details"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _form_params(db: Db, row: FormRow) -> tuple[Any, ...]:
    lookup = row.lookup
    return (
        row.id,
        row.form_type,
        row.group,
        row.state,
        _json(row.payload),
        row.version,
        row.revision,
        db.when(row.created_at),
        row.created_by,
        db.when(row.changed_at),
        row.changed_by,
        row.spec_version,
        row.errors,
        row.warnings,
        row.cpr,
        _json(row.locked),
        lookup.cpr if lookup else None,
        lookup.outcome if lookup else None,
        db.when(lookup.at) if lookup else None,
        lookup.by if lookup else None,
        _json(lookup.person) if lookup and lookup.person is not None else None,
    )


def _form(db: Db, r: Sequence[Any]) -> FormRow:
    lookup = None
    if r[17] is not None:
        person = json.loads(r[20]) if r[20] is not None else None
        lookup = Lookup(r[16], r[17], db.moment(r[18]), r[19], person)
    return FormRow(
        id=r[0],
        form_type=r[1],
        group=r[2],
        state=r[3],
        payload=json.loads(r[4]),
        version=r[5],
        revision=r[6],
        created_at=db.moment(r[7]),
        created_by=r[8],
        changed_at=db.moment(r[9]),
        changed_by=r[10],
        spec_version=r[11],
        errors=r[12],
        warnings=r[13],
        cpr=r[14],
        locked=json.loads(r[15]),
        lookup=lookup,
    )


def _version(db: Db, r: Sequence[Any]) -> VersionRow:
    return VersionRow(r[1], r[2], r[3], r[4], r[5], r[6], db.moment(r[7]), r[8], json.loads(r[9]), r[0])


def _in(values: Sequence[Any]) -> str:
    return "(" + ", ".join("?" * len(values)) + ")"


class FormTables:
    """The form methods of a store, on the backend's ``_read`` and ``_write`` (each runs ``work(db)`` with
    the connection held; ``_write`` inside one transaction)."""

    def _read(self, work: Callable[[Db], T]) -> T:
        raise NotImplementedError

    def _write(self, work: Callable[[Db], T]) -> T:
        raise NotImplementedError

    # -- writing ----------------------------------------------------------------------------------------
    def write_form(self, change: FormWrite) -> bool:
        """Write ``change`` whole; False, writing nothing, when the form is gone or changed since
        ``change.revision`` (or, for a new form, its id is taken)."""
        return self._write(lambda db: _write(db, change))

    def insert_forms(self, rows: Iterable[FormRow]) -> int:
        """Store many new forms in one transaction (demo data, benchmarks); how many."""

        def insert(db: Db) -> int:
            batch = list(rows)
            db.executemany(_INSERT_FORM, [_form_params(db, row) for row in batch])
            _count(db, ((_tray(row), 1) for row in batch))
            return len(batch)

        return self._write(insert)

    def record_audit(self, entries: Sequence[AuditEntry]) -> None:
        """Keep ``entries`` (of reading: opening a form, a search); StoreError when they cannot be kept."""
        self._write(lambda db: _audit(db, entries))

    # -- reading ----------------------------------------------------------------------------------------
    def get_form(self, form_id: str) -> FormRow | None:
        def get(db: Db) -> FormRow | None:
            found = db.execute(f"SELECT {_FORM_COLUMNS} FROM forms WHERE id = ?", (form_id,)).fetchone()
            return _form(db, found) if found else None

        return self._read(get)

    def list_forms(self, query: FormQuery) -> FormPage | None:
        """A page of the forms ``query`` asks for; None when its ``after``/``before`` form is not among
        them (deleted since, or of another group)."""
        return self._read(lambda db: _page(db, query))

    def count_forms(self, group: str, form_type: str | None = None) -> dict[str, int]:
        """How many forms of ``group`` (of ``form_type``, if given) each state holds (T06)."""
        where, params = "group_id = ?", [group]
        if form_type is not None:
            where, params = where + " AND form_type = ?", [*params, form_type]
        sql = f"SELECT state, sum(forms) FROM tray_counts WHERE {where} GROUP BY state"
        found = self._read(lambda db: db.execute(sql, params).fetchall())
        return {state: int(n) for state, n in found if n}

    def form_versions(self, form_id: str) -> list[VersionRow]:
        """Every version of one form the registry received, oldest first."""
        sql = f"SELECT seq, {_VERSION_COLUMNS} FROM form_versions WHERE form_id = ? ORDER BY seq"
        return self._read(lambda db: [_version(db, r) for r in db.execute(sql, (form_id,)).fetchall()])

    def versions_since(self, since: datetime.datetime | None = None) -> Iterator[VersionRow]:
        """Every version received at or after ``since`` (all without), in the order they were written;
        read a batch at a time."""
        last = 0
        while True:
            batch = self._read(functools.partial(_versions_after, seq=last, since=since))
            yield from batch
            if len(batch) < _BATCH:
                return
            last = batch[-1].seq

    def form_audit(self, form_id: str) -> list[AuditEntry]:
        """What the audit holds of one form, oldest first."""
        sql = f"SELECT {_AUDIT_COLUMNS} FROM form_audit WHERE form_id = ? ORDER BY id"
        return self._read(lambda db: [_audit_entry(db, r) for r in db.execute(sql, (form_id,)).fetchall()])

    def audit_since(self, since: datetime.datetime, limit: int = 1000) -> list[AuditEntry]:
        """The audit's entries at or after ``since`` (also those of no form: searches), oldest first."""
        sql = f"SELECT {_AUDIT_COLUMNS} FROM form_audit WHERE at >= ? ORDER BY id LIMIT ?"
        return self._read(
            lambda db: [_audit_entry(db, r) for r in db.execute(sql, (db.when(since), limit)).fetchall()]
        )


def _write(db: Db, change: FormWrite) -> bool:
    before, row = change.previous, change.row
    if before is None:
        if row is None or db.execute("SELECT 1 FROM forms WHERE id = ?", (row.id,)).fetchone():
            return False
        db.execute(_INSERT_FORM, _form_params(db, row))
    elif row is None:
        sql = "DELETE FROM forms WHERE id = ? AND revision = ?"
        if db.execute(sql, (before.id, before.revision)).rowcount != 1:
            return False
    else:
        assignments = ", ".join(f"{name} = ?" for name in _FORM_COLUMNS.split(", ")[1:])
        done = db.execute(
            f"UPDATE forms SET {assignments} WHERE id = ? AND revision = ?",
            (*_form_params(db, row)[1:], before.id, before.revision),
        )
        if done.rowcount != 1:
            return False
    _count(db, [(_tray(before), -1), (_tray(row), 1)])
    if change.version is not None:
        _insert_version(db, change.version)
    _audit(db, change.audit)
    return True


Tray = tuple[str, str, str]  # group, form type, state: what tray_counts counts


def _tray(row: FormRow | None) -> Tray | None:
    return (row.group, row.form_type, row.state) if row is not None else None


def _count(db: Db, changes: Iterable[tuple[Tray | None, int]]) -> None:
    """Keep ``tray_counts`` (how many forms each tray of each group holds) in step with the forms, in the
    same transaction: the counters are read at once, however many forms a group has (T06)."""
    by_tray: dict[Tray, int] = {}
    for tray, step in changes:
        if tray is not None:
            by_tray[tray] = by_tray.get(tray, 0) + step
    # In one order, so that two transactions moving forms between the same trays cannot deadlock.
    for (group, form_type, state), step in sorted(by_tray.items()):
        if step:
            db.execute(
                "INSERT INTO tray_counts (group_id, form_type, state, forms) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (group_id, form_type, state) DO UPDATE SET forms = tray_counts.forms + ?",
                (group, form_type, state, step, step),
            )


def _insert_version(db: Db, version: VersionRow) -> None:
    db.serialize_versions()
    # Times never go backwards in the order versions are written (a clock set back, another server's
    # clock): an export from a time then never skips a version written after it.
    last = db.execute("SELECT max(at) FROM form_versions").fetchone()[0]
    at = max(version.at, db.moment(last)) if last is not None else version.at
    db.execute(
        f"INSERT INTO form_versions ({_VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            version.form_id,
            version.form_type,
            version.group,
            version.version,
            version.state,
            version.action,
            db.when(at),
            version.user,
            _json(version.payload),
        ),
    )


def _audit(db: Db, entries: Iterable[AuditEntry]) -> None:
    for entry in entries:
        db.execute(
            f"INSERT INTO form_audit ({_AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                db.when(entry.at),
                entry.form_id,
                entry.user,
                entry.client,
                entry.event,
                entry.action,
                _json(entry.details),
            ),
        )


def _audit_entry(db: Db, r: Sequence[Any]) -> AuditEntry:
    return AuditEntry(
        at=db.moment(r[0]),
        form_id=r[1],
        user=r[2],
        client=r[3],
        event=r[4],
        action=r[5],
        details=json.loads(r[6]),
    )


def _versions_after(db: Db, seq: int, since: datetime.datetime | None) -> list[VersionRow]:
    where, params = "seq > ?", [seq]
    if since is not None:
        where, params = where + " AND at >= ?", [*params, db.when(since)]
    sql = f"SELECT seq, {_VERSION_COLUMNS} FROM form_versions WHERE {where} ORDER BY seq LIMIT ?"
    return [_version(db, r) for r in db.execute(sql, (*params, _BATCH)).fetchall()]


def _filters(db: Db, query: FormQuery) -> tuple[list[str], list[Any]]:
    """The WHERE conditions of ``query`` (without the page's position) and their parameters."""
    where = [f"group_id IN {_in(query.groups)}"]
    params: list[Any] = list(query.groups)
    if query.form_type is not None:
        where.append("form_type = ?")
        params.append(query.form_type)
    if query.states:
        where.append(f"state IN {_in(query.states)}")
        params += query.states
    if query.cpr is not None:
        where.append("cpr = ?")
        params.append(query.cpr)
    if query.cpr_prefix:
        # A range, not LIKE, so that the index on cpr serves it in both databases ("~" sorts after every
        # character a stored CPR number can hold: digits, "-" and capital letters).
        where.append("cpr >= ? AND cpr < ?")
        params += [query.cpr_prefix, query.cpr_prefix + "~"]
    if query.version is not None:
        where.append("version = ?")
        params.append(query.version)
    for column, start, end in (
        ("created_at", query.created_from, query.created_to),
        ("changed_at", query.changed_from, query.changed_to),
    ):
        if start is not None:
            where.append(f"{column} >= ?")
            params.append(db.when(start))
        if end is not None:
            where.append(f"{column} < ?")
            params.append(db.when(end))
    return where, params


def _page(db: Db, query: FormQuery) -> FormPage | None:
    column = SORTS[query.sort]
    limit = max(1, min(query.limit, MAX_PAGE))
    where, params = _filters(db, query)
    anchor_id = query.after or query.before
    backwards = query.before is not None and query.after is None
    if anchor_id is not None:
        anchor = db.execute(
            f"SELECT {column}, id FROM forms WHERE id = ? AND group_id IN {_in(query.groups)}",
            (anchor_id, *query.groups),
        ).fetchone()
        if anchor is None:
            return None
        # Rows beyond the anchor in the direction read: the list's order, or its reverse for "before".
        beyond = "<" if query.descending != backwards else ">"
        where.append(f"({column}, id) {beyond} (?, ?)")
        params += [anchor[0], anchor[1]]
    direction = "DESC" if query.descending != backwards else "ASC"
    order = f"ORDER BY {column} {direction}, id {direction}"
    # The page's ids first, from the indexes alone where they can; then only those rows, payload and all:
    # sorting or skipping rows never carries a payload along.
    sql = (
        f"SELECT {_FORM_COLUMNS} FROM forms WHERE id IN "
        f"(SELECT id FROM forms WHERE {' AND '.join(where)} {order} LIMIT ?) {order}"
    )
    found = [_form(db, r) for r in db.execute(sql, (*params, limit + 1)).fetchall()]
    more = len(found) > limit
    rows = found[:limit]
    if backwards:
        rows.reverse()
        return FormPage(tuple(rows), rows[-1].id if rows else None, rows[0].id if more and rows else None)
    first_page = anchor_id is None
    return FormPage(
        tuple(rows),
        rows[-1].id if more and rows else None,
        None if first_page or not rows else rows[0].id,
    )
