"""The benchmarks' clients sign in as the app's users do (every route but /api/ping needs a session):
one login per run, its session cookie and CSRF token sent with every request.

    sign_in_to(base)               # after the server is up; fills SESSION
    headers = {**SESSION, ...}     # for httpx; raw clients and wrk's Lua write the same lines
"""

from __future__ import annotations

import re

import httpx

SESSION: dict[str, str] = {}  # the headers of a signed-in request (Cookie, X-CSRF-Token)
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def sign_in_to(base: str, username: str = "laege", password: str = "demo") -> dict[str, str]:
    """Log the demo user in on the server at ``base``; the headers, also kept in :data:`SESSION`."""
    answer = httpx.post(f"{base}/login", data={"username": username, "password": password}, timeout=30)
    if answer.status_code != 303:
        raise SystemExit(f"cannot log in to {base}: {answer.status_code}")
    cookie = "; ".join(f"{name}={value}" for name, value in answer.cookies.items())
    page = httpx.get(f"{base}/roller", headers={"Cookie": cookie}, timeout=30)
    found = CSRF_META.search(page.text)
    if found is None:
        raise SystemExit("no CSRF token in the page")
    SESSION.update({"Cookie": cookie, "X-CSRF-Token": found.group(1)})
    return dict(SESSION)


def raw_lines() -> str:
    """:data:`SESSION` as header lines of a raw HTTP/1.1 request."""
    return "".join(f"{name}: {value}\r\n" for name, value in SESSION.items())


def lua_table() -> str:
    """:data:`SESSION` as the entries of a Lua table (for wrk.format)."""
    return ", ".join(f'["{name}"] = "{value}"' for name, value in SESSION.items())
