"""Stored forms on SQLite and PostgreSQL alike: rows kept as given, changes only on the revision they were
decided on, versions kept in the order written, the audit, and lists paged by keyset in every order."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import replace

import pytest

from engine.store import (
    AuditEntry,
    FormQuery,
    FormRow,
    FormWrite,
    Lookup,
    Store,
    VersionRow,
    open_store,
)

UTC = datetime.UTC
T0 = datetime.datetime(2026, 3, 4, 9, 30, 0, 123456, tzinfo=UTC)


def at(minutes: float) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


def row(form_id: str, **changes: object) -> FormRow:
    base = FormRow(
        id=form_id,
        form_type="sag",
        group="g1",
        state="udkast",
        payload={"titel": "Æblegrød – ø", "liste": [1, {"x": None}]},
        version=0,
        revision=1,
        created_at=T0,
        created_by="u1",
        changed_at=T0,
        changed_by="u1",
        spec_version="7",
        errors=1,
        warnings=0,
        cpr="",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def test_a_form_is_kept_as_given(store: Store) -> None:
    lookup = Lookup("120355-1009", "found", at(1), "u2", {"name": "Jens", "address": ["Vej 1"]})
    given = row("a", cpr="120355-1009", locked={"borger": "120355-1009"}, lookup=lookup)
    assert store.write_form(FormWrite(None, given))
    assert store.get_form("a") == given
    assert store.get_form("b") is None


def test_a_change_is_written_only_on_the_revision_it_was_decided_on(store: Store) -> None:
    store.write_form(FormWrite(None, row("a")))
    first = row("a", revision=2, payload={"titel": "første"}, changed_at=at(1), changed_by="u2")
    audit = (AuditEntry(at(1), "u2", "action", "a", "skriv", "10.0.0.1", {"changes": []}),)
    assert store.write_form(FormWrite(row("a"), first, audit=audit))
    stale = row("a", revision=2, payload={"titel": "anden"})
    late = (AuditEntry(at(2), "u3", "action", "a", "skriv"),)
    assert not store.write_form(FormWrite(row("a"), stale, audit=late))
    assert store.get_form("a") == first
    assert [e.user for e in store.form_audit("a")] == ["u2"]  # nothing of the refused change is kept
    assert not store.write_form(FormWrite(row("zz"), row("zz", revision=2)))  # no such form


def test_a_new_form_never_takes_an_id_in_use(store: Store) -> None:
    assert store.write_form(FormWrite(None, row("a")))
    assert not store.write_form(FormWrite(None, row("a", group="g2")))
    form = store.get_form("a")
    assert form is not None and form.group == "g1"


def test_a_form_is_deleted_only_on_its_revision(store: Store) -> None:
    store.write_form(FormWrite(None, row("a")))
    assert not store.write_form(FormWrite(row("a", revision=7), None))
    assert store.write_form(
        FormWrite(row("a"), None, audit=(AuditEntry(at(1), "u1", "action", "a", "kasser"),))
    )
    assert store.get_form("a") is None
    assert [e.action for e in store.form_audit("a")] == ["kasser"]  # the audit outlives the form


def version(form_id: str, number: int, minutes: float, state: str = "godkendt") -> VersionRow:
    return VersionRow(form_id, "sag", "g1", number, state, "godkend", at(minutes), "u1", {"v": number})


def test_versions_are_kept_in_the_order_written_with_times_that_never_go_back(store: Store) -> None:
    store.write_form(FormWrite(None, row("a")))
    store.write_form(FormWrite(None, row("b")))
    store.write_form(FormWrite(row("a"), row("a", revision=2, version=1), version=version("a", 1, 5)))
    # A clock set back: the version is kept with the time of the one before it, never earlier.
    store.write_form(FormWrite(row("b"), row("b", revision=2, version=1), version=version("b", 1, 3)))
    store.write_form(
        FormWrite(row("a", revision=2), row("a", revision=3, version=2), version=version("a", 2, 9))
    )
    every = list(store.versions_since())
    assert [(v.form_id, v.version, v.at) for v in every] == [
        ("a", 1, at(5)),
        ("b", 1, at(5)),
        ("a", 2, at(9)),
    ]
    assert [v.seq for v in every] == sorted(v.seq for v in every)
    assert [v.payload for v in store.form_versions("a")] == [{"v": 1}, {"v": 2}]
    assert [(v.form_id, v.version) for v in store.versions_since(at(6))] == [("a", 2)]
    assert list(store.versions_since(at(10))) == []
    # A refused change writes no version.
    assert not store.write_form(FormWrite(row("a"), row("a", revision=9), version=version("a", 3, 11)))
    assert len(list(store.versions_since())) == 3


def test_versions_are_read_a_batch_at_a_time(store: Store) -> None:
    from engine.store import forms

    store.insert_forms([row(f"f{n}") for n in range(3)])
    for n in range(3):
        store.write_form(FormWrite(row(f"f{n}"), row(f"f{n}", revision=2), version=version(f"f{n}", 1, n)))
    old = forms._BATCH
    forms._BATCH = 2
    try:
        assert [v.form_id for v in store.versions_since()] == ["f0", "f1", "f2"]
    finally:
        forms._BATCH = old


def test_the_audit_of_reading(store: Store) -> None:
    store.record_audit(
        [AuditEntry(at(1), "u1", "open", "a", client="::1"), AuditEntry(at(2), "u1", "search")]
    )
    assert store.form_audit("a") == [AuditEntry(at(1), "u1", "open", "a", client="::1")]
    assert [e.event for e in store.audit_since(at(0))] == ["open", "search"]
    assert [e.event for e in store.audit_since(at(1.5))] == ["search"]


# -- lists ---------------------------------------------------------------------------------------------------
CPRS = ["010203-1234", "010203-1235", "120355-1009", "120355-1009", "", "311299-9999"]


def many(store: Store) -> list[FormRow]:
    rng = random.Random(7)
    rows = [
        row(
            f"id{n:03d}",
            cpr=CPRS[n % len(CPRS)],
            state=rng.choice(["udkast", "godkendt", "til_godkendelse"]),
            version=rng.randint(0, 3),
            created_at=at(rng.randint(0, 5)),
            changed_at=at(rng.randint(0, 5)),
            group="g1" if n % 5 else "g2",
            form_type="sag" if n % 7 else "andet",
        )
        for n in range(60)
    ]
    assert store.insert_forms(rows) == 60
    return rows


def walk(store: Store, query: FormQuery) -> list[str]:
    """Every id of the list, page by page forward."""
    seen: list[str] = []
    page = store.list_forms(query)
    while page is not None:
        seen += [r.id for r in page.rows]
        if page.after is None:
            break
        page = store.list_forms(replace(query, after=page.after))
    return seen


KEYS = {
    "cpr": lambda r: r.cpr,
    "state": lambda r: r.state,
    "version": lambda r: r.version,
    "created": lambda r: r.created_at,
    "changed": lambda r: r.changed_at,
}


@pytest.mark.parametrize("sort", list(KEYS))
@pytest.mark.parametrize("descending", [False, True])
def test_a_list_is_walked_page_by_page_in_its_order(store: Store, sort: str, descending: bool) -> None:
    rows = [r for r in many(store) if r.group == "g1" and r.form_type == "sag"]
    expected = sorted(rows, key=lambda r: (KEYS[sort](r), r.id), reverse=descending)
    query = FormQuery(("g1",), "sag", sort=sort, descending=descending, limit=7)
    assert walk(store, query) == [r.id for r in expected]


def test_a_list_walked_backwards_gives_the_pages_before(store: Store) -> None:
    many(store)
    query = FormQuery(("g1",), "sag", sort="cpr", limit=5)
    first = store.list_forms(query)
    assert first is not None and first.before is None and first.after is not None
    second = store.list_forms(replace(query, after=first.after))
    assert second is not None and second.before == second.rows[0].id
    back = store.list_forms(replace(query, before=second.before))
    assert back is not None
    assert [r.id for r in back.rows] == [r.id for r in first.rows]
    assert back.before is None and back.after == first.rows[-1].id


def test_filters(store: Store) -> None:
    rows = many(store)

    def ids(**filters: object) -> list[str]:
        return sorted(walk(store, FormQuery(("g1",), "sag", sort="created", limit=9, **filters)))  # type: ignore[arg-type]

    g1 = [r for r in rows if r.group == "g1" and r.form_type == "sag"]
    assert ids(states=("godkendt",)) == sorted(r.id for r in g1 if r.state == "godkendt")
    assert ids(cpr="120355-1009") == sorted(r.id for r in g1 if r.cpr == "120355-1009")
    assert ids(cpr_prefix="010203") == sorted(r.id for r in g1 if r.cpr.startswith("010203"))
    assert ids(cpr_prefix="010203-1235") == sorted(r.id for r in g1 if r.cpr == "010203-1235")
    assert ids(version=2) == sorted(r.id for r in g1 if r.version == 2)
    assert ids(created_from=at(2), created_to=at(4)) == sorted(
        r.id for r in g1 if at(2) <= r.created_at < at(4)
    )
    assert ids(changed_from=at(3)) == sorted(r.id for r in g1 if r.changed_at >= at(3))
    both = walk(store, FormQuery(("g1", "g2"), cpr="120355-1009", sort="cpr"))
    assert sorted(both) == sorted(r.id for r in rows if r.cpr == "120355-1009")


def test_a_page_after_a_form_of_another_group_or_gone_is_none(store: Store) -> None:
    rows = many(store)
    other = next(r for r in rows if r.group == "g2")
    assert store.list_forms(FormQuery(("g1",), after=other.id)) is None
    assert store.list_forms(FormQuery(("g1",), before="nothing")) is None


def test_trays_are_counted(store: Store) -> None:
    rows = many(store)
    expected: dict[str, int] = {}
    for r in rows:
        if r.group == "g1":
            expected[r.state] = expected.get(r.state, 0) + 1
    assert store.count_forms("g1") == expected
    assert sum(store.count_forms("g1", "andet").values()) == sum(
        1 for r in rows if r.group == "g1" and r.form_type == "andet"
    )
    assert store.count_forms("g9") == {}


def test_a_database_of_the_first_schema_gets_the_forms_and_keeps_its_audit(store_url: str) -> None:
    """Upgrading: a database made before stored forms existed (migration 1 only) is migrated on opening."""
    from engine.store.migrations import MIGRATIONS

    first = MIGRATIONS[0]
    if store_url.startswith("sqlite"):
        import sqlite3
        from pathlib import Path

        path = Path(store_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(path) as db:
            db.executescript(first.sqlite)
            db.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT)"
            )
            db.execute("INSERT INTO schema_migrations VALUES (1, 'x', '2026-01-01')")
            db.execute(
                "INSERT INTO cpr_access (at, cpr, outcome) VALUES ('2026-01-01T00:00:00+00:00', '120355-1009', 'found')"
            )
    else:
        import psycopg

        with psycopg.connect(store_url, autocommit=True) as db:
            db.execute(first.postgresql)
            db.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TIMESTAMPTZ)"
            )
            db.execute("INSERT INTO schema_migrations VALUES (1, 'x', now())")
            db.execute("INSERT INTO cpr_access (at, cpr, outcome) VALUES (now(), '120355-1009', 'found')")
    store = open_store(store_url)
    assert [a.cpr for a in store.cpr_accesses()] == ["120355-1009"]
    assert store.write_form(FormWrite(None, row("a")))
    assert store.get_form("a") == row("a")
    store.close()


def test_the_counts_follow_every_kind_of_write(store: Store) -> None:
    """tray_counts is kept in step: new forms, a changed tray, a moved form, a deleted form, refused writes."""
    rows = many(store)
    rng = random.Random(3)
    current = {r.id: r for r in rows}
    for step in range(60):
        before = current[rng.choice(sorted(current))]
        kind = step % 4
        if kind == 0:
            after: FormRow | None = replace(
                before, revision=before.revision + 1, state=rng.choice(["a", "udkast"])
            )
        elif kind == 1:
            after = replace(before, revision=before.revision + 1, group=rng.choice(["g1", "g2", "g3"]))
        elif kind == 2:
            after = None
        else:
            stale = replace(before, revision=before.revision + 5)
            assert not store.write_form(FormWrite(stale, replace(before, state="never")))
            continue
        assert store.write_form(FormWrite(before, after))
        if after is None:
            del current[before.id]
        else:
            current[before.id] = after
    for group in ("g1", "g2", "g3"):
        expected: dict[str, int] = {}
        for r in current.values():
            if r.group == group:
                expected[r.state] = expected.get(r.state, 0) + 1
        assert store.count_forms(group) == expected
