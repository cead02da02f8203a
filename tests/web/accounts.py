"""Signed-in test clients: the real login (POST /login), and the CSRF token the pages carry.

    with TestClient(app) as client:
        sign_in(client, "sekretaer")          # a demo user (the app made with demo=True)
        client.post("/api/v1/validate", json={})

``sign_in`` leaves the session cookie in the client and sets the ``X-CSRF-Token`` header on every later
request, as the pages' scripts do. ``add_user`` makes a user on an app without the demo accounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from starlette.applications import Starlette

from engine.accounts import DEMO_PASSWORD
from engine.web.state import AppState

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
TEST_PASSWORD = "en god adgangskode"


def accounts_of(app: Starlette) -> Any:
    state = app.state.indberet
    assert isinstance(state, AppState)
    return state.accounts


def add_user(
    app: Starlette,
    username: str = "tester",
    roles: Mapping[str, Iterable[str]] | None = None,
    *,
    administrator: bool = False,
    password: str = TEST_PASSWORD,
) -> None:
    """A user on ``app``, member of group ``test`` (made when missing) with every role of the form,
    unless ``roles`` says otherwise."""
    accounts = accounts_of(app)
    if "test" not in accounts.groups():
        accounts.create_group("Test", by=None, id="test")
    chosen = roles if roles is not None else {"test": list(accounts.roles)}
    accounts.create_user(username, username.title(), password, chosen, administrator=administrator)


def csrf_token(client: Any) -> str:
    page = client.get("/roller")
    assert page.status_code == 200, page.status_code
    found = CSRF_META.search(page.text)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: Any, username: str = "laege", password: str = DEMO_PASSWORD) -> str:
    """Log ``username`` in through the login page; the session's CSRF token (also set as a header)."""
    client.headers.pop("X-CSRF-Token", None)
    client.cookies.clear()  # as a browser nobody is signed in with
    answer = client.post("/login", data={"username": username, "password": password}, follow_redirects=False)
    assert answer.status_code == 303, (answer.status_code, answer.text[:300])
    token = csrf_token(client)
    client.headers["X-CSRF-Token"] = token
    return token


@contextmanager
def signed_in_client(app: Starlette, username: str | None = None, **options: Any) -> Iterator[Any]:
    """A test client of ``app`` with a user signed in: ``username`` (a demo user by default ``laege``
    when the app has the demo accounts, else a user made for the test)."""
    from tests.web.conftest import TestClient

    with TestClient(app, **options) as client:
        state = app.state.indberet
        if username is None and not state.settings.demo:
            add_user(app)
            sign_in(client, "tester", TEST_PASSWORD)
        else:
            sign_in(client, username or "laege")
        yield client


def wire_sign_in(url: str, username: str = "laege", password: str = DEMO_PASSWORD) -> dict[str, str]:
    """Log in to a server on the wire (``live.in_thread``, ``live.indberet_serve``): the headers that
    make a request signed in (the session cookie, the CSRF token)."""
    import httpx

    from engine.web.auth import SESSION_COOKIE

    answer = httpx.post(f"{url}/login", data={"username": username, "password": password})
    assert answer.status_code == 303, (answer.status_code, answer.text[:300])
    cookie = f"{SESSION_COOKIE}={answer.cookies[SESSION_COOKIE]}"
    page = httpx.get(f"{url}/roller", headers={"Cookie": cookie})
    found = CSRF_META.search(page.text)
    assert found, "no CSRF token in the page"
    return {"Cookie": cookie, "X-CSRF-Token": found.group(1)}


def scope_sign_in(app: Starlette, username: str = "laege") -> list[tuple[bytes, bytes]]:
    """For a request sent to ``app`` as an ASGI scope: the headers of a session signed in for it."""
    from engine.web.auth import SESSION_COOKIE
    from tests.web.conftest import TestClient

    client = TestClient(app)
    token = sign_in(client, username)
    return [
        (b"cookie", f"{SESSION_COOKIE}={client.cookies[SESSION_COOKIE]}".encode()),
        (b"x-csrf-token", token.encode()),
    ]
