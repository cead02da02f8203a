"""Compile the engine's hot modules with mypyc into build/accelerated/ (see engine/_accelerated.py).

Usage: .venv/bin/python scripts/accelerate.py        (scripts/setup runs it when mypyc and a C compiler
                                                     are there; without them the engine runs as plain
                                                     Python, about half as fast at judging payloads)

The sources are copied to a scratch folder and compiled there, so no extension ever lands beside the
source files (where Python would prefer it even when stale). The manifest records each source's SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "accelerated"

# The modules that run for every payload. They form one mypyc group (one shared library).
MODULES = [
    "engine/rules/semantics.py",
    "engine/rules/evaluators.py",
    "engine/rules/data.py",
    "engine/rules/operators.py",
    "engine/rules/control.py",
    "engine/codelists/patterns.py",
    "engine/form/named_operators.py",
    "engine/form/memo.py",
    "engine/form/cpr_number.py",
    "engine/form/fieldtypes.py",
    "engine/form/result.py",
    "engine/form/compiled.py",
    "engine/form/steps.py",
    "engine/form/compile.py",
    "engine/form/validate.py",
]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _up_to_date() -> bool:
    manifest = BUILD / "manifest.json"
    if not manifest.exists():
        return False
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))
    except ValueError:
        return False
    if entries.get("ext_suffix") != sysconfig.get_config_var("EXT_SUFFIX"):
        return False
    wanted = {m.removesuffix(".py").replace("/", "."): _sha256(ROOT / m) for m in MODULES}
    have = {name: entry["source_sha256"] for name, entry in entries.get("modules", {}).items()}
    return wanted == have and all((BUILD / e["file"]).exists() for e in entries["modules"].values())


def build() -> int:
    if _up_to_date():
        print("accelerate: compiled modules are up to date")
        return 0
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    with tempfile.TemporaryDirectory(prefix="indberet-mypyc-") as scratch:
        work = Path(scratch)
        shutil.copytree(
            ROOT / "engine", work / "engine", ignore=shutil.ignore_patterns("__pycache__", "*.so")
        )
        result = subprocess.run(
            [sys.executable, "-m", "mypyc", *MODULES], cwd=work, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            print("accelerate: mypyc failed; the engine runs as plain Python", file=sys.stderr)
            print(result.stdout[-3000:], result.stderr[-3000:], file=sys.stderr)
            return 1
        if BUILD.exists():
            shutil.rmtree(BUILD)
        BUILD.mkdir(parents=True)
        modules = {}
        for source in MODULES:
            name = source.removesuffix(".py").replace("/", ".")
            built = source.removesuffix(".py") + suffix
            (BUILD / built).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work / built, BUILD / built)
            modules[name] = {"source": source, "source_sha256": _sha256(ROOT / source), "file": built}
        runtimes = [path for path in work.glob(f"*__mypyc{suffix}")]
        runtime = None
        if runtimes:
            shutil.copy2(runtimes[0], BUILD / runtimes[0].name)
            runtime = {"name": runtimes[0].name.removesuffix(suffix), "file": runtimes[0].name}
    manifest = {
        "ext_suffix": suffix,
        "python": sys.version.split()[0],
        "modules": modules,
        "runtime": runtime,
    }
    (BUILD / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"accelerate: compiled {len(modules)} modules into {BUILD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(build())
