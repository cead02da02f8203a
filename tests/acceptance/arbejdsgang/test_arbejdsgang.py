"""The scenarios of stored forms (features/opret-skema, mine-bakker, handlinger) through the web app over
HTTP, with the shipped cancer form and the demo registers, on SQLite and on PostgreSQL.

Every »Når« is what a user's browser sends: a signed-in client of its own per user (its cookie and CSRF
token), posting the pages' forms and the pages' JSON requests. Every »Så« about what a user sees reads the
page or the answer the server gave. A few »Så« read what no page shows, and say so: the number of errors
stored with a form, and the versions the registry received (``indberet export`` reads the same table).

The users of a scenario come from its »Givet brugerne:« table; an action is named by its label in the
spec (»Indberet«), so that the scenarios read as the manual does, and the spec decides the rest.
"""

from __future__ import annotations

import datetime
import html
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from pytest_bdd import given, parsers, scenarios, then, when
from starlette.applications import Starlette

from engine.accounts import DEMO_PASSWORD, Accounts
from engine.accounts.problems import AccountProblem
from engine.store import FormRow, Store
from engine.trays import Trays
from engine.web.app import create_app
from engine.web.settings import Settings
from engine.workflow import CompiledWorkflow
from tests.acceptance.skemaer import base
from tests.postgres import postgres_schema
from tests.web.accounts import TEST_PASSWORD, csrf_token, sign_in
from tests.web.conftest import TestClient

scenarios("opret-skema.feature", "mine-bakker.feature", "handlinger.feature")

TODAY = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC)
ADMINISTRATOR = "administrator"  # the roles column's word for an administrator
ONLOOKER = "tilskuer"  # a member of every group without roles: reads the form as it is now
AUDITOR = "revisor"  # an administrator: reads a form's history
SORTING = {"cpr": "cpr", "state": "state", "version": "version"}
FORM_ID = re.compile(
    r'<tr data-form-id="([\w-]+)" data-state="(\w+)" data-version="(\d+)">\s*<td>([^<]*)</td>'
)


@dataclass
class Svar:
    """What the server answered the last »Når«: ``kind`` ``done``, ``refused``, ``question``, ``pdf``,
    ``validated``, ``person`` or ``found``; the Danish message shown; the findings listed by field."""

    kind: str
    status: int
    message: str = ""
    findings: list[tuple[str, str]] = field(default_factory=list)  # (field, message)
    data: Any = None


@dataclass
class Verden:
    """What a scenario has done so far: the app, its users' browsers, its forms by name, the last answer."""

    app: Starlette
    clients: dict[str, TestClient] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # name → form id
    groups: dict[str, str] = field(default_factory=dict)  # name → group id
    passwords: dict[str, str] = field(default_factory=dict)  # user → password
    current: str | None = None  # the form the scenario speaks of as »skemaet«
    opened: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)  # user → revision, payload
    svar: Svar | None = None

    @property
    def accounts(self) -> Accounts:
        accounts = self.app.state.indberet.accounts
        assert isinstance(accounts, Accounts)
        return accounts

    @property
    def store(self) -> Store:
        store: Store = self.app.state.indberet.store
        return store

    @property
    def workflow(self) -> CompiledWorkflow:
        trays = self.app.state.indberet.trays
        assert isinstance(trays, Trays)
        return trays.workflows["cancer"]

    def client(self, user: str) -> TestClient:
        if user not in self.clients:
            client = TestClient(self.app).__enter__()
            sign_in(client, user, self.passwords[user])
            self.clients[user] = client
        return self.clients[user]

    def post(self, user: str, path: str, data: dict[str, str]) -> httpx.Response:
        client = self.client(user)
        return client.post(path, data={**data, "csrf_token": csrf_token(client)}, follow_redirects=False)

    def in_group(self, user: str, group: str) -> httpx.Response:
        """The user switches to ``group`` (the header's group choice), as the lists are the current group's."""
        return self.post(user, "/gruppe", {"group": self.groups[group]})

    def form_id(self, name: str | None = None) -> str:
        form_id = self.forms[name] if name else self.current
        assert form_id is not None, "the scenario has made no form yet"
        return form_id

    def page(self, user: str, name: str | None = None) -> httpx.Response:
        return self.client(user).get(f"/skema/{self.form_id(name)}")

    def row(self, name: str | None = None) -> FormRow:
        """The stored form: what the page a user opens now is drawn from."""
        row = self.store.get_form(self.form_id(name))
        assert row is not None, "the form is gone"
        return row

    def action(self, label: str) -> str:
        found = [a.id for a in self.workflow.actions.values() if a.spec.label == label]
        assert found, f"the cancer form has no action labelled {label!r}"
        return found[0]

    def answer(self) -> Svar:
        assert self.svar is not None, "nothing was done yet"
        return self.svar


