"""The accounts: users in user groups with roles per group, logins and sessions, role requests and the
messages that answer them (manual A01–A04, T01).

    accounts = Accounts(store, {"laese": "Læse", "indtaste": "Indtaste", "indberette": "Indberette"})
    started = accounts.log_in("sekretaer", "demo", client="10.1.2.3")   # AccountProblem when refused
    signed_in = accounts.signed_in(started.token)                       # for each request; None: log in again

The roles are the spec's ``workflow.roles``. A session is a random token in the user's cookie; the store
keeps only its SHA-256, so a copy of the database opens no session. Every request reads the session with
the user and their roles, so logging out, deactivating a user or changing their roles acts on the next
request, on every app server. Every login (and failed one), logout, role request and decision, and every
change to a user or group is written to the account audit with who, when and from which client.

Failed logins are counted by the name typed in that audit, so the limit on them (``failed_logins`` in
:data:`FAILED_LOGIN_WINDOW`) holds however many app servers share the store: beyond it a login with that
name is refused before its password is checked, until the oldest failure is out of the window.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from engine.accounts.passwords import hash_password, needs_rehash, verify_password
from engine.accounts.problems import AccountProblem
from engine.store.accounts import AccountEvent, AccountTables, GroupRow, RoleRequest, SessionRow, UserRow
from engine.store.base import untrusted_text
from engine.trays.actor import Actor

IDLE = datetime.timedelta(hours=1)  # a session unused this long has ended
LIFETIME = datetime.timedelta(hours=12)  # and one begun this long ago, however busy
TOUCH = datetime.timedelta(minutes=1)  # how stale the session's "last seen" may get before it is written
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
MAX_NAME = 200
MIN_PASSWORD, MAX_PASSWORD = 8, 1_000
MAX_REASON = 1_000
FAILED_LOGINS, FAILED_LOGIN_WINDOW = 20, datetime.timedelta(minutes=15)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def group_id_of(name: str) -> str:
    """A stable id for a group named ``name``: ``Onkologisk Afdeling`` → ``onkologisk-afdeling``."""
    folded = unicodedata.normalize(
        "NFKD", name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode()).strip("-")
    return slug[:60] or f"gruppe-{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Started:
    """A new session: the token for the cookie (shown once, never kept), and who it is for."""

    token: str
    user: UserRow


@dataclass(frozen=True)
class SignedIn:
    """Who a request comes from: the session, the user, their roles per group and the current group."""

    token_hash: str
    csrf: str
    user: UserRow
    roles: Mapping[str, frozenset[str]]
    group: str | None

    def actor(self, client: str | None = None) -> Actor:
        return Actor(self.user.id, self.roles, self.user.administrator, client)

    def roles_here(self) -> frozenset[str]:
        """The user's roles in the current group."""
        return self.roles.get(self.group, frozenset()) if self.group is not None else frozenset()


