"""The pages around the forms: logging in and out, the current group, role requests (A04), messages (T01)
and the administration of users, groups and roles.

Every change is a POST carrying the CSRF token (checked by ``engine.web.auth.SignIn``) and answered with a
redirect (303) to a page that shows the outcome, so a reload never sends it twice. What the accounts refuse
comes back as the page with the Danish text, and nothing the user typed but the password is lost.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.accounts import DEMO_PASSWORD, DEMO_USERS, TEXTS, AccountProblem, Accounts, SignedIn
from engine.web.auth import SESSION_COOKIE, session_cookie, signed_in
from engine.web.error_answers import answer_error
from engine.web.formbody import field, read_form
from engine.web.rate_limit import RateLimits
from engine.web.state import AppState, app_state
from renderers.html import AccountView, PageContext, render_error, render_page
from renderers.html.page import danish_time
from renderers.html.texts import text

# Logins: per client and per username, 5 at once, then one every 6 seconds (10 a minute), so guessing a
# password is slow while a user who mistypes twice is not held up.
LOGIN_RATE, LOGIN_BURST = 1 / 6, 5


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


async def account_view(request: Request) -> AccountView | None:
    """The header's view of the signed-in user (with their unread messages), or None."""
    who = signed_in(request)
    if who is None:
        return None
    accounts = app_state(request).accounts
    names = await run_in_threadpool(accounts.groups)
    unread = await run_in_threadpool(accounts.store.unread, who.user.id, tuple(who.roles))
    groups = tuple(sorted(((g, names.get(g, g)) for g in who.roles), key=lambda pair: pair[1]))
    return AccountView(
        who.user.username, who.user.name, who.csrf, who.group, groups, unread, who.user.administrator
    )


def _context(account: AccountView | None) -> PageContext:
    return PageContext(today=datetime.date.today(), account=account)


async def _form(request: Request) -> FormData | Response:
    """The posted form, or the answer to a post that is none (too large, not a form)."""
    return await read_form(request, max_fields=200)


def _field(form: FormData, name: str) -> str:
    return field(form, name)


def _me(request: Request) -> SignedIn:
    who = signed_in(request)
    if who is None:  # the middleware lets no anonymous request through to these pages
        raise RuntimeError("an account page without a signed-in user")
    return who


# -- logging in and out ---------------------------------------------------------------------------------
class LoginLimits:
    """Login attempts per client and per username (engine.web.rate_limit)."""

    def __init__(self) -> None:
        self.clients = RateLimits(LOGIN_RATE, LOGIN_BURST)
        self.usernames = RateLimits(LOGIN_RATE, LOGIN_BURST)

    def wait(self, client: str | None, username: str) -> float:
        return max(self.clients.wait(client or "?"), self.usernames.wait(username.strip().lower()[:64]))


async def _login_page(
    request: Request, *, username: str = "", error: str | None = None, status: int = 200
) -> Response:
    state = app_state(request)
    demo = ", ".join(f"»{name}«" for name in DEMO_USERS) if state.settings.demo else ""
    no_users = not demo and not await run_in_threadpool(state.accounts.store.list_users)
    html = render_page(
        "login.html",
        _context(None),
        username=username,
        error=error,
        demo_users=demo,
        no_users=no_users,
        extra_logins=getattr(request.app.state, "extra_logins", ()),
        demo_password=DEMO_PASSWORD,
    )
    return HTMLResponse(html, status_code=status)


async def login(request: Request) -> Response:
    if request.method == "GET":
        if signed_in(request) is not None:
            return RedirectResponse("/", status_code=303)
        return await _login_page(request)
    form = await _form(request)
    if isinstance(form, Response):
        return form
    username, password = _field(form, "username"), form.get("password")
    state: AppState = app_state(request)
    limits: LoginLimits = request.app.state.login_limits
    if limits.wait(_client(request), username) > 0:
        return await _login_page(request, username=username, error=TEXTS["login_limited"], status=429)
    try:
        started = await run_in_threadpool(
            state.accounts.log_in, username, password if isinstance(password, str) else "", _client(request)
        )
    except AccountProblem as problem:  # 429: too many failed logins with this name, on any app server
        status = 429 if problem.code == "login_limited" else 401
        return await _login_page(request, username=username, error=problem.text, status=status)
    answer = RedirectResponse("/", status_code=303)
    session_cookie(answer, started.token, secure=state.settings.https_only)
    return answer


