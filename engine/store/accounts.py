"""Accounts in SQL, written once for both backends: users, user groups, roles per group, sessions, role
requests, messages and the audit of what happened to them (store migration 4).

The methods of :class:`AccountTables` run on the backend's ``_read`` and ``_write`` like the form tables
(``engine.store.forms``); the rules — who may do what, what a session is worth — are the accounts service's
(``engine.accounts``). A user is never deleted: the audit keeps naming them.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from engine.store.forms import Db

T = TypeVar("T")


@dataclass(frozen=True)
class UserRow:
    id: str
    username: str  # lower case, unique
    name: str
    password_hash: str | None  # argon2id; None: no local password
    administrator: bool
    active: bool
    created_at: datetime.datetime
    external_id: str | None = None  # OpenID Connect: issuer|subject


@dataclass(frozen=True)
class GroupRow:
    id: str
    name: str
    created_at: datetime.datetime


@dataclass(frozen=True)
class SessionRow:
    token_hash: str
    user_id: str
    csrf: str
    group_id: str | None  # the current group the user chose
    created_at: datetime.datetime
    seen_at: datetime.datetime
    ended_at: datetime.datetime | None = None


@dataclass(frozen=True)
class RoleRequest:
    id: int
    user_id: str
    group_id: str
    role: str
    at: datetime.datetime
    state: str  # pending, approved, rejected
    decided_by: str | None = None
    decided_at: datetime.datetime | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Message:
    id: int
    at: datetime.datetime
    user_id: str | None
    group_id: str | None
    subject: str
    body: str
    read: bool = False


@dataclass(frozen=True)
class AccountEvent:
    """One thing that happened to an account: a login (or a failed one), a logout, a role request or its
    decision, a user or group made or changed. ``user`` is who acted, ``username`` the name typed at a
    login (untrusted text); ``login_key``, on a failed login, the name as a login compares it (trimmed, lower
    case, untrusted text), which the failed logins of every app server are counted by."""

    at: datetime.datetime
    event: str
    user: str | None
    username: str | None = None
    client: str | None = None
    details: Mapping[str, Any] | None = None
    login_key: str | None = None


@dataclass(frozen=True)
class SignedInRow:
    """A session with its user and the user's roles per group, read at once for each request."""

    session: SessionRow
    user: UserRow
    roles: Mapping[str, frozenset[str]]


_USER = "id, username, name, password_hash, administrator, active, created_at, external_id"
_SESSION = "token_hash, user_id, csrf, group_id, created_at, seen_at, ended_at"
_REQUEST = "id, user_id, group_id, role, at, state, decided_by, decided_at, reason"


def _user(db: Db, r: Sequence[Any]) -> UserRow:
    return UserRow(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]), db.moment(r[6]), r[7])


def _session(db: Db, r: Sequence[Any]) -> SessionRow:
    ended = db.moment(r[6]) if r[6] is not None else None
    return SessionRow(r[0], r[1], r[2], r[3], db.moment(r[4]), db.moment(r[5]), ended)


def _request(db: Db, r: Sequence[Any]) -> RoleRequest:
    decided = db.moment(r[7]) if r[7] is not None else None
    return RoleRequest(int(r[0]), r[1], r[2], r[3], db.moment(r[4]), r[5], r[6], decided, r[8])


def roles_text(roles: Iterable[str]) -> str:
    return ",".join(sorted(set(roles)))


def _roles(text: str) -> frozenset[str]:
    return frozenset(filter(None, text.split(",")))


def _memberships(db: Db, user_id: str) -> dict[str, frozenset[str]]:
    found = db.execute("SELECT group_id, roles FROM memberships WHERE user_id = ?", (user_id,)).fetchall()
    return {group: _roles(roles) for group, roles in found}


def _event(db: Db, event: AccountEvent) -> None:
    db.execute(
        "INSERT INTO account_audit (at, user_id, username, client, event, details, login_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            db.when(event.at),
            event.user,
            event.username,
            event.client,
            event.event,
            json.dumps(dict(event.details or {}), ensure_ascii=False, sort_keys=True),
            event.login_key,
        ),
    )


def _set_roles(db: Db, user_id: str, group_id: str, roles: Iterable[str] | None) -> None:
    db.execute("DELETE FROM memberships WHERE user_id = ? AND group_id = ?", (user_id, group_id))
    if roles is not None:
        db.execute(
            "INSERT INTO memberships (user_id, group_id, roles) VALUES (?, ?, ?)",
            (user_id, group_id, roles_text(roles)),
        )