@pytest.fixture(params=["sqlite", "postgresql"], autouse=True)
def backend(request: pytest.FixtureRequest) -> str:
    """Every scenario runs on both backends (autouse: the steps ask for their fixtures by name, so the
    parameter must be known when the scenarios are collected)."""
    return str(request.param)


@pytest.fixture
def verden(backend: str, tmp_path: Path) -> Iterator[Verden]:
    if backend == "sqlite":
        yield from _world(Settings(data_dir=tmp_path / "data", demo=True))
    else:
        with postgres_schema() as url:
            yield from _world(Settings(data_dir=tmp_path / "data", demo=True, database=url))


def _world(settings: Settings) -> Iterator[Verden]:
    app = create_app(settings)
    seconds = itertools.count()
    trays = app.state.indberet.trays
    assert isinstance(trays, Trays)
    # The scenarios' day (»oprettelsesdatoen "04-05-2026"«): the service's clock, a second per change.
    trays.clock = lambda: TODAY + datetime.timedelta(seconds=next(seconds))
    world = Verden(app)
    try:
        yield world
    finally:
        for client in world.clients.values():
            client.__exit__(None, None, None)
        world.store.close()


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))


def _read(answer: httpx.Response) -> Svar:
    """What a page or a JSON answer says: done, refused (with its findings), or a question."""
    kind = answer.headers.get("content-type", "")
    if answer.status_code == 303:
        return Svar("done", 303, data=answer.headers["location"])
    if kind.startswith("application/pdf"):
        return Svar("pdf", answer.status_code, data=answer.content)
    if kind.startswith("application/json"):
        data = answer.json()
        if answer.status_code == 200:
            return Svar("person" if "name" in data else "done", 200, data=data)
        return Svar("refused", answer.status_code, data.get("message", ""), data=data)
    page = answer.text
    findings = [
        (path, _text(message))
        for path, message in re.findall(
            r'<li class="finding-\w+" data-field="([^"]*)">(.*?)</li>', page, re.S
        )
    ]
    refused = re.search(r'id="action-refusal" role="alert">\s*<p>(.*?)</p>', page, re.S)
    if refused:
        return Svar("refused", answer.status_code, _text(refused.group(1)), findings)
    error = re.search(r'<p class="page-error" role="alert" id="error">(.*?)</p>', page, re.S)
    if error:
        return Svar("refused", answer.status_code, _text(error.group(1)))
    question = re.search(r'id="action-confirm">.*?<p>(.*?)</p>', page, re.S)
    if question:
        return Svar("question", answer.status_code, _text(question.group(1)))
    notice = re.search(r'id="action-notice" role="status">(.*?)</p>', page, re.S)
    if notice and re.search(r'id="action-(validation|notice)"', page):
        return Svar("validated", answer.status_code, _text(notice.group(1)), findings)
    return Svar("done", answer.status_code, data=page)


# -- Givet ------------------------------------------------------------------------------------------------------
@given("brugerne:")
def brugerne(verden: Verden, datatable: list[list[str]]) -> None:
    """Columns bruger, gruppe, roller (role labels or ids); a user with roles in several groups has a row
    for each. The users are made, or set to hold exactly these roles; each logs in with a browser of their
    own. Two more: an onlooker in every group without roles, and an administrator who reads the history."""
    _header, *rows = datatable
    accounts = verden.accounts
    groups = {name: id for id, name in accounts.groups().items()}
    wanted: dict[str, dict[str, list[str]]] = {}
    admins = set()
    for user, group, names in rows:
        wanted.setdefault(user, {})
        if ADMINISTRATOR in _names(names):
            admins.add(user)
        elif group:
            if group not in groups:
                groups[group] = accounts.create_group(group, by=None, id=_slug(group)).id
            wanted[user][groups[group]] = _names(names)
    wanted[ONLOOKER] = {group: [] for group in groups.values()}
    wanted[AUDITOR] = {}
    admins.add(AUDITOR)
    for user, memberships in wanted.items():
        try:
            row = accounts.user(user)  # a demo user (password »demo«)
            verden.passwords[user] = DEMO_PASSWORD
        except AccountProblem:
            first = {next(iter(groups.values())): []}  # a new user is a member somewhere; set below
            row = accounts.create_user(user, user.capitalize(), TEST_PASSWORD, first, by=None)
            verden.passwords[user] = TEST_PASSWORD
        accounts.set_administrator(row, user in admins, by=None)
        for group in groups.values():
            accounts.set_roles(row, group, memberships.get(group), by=None)
    verden.groups = groups


