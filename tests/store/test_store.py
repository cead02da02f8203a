"""The store keeps what it is given, on SQLite and on PostgreSQL alike: the schema is migrated once, the
audit of CPR look-ups is kept and read back newest first, and a database it cannot use is a clear error."""

from __future__ import annotations

import datetime
import stat
import threading
from pathlib import Path

import pytest

from engine.store import SCHEMA_VERSION, CprAccess, StoreError, open_store, shown_url
from engine.store.migrations import MIGRATIONS

UTC = datetime.UTC


def access(cpr: str, outcome: str = "found", minute: int = 0, **extra: str | None) -> CprAccess:
    return CprAccess(datetime.datetime(2026, 11, 26, 9, minute, 1, 123456, tzinfo=UTC), cpr, outcome, **extra)


def test_a_new_database_gets_the_whole_schema_once(store_url: str) -> None:
    store = open_store(store_url)
    assert store.schema_version() == SCHEMA_VERSION == MIGRATIONS[-1].version
    store.record_cpr_access(access("120355-1009"))
    store.close()
    again = open_store(store_url)  # nothing applied twice, nothing lost
    assert again.schema_version() == SCHEMA_VERSION
    assert [a.cpr for a in again.cpr_accesses()] == ["120355-1009"]
    again.close()


def test_look_ups_are_kept_and_read_back_newest_first(store_url: str) -> None:
    store = open_store(store_url)
    store.record_cpr_access(access("120355-1009", minute=1, user="u1", client="10.0.0.7"))
    store.record_cpr_access(access("010101-1234", "cpr_unknown", minute=2))
    store.record_cpr_access(access("120355-1009", minute=3))
    assert store.cpr_accesses() == [
        access("120355-1009", minute=3),
        access("010101-1234", "cpr_unknown", minute=2),
        access("120355-1009", minute=1, user="u1", client="10.0.0.7"),
    ]
    assert [a.at.minute for a in store.cpr_accesses("120355-1009")] == [3, 1]
    assert [a.at.minute for a in store.cpr_accesses(limit=1)] == [3]
    assert store.cpr_accesses("999999-9999") == []
    assert all(a.at.utcoffset() == datetime.timedelta(0) for a in store.cpr_accesses())
    store.close()


def test_writes_from_many_threads_are_all_kept(store_url: str) -> None:
    store = open_store(store_url)

    def write(thread: int) -> None:
        for n in range(20):
            store.record_cpr_access(access(f"{thread:02d}{n:04d}-0000"))

    threads = [threading.Thread(target=write, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kept = {a.cpr for a in store.cpr_accesses(limit=1000)}
    assert kept == {f"{t:02d}{n:04d}-0000" for t in range(8) for n in range(20)}
    store.close()


def test_a_database_from_a_newer_version_is_refused(store_url: str) -> None:
    store = open_store(store_url)
    store.close()
    if store_url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as db:
            db.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', '2030-01-01')")
    else:
        import psycopg

        with psycopg.connect(store_url, autocommit=True) as db:
            db.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', now())")
    with pytest.raises(StoreError) as raised:
        open_store(store_url)
    assert raised.value.what == (
        f"the database has schema version 999, made by a newer indberet (this one knows up to {SCHEMA_VERSION})"
    )
    assert raised.value.fix == "upgrade indberet, or give another database"


def test_the_sqlite_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "indberet.sqlite3"
    open_store(f"sqlite:///{path}").close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_sqlite_file_that_cannot_be_made_says_where(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    with pytest.raises(StoreError) as raised:
        open_store(f"sqlite:///{tmp_path / 'a-file' / 'indberet.sqlite3'}")
    assert str(tmp_path / "a-file") in raised.value.what
    assert "--data-dir" in raised.value.fix


def test_a_postgresql_server_that_does_not_answer_is_a_clear_error() -> None:
    with pytest.raises(StoreError) as raised:
        open_store("postgresql://someone:secret@127.0.0.1:1/nothing?connect_timeout=2")
    assert raised.value.what.startswith("cannot connect to postgresql://someone:…@127.0.0.1:1/nothing")
    assert "secret" not in str(raised.value)


def test_an_unknown_kind_of_address_is_refused() -> None:
    with pytest.raises(StoreError, match="unknown database address 'mysql://x:…@y/z'"):
        open_store("mysql://x:pw@y/z")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:pw@h:5432/db", "postgresql://u:…@h:5432/db"),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
        ("postgresql://h/db", "postgresql://h/db"),
        ("sqlite:////tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
    ],
)
def test_a_password_is_never_shown(url: str, shown: str) -> None:
    assert shown_url(url) == shown


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "indberet.sqlite3"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError) as raised:
        open_store(f"sqlite:///{path}")
    assert raised.value.what.startswith(f"cannot open the database {path}: file is not a database")
    assert path.read_text().startswith("this is not a database")  # left as it was


def test_a_closed_store_opens_its_connection_again_when_used(store_url: str) -> None:
    """An app's lifespan closes the store when it ends, and may start again (as tests do)."""
    store = open_store(store_url)
    store.close()
    store.record_cpr_access(access("120355-1009"))
    assert [a.cpr for a in store.cpr_accesses()] == ["120355-1009"]
    store.close()
    store.close()  # twice does no harm


# -- what was sent instead of a number (migration 2) ------------------------------------------------------
@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("120355-1009\u202e", "120355-1009\\u202e"),  # a right-to-left override: shown, not obeyed
        ("\u202e9001-553021", "\\u202e9001-553021"),
        ("abc\x00\n\\u0041", "abc\\x00\\x0a\\\\u0041"),  # a backslash sent is not an escape made
        ("120355-1009\udcff", "120355-1009\\udcff"),  # a lone surrogate: no driver can encode it
        (
            "\u0661\u0662\u0660\u0663\u0665\u0665-\u0661\u0660\u0660\u0669",
            "\\u0661\\u0662\\u0660\\u0663\\u0665\\u0665-\\u0661\\u0660\\u0660\\u0669",
        ),
        ("x" * 500, "x" * 120 + "... (+380 characters)"),
    ],
)
def test_text_that_is_not_a_number_is_kept_apart_escaped_and_short(
    store_url: str, sent: str, kept: str
) -> None:
    store = open_store(store_url)
    store.record_cpr_access(CprAccess.now(sent, "cpr_malformed", client="127.0.0.1"))
    (found,) = store.cpr_accesses()
    assert (found.cpr, found.not_a_number, found.outcome) == (None, kept, "cpr_malformed")
    assert found.not_a_number is not None and found.not_a_number.isascii()
    store.close()


