"""Saturation: the most requests per second one server answers, of POST /api/evaluate, POST
/api/v1/validate (the hospital systems' route; the same handler) and GET /api/ping.

Part (b) of ``benchmarks/web_load.py``, which starts the server and calls :func:`saturation`. The load
comes from ``wrk`` (Debian package ``wrk``, installed here with apt-get when run as root) with a Lua script
that sends 200 corpus payloads in turn and prints wrk's summary as JSON. Without wrk a Python client of
``connections`` keep-alive httpx connections stands in, and the result's ``tool`` says so.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any

import httpx

from benchmarks.signin import SESSION, lua_table
from benchmarks.web_machine import Usage
from benchmarks.web_wrk import lua_string
from tests.cancer_corpus import FAMILIES, Corpus

WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nRESULT {"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, '
    .. '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def _wrk_post_script(bodies: list[str]) -> str:
    lines = ["local requests = {}", "local bodies = {"]
    lines += [f"{lua_string(body)}," for body in bodies]
    lines += [
        "}",
        "init = function(args)",
        f'  local headers = {{["Content-Type"] = "application/json", {lua_table()}}}',
        "  for i, body in ipairs(bodies) do",
        '    requests[i] = wrk.format("POST", "/api/evaluate", headers, body)',
        "  end",
        "end",
        "local n = 0",
        "request = function()",
        "  n = n + 1",
        "  return requests[(n % #requests) + 1]",
        "end",
    ]
    return "\n".join(lines) + WRK_DONE


def wrk_path() -> str | None:
    found = shutil.which("wrk")
    if found is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print(
            "web_saturation: wrk not found; installing the Debian package (apt-get install -y wrk)",
            file=sys.stderr,
        )
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True, check=False)
        found = shutil.which("wrk")
    return found


def _wrk(wrk: str, url: str, script: str, setup: dict[str, int]) -> dict[str, Any]:
    seconds, threads, connections = setup["seconds"], setup["threads"], setup["connections"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", encoding="utf-8") as lua:
        lua.write(script)
        lua.flush()
        command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", lua.name, url]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    raw = json.loads(line.removeprefix("RESULT "))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1),
        "errors": raw["errors"],
        "non_2xx": raw["non_2xx"],
        **{key.replace("_us", "_ms"): round(raw[key] / 1000, 2) for key in ("p50_us", "p90_us", "p99_us")},
        "max_ms": round(raw["max_us"] / 1000, 2),
    }


async def _python_saturation(
    base: str, path: str, bodies: list[str], seconds: int, connections: int
) -> dict[str, Any]:
    """Closed loop over ``connections`` keep-alive connections: the stand-in when wrk is missing."""
    times: list[float] = []
    errors = 0
    until = time.monotonic() + seconds

    async def loop(number: int) -> None:
        nonlocal errors
        limits = httpx.Limits(max_connections=1)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
            sent = number
            while time.monotonic() < until:
                began = time.perf_counter()
                if bodies:
                    body = bodies[sent % len(bodies)]
                    headers = {"content-type": "application/json", **SESSION}
                    response = await client.post(path, content=body, headers=headers)
                else:
                    response = await client.get(path)
                times.append((time.perf_counter() - began) * 1000)
                errors += response.status_code != 200
                sent += 1

    began = time.monotonic()
    await asyncio.gather(*(loop(number) for number in range(connections)))
    took = time.monotonic() - began
    times.sort()

    def at(share: float) -> float:
        return round(times[min(len(times) - 1, int(share * len(times)))], 2) if times else 0.0

    return {
        "requests": len(times),
        "rps": round(len(times) / took, 1),
        "errors": errors,
        **{f"p{round(share * 100)}_ms": at(share) for share in (0.5, 0.9, 0.99)},
        "max_ms": round(times[-1], 2) if times else 0.0,
    }


def saturation(base: str, server_pid: int, setup: dict[str, int], seed: int) -> dict[str, Any]:
    """wrk (or the stand-in) against POST /api/evaluate, POST /api/v1/validate, then GET /api/ping, each
    ``setup["seconds"]`` long.

    Beside each run: the server's CPU use (100 % is one core: the server is the bottleneck) and the
    machine's stolen share, which on a virtual machine can halve the numbers from one run to the next.
    """
    corpus = Corpus(seed + 1)
    bodies = [
        json.dumps(corpus.valid(FAMILIES[n % len(FAMILIES)]), ensure_ascii=False, separators=(",", ":"))
        for n in range(200)
    ]
    wrk = wrk_path()
    if wrk is None:
        print("web_saturation: no wrk: the saturation runs use a Python client", file=sys.stderr)
        tool = "python httpx client (wrk not installed: apt-get install -y wrk)"
    else:
        tool = subprocess.run([wrk, "-v"], capture_output=True, text=True, check=False).stdout.split(
            " Copyright"
        )[0]
    result: dict[str, Any] = {"tool": tool, **setup}
    runs = (
        ("evaluate", "/api/evaluate", bodies),
        ("validate_v1", "/api/v1/validate", bodies),
        ("ping", "/api/ping", []),
    )
    for name, path, sent in runs:
        before, began = Usage.now(server_pid), time.monotonic()
        if wrk is None:
            found = asyncio.run(_python_saturation(base, path, sent, setup["seconds"], setup["connections"]))
        else:
            found = _wrk(wrk, base + path, _wrk_post_script(sent) if sent else WRK_DONE, setup)
        usage = Usage.now(server_pid).since(before)
        found["server_cpu_pct"] = round(100 * usage["server_cpu_s"] / (time.monotonic() - began), 1)
        found["server_cpu_ms_per_request"] = round(
            1000 * usage["server_cpu_s"] / max(found["requests"], 1), 3
        )
        found["machine_steal_pct"] = usage["machine_steal_pct"]
        result[name] = found
    return result
