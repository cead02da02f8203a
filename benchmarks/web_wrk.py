"""Clinical load with ``wrk``: part (a) of ``benchmarks/web_load.py`` with its default ``--client wrk``.

One ``wrk`` process per kind of request, all at once against the same server, each with as many
connections (users) as the clinical mix gives that kind: of 50 users, 30 change fields
(``POST /api/evaluate`` with the payload so far, from ``tests/cancer_corpus.py``), 10 search the
notifiable list and 10 the SKS D file (``GET /api/codes/…?q=`` with what a user types), and one
connection asks ``GET /api/ping`` about four times a second beside them: the floor. Every connection
waits a random 0.5–1.5 × ``pace`` after each answer before its next request (wrk's ``delay()``, also
before its first), so the users are desynchronised and each makes about one request per ``pace``.

The requests are built in Python and written into a generated Lua file as a table that wrk sends in turn:
bodies as Lua string literals with every byte outside printable ASCII, ``"`` and ``\\`` escaped (so no
payload can end the string), queries percent-encoded as UTF-8. Latency is wrk's own (from the request's
first byte written to the answer's last byte read, in C, without a Python event loop in it); its
``done()`` prints percentiles and error counts as one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks.signin import lua_table
from benchmarks.web_machine import Usage

PERCENTILES = (50, 90, 95, 99, 99.9)


def lua_string(text: str) -> str:
    """``text`` as a Lua string literal: its UTF-8 bytes, printable ASCII as is, the rest as ``\\ddd``."""
    out = []
    for byte in text.encode("utf-8"):
        if 0x20 <= byte < 0x7F and byte not in (0x22, 0x5C):  # not " or \
            out.append(chr(byte))
        else:
            out.append(f"\\{byte:03d}")
    return '"' + "".join(out) + '"'


def search_path(path: str, query: str) -> str:
    """``/api/codes/x?q=…`` with the query percent-encoded as UTF-8 (``æ`` → ``%C3%A6``, space → ``%20``)."""
    return f"{path}?q={quote(query, safe='')}"


DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  local p = {}
  for _, share in ipairs({%(percentiles)s}) do
    p[#p + 1] = string.format('"%%s": %%d', tostring(share), latency:percentile(share))
  end
  io.write(string.format(
    '\\nRESULT {"requests": %%d, "duration_us": %%d, "connect": %%d, "read": %%d, "write": %%d, '
    .. '"timeout": %%d, "status": %%d, "min_us": %%d, "mean_us": %%.1f, "max_us": %%d, '
    .. '"percentiles_us": {%%s}}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    latency.min, latency.mean, latency.max, table.concat(p, ", ")))
end
"""


def lua_script(requests: Iterable[tuple[str, str, str | None]], delay_ms: tuple[int, int], seed: int) -> str:
    """A wrk script sending ``(method, path, JSON body or None)`` in turn, each after a random delay."""
    lines = ["local specs = {"]
    for method, path, body in requests:
        body_lua = "nil" if body is None else lua_string(body)
        lines.append(f"  {{{lua_string(method)}, {lua_string(path)}, {body_lua}}},")
    low, high = delay_ms
    lines += [
        "}",
        "local requests = {}",
        "local n = 0",
        "init = function(args)",
        f"  math.randomseed({seed})",
        f"  local session = {{{lua_table()}}}",
        f'  local json = {{["Content-Type"] = "application/json", {lua_table()}}}',
        "  for i, spec in ipairs(specs) do",
        "    local headers = spec[3] and json or session",
        "    requests[i] = wrk.format(spec[1], spec[2], headers, spec[3])",
        "  end",
        "end",
        "request = function()",
        "  n = n + 1",
        "  return requests[(n - 1) % #requests + 1]",
        "end",
        f"delay = function() return math.random({low}, {high}) end",
    ]
    return "\n".join(lines) + DONE % {"percentiles": ", ".join(str(p) for p in PERCENTILES)}


@dataclass(frozen=True)
class Kind:
    """One wrk process: a kind of request, its connections (users) and its requests in turn."""

    name: str
    connections: int
    delay_ms: tuple[int, int]
    requests: list[tuple[str, str, str | None]]


def _summary(raw: dict[str, Any], kind: Kind) -> dict[str, Any]:
    seconds = raw["duration_us"] / 1e6
    errors = {key: raw[key] for key in ("connect", "read", "write", "timeout", "status") if raw[key]}
    percentiles = {
        f"p{str(share).replace('.', '_')}_ms": round(raw["percentiles_us"][str(share)] / 1000, 2)
        for share in PERCENTILES
    }
    return {
        "connections": kind.connections,
        "delay_ms": list(kind.delay_ms),
        "distinct_requests": len(kind.requests),
        "count": raw["requests"],
        "per_s": round(raw["requests"] / seconds, 1),
        **percentiles,
        "max_ms": round(raw["max_us"] / 1000, 2),
        "mean_ms": round(raw["mean_us"] / 1000, 2),
        "errors": errors,
    }


def wrk_load(
    wrk: str, base: str, server_pid: int, kinds: list[Kind], seconds: float, log_dir: Path, seed: int
) -> dict[str, Any]:
    """All ``kinds`` at once, one wrk process (one thread) each, for ``seconds``; wrk's output kept in
    ``log_dir``. Beside the numbers: the server's and wrk's CPU and the machine's busy and stolen share."""
    with tempfile.TemporaryDirectory() as scripts:
        commands = []
        for number, kind in enumerate(kinds):
            lua = Path(scripts) / f"{kind.name}.lua"
            lua.write_text(lua_script(kind.requests, kind.delay_ms, seed + number), encoding="utf-8")
            options = ["-t1", f"-c{kind.connections}", f"-d{round(seconds)}s", "--latency", "-s", str(lua)]
            commands.append([wrk, *options, base])
        children_before = _children_cpu()
        before, began = Usage.now(server_pid), time.monotonic()
        processes = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for command in commands
        ]
        outputs = [process.communicate()[0] for process in processes]
        took = time.monotonic() - began
        usage = Usage.now(server_pid).since(before)
        usage["client_cpu_s"] = round(_children_cpu() - children_before, 2)
    result: dict[str, Any] = {}
    for kind, process, output in zip(kinds, processes, outputs, strict=True):
        (log_dir / f"wrk-{kind.name}.txt").write_text(output, encoding="utf-8")
        line = next((line for line in output.splitlines() if line.startswith("RESULT ")), None)
        if process.returncode != 0 or line is None:
            raise SystemExit(f"wrk for {kind.name} failed ({process.returncode}):\n{output}")
        result[kind.name] = _summary(json.loads(line.removeprefix("RESULT ")), kind)
    done = sum(found["count"] for found in result.values())
    result["_totals"] = {
        "duration_s": round(took, 1),
        "requests": done,
        "requests_per_s": round(done / took, 1),
        "cpu": {
            **usage,
            "server_cpu_ms_per_request": round(usage["server_cpu_s"] * 1000 / max(done, 1), 3),
            "client_cpu_ms_per_request": round(usage["client_cpu_s"] * 1000 / max(done, 1), 3),
        },
    }
    return result


def _children_cpu() -> float:
    """CPU seconds of this process's children that have ended: the wrk processes, once waited for."""
    times = os.times()
    return times.children_user + times.children_system