def _create(
    verden: Verden, user: str, group: str | None, payload: dict[str, Any] | None, name: str | None
) -> None:
    data = {"gruppe": verden.groups[group]} if group else {}
    verden.svar = _read(verden.post(user, "/skema", data))
    if verden.svar.kind != "done":
        return
    found = re.fullmatch(r"/skema/([\w-]+)", str(verden.svar.data))
    assert found, verden.svar
    verden.current = found.group(1)
    if name:
        verden.forms[name] = verden.current
    if payload is not None:
        _save_payload(verden, user, payload)
        assert verden.answer().kind == "done", verden.svar


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
    assert verden.answer().kind == "done", verden.svar


def _revision(page: httpx.Response) -> int:
    assert page.status_code == 200, page.status_code
    found = re.search(r'data-revision="(\d+)"', page.text)
    assert found, "the page has no revision"
    return int(found.group(1))


def _look_up(verden: Verden, user: str, number: str, name: str | None = None) -> None:
    """»Opslag« beside the CPR field: the page posts the number for the form (never in a URL)."""
    answer = verden.client(user).post(f"/api/skemaer/{verden.form_id(name)}/cpr", json={"cpr": number})
    verden.svar = _read(answer)


@given(parsers.re(r'"(?P<bruger>[^"]+)" har slået skemaets CPR-nummer op'))
def har_slaaet_op(verden: Verden, bruger: str) -> None:
    _look_up(verden, bruger, str(verden.row().payload["cpr"]))
    assert verden.answer().kind == "person", verden.svar


@when(parsers.re(r'"(?P<bruger>[^"]+)" slår CPR-nummeret "(?P<cpr>[^"]+)" op'))
def slaar_op(verden: Verden, bruger: str, cpr: str) -> None:
    _look_up(verden, bruger, cpr)


def _save_payload(verden: Verden, user: str, payload: dict[str, Any], revision: int | None = None) -> None:
    """»Gem« (or leaving the page): the page posts every value with the revision it was opened at."""
    if revision is None:
        revision = _revision(verden.page(user))
    answer = verden.client(user).post(
        f"/api/skemaer/{verden.form_id()}", json={"payload": payload, "revision": revision}
    )
    verden.svar = _read(answer)


def _save(verden: Verden, user: str, felt: str, vaerdi: str) -> None:
    """The user opens the form, changes one field and saves: the page sends what it shows, changed."""
    revision = _revision(verden.page(user))
    _save_payload(verden, user, {**verden.row().payload, felt: vaerdi}, revision)


@given(
    parsers.re(
        r'"(?P<bruger>[^"]+)" har gemt skemaet med feltet "(?P<felt>[^"]+)" ændret til "(?P<vaerdi>[^"]*)"'
    )
)
def har_gemt(verden: Verden, bruger: str, felt: str, vaerdi: str) -> None:
    _save(verden, bruger, felt, vaerdi)
    assert verden.answer().kind == "done", verden.svar


@when(
    parsers.re(
        r'"(?P<bruger>[^"]+)" gemmer skemaet med feltet "(?P<felt>[^"]+)" ændret til "(?P<vaerdi>[^"]*)"'
    )
)
def gemmer(verden: Verden, bruger: str, felt: str, vaerdi: str) -> None:
    _save(verden, bruger, felt, vaerdi)


@given(parsers.re(r'"(?P<bruger>[^"]+)" har åbnet skemaet'))
def har_aabnet(verden: Verden, bruger: str) -> None:
    verden.opened[bruger] = (_revision(verden.page(bruger)), dict(verden.row().payload))


@when(
    parsers.re(
        r'"(?P<bruger>[^"]+)" gemmer det åbnede skema med feltet "(?P<felt>[^"]+)" ændret til "(?P<vaerdi>[^"]*)"'
    )
)
def gemmer_det_aabnede(verden: Verden, bruger: str, felt: str, vaerdi: str) -> None:
    """A save of the page the user opened before: another user may have changed the form since."""
    revision, payload = verden.opened[bruger]
    _save_payload(verden, bruger, {**payload, felt: vaerdi}, revision)


