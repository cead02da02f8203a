"""Answer only requests addressed to this server: the Host header must name one of the allowed hosts.

Binding to 127.0.0.1 keeps other machines out, but not another site: a page from ``attacker.example`` whose
name is made to resolve to 127.0.0.1 (DNS rebinding) would have the browser send its requests here, with
``Host: attacker.example``. Those are refused with a 400 before any route sees them.

    AllowedHosts(app, ("localhost", "127.0.0.1", "[::1]"))     # "*" allows every host
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from engine.web.error_answers import answer_error

ANY_HOST = "*"


def host_name(host: str) -> str:
    """``host`` as a Host header names it, without port: lower case, an IPv6 address in brackets.

    >>> host_name("::1"), host_name("[::1]:8000"), host_name("LocalHost:8000")
    ('[::1]', '[::1]', 'localhost')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    if host.count(":") > 1:  # a bare IPv6 address
        return f"[{host}]"
    return host.split(":", 1)[0].rstrip(".")


SEEN_MAX = 256  # Host headers whose verdict is remembered (a client sends the same one every time)


class AllowedHosts:
    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(host_name(host) for host in hosts)
        self.any = ANY_HOST in self.hosts
        self._seen: dict[bytes, bool] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.any and not self._allowed(scope):
            response = answer_error(Request(scope), 400, "host_not_allowed")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        host = b""
        for name, value in scope["headers"]:
            if name == b"host":
                host = value
                break
        allowed = self._seen.get(host)
        if allowed is None:
            allowed = host_name(host.decode("latin-1")) in self.hosts
            if len(self._seen) >= SEEN_MAX:
                self._seen.clear()
            self._seen[host] = allowed
        return allowed
