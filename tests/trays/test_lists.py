"""The lists of the service: a tray and its counters (T02–T06), Skemaer (A06) and CPR søgning (A05)."""

from __future__ import annotations

import datetime

import pytest

from engine.store import Store
from engine.trays import Actor, ListRow, NotACprNumber, NotFound, Page, TrayCount, Trays
from tests.trays.conftest import GODKENDER, SKRIBENT, made

NUMBERS = ["120355-1009", "150772-2004", "230847-1007"]


def rows(page: object) -> list[ListRow]:
    assert isinstance(page, Page), page
    return list(page.rows)


@pytest.fixture
def filled(trays: Trays) -> list[str]:
    """Six drafts in g1 (two for each number), two of them sent for approval; one draft in g2."""
    ids = [made(trays, {"titel": f"T{n}", "borger": NUMBERS[n % 3]}).id for n in range(6)]
    for form_id in ids[:2]:
        form = trays.open(SKRIBENT, form_id)
        assert not isinstance(form, NotFound)
        trays.perform(SKRIBENT, form_id, "indsend", form.revision)
    made(trays, {"titel": "andet"}, Actor.of("g2", {"g2": ["skribent"]}))
    return ids


def test_a_tray_lists_the_groups_forms_newest_change_first(trays: Trays, filled: list[str]) -> None:
    drafts = rows(trays.tray(GODKENDER, "g1", "udkast"))
    assert [r.id for r in drafts] == filled[2:][::-1]
    first = drafts[0]
    assert (first.state, first.state_label, first.version, first.cpr, first.fields) == (
        "udkast",
        "Udkast",
        0,
        NUMBERS[2],
        {"titel": "T5"},
    )
    sent = rows(trays.tray(GODKENDER, "g1", "til_godkendelse"))
    assert [r.id for r in sent] == filled[:2][::-1]
    two = trays.tray(GODKENDER, "g1", "udkast", limit=2)
    assert isinstance(two, Page) and [r.id for r in two.rows] == filled[5:3:-1] and two.before is None
    rest = rows(trays.tray(GODKENDER, "g1", "udkast", after=two.after, limit=2))
    assert [r.id for r in rest] == filled[3:1:-1]


def test_the_counters_of_every_tray(trays: Trays, filled: list[str]) -> None:
    assert trays.counters(GODKENDER, "g1") == (
        TrayCount("udkast", "Udkast", 4),
        TrayCount("til_godkendelse", "Til godkendelse", 2),
        TrayCount("halvt_godkendt", "Halvt godkendt", 0),
        TrayCount("godkendt", "Godkendt", 0),
    )
    assert trays.counters(GODKENDER, "g2")[0] == TrayCount("udkast", "Udkast", 1)


def test_skemaer_sorted_and_filtered(trays: Trays, filled: list[str]) -> None:
    by_cpr = rows(trays.forms(SKRIBENT, "g1", "sag", sort="cpr", descending=False))
    assert [r.cpr for r in by_cpr] == sorted(NUMBERS[n % 3] for n in range(6))
    by_state = rows(trays.forms(SKRIBENT, "g1", "sag", sort="state", descending=True))
    assert [r.state for r in by_state] == ["udkast"] * 4 + ["til_godkendelse"] * 2
    assert {r.id for r in rows(trays.forms(SKRIBENT, "g1", "sag", states=("til_godkendelse",)))} == set(
        filled[:2]
    )
    assert {r.id for r in rows(trays.forms(SKRIBENT, "g1", "sag", cpr="1507"))} == {filled[1], filled[4]}
    assert {r.id for r in rows(trays.forms(SKRIBENT, "g1", "sag", cpr="1507722004"))} == {
        filled[1],
        filled[4],
    }
    assert rows(trays.forms(SKRIBENT, "g1", "sag", version=1)) == []
    assert trays.forms(SKRIBENT, "g1", "sag", cpr="12a") == NotACprNumber("12a")
    assert trays.forms(SKRIBENT, "g1", "andet") == NotFound("form_type")
    assert trays.forms(SKRIBENT, "g1", "sag", after="gone") == NotFound("page")
    with pytest.raises(ValueError, match="sort by one of cpr, state, version, created, changed, not 'name'"):
        trays.forms(SKRIBENT, "g1", "sag", sort="name")


def test_cpr_search_across_the_users_groups_with_or_without_the_hyphen(
    trays: Trays, store: Store, filled: list[str]
) -> None:
    both = Actor.of("begge", {"g1": [], "g2": []}, client="::1")
    found = trays.search_cpr(both, "1203551009")
    assert isinstance(found, tuple) and {r.id for r in found} == {filled[0], filled[3]}
    assert trays.search_cpr(both, "120355-1009") == found
    assert trays.search_cpr(Actor.of("ingen", {}), "120355-1009") == ()
    assert trays.search_cpr(both, "12035-51009") == NotACprNumber("12035-51009")
    searches = [
        e for e in store.audit_since(filled and store.form_audit(filled[0])[0].at) if e.event == "search"
    ]
    assert [(e.user, e.details) for e in searches] == [
        ("begge", {"cpr": "120355-1009", "found": 2}),
        ("begge", {"cpr": "120355-1009", "found": 2}),
        ("ingen", {"cpr": "120355-1009", "found": 0}),
    ]


def test_the_name_comes_from_the_look_up_for_the_number_the_form_holds(trays: Trays) -> None:
    from engine.lookups import DemoCprRegister

    form = made(trays, {"titel": "T", "borger": "120355-1009"})
    trays.look_up_cpr(SKRIBENT, form.id, "120355-1009", DemoCprRegister.load())
    (row,) = rows(trays.tray(SKRIBENT, "g1", "udkast"))
    assert row.name == "Jens Erik Fiktivsen"


def test_bounded_answers_to_odd_filters(trays: Trays, filled: list[str]) -> None:
    assert rows(trays.forms(SKRIBENT, "g1", "sag", states=("ingen", "bakke"))) == []
    assert {
        r.id for r in rows(trays.forms(SKRIBENT, "g1", "sag", states=("ingen", "til_godkendelse")))
    } == set(filled[:2])
    assert trays.search_cpr(SKRIBENT, "x" * 100_000) == NotACprNumber("x" * 20)
    assert trays.forms(SKRIBENT, "g1", "sag", cpr="9" * 1000) == NotACprNumber("9" * 20)


def test_a_list_shown_is_kept_in_the_audit_with_its_forms(trays: Trays, filled: list[str]) -> None:
    """A tray or a page of Skemaer shows CPR numbers: who saw which forms, and when, is kept (form ids, not
    the numbers: the audit outlives the forms); an empty list is no access to anyone's number."""
    shown = rows(trays.tray(GODKENDER, "g1", "udkast"))
    listed = trays.forms(GODKENDER, "g1", "sag", limit=2)
    assert isinstance(listed, Page)
    assert rows(trays.tray(GODKENDER, "g1", "godkendt")) == []
    entries = [
        e
        for e in trays.store.audit_since(datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
        if e.event == "list"
    ]
    assert [(e.user, e.details["view"], e.details["group"], e.details["forms"]) for e in entries] == [
        (GODKENDER.user, "tray", "g1", [r.id for r in shown]),
        (GODKENDER.user, "forms", "g1", [r.id for r in listed.rows]),
    ]
    assert all(number not in str(e.details) for e in entries for number in NUMBERS)