class AccountTables:
    """The account methods of a store, on the backend's ``_read`` and ``_write``."""

    def _read(self, work: Callable[[Db], T]) -> T:
        raise NotImplementedError

    def _write(self, work: Callable[[Db], T]) -> T:
        raise NotImplementedError

    # -- users and groups -------------------------------------------------------------------------------
    def add_user(
        self, user: UserRow, groups: Mapping[str, Iterable[str]], event: AccountEvent | None = None
    ) -> bool:
        """Keep a new user with their memberships (group → roles); False, writing nothing, when the id,
        username or external id is taken."""

        def add(db: Db) -> bool:
            taken = db.execute(
                "SELECT 1 FROM users WHERE id = ? OR username = ? OR external_id = ?",
                (user.id, user.username, user.external_id),
            ).fetchone()
            if taken:
                return False
            db.execute(
                f"INSERT INTO users ({_USER}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    user.id,
                    user.username,
                    user.name,
                    user.password_hash,
                    int(user.administrator),
                    int(user.active),
                    db.when(user.created_at),
                    user.external_id,
                ),
            )
            for group, roles in groups.items():
                _set_roles(db, user.id, group, roles)
            if event is not None:
                _event(db, event)
            return True

        return self._write(add)

    def get_user(self, user_id: str) -> UserRow | None:
        def get(db: Db) -> UserRow | None:
            found = db.execute(f"SELECT {_USER} FROM users WHERE id = ?", (user_id,)).fetchone()
            return _user(db, found) if found else None

        return self._read(get)

    def user_by_name(self, username: str) -> UserRow | None:
        def get(db: Db) -> UserRow | None:
            found = db.execute(f"SELECT {_USER} FROM users WHERE username = ?", (username,)).fetchone()
            return _user(db, found) if found else None

        return self._read(get)

    def user_by_external(self, external_id: str) -> UserRow | None:
        def get(db: Db) -> UserRow | None:
            found = db.execute(f"SELECT {_USER} FROM users WHERE external_id = ?", (external_id,)).fetchone()
            return _user(db, found) if found else None

        return self._read(get)

    def list_users(self) -> list[UserRow]:
        sql = f"SELECT {_USER} FROM users ORDER BY username"
        return self._read(lambda db: [_user(db, r) for r in db.execute(sql).fetchall()])

    def update_user(
        self, user: UserRow, event: AccountEvent | None = None, *, end_sessions: bool = False
    ) -> None:
        """Write ``user``'s name, password hash, flags and external id; with ``end_sessions`` every open
        session of theirs ends in the same transaction."""

        def update(db: Db) -> None:
            db.execute(
                "UPDATE users SET name = ?, password_hash = ?, administrator = ?, active = ?, "
                "external_id = ? WHERE id = ?",
                (
                    user.name,
                    user.password_hash,
                    int(user.administrator),
                    int(user.active),
                    user.external_id,
                    user.id,
                ),
            )
            if end_sessions:
                db.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))
            if event is not None:
                _event(db, event)

        self._write(update)

    def add_group(self, group: GroupRow, event: AccountEvent | None = None) -> bool:
        """Keep a new group; False when its id or name is taken."""

        def add(db: Db) -> bool:
            taken = db.execute(
                "SELECT 1 FROM user_groups WHERE id = ? OR name = ?", (group.id, group.name)
            ).fetchone()
            if taken:
                return False
            db.execute(
                "INSERT INTO user_groups (id, name, created_at) VALUES (?, ?, ?)",
                (group.id, group.name, db.when(group.created_at)),
            )
            if event is not None:
                _event(db, event)
            return True

        return self._write(add)

    def list_groups(self) -> list[GroupRow]:
        def read(db: Db) -> list[GroupRow]:
            found = db.execute("SELECT id, name, created_at FROM user_groups ORDER BY name").fetchall()
            return [GroupRow(r[0], r[1], db.moment(r[2])) for r in found]

        return self._read(read)

    def set_roles(
        self, user_id: str, group_id: str, roles: Iterable[str] | None, event: AccountEvent | None = None
    ) -> None:
        """Make the user's roles in the group ``roles`` (a member without roles when empty); None ends the
        membership."""

        def write(db: Db) -> None:
            _set_roles(db, user_id, group_id, roles)
            if event is not None:
                _event(db, event)

        self._write(write)

    def memberships(self, user_id: str) -> dict[str, frozenset[str]]:
        return self._read(lambda db: _memberships(db, user_id))

    def all_memberships(self) -> dict[str, dict[str, frozenset[str]]]:
        """user → group → roles, for the administration page."""

        def read(db: Db) -> dict[str, dict[str, frozenset[str]]]:
            found: dict[str, dict[str, frozenset[str]]] = {}
            for user, group, roles in db.execute(
                "SELECT user_id, group_id, roles FROM memberships"
            ).fetchall():
                found.setdefault(user, {})[group] = _roles(roles)
            return found

        return self._read(read)

    # -- sessions ---------------------------------------------------------------------------------------
    def add_session(self, session: SessionRow, event: AccountEvent | None = None) -> None:
        def add(db: Db) -> None:
            db.execute(
                f"INSERT INTO sessions ({_SESSION}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    session.token_hash,
                    session.user_id,
                    session.csrf,
                    session.group_id,
                    db.when(session.created_at),
                    db.when(session.seen_at),
                    None,
                ),
            )
            if event is not None:
                _event(db, event)

        self._write(add)

    def signed_in(self, token_hash: str) -> SignedInRow | None:
        """The open session of ``token_hash`` with its user and their roles; None when there is none."""

        def read(db: Db) -> SignedInRow | None:
            found = db.execute(
                f"SELECT {_SESSION} FROM sessions WHERE token_hash = ? AND ended_at IS NULL", (token_hash,)
            ).fetchone()
            if not found:
                return None
            session = _session(db, found)
            user = db.execute(f"SELECT {_USER} FROM users WHERE id = ?", (session.user_id,)).fetchone()
            if not user:
                return None
            return SignedInRow(session, _user(db, user), _memberships(db, session.user_id))

        return self._read(read)

    def touch_session(self, token_hash: str, at: datetime.datetime) -> None:
        self._write(
            lambda db: db.execute(
                "UPDATE sessions SET seen_at = ? WHERE token_hash = ?", (db.when(at), token_hash)
            )
        )

    def set_session_group(self, token_hash: str, group_id: str | None) -> None:
        self._write(
            lambda db: db.execute(
                "UPDATE sessions SET group_id = ? WHERE token_hash = ?", (group_id, token_hash)
            )
        )

    def end_session(self, token_hash: str, event: AccountEvent | None = None) -> None:
        """The session ends for good (the row goes: a token is never worth anything again)."""

        def end(db: Db) -> None:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))
            if event is not None:
                _event(db, event)

        self._write(end)

    def end_stale_sessions(self, seen_before: datetime.datetime, created_before: datetime.datetime) -> int:
        """Remove sessions idle since ``seen_before`` or begun before ``created_before``; how many."""

        def end(db: Db) -> int:
            cursor = db.execute(
                "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",
                (db.when(seen_before), db.when(created_before)),
            )
            return cursor.rowcount

        return self._write(end)

    # -- role requests and messages ---------------------------------------------------------------------
    def add_role_request(self, request: RoleRequest, event: AccountEvent | None = None) -> int:
        """Keep a pending request; its id."""

        def add(db: Db) -> int:
            db.execute(
                "INSERT INTO role_requests (user_id, group_id, role, at, state) VALUES (?, ?, ?, ?, ?)",
                (request.user_id, request.group_id, request.role, db.when(request.at), "pending"),
            )
            found = db.execute(
                "SELECT max(id) FROM role_requests WHERE user_id = ? AND group_id = ? AND role = ?",
                (request.user_id, request.group_id, request.role),
            ).fetchone()
            if event is not None:
                _event(db, event)
            return int(found[0])

        return self._write(add)

    def role_requests(self, *, state: str | None = None, user_id: str | None = None) -> list[RoleRequest]:
        where: list[str] = []
        params: list[str] = []
        if state is not None:
            where, params = [*where, "state = ?"], [*params, state]
        if user_id is not None:
            where, params = [*where, "user_id = ?"], [*params, user_id]
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        sql = f"SELECT {_REQUEST} FROM role_requests{clause} ORDER BY id DESC LIMIT 500"
        return self._read(lambda db: [_request(db, r) for r in db.execute(sql, params).fetchall()])

    def decide_role_request(
        self,
        request_id: int,
        *,
        approve: bool,
        by: str,
        at: datetime.datetime,
        reason: str | None,
        message: tuple[str, str],
        event: AccountEvent,
    ) -> RoleRequest | None:
        """Approve (the role is added to the user's roles in the group) or reject a pending request, and
        send the user ``message`` (subject, body), in one transaction; None when it is no longer pending."""

        def decide(db: Db) -> RoleRequest | None:
            found = db.execute(
                f"SELECT {_REQUEST} FROM role_requests WHERE id = ? AND state = 'pending'", (request_id,)
            ).fetchone()
            if not found:
                return None
            request = _request(db, found)
            state = "approved" if approve else "rejected"
            db.execute(
                "UPDATE role_requests SET state = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ?",
                (state, by, db.when(at), reason, request_id),
            )
            if approve:
                roles = _memberships(db, request.user_id).get(request.group_id, frozenset())
                _set_roles(db, request.user_id, request.group_id, roles | {request.role})
            _add_message(db, at, request.user_id, None, *message)
            _event(db, event)
            return RoleRequest(
                request.id, request.user_id, request.group_id, request.role, request.at, state, by, at, reason
            )

        return self._write(decide)

    def add_message(
        self, at: datetime.datetime, user_id: str | None, group_id: str | None, subject: str, body: str
    ) -> None:
        self._write(lambda db: _add_message(db, at, user_id, group_id, subject, body))

    def messages(self, user_id: str, groups: Iterable[str], limit: int = 200) -> list[Message]:
        """The messages to the user and to their groups, newest first, each with whether they read it."""
        group_ids = sorted(groups)

        def read(db: Db) -> list[Message]:
            marks = ", ".join("?" * len(group_ids))
            to_groups = f" OR m.group_id IN ({marks})" if group_ids else ""
            found = db.execute(
                "SELECT m.id, m.at, m.user_id, m.group_id, m.subject, m.body, r.user_id FROM messages m "
                "LEFT JOIN message_reads r ON r.message_id = m.id AND r.user_id = ? "
                f"WHERE m.user_id = ?{to_groups} ORDER BY m.id DESC LIMIT ?",
                (user_id, user_id, *group_ids, limit),
            ).fetchall()
            return [
                Message(int(r[0]), db.moment(r[1]), r[2], r[3], r[4], r[5], r[6] is not None) for r in found
            ]

        return self._read(read)

    def unread(self, user_id: str, groups: Iterable[str]) -> int:
        group_ids = sorted(groups)

        def read(db: Db) -> int:
            marks = ", ".join("?" * len(group_ids))
            to_groups = f" OR m.group_id IN ({marks})" if group_ids else ""
            found = db.execute(
                "SELECT count(*) FROM messages m WHERE (m.user_id = ?"
                f"{to_groups}) AND NOT EXISTS (SELECT 1 FROM message_reads r "
                "WHERE r.message_id = m.id AND r.user_id = ?)",
                (user_id, *group_ids, user_id),
            ).fetchone()
            return int(found[0])

        return self._read(read)

    def mark_read(self, user_id: str, message_ids: Iterable[int]) -> None:
        ids = sorted(set(message_ids))

        def write(db: Db) -> None:
            for message in ids:
                db.execute(
                    "DELETE FROM message_reads WHERE message_id = ? AND user_id = ?", (message, user_id)
                )
                db.execute(
                    "INSERT INTO message_reads (message_id, user_id) VALUES (?, ?)", (message, user_id)
                )

        self._write(write)

    # -- audit ------------------------------------------------------------------------------------------
    def record_account_event(self, event: AccountEvent) -> None:
        self._write(lambda db: _event(db, event))

    def count_failed_logins(self, login_key: str, since: datetime.datetime) -> int:
        """How many logins with this name failed since ``since`` (every app server's)."""

        def read(db: Db) -> int:
            found = db.execute(
                "SELECT count(*) FROM account_audit WHERE login_key = ? AND at >= ?",
                (login_key, db.when(since)),
            ).fetchone()
            return int(found[0])

        return self._read(read)

    def account_events(self, limit: int = 100) -> list[AccountEvent]:
        """The latest events, newest first."""

        def read(db: Db) -> list[AccountEvent]:
            found = db.execute(
                "SELECT at, event, user_id, username, client, details FROM account_audit "
                "ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
            return [AccountEvent(db.moment(r[0]), r[1], r[2], r[3], r[4], json.loads(r[5])) for r in found]

        return self._read(read)


def _add_message(
    db: Db, at: datetime.datetime, user_id: str | None, group_id: str | None, subject: str, body: str
) -> None:
    db.execute(
        "INSERT INTO messages (at, user_id, group_id, subject, body) VALUES (?, ?, ?, ?, ?)",
        (db.when(at), user_id, group_id, subject, body),
    )