async def logout(request: Request) -> Response:
    await run_in_threadpool(app_state(request).accounts.log_out, _me(request), _client(request))
    answer = RedirectResponse("/login", status_code=303)
    answer.delete_cookie(SESSION_COOKIE, path="/")
    return answer


async def switch_group(request: Request) -> Response:
    form = await _form(request)
    if isinstance(form, Response):
        return form
    try:
        await run_in_threadpool(app_state(request).accounts.switch_group, _me(request), _field(form, "group"))
    except AccountProblem as problem:
        return await _error_page(request, 400, problem.text)
    return RedirectResponse("/", status_code=303)


async def _error_page(request: Request, status: int, message: str) -> Response:
    return HTMLResponse(
        render_error(status, message, account=await account_view(request)), status_code=status
    )


# -- role requests (A04) --------------------------------------------------------------------------------
async def roles(request: Request) -> Response:
    state, me = app_state(request), _me(request)
    notice = error = None
    status = 200
    if request.method == "POST":
        form = await _form(request)
        if isinstance(form, Response):
            return form
        group, role = _field(form, "group"), _field(form, "role")
        try:
            await run_in_threadpool(state.accounts.request_role, me, group, role, _client(request))
        except AccountProblem as problem:
            error, status = problem.text, 400
        else:  # the group and role are known ids (request_role checked them): no personal data
            return RedirectResponse(f"/roller?sendt={_safe_key(role)}&gruppe={_safe_key(group)}", 303)
    sent_role, sent_group = request.query_params.get("sendt"), request.query_params.get("gruppe")
    groups = await run_in_threadpool(state.accounts.groups)
    if sent_role in state.accounts.roles and sent_group in groups:
        notice = text("request_sent", role=state.accounts.roles[sent_role], group=groups[sent_group])
    mine = await run_in_threadpool(lambda: state.accounts.store.role_requests(user_id=me.user.id))
    labels = state.accounts.roles
    my_roles = [
        (groups.get(g, g), ", ".join(labels.get(r, r) for r in labels if r in rs))
        for g, rs in sorted(me.roles.items())
    ]
    requests = [
        {
            "at": danish_time(r.at),
            "group": groups.get(r.group_id, r.group_id),
            "role": labels.get(r.role, r.role),
            "state": text(f"request_{r.state}"),
            "reason": r.reason,
        }
        for r in mine
    ]
    html = render_page(
        "roles.html",
        _context(await account_view(request)),
        notice=notice,
        error=error,
        my_roles=my_roles,
        groups=sorted(groups.items(), key=lambda pair: pair[1]),
        roles=list(labels.items()),
        requests=requests,
    )
    return HTMLResponse(html, status_code=status)


def _labels(labels: dict[str, str], roles: frozenset[str]) -> str:
    """The roles' labels in the spec's order, or "ingen roller"."""
    return ", ".join(label for role, label in labels.items() if role in roles) or text("no_roles")


def _safe_key(value: str) -> str:
    """An id for a redirect's query (group and role ids are ASCII words; nothing personal)."""
    return "".join(c for c in value if c.isascii() and (c.isalnum() or c in "-_"))[:64]


# -- messages (T01) -------------------------------------------------------------------------------------
async def messages(request: Request) -> Response:
    state, me = app_state(request), _me(request)
    store = state.accounts.store
    if request.method == "POST":
        form = await _form(request)
        if isinstance(form, Response):
            return form
        shown = await run_in_threadpool(store.messages, me.user.id, tuple(me.roles))
        chosen = _field(form, "id")
        ids = [m.id for m in shown if _field(form, "all") or str(m.id) == chosen]
        await run_in_threadpool(store.mark_read, me.user.id, ids)
        return RedirectResponse("/beskeder", status_code=303)
    found = await run_in_threadpool(store.messages, me.user.id, tuple(me.roles))
    shown_messages = [
        {"id": m.id, "at": danish_time(m.at), "subject": m.subject, "body": m.body, "read": m.read}
        for m in found
    ]
    html = render_page("messages.html", _context(await account_view(request)), messages=shown_messages)
    return HTMLResponse(html)


# -- administration -------------------------------------------------------------------------------------
async def admin(request: Request) -> Response:
    me = _me(request)
    if not me.user.administrator:
        return await _error_page(request, 403, TEXTS["admin_only"])
    return await _admin_page(request, notice=_notice(request.query_params.get("ok")))


def _notice(key: str | None) -> str | None:
    return {
        "godkendt": text("decided", state=text("request_approved")),
        "afvist": text("decided", state=text("request_rejected")),
        "gemt": text("saved"),
    }.get(key or "")


