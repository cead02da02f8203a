"""``indberet serve``: run the app under uvicorn, bound to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

import engine
from engine.form import FormUnreadable, SpecError
from engine.store import StoreError
from engine.web.app import create_app
from engine.web.hosts import host_name
from engine.web.logs import log_config
from engine.web.security import SERVER_HEADERS
from engine.web.settings import Settings

APP_FACTORY = "engine.web.app:app_from_environ"  # what each process of --reload or --workers calls
MAX_WORKERS = 64


class HttpToolsWithSecurityHeaders(HttpToolsProtocol):
    """uvicorn's HTTP protocol (httptools), whose own 400 for bytes that are not HTTP — written before any
    app is called — carries the security headers too. Every other answer gets them from the app's
    middleware (``engine.web.security``); uvicorn's ``headers=`` option would add them to those a second
    time."""

    def send_400_response(self, msg: str) -> None:
        defaults = self.server_state.default_headers
        self.server_state.default_headers = [*defaults, *SERVER_HEADERS]
        try:
            super().send_400_response(msg)
        finally:
            self.server_state.default_headers = defaults


def uvicorn_options(
    host: str = "127.0.0.1", port: int = 8000, forwarded_allow_ips: str = ""
) -> dict[str, Any]:
    """uvicorn's options for ``indberet serve``: no Server header, security headers on its own 400s, no
    WebSocket handshakes answered by uvicorn itself, every log line masked (``engine.web.logs``), and
    X-Forwarded-For read only from the proxies named (uvicorn itself trusts 127.0.0.1 by default; here no
    one, unless ``forwarded_allow_ips`` names them)."""
    return {
        "host": host,
        "port": port,
        "server_header": False,
        "http": HttpToolsWithSecurityHeaders,
        "ws": "none",  # no WebSocket routes: an Upgrade request is answered by the app, as plain HTTP
        "log_config": log_config(),
        "proxy_headers": bool(forwarded_allow_ips),
        "forwarded_allow_ips": forwarded_allow_ips or None,
    }


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    data_dir: Path = Path("data"),
    demo: bool = False,
    reload: bool = False,
    form_path: Path | None = None,
    database: str = "",
    allowed_hosts: tuple[str, ...] = (),
    forwarded_allow_ips: str = "",
    workers: int = 1,
) -> int:
    """Serve until interrupted; 2 when the form does not load (its problems go to stderr).

    ``allowed_hosts``: the names a request's Host header may give; none given, the bound host and the
    local names (``Settings.allowed_hosts``). ``workers``: app server processes on the one port, each
    making its app from the environment, on the one store (sessions, CPR and login limits, OIDC logins
    and the audit are the store's or the browser's, so any process may answer any request)."""
    if not 1 <= workers <= MAX_WORKERS:
        print(f"indberet: --workers must be 1 to {MAX_WORKERS}, not {workers}", file=sys.stderr)
        return 2
    if workers > 1 and reload:
        print("indberet: --reload runs one process; leave out --workers or --reload", file=sys.stderr)
        return 2
    hosts = allowed_hosts or (*Settings.allowed_hosts, host_name(host))
    try:
        given = Settings.from_environ(os.environ)  # INDBERET_OIDC_*, INDBERET_HTTPS_ONLY, the limits, …
    except ValueError as error:
        print(f"indberet: {error}", file=sys.stderr)
        return 2
    settings = dataclasses.replace(
        given,
        form_path=form_path or given.form_path,
        data_dir=data_dir,
        demo=demo or given.demo,
        database=database or given.database,
        allowed_hosts=tuple(dict.fromkeys(hosts)),
    )
    try:
        app = create_app(settings)  # with --reload only a check: the worker makes its own
    except (FormUnreadable, StoreError) as error:
        print(f"indberet: {error}", file=sys.stderr)
        return 2
    except SpecError as error:
        print(f"indberet: the form spec has {len(error.problems)} problem(s):", file=sys.stderr)
        for found in error.problems:
            print(found, file=sys.stderr)
        return 2
    print(
        f"indberet: the form on http://{host_name(host)}:{port}/ (demo registers: {'yes' if demo else 'no'})"
    )
    state = app.state.indberet
    print(f"indberet: data in {state.store.url}")
    print(f"indberet: answers requests for the hosts {', '.join(settings.allowed_hosts)}")
    options = uvicorn_options(host, port, forwarded_allow_ips)
    if reload or workers > 1:  # each process makes its own app (the one above was the check)
        state.store.close()
        os.environ.update(settings.to_environ())
        if reload:
            root = Path(engine.__file__).resolve().parent.parent
            options.update(reload=True, reload_dirs=[str(root / "engine"), str(root / "renderers")])
        else:
            print(f"indberet: {workers} app server processes")
            options.update(workers=workers)
        uvicorn.run(APP_FACTORY, factory=True, **options)
    else:
        uvicorn.run(app, **options)
    return 0
