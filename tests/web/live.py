"""Real servers for the tests that need the wire: uvicorn in a thread (an app the test made), or
``indberet serve`` in a process of its own (the real command with its options and its logging).

    with in_thread(app) as url: ...
    with indberet_serve(tmp_path, "--demo") as served: ...   # served.url; served.output() once stopped
"""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette

INDBERET = Path(sys.executable).with_name("indberet")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def in_thread(app: Starlette, **config: Any) -> Iterator[str]:
    """``app`` under uvicorn in a thread (uvicorn's defaults but for ``config``), at the URL given."""
    port = free_port()
    options: dict[str, Any] = {"host": "127.0.0.1", "port": port, "log_level": "warning", **config}
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start under uvicorn")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@dataclass
class Served:
    """An ``indberet serve`` process: where it answers, and what it wrote (stdout and stderr)."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def connection(self) -> http.client.HTTPConnection:
        """One HTTP/1.1 connection that is never opened again behind the test's back."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.connect()
        connection.auto_open = 0  # type: ignore[attr-defined]
        return connection

    def stop(self) -> str:
        """Stop the server as Ctrl-C does (it writes what is queued) and give all it wrote."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def indberet_serve(data_dir: Path, *args: str) -> Iterator[Served]:
    """``indberet serve --port P --data-dir DATA_DIR ARGS…`` until the block ends; ready when it answers."""
    port = free_port()
    log = data_dir.parent / f"serve-{port}.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(INDBERET), "serve", "--port", str(port), "--data-dir", str(data_dir), *args],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    served = Served(port, process, log)
    deadline = time.monotonic() + 30
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"indberet serve stopped: {served.stop()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"indberet serve did not start: {served.stop()}")
                time.sleep(0.05)
        yield served
    finally:
        served.stop()
