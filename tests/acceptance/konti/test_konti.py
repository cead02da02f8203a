"""The scenarios of features/konti.feature (A01–A04, T01) through the web app over HTTP, with the demo
accounts, on SQLite and on PostgreSQL. Each user of a scenario has a browser of their own (a client with
its own cookies); a role, a group and a button are named as the pages name them."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from starlette.applications import Starlette

from engine.web.app import create_app
from engine.web.settings import Settings
from tests.postgres import postgres_schema
from tests.web.accounts import CSRF_META, TEST_PASSWORD
from tests.web.conftest import TestClient

scenarios("konti.feature")

UNREAD = re.compile(r"Ulæste beskeder \((\d+)\)")


@dataclass
class Verden:
    app: Starlette
    clients: dict[str, TestClient] = field(default_factory=dict)
    answer: Any = None

    def client(self, user: str) -> TestClient:
        if user not in self.clients:
            self.clients[user] = TestClient(self.app).__enter__()
        return self.clients[user]

    def csrf(self, user: str) -> str:
        found = CSRF_META.search(self.client(user).get("/roller").text)
        assert found, f"{user} is not signed in"
        return found.group(1)

    def post(self, user: str, path: str, data: dict[str, Any]) -> Any:
        self.answer = self.client(user).post(path, data={**data, "csrf_token": self.csrf(user)})
        return self.answer


@pytest.fixture(params=["sqlite", "postgresql"], autouse=True)
def backend(request: pytest.FixtureRequest) -> str:
    """Every scenario runs on both backends (autouse: pytest-bdd asks for the steps' fixtures by name)."""
    return str(request.param)


@pytest.fixture
def verden(backend: str, tmp_path: Path) -> Iterator[Verden]:
    if backend == "sqlite":
        yield from _world(Settings(data_dir=tmp_path / "data", demo=True))
    else:
        with postgres_schema() as url:
            yield from _world(Settings(data_dir=tmp_path / "data", demo=True, database=url))


def _world(settings: Settings) -> Iterator[Verden]:
    world = Verden(create_app(settings))
    try:
        yield world
    finally:
        for client in world.clients.values():
            client.__exit__(None, None, None)
        world.app.state.indberet.store.close()


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _groups(verden: Verden) -> dict[str, str]:
    return {name: id for id, name in verden.app.state.indberet.accounts.groups().items()}


def _role(verden: Verden, label: str) -> str:
    return {v: k for k, v in verden.app.state.indberet.accounts.roles.items()}[label]


# -- logging in ------------------------------------------------------------------------------------------
@given(parsers.parse('"{user}" er logget ind'))
def logget_ind(verden: Verden, user: str) -> None:
    answer = verden.client(user).post(
        "/login", data={"username": user, "password": "demo"}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text[:300]


@when(parsers.parse('"{user}" logger ind med adgangskoden "{password}"'))
def logger_ind(verden: Verden, user: str, password: str) -> None:
    verden.answer = verden.client(user).post("/login", data={"username": user, "password": password})


@when(parsers.parse('"{user}" logger ud'))
def logger_ud(verden: Verden, user: str) -> None:
    verden.post(user, "/logout", {})


@when(parsers.parse('en bruger, der ikke er logget ind, åbner siden "{path}"'))
def anonym_side(verden: Verden, path: str) -> None:
    verden.answer = verden.client("anonym").get(path)


@when(parsers.parse('en bruger, der ikke er logget ind, slår CPR-nummeret "{cpr}" op'))
def anonymt_opslag(verden: Verden, cpr: str) -> None:
    verden.answer = verden.client("anonym").post("/api/cpr", json={"cpr": cpr})


@then(parsers.parse('sendes brugeren til siden "{title}"'))
def til_siden(verden: Verden, title: str) -> None:
    assert verden.answer.url.path == "/login"
    assert f"<h1>{title}</h1>" in verden.answer.text


@then(parsers.parse('sendes "{user}" til siden "{title}", når skemaet åbnes igen'))
def til_siden_igen(verden: Verden, user: str, title: str) -> None:
    verden.answer = verden.client(user).get("/skema/ny")
    til_siden(verden, title)


@then(parsers.parse('svarer serveren {status:d} med beskeden "{message}"'))
def svar_json(verden: Verden, status: int, message: str) -> None:
    assert verden.answer.status_code == status
    assert verden.answer.json()["message"] == message


@then(parsers.parse('svarer serveren {status:d} med teksten "{message}"'))
def svar_side(verden: Verden, status: int, message: str) -> None:
    assert verden.answer.status_code == status
    assert message in _text(verden.answer.text)


@then("er CPR-opslaget ikke foretaget")
def intet_opslag(verden: Verden) -> None:
    assert verden.app.state.indberet.store.cpr_accesses() == []


@then(parsers.parse('vises fejlen "{message}"'))
def fejlen(verden: Verden, message: str) -> None:
    assert verden.answer.status_code in (400, 401)
    assert message in _text(verden.answer.text)


@then(parsers.parse('er "{user}" ikke logget ind'))
def ikke_logget_ind(verden: Verden, user: str) -> None:
    assert verden.client(user).get("/skema/ny").url.path == "/login"


# -- groups and roles --------------------------------------------------------------------------------
@when(parsers.parse('"{user}" åbner et nyt skema'))
def nyt_skema(verden: Verden, user: str) -> None:
    verden.answer = verden.client(user).get("/skema/ny")
    assert verden.answer.status_code == 200


@when(parsers.parse('"{user}" åbner siden "{path}"'))
def aabner_side(verden: Verden, user: str, path: str) -> None:
    verden.answer = verden.client(user).get(path)


@then(parsers.parse('er skemaet skrivebeskyttet med teksten "{message}"'))
def skrivebeskyttet(verden: Verden, message: str) -> None:
    assert '<fieldset class="read-only" disabled' in verden.answer.text
    assert message in _text(verden.answer.text)


@then("kan der skrives i skemaet")
def skrivbart(verden: Verden) -> None:
    assert "read-only" not in verden.answer.text
    assert 'id="f-cpr"' in verden.answer.text


@when(
    parsers.parse(
        '"{admin}" opretter brugeren "{user}" med navnet "{name}" i gruppen "{group}" med rollen "{role}"'
    )
)
def opretter_bruger(verden: Verden, admin: str, user: str, name: str, group: str, role: str) -> None:
    data = {
        "username": user,
        "name": name,
        "password": TEST_PASSWORD,
        "group": _groups(verden)[group],
        "roles": [_role(verden, role)],
    }
    verden.post(admin, "/admin/brugere", data)
    assert verden.answer.status_code == 200 and verden.answer.url.path == "/admin", verden.answer.text[:500]


@then(parsers.parse('er "{user}" medlem af "{group}" med rollerne "{roles}"'))
def medlem(verden: Verden, user: str, group: str, roles: str) -> None:
    store = verden.app.state.indberet.store
    found = store.memberships(store.user_by_name(user).id)
    assert found == {_groups(verden)[group]: frozenset(r.strip() for r in roles.split(","))}


@then(parsers.parse('kan "{user}" logge ind med den nye adgangskode'))
def ny_kan_logge_ind(verden: Verden, user: str) -> None:
    answer = verden.client(user).post(
        "/login", data={"username": user, "password": TEST_PASSWORD}, follow_redirects=False
    )
    assert answer.status_code == 303


@then(parsers.parse('kan "{user}" vælge mellem grupperne "{names}"'))
def kan_vaelge(verden: Verden, user: str, names: str) -> None:
    page = verden.client(user).get("/skema/ny").text
    switch = page[page.index('id="group-switch"') : page.index("</select>", page.index('id="group-switch"'))]
    assert re.findall(r">([^<]+)</option>", switch) == [n.strip() for n in names.split(",")]


@when(parsers.parse('"{user}" skifter til gruppen "{group}"'))
def skifter(verden: Verden, user: str, group: str) -> None:
    verden.post(user, "/gruppe", {"group": _groups(verden)[group]})


@then(parsers.parse('er "{group}" den aktuelle gruppe for "{user}"'))
def aktuel(verden: Verden, group: str, user: str) -> None:
    page = verden.client(user).get("/skema/ny").text
    assert f'<option value="{_groups(verden)[group]}" selected>' in page
    assert f'<dd id="gruppe">{group}</dd>' in page


# -- role requests and messages --------------------------------------------------------------------------
@when(parsers.parse('"{user}" anmoder om rollen "{role}" i gruppen "{group}"'))
@given(parsers.parse('"{user}" har anmodet om rollen "{role}" i gruppen "{group}"'))
def anmoder(verden: Verden, user: str, role: str, group: str) -> None:
    roles = {v: k for k, v in verden.app.state.indberet.accounts.roles.items()}
    verden.post(user, "/roller", {"group": _groups(verden).get(group, group), "role": roles[role]})


@then(parsers.parse('ser "{admin}" en anmodning fra "{user}" om rollen "{role}" i "{group}"'))
def ser_anmodning(verden: Verden, admin: str, user: str, role: str, group: str) -> None:
    page = _text(verden.client(admin).get("/admin").text)
    assert f"{user} {group} {role}" in page


def _decide(verden: Verden, admin: str, decision: str, reason: str = "") -> None:
    (pending,) = verden.app.state.indberet.store.role_requests(state="pending")
    verden.post(admin, f"/admin/anmodninger/{pending.id}", {"decision": decision, "reason": reason})
    assert verden.answer.url.path == "/admin", verden.answer.text[:300]


@when(parsers.parse('"{admin}" godkender anmodningen'))
@given(parsers.parse('"{admin}" har godkendt anmodningen'))
def godkender(verden: Verden, admin: str) -> None:
    _decide(verden, admin, "approve")


@when(parsers.parse('"{admin}" afviser anmodningen med begrundelsen "{reason}"'))
def afviser(verden: Verden, admin: str, reason: str) -> None:
    _decide(verden, admin, "reject", reason)


@then(parsers.parse('har "{user}" rollerne "{roles}" i "{group}"'))
def har_roller(verden: Verden, user: str, roles: str, group: str) -> None:
    page = _text(verden.client(user).get("/roller").text)  # the user's next request
    labels = verden.app.state.indberet.accounts.roles
    shown = ", ".join(labels[r.strip()] for r in roles.split(","))
    assert f"{group} {shown}" in page


@then(parsers.parse('har "{user}" {count:d} ulæst besked'))
@then(parsers.parse('har "{user}" {count:d} ulæste beskeder'))
def ulaeste(verden: Verden, user: str, count: int) -> None:
    found = UNREAD.search(verden.client(user).get("/roller").text)
    assert found and int(found.group(1)) == count


@then(parsers.parse('lyder beskeden til "{user}" "{message}"'))
def beskeden(verden: Verden, user: str, message: str) -> None:
    assert message in _text(verden.client(user).get("/beskeder").text)


@when(parsers.parse('"{user}" markerer alle beskeder som læst'))
def markerer(verden: Verden, user: str) -> None:
    verden.post(user, "/beskeder", {"all": "1"})