def _act(verden: Verden, user: str, label: str, name: str | None = None, *, ja: bool = False) -> None:
    """A button of the action bar: posted with the revision of the page the user has open now."""
    revision = _revision(verden.page(user, name))
    data = {"action": verden.action(label), "revision": str(revision), **({"confirmed": "ja"} if ja else {})}
    verden.svar = _read(verden.post(user, f"/skema/{verden.form_id(name)}/handling", data))


@given(parsers.re(r'skemaet "(?P<navn>[^"]+)" er indberettet af "(?P<bruger>[^"]+)"'))
def er_indberettet(verden: Verden, navn: str, bruger: str) -> None:
    _look_up(verden, bruger, str(verden.row(navn).payload["cpr"]), navn)
    _act(verden, bruger, "Indberet", navn)
    assert verden.answer().kind == "done", verden.svar


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
    _act(verden, bruger, handling, navn, ja=bool(ja))


@when(parsers.re(r'"(?P<bruger>[^"]+)" flytter skemaet til gruppen "(?P<gruppe>[^"]+)"'))
def flytter(verden: Verden, bruger: str, gruppe: str) -> None:
    """The form's »Flyt« (an administrator's): posted with the form's revision as it is now."""
    data = {"gruppe": verden.groups[gruppe], "revision": str(verden.row().revision)}
    verden.svar = _read(verden.post(bruger, f"/skema/{verden.form_id()}/flyt", data))


@when(parsers.re(r'"(?P<bruger>[^"]+)" søger på CPR-nummeret "(?P<cpr>[^"]+)"'))
def soeger(verden: Verden, bruger: str, cpr: str) -> None:
    answer = verden.post(bruger, "/cpr-soegning", {"cpr": cpr})
    verden.svar = _read(answer)
    if answer.status_code == 200:
        verden.svar = Svar("found", 200, data=[row[0] for row in FORM_ID.findall(answer.text)])


# -- Så: the form, as the onlooker's page shows it ------------------------------------------------------------
def _info(verden: Verden, item: str) -> str:
    page = verden.page(ONLOOKER)
    found = re.search(rf'<dd id="{item}">(.*?)</dd>', page.text, re.S)
    assert found, f"the page has no {item}"
    return _text(found.group(1))


@then(parsers.re(r'(?:skemaet ligger|ligger skemaet) i bakken "(?P<bakke>[^"]+)"'))
def i_bakken(verden: Verden, bakke: str) -> None:
    assert _info(verden, "info-bakke") == bakke


@then(parsers.re(r'(?:skemaet hører|hører skemaet) til gruppen "(?P<gruppe>[^"]+)"'))
def i_gruppen(verden: Verden, gruppe: str) -> None:
    assert _info(verden, "gruppe") == gruppe


@then(parsers.re(r'(?:skemaet har|har skemaet) oprettelsesdatoen "(?P<dato>[^"]+)"'))
def oprettelsesdato(verden: Verden, dato: str) -> None:
    assert _info(verden, "oprettelsesdato") == dato


@then(parsers.re(r"(?:skemaet har|har skemaet) version (?P<version>\d+)"))
def version(verden: Verden, version: str) -> None:
    assert _info(verden, "info-version") == version


@then(parsers.re(r"(?:skemaet har|har skemaet) (?P<antal>\d+) fejl"))
def antal_fejl(verden: Verden, antal: str) -> None:
    """The errors stored with the form (the lists' count; the page shows the findings themselves)."""
    assert verden.row().errors == int(antal)


@then(
    parsers.re(
        r'(?:"(?P<bruger>[^"]+)" ser|ser "(?P<bruger2>[^"]+)") feltet "(?P<felt>[^"]+)" som "(?P<vaerdi>[^"]*)"'
    )
)
def ser_feltet(verden: Verden, bruger: str | None, bruger2: str | None, felt: str, vaerdi: str) -> None:
    """The user's page shows the stored value (a text field's ``value``; others are drawn from it)."""
    page = verden.page(bruger or bruger2 or "")
    assert page.status_code == 200
    assert verden.row().payload.get(felt, "") == vaerdi
    drawn = re.search(rf'<input type="text" id="f-{felt}" name="{felt}" value="([^"]*)"', page.text)
    if drawn:
        assert html.unescape(drawn.group(1)) == vaerdi