class Accounts:
    def __init__(
        self, store: AccountTables, roles: Mapping[str, str], *, failed_logins: int = FAILED_LOGINS
    ) -> None:
        if failed_logins < 1:
            raise ValueError("failed_logins: at least 1")
        self.store = store
        self.roles = dict(roles)  # id → label, in the spec's order
        self.failed_logins = failed_logins  # a name's failed logins allowed in FAILED_LOGIN_WINDOW

    # -- users and groups -------------------------------------------------------------------------------
    def create_user(
        self,
        username: str,
        name: str,
        password: str | None,
        groups: Mapping[str, Iterable[str]],
        *,
        administrator: bool = False,
        external_id: str | None = None,
        by: str | None = None,
        client: str | None = None,
    ) -> UserRow:
        """A new user, member of ``groups`` (group id → roles; A03: at least one, unless an administrator).
        AccountProblem when a value is not acceptable or the username is taken."""
        username = username.strip().lower()
        if not USERNAME.fullmatch(username):
            raise AccountProblem("bad_username")
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise AccountProblem("bad_name")
        if password is not None:
            self._check_password(password)
        if not groups and not administrator:
            raise AccountProblem("no_group")
        known = {group.id for group in self.store.list_groups()}
        if any(group not in known for group in groups):
            raise AccountProblem("unknown_group")
        memberships = {group: self._known_roles(roles) for group, roles in groups.items()}
        now = _now()
        user = UserRow(
            f"u-{secrets.token_hex(8)}",
            username,
            name,
            hash_password(password) if password is not None else None,
            administrator,
            True,
            now,
            external_id,
        )
        details = {"username": username, "groups": {g: sorted(r) for g, r in memberships.items()}}
        event = AccountEvent(
            now, "user_created", by, client=client, details={**details, "admin": administrator}
        )
        if not self.store.add_user(user, memberships, event):
            raise AccountProblem("username_taken")
        return user

    def user(self, username_or_id: str) -> UserRow:
        found = self.store.user_by_name(username_or_id.strip().lower()) or self.store.get_user(username_or_id)
        if found is None:
            raise AccountProblem("unknown_user")
        return found

    def names(self, user_ids: Iterable[str]) -> dict[str, str]:
        """How the pages name users by their ids: "Name (username)"; an id no user has stays as it is."""
        named = {}
        for user_id in set(user_ids):
            found = self.store.get_user(user_id)
            named[user_id] = (
                f"{found.name} ({found.username})"
                if found and found.name
                else (found.username if found else user_id)
            )
        return named

    def set_roles(
        self,
        user: UserRow,
        group: str,
        roles: Iterable[str] | None,
        *,
        by: str | None,
        client: str | None = None,
    ) -> None:
        """The user's roles in ``group`` become ``roles`` (a member without roles when empty; None: no
        longer a member). Acts on the user's next request."""
        if group not in {g.id for g in self.store.list_groups()}:
            raise AccountProblem("unknown_group")
        known = None if roles is None else self._known_roles(roles)
        details = {"of": user.id, "group": group, "roles": None if known is None else sorted(known)}
        self.store.set_roles(
            user.id, group, known, AccountEvent(_now(), "roles_set", by, client=client, details=details)
        )

    def set_administrator(
        self, user: UserRow, administrator: bool, *, by: str | None, client: str | None = None
    ) -> None:
        changed = UserRow(**{**user.__dict__, "administrator": administrator})
        details = {"of": user.id, "admin": administrator}
        self.store.update_user(changed, AccountEvent(_now(), "admin_set", by, client=client, details=details))

    def deactivate(self, user: UserRow, *, by: str | None, client: str | None = None) -> None:
        """The user can no longer log in, and every open session of theirs ends now. Never deleted: the
        audit keeps naming them."""
        changed = UserRow(**{**user.__dict__, "active": False})
        event = AccountEvent(_now(), "user_deactivated", by, client=client, details={"of": user.id})
        self.store.update_user(changed, event, end_sessions=True)

    def reactivate(self, user: UserRow, *, by: str | None, client: str | None = None) -> None:
        changed = UserRow(**{**user.__dict__, "active": True})
        self.store.update_user(
            changed, AccountEvent(_now(), "user_reactivated", by, client=client, details={"of": user.id})
        )

    def set_password(
        self, user: UserRow, password: str, *, by: str | None, client: str | None = None
    ) -> None:
        """A new password; the user's open sessions end (whoever knew the old one is out)."""
        self._check_password(password)
        changed = UserRow(**{**user.__dict__, "password_hash": hash_password(password)})
        event = AccountEvent(_now(), "password_set", by, client=client, details={"of": user.id})
        self.store.update_user(changed, event, end_sessions=True)

    def create_group(
        self, name: str, *, by: str | None, client: str | None = None, id: str | None = None
    ) -> GroupRow:
        name = " ".join(name.split())
        if not name or len(name) > MAX_NAME:
            raise AccountProblem("bad_group_name")
        group = GroupRow(id or group_id_of(name), name, _now())
        event = AccountEvent(
            group.created_at, "group_created", by, client=client, details={"group": group.id, "name": name}
        )
        if not self.store.add_group(group, event):
            raise AccountProblem("group_taken")
        return group

    def groups(self) -> dict[str, str]:
        """Every group: id → name, by name."""
        return {group.id: group.name for group in self.store.list_groups()}

    # -- logging in and out -----------------------------------------------------------------------------
    def log_in(self, username: str, password: str, client: str | None = None) -> Started:
        """A session for the user whose password this is; AccountProblem("login_failed") otherwise — the
        same for an unknown user, a wrong password and a deactivated user, after the same work — and
        AccountProblem("login_limited"), unchecked, after too many failed logins with this name."""
        typed = username.strip().lower()
        key, now = untrusted_text(typed), _now()
        if self.store.count_failed_logins(key, now - FAILED_LOGIN_WINDOW) >= self.failed_logins:
            self.store.record_account_event(
                AccountEvent(now, "login_limited", None, untrusted_text(username), client)
            )
            raise AccountProblem("login_limited")
        user = self.store.user_by_name(typed) if USERNAME.fullmatch(typed) else None
        good = verify_password(user.password_hash if user else None, password)
        if user is None or not good or not user.active:
            reason = "unknown_user" if user is None else "wrong_password" if not good else "inactive"
            self.store.record_account_event(
                AccountEvent(
                    _now(),
                    "login_failed",
                    user.id if user else None,
                    untrusted_text(username),
                    client,
                    {"reason": reason},
                    login_key=key,
                )
            )
            raise AccountProblem("login_failed")
        if user.password_hash is not None and needs_rehash(user.password_hash):
            user = UserRow(**{**user.__dict__, "password_hash": hash_password(password)})
            self.store.update_user(user)
        return self.start_session(user, client, how="password")

    def start_session(self, user: UserRow, client: str | None = None, *, how: str = "password") -> Started:
        """A new session for ``user`` (after a password or an OpenID Connect login: ``how``), audited."""
        token, now = secrets.token_urlsafe(32), _now()
        memberships = self.store.memberships(user.id)
        group = min(memberships) if memberships else None  # the first group; the header switches
        session = SessionRow(token_hash(token), user.id, secrets.token_urlsafe(32), group, now, now)
        self.store.add_session(
            session, AccountEvent(now, "login", user.id, user.username, client, {"how": how})
        )
        return Started(token, user)

    def user_for_external(self, external_id: str) -> UserRow | None:
        """The active user an operator linked to this OpenID Connect identity (issuer|subject), if any."""
        user = self.store.user_by_external(external_id)
        return user if user is not None and user.active else None

    def signed_in(self, token: str) -> SignedIn | None:
        """Who holds ``token``; None when no session has it, it has been idle or open too long, or its user
        is deactivated (the session then ends)."""
        if not token or len(token) > 100:
            return None
        key = token_hash(token)
        found = self.store.signed_in(key)
        if found is None:
            return None
        now, session = _now(), found.session
        if not found.user.active or now - session.seen_at > IDLE or now - session.created_at > LIFETIME:
            self.store.end_session(key)
            return None
        if now - session.seen_at > TOUCH:
            self.store.touch_session(key, now)
        group = session.group_id if session.group_id in found.roles else None
        if group is None and found.roles:
            group = min(found.roles)
        return SignedIn(key, session.csrf, found.user, found.roles, group)

    def log_out(self, signed_in: SignedIn, client: str | None = None) -> None:
        event = AccountEvent(_now(), "logout", signed_in.user.id, signed_in.user.username, client)
        self.store.end_session(signed_in.token_hash, event)

    def switch_group(self, signed_in: SignedIn, group: str) -> None:
        if group not in signed_in.roles:
            raise AccountProblem("not_member")
        self.store.set_session_group(signed_in.token_hash, group)

    # -- role requests (A04) and messages (T01) ---------------------------------------------------------
    def request_role(
        self, signed_in: SignedIn, group: str, role: str, client: str | None = None
    ) -> RoleRequest:
        if group not in self.groups():
            raise AccountProblem("unknown_group")
        if role not in self.roles:
            raise AccountProblem("unknown_role")
        if role in signed_in.roles.get(group, frozenset()):
            raise AccountProblem("has_role")
        pending = self.store.role_requests(state="pending", user_id=signed_in.user.id)
        if any(r.group_id == group and r.role == role for r in pending):
            raise AccountProblem("already_requested")
        now = _now()
        event = AccountEvent(
            now, "role_requested", signed_in.user.id, client=client, details={"group": group, "role": role}
        )
        request = RoleRequest(0, signed_in.user.id, group, role, now, "pending")
        return RoleRequest(**{**request.__dict__, "id": self.store.add_role_request(request, event)})

    def pending_requests(self, admin: SignedIn) -> list[RoleRequest]:
        if not admin.user.administrator:
            raise AccountProblem("admin_only")
        return self.store.role_requests(state="pending")

    def decide(
        self, admin: SignedIn, request_id: int, *, approve: bool, reason: str = "", client: str | None = None
    ) -> RoleRequest:
        """Approve or reject a pending role request; the user gets a message with the answer (and the
        reason), and an approved role is theirs on their next request."""
        if not admin.user.administrator:
            raise AccountProblem("admin_only")
        reason = reason.strip()
        if len(reason) > MAX_REASON:
            raise AccountProblem("reason_too_long")
        pending = {r.id: r for r in self.store.role_requests(state="pending")}
        request = pending.get(request_id)
        if request is None:
            raise AccountProblem("not_pending")
        group = self.groups().get(request.group_id, request.group_id)
        role = self.roles.get(request.role, request.role)
        subject = f"Din anmodning om rollen »{role}« i {group} er {'godkendt' if approve else 'afvist'}"
        body = subject + "." + (f" Begrundelse: {reason}" if reason else "")
        details = {
            "request": request_id,
            "of": request.user_id,
            "group": request.group_id,
            "role": request.role,
        }
        event = AccountEvent(
            _now(),
            "role_approved" if approve else "role_rejected",
            admin.user.id,
            client=client,
            details=details,
        )
        decided = self.store.decide_role_request(
            request_id,
            approve=approve,
            by=admin.user.id,
            at=event.at,
            reason=reason or None,
            message=(subject, body),
            event=event,
        )
        if decided is None:
            raise AccountProblem("not_pending")
        return decided

    def _check_password(self, password: str) -> None:
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise AccountProblem("bad_password")

    def _known_roles(self, roles: Iterable[str]) -> frozenset[str]:
        chosen = frozenset(roles)
        if any(role not in self.roles for role in chosen):
            raise AccountProblem("unknown_role")
        return chosen
