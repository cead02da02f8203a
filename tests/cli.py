"""The real ``indberet`` command for the tests: the installed script beside the running Python (the .venv),
else ``python -m engine.cli``. Output is kept as bytes, so its encoding can be checked."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def indberet_command() -> list[str]:
    script = Path(sys.executable).with_name("indberet")
    if script.exists():
        return [str(script)]
    found = shutil.which("indberet")
    return [found] if found else [sys.executable, "-m", "engine.cli"]


def run_indberet(
    *args: str | Path,
    stdin: bytes | str = b"",
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``indberet ARGS`` with ``stdin`` (text is sent as UTF-8) in ``cwd`` (default: the repository)."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run(
        [*indberet_command(), *map(str, args)],
        input=data,
        capture_output=True,
        cwd=cwd or ROOT,
        env=dict(env) if env is not None else None,
        timeout=timeout,
        check=False,
    )