@then(parsers.re(r'"(?P<bruger>[^"]+)" kan åbne skemaet'))
def kan_aabne(verden: Verden, bruger: str) -> None:
    assert verden.page(bruger).status_code == 200


@then(parsers.re(r'"(?P<bruger>[^"]+)" kan ikke finde skemaet(?: "(?P<navn>[^"]+)")?'))
def kan_ikke_finde(verden: Verden, bruger: str, navn: str | None) -> None:
    assert verden.page(bruger, navn).status_code == 404


@then(parsers.re(r"(?:er skemaet|skemaet er) slettet"))
def slettet(verden: Verden) -> None:
    assert verden.answer().kind == "done" and verden.answer().data == "/bakker", verden.svar
    assert verden.page(ONLOOKER).status_code == 404
    assert verden.store.get_form(verden.form_id()) is None


@then(parsers.re(r'tilbydes "(?P<bruger>[^"]+)" handlingerne "(?P<handlinger>[^"]*)"'))
def tilbydes(verden: Verden, bruger: str, handlinger: str) -> None:
    page = verden.page(bruger).text
    bar = page[page.index('id="form-actions"') : page.index('id="notices"')]
    offered = [
        _text(label) for label in re.findall(r'class="action-form".*?<button[^>]*>(.*?)</button>', bar, re.S)
    ]
    assert offered == _names(handlinger)


# -- Så: answers ------------------------------------------------------------------------------------------------
@then(parsers.re(r'afvises det med beskeden "(?P<besked>.+)"'))
def afvist(verden: Verden, besked: str) -> None:
    svar = verden.answer()
    assert (svar.kind, svar.message) == ("refused", besked), svar
    assert svar.status in (400, 403, 404, 409), svar.status


@then(parsers.re(r'afvises det med spørgsmålet "(?P<besked>.+)"'))
def spoergsmaal(verden: Verden, besked: str) -> None:
    svar = verden.answer()
    assert (svar.kind, svar.message) == ("question", besked), svar


@then(parsers.re(r'afvisningen har fejlen "(?P<besked>.+)" på feltet "(?P<felt>[^"]+)"'))
def afvisningens_fejl(verden: Verden, besked: str, felt: str) -> None:
    svar = verden.answer()
    assert svar.kind == "refused" and (felt, besked) in svar.findings, svar


@then(parsers.re(r"(?:er valideringen|valideringen er) uden fejl"))
def uden_fejl(verden: Verden) -> None:
    svar = verden.answer()
    assert svar.kind == "validated" and " 0 fejl " in f" {svar.message} ", svar
    assert not [path for path, _ in svar.findings if path and svar.kind != "validated"]


@then(parsers.re(r'giver handlingen en "(?P<slags>[^"]+)" af skemaet med valideringen'))
def giver(verden: Verden, slags: str) -> None:
    svar = verden.answer()
    assert svar.kind == slags, svar
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(svar.data)).pages)
    assert "Valideringsresultat" in text, text[:500]
    assert _info(verden, "info-bakke") in text


@then(parsers.re(r'loggen viser, at "(?P<bruger>[^"]+)" har brugt "(?P<handling>[^"]+)" på skemaet'))
def loggen(verden: Verden, bruger: str, handling: str) -> None:
    """Historik, as the administrator reads it."""
    page = verden.client(AUDITOR).get(f"/skema/{verden.form_id()}/historik")
    assert page.status_code == 200
    rows = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td>", page.text)
    assert any(bruger in html.unescape(who) and html.unescape(what) == handling for who, what in rows), rows


@then(parsers.re(r'registret har modtaget version (?P<version>\d+) i bakken "(?P<bakke>[^"]+)"'))
def registret_bakke(verden: Verden, version: str, bakke: str) -> None:
    """What the registry receives (``indberet export`` reads these versions)."""
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
    svar = verden.answer()
    assert svar.kind == "person" and svar.data["name"] == navn, svar


@then(parsers.re(r'skemaets opslag viser stadig navnet "(?P<navn>[^"]+)"'))
def stadig_navnet(verden: Verden, navn: str) -> None:
    assert _info(verden, "info-cpr-navn") == navn


@then(parsers.re(r'svarer opslaget "(?P<udfald>[^"]+)"'))
def opslagets_udfald(verden: Verden, udfald: str) -> None:
    svar = verden.answer()
    assert svar.kind == "refused" and svar.data["error"] == udfald, svar


@then("skemaet husker, at der er slået op på dets CPR-nummer")
def husker_opslaget(verden: Verden) -> None:
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d af .+", _info(verden, "info-cpr-opslag"))


