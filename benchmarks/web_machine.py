"""The machine under the web benchmarks: what it is, and where its CPU time went during a run.

On a virtual machine the hypervisor may take a vCPU away ("steal"); a run with much steal measures the
neighbours as much as the server, so every run reports it.
"""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def machine() -> dict[str, Any]:
    python = ROOT / ".venv" / "bin" / "python"
    probe = (
        "import engine, importlib.util as u, platform, uvicorn;"
        "print(engine.ACCELERATED, platform.python_version(), uvicorn.__version__,"
        " u.find_spec('httptools') is not None, u.find_spec('uvloop') is not None)"
    )
    answer = subprocess.run([python, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    accelerated, version, uvicorn, httptools, uvloop = answer.stdout.split()
    model = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")), "unknown"
    )
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "os": platform.platform(),
        "python": version,
        "engine_accelerated": accelerated == "True",
        "uvicorn": uvicorn,
        "uvicorn_http": "httptools" if httptools == "True" else "h11",
        "uvicorn_loop": "uvloop" if uvloop == "True" else "asyncio",
    }


def server_modules(pid: int) -> dict[str, Any]:
    """What the running server really uses: whether httptools' parser and uvloop's loop are loaded into
    its process (``/proc/PID/maps``), not only installed. ``None``: not Linux."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {"httptools_loaded": None, "uvloop_loaded": None}
    objects = {line.rsplit(None, 1)[-1] for line in maps.splitlines() if line.endswith(".so")}
    return {
        "httptools_loaded": any("/httptools/" in found for found in objects),
        "uvloop_loaded": any("/uvloop/" in found for found in objects),
    }


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


PROC_STAT = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")


def _ticks(pid: int) -> int:
    """utime + stime of a running process (ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _children(pid: int) -> list[int]:
    """The running children of ``pid`` (``indberet serve --workers``: its app server processes)."""
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in listed]


@dataclass(frozen=True)
class Usage:
    """CPU time so far: the machine's by kind (with the hypervisor's steal), the server's, this process's."""

    machine: tuple[int, ...]  # /proc/stat "cpu": user nice system idle iowait irq softirq steal (ticks)
    server: int  # utime + stime of the server process and its children, its workers (ticks)
    client: float  # this process's user + system seconds

    @classmethod
    def now(cls, pid: int) -> Usage:
        times = os.times()
        try:
            machine = tuple(int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9])
            server = sum(map(_ticks, (pid, *_children(pid))))
        except (OSError, ValueError, IndexError):  # not Linux: no machine or server figures
            machine, server = (), 0
        return cls(machine, server, times.user + times.system)

    def since(self, earlier: Usage) -> dict[str, float]:
        tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        spent = [now - then for now, then in zip(self.machine, earlier.machine, strict=False)]
        total = sum(spent) or 1
        share = dict(zip(PROC_STAT, spent, strict=False))
        idle, steal = share.get("idle", 0), share.get("steal", 0)
        return {
            "machine_busy_pct": round(100 * (total - idle - steal) / total, 1),
            "machine_steal_pct": round(100 * steal / total, 1),
            "server_cpu_s": round((self.server - earlier.server) / tick, 2),
            "client_cpu_s": round(self.client - earlier.client, 2),
        }
