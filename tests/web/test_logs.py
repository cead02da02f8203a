"""Logging (engine/web/logs.py): nothing that looks like a CPR number in any line the server writes —
uvicorn's access and error logs and the app's own — and the access log written by a thread of its own."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from engine.web.cpr_mask import MASK
from tests.web.live import free_port, indberet_serve
from tests.web.test_cpr_mask import NUMBERS


def _request(port: int, target: str) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("ascii"))
        while conn.recv(65536):
            pass


def _percent(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/?=&%+")


def test_no_line_of_a_real_server_holds_a_cpr_number(tmp_path: Path) -> None:
    targets = [
        "/api/cpr/120355-1009",
        "/api/CPR/120355-1009",
        "/api//cpr/120355-1009",
        "/api/cpr?cpr=120355-1009",
        "/API/Cpr/0203291wq3",
    ] + [f"/api/codes/diagnoser?q={_percent(number)}" for number in NUMBERS]
    with indberet_serve(tmp_path / "data", "--demo") as served:
        for target in targets:
            _request(served.port, target)
        _request(served.port, "/api/ping")
        output = served.stop()
    assert output.count('"GET ') == len(targets) + 1  # every request logged ...
    assert "/api/ping" in output
    for leaked in ["120355", "1wq3", "%31%30%30%39", "%D9%A1%D9%A0%D9%A0%D9%A9", "%C2%B9%E2%81%B0"]:
        assert leaked not in output  # ... and none with its number


BUGGY_SERVER = """
import sys
from pathlib import Path
import uvicorn
from starlette.routing import Route
from engine.web.app import create_app
from engine.web.server import uvicorn_options
from engine.web.settings import Settings

async def broken(request):
    number = request.query_params["n"]
    raise ValueError(f"cannot judge {number!r}")

import engine.web.auth
engine.web.auth.PUBLIC_PATHS = frozenset({*engine.web.auth.PUBLIC_PATHS, "/api/bug"})  # no login: the log is tested
app = create_app(Settings(data_dir=Path(sys.argv[2])))
app.router.routes.insert(0, Route("/api/bug", broken))
uvicorn.run(app, **uvicorn_options(port=int(sys.argv[1])))
"""


def test_a_traceback_in_the_log_is_masked_too(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-c", BUGGY_SERVER, str(port), str(tmp_path / "data")],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _request(port, "/api/bug?n=120355-1009")
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
    finally:
        server.terminate()
        server.wait(timeout=20)
    written = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in written
    assert f"ValueError: cannot judge '{MASK}'" in written
    assert "120355" not in written


def test_the_access_log_is_written_by_a_thread() -> None:
    import io
    from logging.handlers import QueueHandler

    from engine.web.logs import access_log_off_the_loop

    logger = logging.getLogger("uvicorn.access")
    saved_handlers, saved_level = logger.handlers[:], logger.level
    written = io.StringIO()
    writers: list[str] = []

    class Recording(logging.StreamHandler):  # type: ignore[type-arg]
        def emit(self, record: logging.LogRecord) -> None:
            writers.append(threading.current_thread().name)
            super().emit(record)

    handler = Recording(written)
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        logger.handlers = [handler]
        logger.setLevel(logging.INFO)
        with access_log_off_the_loop():
            assert isinstance(logger.handlers[0], QueueHandler)
            logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET", "/api/ping", "1.1", 200)
        assert logger.handlers == [handler]  # put back when the app stops
    finally:
        logger.handlers = saved_handlers
        logger.setLevel(saved_level)
    assert writers and writers[0] != threading.current_thread().name
    assert written.getvalue() == '127.0.0.1:5 - "GET /api/ping HTTP/1.1" 200\n'
