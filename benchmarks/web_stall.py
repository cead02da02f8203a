"""Does one large payload stall the server? /api/ping's round trips while it is judged, in a real server.

    .venv/bin/python -m benchmarks.web_stall [--items 50000] [--server "…indberet serve --port {port} …"]

It starts ONE server process (``indberet serve --demo``, as ``benchmarks/web_load.py`` does), posts one
payload ``{"dato_foerste_kontakt": …, "behandlinger": [{}, {}, …]}`` with ``--items`` empty items to
``/api/v1/validate``, and meanwhile asks ``/api/ping`` again and again on another connection (10 ms apart).
Prints one JSON object: the payload's status, answer size and time, and the pings answered while it ran
(count, p50, max). A server that judges on its event loop answers no ping until the verdict is written.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.signin import SESSION
from benchmarks.web_load import SERVER, _free_port, server


def stall(base: str, items: int) -> dict[str, Any]:
    body = json.dumps({"dato_foerste_kontakt": "2024-03-04", "behandlinger": [{}] * items}).encode()
    judged: dict[str, Any] = {}

    def post() -> None:
        started = time.perf_counter()
        answer = httpx.post(
            f"{base}/api/v1/validate",
            content=body,
            headers={"content-type": "application/json", **SESSION},
            timeout=600,
        )
        judged.update(status=answer.status_code, answer_bytes=len(answer.content))
        judged["seconds"] = round(time.perf_counter() - started, 2)

    poster = threading.Thread(target=post)
    pings: list[float] = []
    with httpx.Client(base_url=base, timeout=600) as client:
        client.get("/api/ping")
        poster.start()
        time.sleep(0.05)
        while poster.is_alive():
            started = time.perf_counter()
            client.get("/api/ping")
            pings.append(time.perf_counter() - started)
            time.sleep(0.01)
    poster.join()
    pings.sort()
    return {
        "items": items,
        "body_bytes": len(body),
        **judged,
        "pings_meanwhile": len(pings),
        "ping_p50_ms": round(1000 * pings[len(pings) // 2], 1) if pings else None,
        "ping_max_ms": round(1000 * pings[-1], 1) if pings else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, action="append", help="empty items in the payload (repeatable)")
    parser.add_argument("--server", default=SERVER, help=f"the server command (default: {SERVER})")
    args = parser.parse_args()
    port = _free_port()
    log = Path(tempfile.gettempdir()) / f"indberet-web-stall-{port}.log"
    with server(args.server, port, log):
        runs = [stall(f"http://127.0.0.1:{port}", items) for items in args.items or [20_000, 50_000]]
    print(json.dumps({"server": args.server.format(port=port, data="…"), "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