@pytest.mark.parametrize(
    ("sent", "number"), [("1203551009", "120355-1009"), (" 020329-1wq3 ", "020329-1WQ3")]
)
def test_a_well_formed_number_is_kept_as_a_number(store_url: str, sent: str, number: str) -> None:
    store = open_store(store_url)
    store.record_cpr_access(CprAccess.now(sent, "found"))
    (found,) = store.cpr_accesses(number)
    assert (found.cpr, found.not_a_number) == (number, None)
    store.close()


def test_the_number_column_takes_nothing_but_a_number(store_url: str) -> None:
    with pytest.raises(ValueError, match="well-formed"):
        access("120355-1009\u202e")
    store = open_store(store_url)
    store.close()
    if store_url.startswith("sqlite"):
        import sqlite3

        with (
            pytest.raises(sqlite3.IntegrityError),
            sqlite3.connect(store_url.removeprefix("sqlite:///")) as db,
        ):
            db.execute("INSERT INTO cpr_access (at, cpr, outcome) VALUES ('2026-01-01', 'abc', 'found')")
    else:
        import psycopg

        with pytest.raises(psycopg.errors.CheckViolation), psycopg.connect(store_url, autocommit=True) as db:
            db.execute("INSERT INTO cpr_access (at, cpr, outcome) VALUES (now(), 'abc', 'found')")


def test_migration_2_moves_the_texts_of_version_1_apart(store_url: str) -> None:
    first = MIGRATIONS[0]
    rows = [("120355-1009", "found"), ("  abc\u202e", "cpr_malformed")]
    if store_url.startswith("sqlite"):
        import sqlite3

        path = Path(store_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True)
        with sqlite3.connect(path) as db:
            db.executescript(first.sqlite)
            db.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT)"
            )
            db.execute("INSERT INTO schema_migrations VALUES (1, 'x', '2026-11-26')")
            db.executemany(
                "INSERT INTO cpr_access (at, cpr, outcome) VALUES ('2026-11-26T09:00:00+00:00', ?, ?)", rows
            )
        path.chmod(0o600)
    else:
        import psycopg

        with psycopg.connect(store_url, autocommit=True) as db:
            db.execute(first.postgresql)
            db.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT, applied_at TIMESTAMPTZ)"
            )
            db.execute("INSERT INTO schema_migrations VALUES (1, 'x', now())")
            for cpr, outcome in rows:
                db.execute("INSERT INTO cpr_access (at, cpr, outcome) VALUES (now(), %s, %s)", (cpr, outcome))
    store = open_store(store_url)
    assert store.schema_version() == SCHEMA_VERSION
    assert [(a.cpr, a.not_a_number, a.outcome) for a in store.cpr_accesses()] == [
        (None, "  abc\u202e", "cpr_malformed"),  # kept as it was, but no longer as a number
        ("120355-1009", None, "found"),
    ]
    store.close()
