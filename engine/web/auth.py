"""Who is asking: every request but the login page, static files and ``/api/ping`` comes from a signed-in
user, and every request that changes something carries the session's CSRF token (manual A01).

The session is a random token in an HttpOnly, SameSite=Lax cookie (Secure behind TLS); the store keeps
only its hash, with the user and their roles read anew on every request, so that logging out, a
deactivated user or a changed role acts on the next request (``engine.accounts``). The middleware sets

- ``request.state.signed_in`` — the :class:`engine.accounts.SignedIn` (session, user, roles, group),
- ``request.state.user`` — a :class:`User`, ``request.state.group`` — the current group id or None,
- ``request.state.actor`` — the :class:`engine.trays.actor.Actor` the stored forms' service judges.

Without a session a page answers 303 to ``/login`` and the API 401. A POST, PUT, PATCH or DELETE needs the
session's CSRF token: in the header ``X-CSRF-Token`` (the pages' scripts, from ``<meta name="csrf-token">``)
or the form field ``csrf_token`` (``{{ csrf_field() }}``); else 403. The login form itself, which no
session protects yet, is refused when the browser says it was sent from another site.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from engine.accounts import Accounts, SignedIn
from engine.trays.actor import Actor
from engine.web.error_answers import answer_error

SESSION_COOKIE = "indberet_session"
PUBLIC_PATHS = frozenset({"/login", "/api/ping"})
PUBLIC_PREFIXES = ("/static/", "/login/")  # the login page's own steps (OpenID Connect)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
MAX_FORM_BODY = 256 * 1024  # bytes of a page's form post read to find its token


@dataclass(frozen=True)
class User:
    """The signed-in user as endpoints see them; ``cvr`` is the region whose SOR units "Mit CVR" finds."""

    id: str
    username: str
    name: str
    administrator: bool = False
    cvr: str = ""


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


class SignIn:
    """Sets who is asking from the session cookie; refuses anonymous requests and requests without the
    CSRF token."""

    def __init__(self, app: ASGIApp, accounts: Accounts, cvr: str = "") -> None:
        self.app = app
        self.accounts = accounts
        self.cvr = cvr

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        token = request.cookies.get(SESSION_COOKIE, "")
        signed_in = await run_in_threadpool(self.accounts.signed_in, token) if token else None
        state = scope.setdefault("state", {})
        state["signed_in"] = signed_in
        state["user"] = state["group"] = state["actor"] = None
        path = scope["path"]
        if signed_in is None:
            if is_public(path):
                if scope["method"] not in SAFE_METHODS and _cross_site(request):
                    await answer_error(request, 403, "csrf_refused")(scope, receive, send)
                    return
                await self.app(scope, receive, send)
                return
            await _anonymous(request, bool(token))(scope, receive, send)
            return
        user = signed_in.user
        state["user"] = User(user.id, user.username, user.name, user.administrator, self.cvr)
        state["group"] = signed_in.group
        state["actor"] = signed_in.actor(request.client.host if request.client else None)
        if scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and _is_form(request.headers):
            body, replay = await _read_body(receive)
            if body is None:
                await answer_error(request, 413, "too_large.any")(scope, receive, send)
                return
            sent = _form_token(body)
            receive = replay
        if sent is None or not hmac.compare_digest(sent.encode(), signed_in.csrf.encode()):
            await answer_error(request, 403, "csrf_refused")(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _anonymous(request: Request, had_cookie: bool) -> Response:
    if request.url.path.startswith("/api/"):
        answer = answer_error(request, 401, "login_required")
    else:
        answer = RedirectResponse("/login", status_code=303)
    if had_cookie:  # a session that ended, or a token that never was one: the browser forgets it
        answer.delete_cookie(SESSION_COOKIE, path="/")
    return answer


def _cross_site(request: Request) -> bool:
    """Whether the browser says the request was sent from another site (login CSRF): by its
    ``Sec-Fetch-Site``, else by an ``Origin`` other than this server's. (Under the pages'
    ``Referrer-Policy: no-referrer`` a browser sends ``Origin: null`` for its own forms too.)"""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "cross-site"
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return False
    return origin.rstrip("/") != f"{request.url.scheme}://{request.url.netloc}"


def _is_form(headers: Headers) -> bool:
    kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return kind == "application/x-www-form-urlencoded"


async def _read_body(receive: Receive) -> tuple[bytes | None, Receive]:
    """The whole body (None when larger than :data:`MAX_FORM_BODY`), and a ``receive`` that gives it
    to the app again."""
    chunks: list[bytes] = []
    size, more = 0, True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BODY:
            return None, receive
        chunks.append(chunk)
        more = message.get("more_body", False)
    body = b"".join(chunks)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


def _form_token(body: bytes) -> str | None:
    try:
        fields = parse_qs(body.decode("utf-8"), max_num_fields=1_000)
    except (UnicodeDecodeError, ValueError):
        return None
    values = fields.get(CSRF_FIELD, [])
    return values[0] if len(values) == 1 else None


def session_cookie(response: Response, token: str, *, secure: bool) -> None:
    """Give the browser the session's token: HttpOnly, SameSite=Lax, Secure behind TLS, for this browser
    session (the server ends it after an idle hour or a working day, whichever comes first)."""
    response.set_cookie(SESSION_COOKIE, token, path="/", httponly=True, samesite="lax", secure=secure)


def signed_in(request: Request) -> SignedIn | None:
    found = getattr(request.state, "signed_in", None)
    return found if isinstance(found, SignedIn) else None


def current_user(request: Request) -> User | None:
    user = getattr(request.state, "user", None)
    return user if isinstance(user, User) else None


def current_group(request: Request) -> str | None:
    group = getattr(request.state, "group", None)
    return group if isinstance(group, str) else None


def current_actor(request: Request) -> Actor:
    """The actor of a signed-in request (the middleware lets no other reach an endpoint that asks)."""
    actor = getattr(request.state, "actor", None)
    if not isinstance(actor, Actor):
        raise RuntimeError("current_actor asked on a request nobody signed in for")
    return actor
