"""Logging in through OpenID Connect (engine/web/oidc.py), against a real local provider started by the test
(oidc-provider-mock: a Flask app under werkzeug in a thread): a login that succeeds, one the provider
refuses, an expired one, a wrong state, a wrong nonce, an unknown identity, an unreachable provider."""

from __future__ import annotations

import base64
import datetime
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from starlette.applications import Starlette

from engine.web import oidc
from engine.web.app import create_app
from engine.web.auth import SESSION_COOKIE
from engine.web.settings import Settings
from tests.web.conftest import TestClient

with warnings.catch_warnings():  # the mock imports Authlib's older modules, which warn
    warnings.simplefilter("ignore")
    import oidc_provider_mock

CLIENT_ID = "indberet-test"


@contextmanager
def provider(**options: Any) -> Iterator[str]:
    """A provider on a free local port (its issuer URL); its user ``lene`` has a name and an email."""
    lene = oidc_provider_mock.User(sub="lene-sub", claims={"name": "Lene Læge", "email": "laege"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with oidc_provider_mock.run_server_in_thread(user_claims=[lene], **options) as server:
            oidc._PROVIDERS.clear()  # each provider has keys of its own
            yield f"http://localhost:{server.server_port}"
    oidc._PROVIDERS.clear()


def _app(tmp_path: Path, issuer: str, **settings: Any) -> Starlette:
    values = {"oidc_client_secret": "hemmelig", "oidc_client_id": CLIENT_ID, **settings}
    app = create_app(Settings(data_dir=tmp_path / "data", demo=True, oidc_issuer=issuer, **values))
    accounts = app.state.indberet.accounts
    lene = accounts.user("laege")
    accounts.store.update_user(type(lene)(**{**lene.__dict__, "external_id": f"{issuer}|lene-sub"}))
    return app


def _at_provider(client: TestClient, *, sub: str = "lene-sub", deny: bool = False) -> tuple[str, str]:
    """Start the login and answer the provider's form; the callback's path and query."""
    start = client.get("/login/oidc", follow_redirects=False)
    assert start.status_code == 303
    form = {"action": "deny"} if deny else {"sub": sub}
    answer = httpx.post(start.headers["location"], data=form, follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text[:300]
    target = urlsplit(answer.headers["location"])
    assert target.path == "/login/oidc/callback"
    return target.path, target.query


def test_a_login_through_the_provider_is_a_session_like_any_other(tmp_path: Path) -> None:
    with provider() as issuer, TestClient(_app(tmp_path, issuer)) as client:
        assert "Log ind med NemLog-in" in client.get("/login").text
        path, query = _at_provider(client)
        assert "code" in parse_qs(query) and "state" in parse_qs(query)
        done = client.get(f"{path}?{query}", follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == "/"
        assert SESSION_COOKIE in client.cookies
        page = client.get("/skema/ny")
        assert page.status_code == 200 and "Lene Læge" in page.text
        events = client.app.state.indberet.store.account_events()  # type: ignore[attr-defined]
        assert events[0].event == "login" and events[0].details == {"how": "oidc"}


def test_the_start_sends_pkce_state_and_nonce(tmp_path: Path) -> None:
    with provider() as issuer, TestClient(_app(tmp_path, issuer)) as client:
        start = client.get("/login/oidc", follow_redirects=False)
    query = parse_qs(urlsplit(start.headers["location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["client_id"] == [CLIENT_ID]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    cookie = start.headers["set-cookie"].lower()
    assert "httponly" in cookie and "path=/login/oidc" in cookie


def test_a_login_the_provider_refuses_gives_a_danish_page_and_no_session(tmp_path: Path) -> None:
    with provider() as issuer, TestClient(_app(tmp_path, issuer)) as client:
        path, query = _at_provider(client, deny=True)
        assert parse_qs(query)["error"] == ["access_denied"]
        answer = client.get(f"{path}?{query}")
        assert answer.status_code == 401
        assert "Log ind blev afvist hos NemLog-in." in answer.text
        assert SESSION_COOKIE not in client.cookies
        (event, *_) = client.app.state.indberet.store.account_events()  # type: ignore[attr-defined]
        assert (event.event, event.details["reason"]) == ("login_failed", "access_denied")


def test_an_expired_id_token_is_refused(tmp_path: Path) -> None:
    expired = provider(access_token_max_age=datetime.timedelta(seconds=-3600))
    with expired as issuer, TestClient(_app(tmp_path, issuer)) as client:
        path, query = _at_provider(client)
        answer = client.get(f"{path}?{query}")
    assert answer.status_code == 401
    assert "er udløbet" in answer.text
    assert SESSION_COOKIE not in client.cookies


def test_a_login_begun_too_long_ago_is_refused(tmp_path: Path) -> None:
    with provider() as issuer, TestClient(_app(tmp_path, issuer)) as client:
        path, query = _at_provider(client)
        flow = json.loads(base64.urlsafe_b64decode(client.cookies[oidc.FLOW_COOKIE]))
        flow["at"] -= oidc.FLOW_MAX_AGE + 1
        client.cookies.set(oidc.FLOW_COOKIE, base64.urlsafe_b64encode(json.dumps(flow).encode()).decode())
        answer = client.get(f"{path}?{query}")
    assert answer.status_code == 401 and "tog for lang tid" in answer.text


def test_a_wrong_state_is_refused(tmp_path: Path) -> None:
    with provider() as issuer, TestClient(_app(tmp_path, issuer)) as client:
        path, query = _at_provider(client)
        forged = query.replace("state=", "state=x")
        answer = client.get(f"{path}?{forged}")
        assert answer.status_code == 401
        assert "svaret kom ikke fra den indlogning, der blev startet her" in answer.text
        client.cookies.clear()  # another browser: no login begun there at all
        assert client.get(f"{path}?{query}").status_code == 401
    assert SESSION_COOKIE not in client.cookies


def test_a_wrong_nonce_is_refused(tmp_path: Path) -> None:
    with provider() as issuer, TestClient(_app(tmp_path, issuer)) as client:
        path, query = _at_provider(client)
        flow = json.loads(base64.urlsafe_b64decode(client.cookies[oidc.FLOW_COOKIE]))
        flow["nonce"] = "en-anden"
        client.cookies.set(oidc.FLOW_COOKIE, base64.urlsafe_b64encode(json.dumps(flow).encode()).decode())
        answer = client.get(f"{path}?{query}")
    assert answer.status_code == 401
    assert "hører ikke til denne indlogning" in answer.text
    assert SESSION_COOKIE not in client.cookies


def test_an_identity_no_user_is_linked_to_is_refused_unless_a_claim_names_one(tmp_path: Path) -> None:
    with provider() as issuer:
        with TestClient(_app(tmp_path / "a", issuer)) as client:
            path, query = _at_provider(client, sub="fremmed")
            answer = client.get(f"{path}?{query}")
            assert answer.status_code == 401 and "har ingen bruger i indberet" in answer.text
        # With oidc_username_claim the provider's claim may name the user: the mock's email claim of a new
        # subject is the subject itself, here "kirurg".
        with TestClient(_app(tmp_path / "b", issuer, oidc_username_claim="email")) as client:
            path, query = _at_provider(client, sub="kirurg")
            assert client.get(f"{path}?{query}", follow_redirects=False).status_code == 303
            assert "Karl Kirurg" in client.get("/skema/ny").text


def test_an_unreachable_provider_is_a_danish_page(tmp_path: Path) -> None:
    from tests.web.live import free_port

    app = _app(tmp_path, f"http://127.0.0.1:{free_port()}")
    with TestClient(app) as client:
        answer = client.get("/login/oidc")
    assert answer.status_code == 401
    assert "svarer ikke lige nu" in answer.text


def test_without_a_provider_there_is_no_button_and_no_route(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path / "data", demo=True))) as client:
        assert "NemLog-in" not in client.get("/login").text
        assert client.get("/login/oidc").status_code == 404
        assert client.get("/login/oidc/callback?code=x&state=y").status_code == 404
