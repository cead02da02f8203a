"""Who is asking: the current user and group, where login, groups and CSRF checks will slot in.

Accounts do not exist yet (manual A01–A04 come later), so every request is anonymous: the middleware sets
``request.state.user`` and ``request.state.group`` to None. When login arrives, this middleware reads the
session and sets them; endpoints already ask through :func:`current_user` and :func:`current_group`, and a
CSRF check for the page's own POSTs belongs here too (today the API accepts only ``application/json``
bodies, which a cross-site HTML form cannot send).
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send


@dataclass(frozen=True)
class User:
    """A signed-in user (not yet made anywhere): id, name, CVR number and the groups they belong to."""

    id: str
    name: str
    cvr: str
    groups: tuple[str, ...] = ()


class CurrentUser:
    """Sets ``request.state.user`` and ``request.state.group`` (None until accounts exist)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            state = scope.setdefault("state", {})
            state["user"] = None
            state["group"] = None
        await self.app(scope, receive, send)


def current_user(request: Request) -> User | None:
    user = getattr(request.state, "user", None)
    return user if isinstance(user, User) else None


def current_group(request: Request) -> str | None:
    group = getattr(request.state, "group", None)
    return group if isinstance(group, str) else None
