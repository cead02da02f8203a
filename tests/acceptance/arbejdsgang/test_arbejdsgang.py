"""The scenarios of stored forms (features/opret-skema, mine-bakker, handlinger) against the service layer
(engine.trays) with the shipped cancer form, on SQLite and on PostgreSQL.

The users of a scenario come from its »Givet brugerne:« table; an action is named by its label in the
spec (»Indberet«), so that the scenarios read as the manual does, and the spec decides the rest.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from engine.form import CompiledForm
from engine.lookups import DemoCprRegister
from engine.store import Store, open_store
from engine.trays import (
    Actor,
    Done,
    LookedUp,
    NotACprNumber,
    NotFound,
    Page,
    StoredForm,
    Trays,
)
from engine.workflow import CONFIRM, CompiledWorkflow, Refusal, compile_workflow
from tests.acceptance.skemaer import base
from tests.postgres import postgres_schema

scenarios("opret-skema.feature", "mine-bakker.feature", "handlinger.feature")

TODAY = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC)
ADMINISTRATOR = "administrator"  # the roles column's word for an administrator
SORTING = {"cpr": "cpr", "state": "state", "version": "version"}


@dataclass
class Verden:
    """What a scenario has done so far: its users, its forms by name, and the last answer it got."""

    trays: Trays
    store: Store
    workflow: CompiledWorkflow
    register: DemoCprRegister
    users: dict[str, Actor] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # name → form id
    current: str | None = None  # the form the scenario speaks of as »skemaet«
    opened: dict[str, StoredForm] = field(default_factory=dict)  # user → the form as they opened it
    outcome: Any = None

    def user(self, name: str) -> Actor:
        return self.users[name]

    def form_id(self, name: str | None = None) -> str:
        form_id = self.forms[name] if name else self.current
        assert form_id is not None, "the scenario has made no form yet"
        return form_id

    def stored(self, name: str | None = None) -> StoredForm:
        """The form as it is now, opened by an onlooker: a member of its group without roles."""
        row = self.store.get_form(self.form_id(name))
        assert row is not None, "the form is gone"
        opened = self.trays.open(Actor.of("tilskuer", {row.group: []}), row.id)
        assert isinstance(opened, StoredForm), opened
        return opened

    def action(self, label: str) -> str:
        found = [a.id for a in self.workflow.actions.values() if a.spec.label == label]
        assert found, f"the cancer form has no action labelled {label!r}"
        return found[0]

    def refusal(self) -> Refusal:
        assert isinstance(self.outcome, Refusal), f"expected a refusal, got {self.outcome!r}"
        return self.outcome


@pytest.fixture(scope="module")
def cancer_workflow(form: CompiledForm) -> CompiledWorkflow:
    return compile_workflow(form)


@pytest.fixture(params=["sqlite", "postgresql"], autouse=True)
def backend(request: pytest.FixtureRequest) -> str:
    """Every scenario runs on both backends (autouse: the steps ask for their fixtures by name, so the
    parameter must be known when the scenarios are collected)."""
    return str(request.param)


@pytest.fixture
def verden(backend: str, tmp_path: Path, cancer_workflow: CompiledWorkflow) -> Iterator[Verden]:
    seconds = itertools.count()

    def clock() -> datetime.datetime:
        return TODAY + datetime.timedelta(seconds=next(seconds))

    def world(url: str) -> Iterator[Verden]:
        store = open_store(url)
        try:
            trays = Trays(store, [cancer_workflow], clock=clock)
            yield Verden(trays, store, cancer_workflow, DemoCprRegister.load())
        finally:
            store.close()

    if backend == "sqlite":
        yield from world(f"sqlite:///{tmp_path / 'indberet.sqlite3'}")
    else:
        with postgres_schema() as url:
            yield from world(url)


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


# -- Givet ------------------------------------------------------------------------------------------------------
@given("brugerne:")
def brugerne(verden: Verden, datatable: list[list[str]]) -> None:
    """Columns bruger, gruppe, roller; a user with roles in several groups has a row for each."""
    _header, *rows = datatable
    roles: dict[str, dict[str, list[str]]] = {}
    admins = set()
    for user, group, names in rows:
        roles.setdefault(user, {})
        if ADMINISTRATOR in _names(names):
            admins.add(user)
        elif group:
            roles[user][group] = _names(names)
    verden.users = {
        user: Actor.of(user, groups, administrator=user in admins) for user, groups in roles.items()
    }


def _create(
    verden: Verden, user: str, group: str | None, payload: dict[str, Any] | None, name: str | None
) -> None:
    verden.outcome = verden.trays.create(verden.user(user), "cancer", group, payload)
    if isinstance(verden.outcome, StoredForm):
        verden.current = verden.outcome.id
        if name:
            verden.forms[name] = verden.outcome.id


@given(
    parsers.re(
        r'"(?P<bruger>[^"]+)" har oprettet et canceranmeldelsesskema(?: i gruppen "(?P<gruppe>[^"]+)")?'
    )
)
@when(
    parsers.re(r'"(?P<bruger>[^"]+)" opretter et canceranmeldelsesskema(?: i gruppen "(?P<gruppe>[^"]+)")?')
)
def opretter(verden: Verden, bruger: str, gruppe: str | None) -> None:
    _create(verden, bruger, gruppe, None, None)


@given(
    parsers.re(
        r'"(?P<bruger>[^"]+)" har oprettet (?:et skema|skemaet "(?P<navn>[^"]+)") for (?P<hvad>.+?)'
        r'(?: i gruppen "(?P<gruppe>[^"]+)")?'
    )
)
def har_oprettet_udfyldt(
    verden: Verden, bruger: str, navn: str | None, hvad: str, gruppe: str | None
) -> None:
    _create(verden, bruger, gruppe, base(hvad), navn)
    assert isinstance(verden.outcome, StoredForm), verden.outcome


def _look_up(verden: Verden, user: str, number: str, name: str | None = None) -> None:
    verden.outcome = verden.trays.look_up_cpr(
        verden.user(user), verden.form_id(name), number, verden.register
    )


@given(parsers.re(r'"(?P<bruger>[^"]+)" har slået skemaets CPR-nummer op'))
def har_slaaet_op(verden: Verden, bruger: str) -> None:
    _look_up(verden, bruger, str(verden.stored().payload["cpr"]))
    assert isinstance(verden.outcome, LookedUp) and verden.outcome.outcome == "found", verden.outcome


@when(parsers.re(r'"(?P<bruger>[^"]+)" slår CPR-nummeret "(?P<cpr>[^"]+)" op'))
def slaar_op(verden: Verden, bruger: str, cpr: str) -> None:
    _look_up(verden, bruger, cpr)


def _save(verden: Verden, user: str, felt: str, vaerdi: str, opened: StoredForm | None = None) -> None:
    form = opened or verden.stored()
    payload = {**form.payload, felt: vaerdi}
    verden.outcome = verden.trays.save(verden.user(user), form.id, payload, form.revision)


@given(
    parsers.re(
        r'"(?P<bruger>[^"]+)" har gemt skemaet med feltet "(?P<felt>[^"]+)" ændret til "(?P<vaerdi>[^"]*)"'
    )
)
def har_gemt(verden: Verden, bruger: str, felt: str, vaerdi: str) -> None:
    _save(verden, bruger, felt, vaerdi)
    assert isinstance(verden.outcome, Done), verden.outcome


@when(
    parsers.re(
        r'"(?P<bruger>[^"]+)" gemmer skemaet med feltet "(?P<felt>[^"]+)" ændret til "(?P<vaerdi>[^"]*)"'
    )
)
def gemmer(verden: Verden, bruger: str, felt: str, vaerdi: str) -> None:
    _save(verden, bruger, felt, vaerdi)


@given(parsers.re(r'"(?P<bruger>[^"]+)" har åbnet skemaet'))
def har_aabnet(verden: Verden, bruger: str) -> None:
    opened = verden.trays.open(verden.user(bruger), verden.form_id())
    assert isinstance(opened, StoredForm), opened
    verden.opened[bruger] = opened


@when(
    parsers.re(
        r'"(?P<bruger>[^"]+)" gemmer det åbnede skema med feltet "(?P<felt>[^"]+)" ændret til "(?P<vaerdi>[^"]*)"'
    )
)
def gemmer_det_aabnede(verden: Verden, bruger: str, felt: str, vaerdi: str) -> None:
    """A save of the form as the user opened it: another user may have changed it since."""
    _save(verden, bruger, felt, vaerdi, verden.opened[bruger])


@given(parsers.re(r'skemaet "(?P<navn>[^"]+)" er indberettet af "(?P<bruger>[^"]+)"'))
def er_indberettet(verden: Verden, navn: str, bruger: str) -> None:
    form = verden.stored(navn)
    _look_up(verden, bruger, str(form.payload["cpr"]), navn)
    form = verden.stored(navn)
    verden.outcome = verden.trays.perform(
        verden.user(bruger), form.id, verden.action("Indberet"), form.revision
    )
    assert isinstance(verden.outcome, Done), verden.outcome


@given(
    parsers.re(
        r'"(?P<bruger>[^"]+)" har valgt "(?P<handling>[^"]+)"(?: på skemaet "(?P<navn>[^"]+)")?'
        r'(?P<ja> og svaret "Ja")?'
    )
)
@when(
    parsers.re(
        r'"(?P<bruger>[^"]+)" vælger "(?P<handling>[^"]+)"(?: på skemaet "(?P<navn>[^"]+)")?'
        r'(?P<ja> og svarer "Ja")?'
    )
)
def vaelger(verden: Verden, bruger: str, handling: str, navn: str | None, ja: str | None) -> None:
    """The user presses the button: on the form as it is now (its current revision)."""
    form = verden.stored(navn)
    verden.outcome = verden.trays.perform(
        verden.user(bruger), form.id, verden.action(handling), form.revision, confirmed=bool(ja)
    )


@when(parsers.re(r'"(?P<bruger>[^"]+)" flytter skemaet til gruppen "(?P<gruppe>[^"]+)"'))
def flytter(verden: Verden, bruger: str, gruppe: str) -> None:
    form = verden.stored()
    verden.outcome = verden.trays.move(verden.user(bruger), form.id, gruppe, form.revision)


@when(parsers.re(r'"(?P<bruger>[^"]+)" søger på CPR-nummeret "(?P<cpr>[^"]+)"'))
def soeger(verden: Verden, bruger: str, cpr: str) -> None:
    verden.outcome = verden.trays.search_cpr(verden.user(bruger), cpr)


# -- Så: the form ------------------------------------------------------------------------------------------------
@then(parsers.re(r'(?:skemaet ligger|ligger skemaet) i bakken "(?P<bakke>[^"]+)"'))
def i_bakken(verden: Verden, bakke: str) -> None:
    assert verden.stored().state_label == bakke


@then(parsers.re(r'(?:skemaet hører|hører skemaet) til gruppen "(?P<gruppe>[^"]+)"'))
def i_gruppen(verden: Verden, gruppe: str) -> None:
    assert verden.stored().row.group == gruppe


@then(parsers.re(r'(?:skemaet har|har skemaet) oprettelsesdatoen "(?P<dato>[^"]+)"'))
def oprettelsesdato(verden: Verden, dato: str) -> None:
    created = verden.stored().row.created_at.astimezone(datetime.UTC)  # 08:00 UTC is the same day in Denmark
    assert created.strftime("%d-%m-%Y") == dato


@then(parsers.re(r"(?:skemaet har|har skemaet) version (?P<version>\d+)"))
def version(verden: Verden, version: str) -> None:
    assert verden.stored().row.version == int(version)


@then(parsers.re(r"(?:skemaet har|har skemaet) (?P<antal>\d+) fejl"))
def antal_fejl(verden: Verden, antal: str) -> None:
    assert verden.stored().row.errors == int(antal)


@then(
    parsers.re(
        r'(?:"(?P<bruger>[^"]+)" ser|ser "(?P<bruger2>[^"]+)") feltet "(?P<felt>[^"]+)" som "(?P<vaerdi>[^"]*)"'
    )
)
def ser_feltet(verden: Verden, bruger: str | None, bruger2: str | None, felt: str, vaerdi: str) -> None:
    opened = verden.trays.open(verden.user(bruger or bruger2 or ""), verden.form_id())
    assert isinstance(opened, StoredForm), opened
    assert opened.payload.get(felt, "") == vaerdi


@then(parsers.re(r'"(?P<bruger>[^"]+)" kan åbne skemaet'))
def kan_aabne(verden: Verden, bruger: str) -> None:
    assert isinstance(verden.trays.open(verden.user(bruger), verden.form_id()), StoredForm)


@then(parsers.re(r'"(?P<bruger>[^"]+)" kan ikke finde skemaet(?: "(?P<navn>[^"]+)")?'))
def kan_ikke_finde(verden: Verden, bruger: str, navn: str | None) -> None:
    assert verden.trays.open(verden.user(bruger), verden.form_id(navn)) == NotFound()


@then(parsers.re(r"(?:er skemaet|skemaet er) slettet"))
def slettet(verden: Verden) -> None:
    assert isinstance(verden.outcome, Done) and verden.outcome.form is None
    assert verden.store.get_form(verden.form_id()) is None


@then(parsers.re(r'tilbydes "(?P<bruger>[^"]+)" handlingerne "(?P<handlinger>[^"]*)"'))
def tilbydes(verden: Verden, bruger: str, handlinger: str) -> None:
    opened = verden.trays.open(verden.user(bruger), verden.form_id())
    assert isinstance(opened, StoredForm), opened
    assert [view.label for view in opened.actions] == _names(handlinger)


# -- Så: answers ------------------------------------------------------------------------------------------------
@then(parsers.re(r'afvises det med beskeden "(?P<besked>.+)"'))
def afvist(verden: Verden, besked: str) -> None:
    refused = verden.refusal()
    assert refused.code != CONFIRM and refused.message == besked


@then(parsers.re(r'afvises det med spørgsmålet "(?P<besked>.+)"'))
def spoergsmaal(verden: Verden, besked: str) -> None:
    refused = verden.refusal()
    assert (refused.code, refused.message) == (CONFIRM, besked)


@then(parsers.re(r'afvisningen har fejlen "(?P<besked>.+)" på feltet "(?P<felt>[^"]+)"'))
def afvisningens_fejl(verden: Verden, besked: str, felt: str) -> None:
    assert (felt, besked) in [(e.field, e.message) for e in verden.refusal().errors]


@then(parsers.re(r"(?:er valideringen|valideringen er) uden fejl"))
def uden_fejl(verden: Verden) -> None:
    assert isinstance(verden.outcome, Done), verden.outcome
    judged = verden.outcome.transition.judged
    assert judged is not None and judged.valid, judged


@then(parsers.re(r'giver handlingen en "(?P<slags>[^"]+)" af skemaet med valideringen'))
def giver(verden: Verden, slags: str) -> None:
    assert isinstance(verden.outcome, Done), verden.outcome
    assert verden.outcome.transition.produces == slags
    assert verden.outcome.transition.judged is not None


@then(parsers.re(r'loggen viser, at "(?P<bruger>[^"]+)" har brugt "(?P<handling>[^"]+)" på skemaet'))
def loggen(verden: Verden, bruger: str, handling: str) -> None:
    entries = verden.store.form_audit(verden.form_id())
    assert (bruger, verden.action(handling)) in [(e.user, e.action) for e in entries]


@then(parsers.re(r'registret har modtaget version (?P<version>\d+) i bakken "(?P<bakke>[^"]+)"'))
def registret_bakke(verden: Verden, version: str, bakke: str) -> None:
    received = [(v.version, v.state) for v in verden.store.form_versions(verden.form_id())]
    assert (int(version), bakke) in received, received


@then(
    parsers.re(
        r'registret har modtaget version (?P<version>\d+) med feltet "(?P<felt>[^"]+)" som "(?P<vaerdi>[^"]*)"'
    )
)
def registret_felt(verden: Verden, version: str, felt: str, vaerdi: str) -> None:
    received = {v.version: v.payload for v in verden.store.form_versions(verden.form_id())}
    assert received[int(version)].get(felt) == vaerdi


# -- Så: the CPR look-up ----------------------------------------------------------------------------------------
@then(parsers.re(r'viser opslaget navnet "(?P<navn>[^"]+)"'))
def opslagets_navn(verden: Verden, navn: str) -> None:
    assert isinstance(verden.outcome, LookedUp), verden.outcome
    lookup = verden.outcome.form.lookup
    assert lookup is not None and lookup.person is not None and lookup.person["name"] == navn


@then(parsers.re(r'skemaets opslag viser stadig navnet "(?P<navn>[^"]+)"'))
def stadig_navnet(verden: Verden, navn: str) -> None:
    lookup = verden.stored().lookup
    assert lookup is not None and lookup.person is not None and lookup.person["name"] == navn


@then(parsers.re(r'svarer opslaget "(?P<udfald>[^"]+)"'))
def opslagets_udfald(verden: Verden, udfald: str) -> None:
    assert isinstance(verden.outcome, LookedUp) and verden.outcome.outcome == udfald, verden.outcome


@then("skemaet husker, at der er slået op på dets CPR-nummer")
def husker_opslaget(verden: Verden) -> None:
    assert verden.stored().cpr_looked_up


# -- Så: lists --------------------------------------------------------------------------------------------------
_BAKKE = r'bakken "(?P<bakke>[^"]+)" for "(?P<bruger>[^"]+)" i "(?P<gruppe>[^"]+)"'
_VISER = r'(?:skemaet "(?P<navn>[^"]+)"|(?P<ingen>ingen skemaer))'


@then(parsers.re(rf"viser {_BAKKE} {_VISER}"))
@then(parsers.re(rf"{_BAKKE} viser {_VISER}"))
def bakken_viser(
    verden: Verden, bakke: str, bruger: str, gruppe: str, navn: str | None, ingen: str | None
) -> None:
    state = next(s.id for s in verden.workflow.spec.states if s.label == bakke)
    page = verden.trays.tray(verden.user(bruger), gruppe, state)
    assert isinstance(page, Page), page
    expected = [] if ingen else [verden.form_id(navn)]
    assert [row.id for row in page.rows] == expected


@then(parsers.re(r'kan "(?P<bruger>[^"]+)" ikke se bakken "(?P<bakke>[^"]+)" i "(?P<gruppe>[^"]+)"'))
def ikke_se_bakken(verden: Verden, bruger: str, bakke: str, gruppe: str) -> None:
    state = next(s.id for s in verden.workflow.spec.states if s.label == bakke)
    assert verden.trays.tray(verden.user(bruger), gruppe, state) == NotFound("group")
    assert verden.trays.counters(verden.user(bruger), gruppe) == NotFound("group")


@then(parsers.re(r'viser Mine bakker for "(?P<bruger>[^"]+)" i "(?P<gruppe>[^"]+)":'))
def mine_bakker(verden: Verden, bruger: str, gruppe: str, datatable: list[list[str]]) -> None:
    counters = verden.trays.counters(verden.user(bruger), gruppe)
    assert not isinstance(counters, NotFound)
    _header, *rows = datatable
    assert [[tray.label, str(tray.count)] for tray in counters] == rows


_SKEMAER = (
    r'Skemaer for "(?P<bruger>[^"]+)" i "(?P<gruppe>[^"]+)"'
    r'(?: sorteret efter "(?P<kolonne>[^"]+)"(?P<faldende> faldende)?| i bakken "(?P<bakke>[^"]+)")'
)


@then(parsers.re(rf"viser {_SKEMAER}:"))
@then(parsers.re(rf"{_SKEMAER} viser:"))
def skemaer(
    verden: Verden,
    datatable: list[list[str]],
    bruger: str,
    gruppe: str,
    kolonne: str | None,
    faldende: str | None,
    bakke: str | None,
) -> None:
    """Columns skema (the form's name in the scenario), cpr, bakke, version, in the list's order."""
    states = tuple(s.id for s in verden.workflow.spec.states if s.label == bakke) if bakke else ()
    page = verden.trays.forms(
        verden.user(bruger),
        gruppe,
        "cancer",
        sort=SORTING[kolonne or "cpr"],
        descending=bool(faldende),
        states=states,
    )
    assert isinstance(page, Page), page
    names = {form_id: name for name, form_id in verden.forms.items()}
    _header, *rows = datatable
    got = [[names.get(r.id, r.id), r.cpr, r.state_label, str(r.version)] for r in page.rows]
    assert got == rows


@then(parsers.re(rf'{_SKEMAER} viser versionerne "(?P<versioner>[^"]*)"'))
def skemaer_versioner(
    verden: Verden,
    bruger: str,
    gruppe: str,
    kolonne: str | None,
    faldende: str | None,
    bakke: str | None,
    versioner: str,
) -> None:
    page = verden.trays.forms(
        verden.user(bruger), gruppe, "cancer", sort=SORTING[kolonne or "cpr"], descending=bool(faldende)
    )
    assert isinstance(page, Page), page
    assert [str(row.version) for row in page.rows] == _names(versioner)


@then(parsers.re(r'finder søgningen skemaerne "(?P<fundet>[^"]*)"'))
def fundet(verden: Verden, fundet: str) -> None:
    assert isinstance(verden.outcome, tuple), verden.outcome
    names = {form_id: name for name, form_id in verden.forms.items()}
    assert sorted(names[row.id] for row in verden.outcome) == _names(fundet)


@then(parsers.re(r'afvises søgningen, fordi "(?P<tekst>[^"]+)" ikke er et CPR-nummer'))
def ikke_cpr(verden: Verden, tekst: str) -> None:
    assert verden.outcome == NotACprNumber(tekst)