# -- Så: lists --------------------------------------------------------------------------------------------------
_BAKKE = r'bakken "(?P<bakke>[^"]+)" for "(?P<bruger>[^"]+)" i "(?P<gruppe>[^"]+)"'
_VISER = r'(?:skemaet "(?P<navn>[^"]+)"|(?P<ingen>ingen skemaer))'


def _state(verden: Verden, label: str) -> str:
    return next(s.id for s in verden.workflow.spec.states if s.label == label)


@then(parsers.re(rf"viser {_BAKKE} {_VISER}"))
@then(parsers.re(rf"{_BAKKE} viser {_VISER}"))
def bakken_viser(
    verden: Verden, bakke: str, bruger: str, gruppe: str, navn: str | None, ingen: str | None
) -> None:
    assert verden.in_group(bruger, gruppe).status_code == 303
    page = verden.client(bruger).get(f"/bakker?bakke={_state(verden, bakke)}")
    expected = [] if ingen else [verden.form_id(navn)]
    assert [row[0] for row in FORM_ID.findall(page.text)] == expected


@then(parsers.re(r'kan "(?P<bruger>[^"]+)" ikke se bakken "(?P<bakke>[^"]+)" i "(?P<gruppe>[^"]+)"'))
def ikke_se_bakken(verden: Verden, bruger: str, bakke: str, gruppe: str) -> None:
    assert verden.in_group(bruger, gruppe).status_code == 400  # not a group of theirs
    page = verden.client(bruger).get(f"/bakker?bakke={_state(verden, bakke)}")
    assert not set(verden.forms.values()) & {row[0] for row in FORM_ID.findall(page.text)}


@then(parsers.re(r'viser Mine bakker for "(?P<bruger>[^"]+)" i "(?P<gruppe>[^"]+)":'))
def mine_bakker(verden: Verden, bruger: str, gruppe: str, datatable: list[list[str]]) -> None:
    assert verden.in_group(bruger, gruppe).status_code == 303
    page = verden.client(bruger).get("/bakker").text
    counters = re.findall(r'data-tray="\w+">([^<]*) \((\d+)\)</a>', page)
    _header, *rows = datatable
    assert [[html.unescape(label), count] for label, count in counters] == rows


_SKEMAER = (
    r'Skemaer for "(?P<bruger>[^"]+)" i "(?P<gruppe>[^"]+)"'
    r'(?: sorteret efter "(?P<kolonne>[^"]+)"(?P<faldende> faldende)?| i bakken "(?P<bakke>[^"]+)")'
)


def _skemaer(
    verden: Verden, bruger: str, gruppe: str, kolonne: str | None, faldende: str | None, bakke: str | None
) -> list[tuple[str, str, str, str]]:
    """»Skemaer« as the user's page lists it: (form id, tray id, version, CPR number) per row."""
    assert verden.in_group(bruger, gruppe).status_code == 303
    params = {"sorter": SORTING[kolonne or "cpr"], "orden": "faldende" if faldende else "stigende"}
    if bakke:
        params["bakke"] = _state(verden, bakke)
    page = verden.client(bruger).get("/skemaer", params=params)
    assert page.status_code == 200
    return FORM_ID.findall(page.text)


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
    names = {form_id: name for name, form_id in verden.forms.items()}
    labels = {s.id: s.label for s in verden.workflow.spec.states}
    _header, *rows = datatable
    got = [
        [names.get(form_id, form_id), cpr, labels[state], version]
        for form_id, state, version, cpr in _skemaer(verden, bruger, gruppe, kolonne, faldende, bakke)
    ]
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
    rows = _skemaer(verden, bruger, gruppe, kolonne, faldende, bakke)
    assert [version for _, _, version, _ in rows] == _names(versioner)


@then(parsers.re(r'finder søgningen skemaerne "(?P<fundet>[^"]*)"'))
def fundet(verden: Verden, fundet: str) -> None:
    svar = verden.answer()
    assert svar.kind == "found", svar
    names = {form_id: name for name, form_id in verden.forms.items()}
    assert sorted(names[form_id] for form_id in svar.data) == _names(fundet)


@then(parsers.re(r'afvises søgningen, fordi "(?P<tekst>[^"]+)" ikke er et CPR-nummer'))
def ikke_cpr(verden: Verden, tekst: str) -> None:
    svar = verden.answer()
    assert svar.kind != "found" and svar.status == 400, svar