async def _admin_page(
    request: Request, *, notice: str | None = None, error: str | None = None, status: int = 200
) -> Response:
    state = app_state(request)
    accounts = state.accounts
    groups = await run_in_threadpool(accounts.groups)
    users = await run_in_threadpool(accounts.store.list_users)
    memberships = await run_in_threadpool(accounts.store.all_memberships)
    pending = await run_in_threadpool(accounts.store.role_requests, state="pending")
    by_id = {u.id: u for u in users}
    labels = accounts.roles

    def roles_of(user_id: str) -> list[str]:
        found = memberships.get(user_id, {})
        return [f"{groups.get(g, g)}: {_labels(labels, rs)}" for g, rs in sorted(found.items())]

    html = render_page(
        "admin.html",
        _context(await account_view(request)),
        notice=notice,
        error=error,
        requests=[
            {
                "id": r.id,
                "at": danish_time(r.at),
                "user": by_id[r.user_id].username if r.user_id in by_id else r.user_id,
                "group": groups.get(r.group_id, r.group_id),
                "role": labels.get(r.role, r.role),
            }
            for r in pending
        ],
        users=[
            {
                "id": u.id,
                "username": u.username,
                "name": u.name,
                "administrator": u.administrator,
                "active": u.active,
                "groups": roles_of(u.id),
            }
            for u in users
        ],
        groups=sorted(groups.items(), key=lambda pair: pair[1]),
        roles=list(labels.items()),
    )
    return HTMLResponse(html, status_code=status)


Change = Callable[[Accounts, SignedIn, FormData, str | None], object]


async def _admin_change(request: Request, change: Change, done: str = "gemt") -> Response:
    """An administrator's POST: ``change(accounts, admin, form, client)`` in a worker thread, then back to
    the administration page saying ``done`` — or, when the accounts refuse, the page with why."""
    me = _me(request)
    if not me.user.administrator:
        return await _error_page(request, 403, TEXTS["admin_only"])
    form = await _form(request)
    if isinstance(form, Response):
        return form
    accounts = app_state(request).accounts
    try:
        await run_in_threadpool(change, accounts, me, form, _client(request))
    except AccountProblem as problem:
        return await _admin_page(request, error=problem.text, status=400)
    return RedirectResponse(f"/admin?ok={done}", status_code=303)


def _roles_of(form: FormData) -> list[str]:
    return [role for role in form.getlist("roles") if isinstance(role, str)]


async def decide_request(request: Request) -> Response:
    try:
        request_id = int(request.path_params["request_id"])
    except ValueError:
        return answer_error(request, 404, "not_found")
    decisions: list[bool] = []  # the decision made, to say which on the page

    def decide(accounts: Accounts, me: SignedIn, form: FormData, client: str | None) -> None:
        if _field(form, "decision") not in ("approve", "reject"):
            raise AccountProblem("not_pending")
        approved = _field(form, "decision") == "approve"
        accounts.decide(me, request_id, approve=approved, reason=_field(form, "reason"), client=client)
        decisions.append(approved)

    answer = await _admin_change(request, decide)
    if decisions:
        return RedirectResponse(f"/admin?ok={'godkendt' if decisions[0] else 'afvist'}", status_code=303)
    return answer


async def create_user(request: Request) -> Response:
    def create(accounts: Accounts, me: SignedIn, form: FormData, client: str | None) -> None:
        password, group = form.get("password"), _field(form, "group")
        accounts.create_user(
            _field(form, "username"),
            _field(form, "name"),
            password if isinstance(password, str) else "",
            {group: _roles_of(form)} if group else {},
            by=me.user.id,
            client=client,
        )

    return await _admin_change(request, create)


async def set_roles(request: Request) -> Response:
    def set_them(accounts: Accounts, me: SignedIn, form: FormData, client: str | None) -> None:
        user = accounts.user(_field(form, "user"))
        accounts.set_roles(user, _field(form, "group"), _roles_of(form), by=me.user.id, client=client)

    return await _admin_change(request, set_them)


async def deactivate_user(request: Request) -> Response:
    def deactivate(accounts: Accounts, me: SignedIn, form: FormData, client: str | None) -> None:
        accounts.deactivate(accounts.user(request.path_params["user_id"]), by=me.user.id, client=client)

    return await _admin_change(request, deactivate)


async def create_group(request: Request) -> Response:
    def create(accounts: Accounts, me: SignedIn, form: FormData, client: str | None) -> None:
        accounts.create_group(_field(form, "name"), by=me.user.id, client=client)

    return await _admin_change(request, create)
