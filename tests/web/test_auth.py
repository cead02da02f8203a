"""Login on every route, sessions and CSRF (engine/web/auth.py, engine/accounts; manual A01)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount, Route

from engine.accounts import token_hash
from engine.web.app import create_app
from engine.web.auth import PUBLIC_PATHS, SESSION_COOKIE, is_public
from engine.web.settings import Settings
from tests.web.accounts import TEST_PASSWORD, add_user, csrf_token, sign_in
from tests.web.conftest import TestClient


@pytest.fixture
def app(tmp_path: Path) -> Starlette:
    return create_app(Settings(data_dir=tmp_path / "data", demo=True))


@pytest.fixture
def anonymous(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def _concrete(path: str) -> str:
    """A path of ``path`` with its parameters filled in."""
    return re.sub(r"\{[^}]+\}", "x1", path)


def every_route(app: Starlette) -> list[tuple[str, str]]:
    """(method, path) of every route of the app, parameters filled in: a new route is in it at once."""
    found = []
    for route in app.routes:
        if isinstance(route, Mount):
            found.append(("GET", f"{route.path}/form.css"))
        elif isinstance(route, Route):
            for method in sorted(route.methods or {"GET", "POST", "PUT", "DELETE"}):
                if method != "HEAD":
                    found.append((method, _concrete(route.path)))
    return found


def test_every_route_but_login_static_and_ping_refuses_an_anonymous_request(
    app: Starlette, anonymous: TestClient
) -> None:
    routes = every_route(app)
    assert len(routes) > 20
    for method, path in routes:
        answer = anonymous.request(method, path, follow_redirects=False)
        if is_public(path):
            assert answer.status_code in (200, 303, 401, 404), (
                method,
                path,
            )  # 401: no such user; 404: no OIDC
            continue
        if path.startswith("/api/"):
            assert answer.status_code == 401, (method, path, answer.status_code)
            assert answer.json()["error"] == "login_required"
        else:
            assert answer.status_code == 303, (method, path, answer.status_code)
            assert answer.headers["location"] == "/login"
    public = {path for _, path in routes if is_public(path)}
    assert public == {"/login", "/login/oidc", "/login/oidc/callback", "/api/ping", "/static/form.css"}
    assert frozenset({"/login", "/api/ping"}) == PUBLIC_PATHS


def test_the_login_page_has_its_fields_and_names_the_demo_users(anonymous: TestClient) -> None:
    page = anonymous.get("/login").text
    assert '<label for="username">Brugernavn</label>' in page
    assert '<label for="password">Adgangskode</label>' in page
    assert ">Log ind</button>" in page
    for user in ("laege", "sekretaer", "laeser", "kirurg", "admin"):
        assert f"»{user}«" in page


def test_without_demo_no_account_exists_and_the_page_says_how_to_make_one(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data"))
    with TestClient(app) as client:
        page = client.get("/login").text
        assert "indberet users add" in page
        answer = client.post("/login", data={"username": "admin", "password": "demo"})
        assert answer.status_code == 401


def test_a_wrong_password_and_an_unknown_user_get_the_same_danish_answer(anonymous: TestClient) -> None:
    wrong = anonymous.post("/login", data={"username": "laege", "password": "forkert"})
    unknown = anonymous.post("/login", data={"username": "ingen", "password": "demo"})
    assert wrong.status_code == unknown.status_code == 401
    text = "Brugernavnet eller adgangskoden er forkert."
    assert text in wrong.text and text in unknown.text
    assert SESSION_COOKIE not in anonymous.cookies


@pytest.mark.parametrize(
    "username",
    ["", " ", "x" * 10_000, "laege\x00", "læge", "<script>alert(1)</script>", "LAEGE' OR 1=1 --"],
)
def test_odd_usernames_get_the_same_answer_and_are_escaped(anonymous: TestClient, username: str) -> None:
    answer = anonymous.post("/login", data={"username": username, "password": "demo"})
    assert answer.status_code in (401, 429)
    assert "<script>alert" not in answer.text
    assert "Traceback" not in answer.text


def test_a_username_that_is_not_utf_8_gets_the_same_answer(anonymous: TestClient) -> None:
    body = b"username=%ED%B3%BF%FF&password=demo"  # a lone surrogate and a byte that is no UTF-8
    headers = {"content-type": "application/x-www-form-urlencoded"}
    answer = anonymous.post("/login", content=body, headers=headers)
    assert answer.status_code == 401
    assert "Brugernavnet eller adgangskoden er forkert." in answer.text


def test_logins_are_limited_per_user(anonymous: TestClient) -> None:
    statuses = [
        anonymous.post("/login", data={"username": "sekretaer", "password": "forkert"}).status_code
        for _ in range(7)
    ]
    assert statuses[:5] == [401] * 5
    assert statuses[-1] == 429
    assert (
        "For mange forsøg"
        in anonymous.post("/login", data={"username": "sekretaer", "password": "demo"}).text
    )


def test_the_session_cookie_is_http_only_and_lax(anonymous: TestClient) -> None:
    answer = anonymous.post("/login", data={"username": "laege", "password": "demo"}, follow_redirects=False)
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"].lower()
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert "secure" not in cookie  # not behind TLS here


def test_behind_tls_the_cookie_is_secure(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", demo=True, https_only=True))
    with TestClient(app) as client:
        answer = client.post("/login", data={"username": "laege", "password": "demo"}, follow_redirects=False)
    assert "secure" in answer.headers["set-cookie"].lower()


def test_the_store_keeps_only_a_hash_of_the_session_token(app: Starlette, anonymous: TestClient) -> None:
    sign_in(anonymous, "laege")
    token = anonymous.cookies[SESSION_COOKIE]
    store = app.state.indberet.store
    assert store.signed_in(token) is None
    assert store.signed_in(token_hash(token)) is not None


def test_a_password_is_stored_only_as_an_argon2_hash(app: Starlette) -> None:
    add_user(app, "hashet")
    stored = app.state.indberet.store.user_by_name("hashet")
    assert stored.password_hash.startswith("$argon2id$")
    assert TEST_PASSWORD not in stored.password_hash
    database = (Path(app.state.indberet.settings.data_dir) / "indberet.sqlite3").read_bytes()
    assert TEST_PASSWORD.encode() not in database


def test_a_post_without_the_csrf_token_is_refused(anonymous: TestClient) -> None:
    token = sign_in(anonymous, "laege")
    del anonymous.headers["X-CSRF-Token"]
    without = anonymous.post("/api/v1/validate", json={})
    assert without.status_code == 403
    assert without.json()["error"] == "csrf_refused"
    wrong = anonymous.post("/api/v1/validate", json={}, headers={"X-CSRF-Token": token + "x"})
    assert wrong.status_code == 403
    assert anonymous.post("/api/v1/validate", json={}, headers={"X-CSRF-Token": token}).status_code == 200
    form = anonymous.post("/roller", data={"group": "onkologisk-afdeling", "role": "laese"})
    assert form.status_code == 403
    assert "Genindlæs siden" in form.text


def test_a_token_of_an_ended_session_is_refused(anonymous: TestClient) -> None:
    old = sign_in(anonymous, "laege")
    assert anonymous.post("/logout", data={"csrf_token": old}, follow_redirects=False).status_code == 303
    sign_in(anonymous, "laege")
    replayed = anonymous.post("/api/v1/validate", json={}, headers={"X-CSRF-Token": old})
    assert replayed.status_code == 403


def test_logging_out_ends_the_session_at_once(anonymous: TestClient) -> None:
    sign_in(anonymous, "laege")
    kept = anonymous.cookies[SESSION_COOKIE]
    anonymous.post("/logout", follow_redirects=False)
    anonymous.cookies.set(SESSION_COOKIE, kept)  # the cookie copied before: worth nothing now
    assert anonymous.get("/skema/ny", follow_redirects=False).status_code == 303


def test_a_tampered_or_unknown_session_cookie_is_sent_to_login(anonymous: TestClient) -> None:
    for value in ["x", "A" * 43, "%C3%B8" * 50, "1" * 5_000]:
        anonymous.cookies.set(SESSION_COOKIE, value)
        page = anonymous.get("/skema/ny", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
        api = anonymous.post("/api/v1/validate", json={})
        assert api.status_code == 401
        assert api.json()["message"] == "Log ind for at fortsætte."


def test_an_expired_session_is_sent_to_login(app: Starlette, anonymous: TestClient) -> None:
    import datetime

    sign_in(anonymous, "laege")
    token = anonymous.cookies[SESSION_COOKIE]
    store = app.state.indberet.store
    store.touch_session(token_hash(token), datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2))
    assert anonymous.get("/skema/ny", follow_redirects=False).status_code == 303
    assert store.signed_in(token_hash(token)) is None  # and it is gone for good


def test_a_deactivated_users_open_session_stops_at_the_next_request(app: Starlette) -> None:
    with TestClient(app) as user, TestClient(app) as admin:
        sign_in(user, "sekretaer")
        assert user.get("/skema/ny").status_code == 200
        sign_in(admin, "admin")
        answer = admin.post("/admin/brugere/demo-sekretaer/deaktiver", follow_redirects=False)
        assert answer.status_code == 303
        assert user.get("/skema/ny", follow_redirects=False).status_code == 303
        again = user.post("/login", data={"username": "sekretaer", "password": "demo"})
        assert again.status_code == 401


def test_a_login_form_from_another_site_is_refused(anonymous: TestClient) -> None:
    answer = anonymous.post(
        "/login", data={"username": "laege", "password": "demo"}, headers={"Origin": "https://evil.example"}
    )
    assert answer.status_code == 403
    assert SESSION_COOKIE not in anonymous.cookies


def test_the_header_shows_the_user_and_the_group_switch(anonymous: TestClient) -> None:
    sign_in(anonymous, "laege")
    page = anonymous.get("/skema/ny").text
    assert "Lene Læge" in page
    assert 'id="group-switch"' in page and "Kirurgisk Afdeling" in page
    token = csrf_token(anonymous)
    switched = anonymous.post("/gruppe", data={"group": "onkologisk-afdeling", "csrf_token": token})
    assert switched.status_code == 200
    assert '<option value="onkologisk-afdeling" selected>' in anonymous.get("/skema/ny").text
    foreign = anonymous.post("/gruppe", data={"group": "ukendt", "csrf_token": token})
    assert foreign.status_code == 400
    assert "ikke medlem" in foreign.text


def test_a_reader_sees_the_form_read_only(anonymous: TestClient) -> None:
    sign_in(anonymous, "laeser")
    page = anonymous.get("/skema/ny").text
    assert '<fieldset class="read-only" disabled' in page
    assert "kun læseadgang" in page
    sign_in(anonymous, "sekretaer")
    assert "read-only" not in anonymous.get("/skema/ny").text


def test_a_role_request_for_a_group_that_does_not_exist_is_a_clear_answer(anonymous: TestClient) -> None:
    token = sign_in(anonymous, "sekretaer")
    answer = anonymous.post("/roller", data={"group": "findes-ikke", "role": "laese", "csrf_token": token})
    assert answer.status_code == 400
    assert "Brugergruppen findes ikke." in answer.text
    unknown_role = anonymous.post(
        "/roller", data={"group": "onkologisk-afdeling", "role": "chef", "csrf_token": token}
    )
    assert "Rollen findes ikke." in unknown_role.text


def test_a_user_made_without_a_group_is_refused(app: Starlette) -> None:
    from engine.accounts import AccountProblem

    with pytest.raises(AccountProblem, match="mindst én brugergruppe"):
        app.state.indberet.accounts.create_user("ny", "Ny Bruger", TEST_PASSWORD, {})


def test_only_an_administrator_reaches_the_administration(anonymous: TestClient) -> None:
    sign_in(anonymous, "laege")
    assert anonymous.get("/admin").status_code == 403
    denied = anonymous.post("/admin/grupper", data={"name": "Min gruppe"})
    assert denied.status_code == 403
    sign_in(anonymous, "admin")
    assert anonymous.get("/admin").status_code == 200
    made = anonymous.post("/admin/grupper", data={"name": "Hæmatologisk Afdeling"}, follow_redirects=False)
    assert made.status_code == 303
    assert "Hæmatologisk Afdeling" in anonymous.get("/admin").text
