"""Load the mypyc-compiled copies of the engine's hot modules, when they match their source exactly.

``scripts/accelerate.py`` compiles the modules that judge payloads (the rules layer and the validator)
into C extensions under ``build/accelerated/``, with a manifest of the source files' SHA-256. At import,
this module checks every hash: only when all of them match the files as they are now — and the
extensions were built for this Python — does it serve the compiled modules. A changed source file
silently brings back the plain Python modules (never a stale extension); ``INDBERET_PURE_PYTHON=1`` does
so on purpose. The compiled and the plain modules are the same code and pass the same tests.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import sysconfig
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # the folder that holds engine/
BUILD = PACKAGE_ROOT / "build" / "accelerated"
MANIFEST = BUILD / "manifest.json"


class _CompiledFinder:
    """Finds the compiled extension of each module named in the manifest."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        file = self.files.get(name)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(name, str(file))
        return importlib.util.spec_from_file_location(name, file, loader=loader)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _usable(manifest: dict[str, Any]) -> dict[str, Path] | None:
    """The extension file of each module, or None when anything does not match."""
    if manifest.get("ext_suffix") != sysconfig.get_config_var("EXT_SUFFIX"):
        return None
    files: dict[str, Path] = {}
    for name, entry in manifest.get("modules", {}).items():
        source = PACKAGE_ROOT / entry["source"]
        built = BUILD / entry["file"]
        if not source.exists() or not built.exists() or _sha256(source) != entry["source_sha256"]:
            return None
        files[name] = built
    runtime = manifest.get("runtime")
    if runtime:
        files[runtime["name"]] = BUILD / runtime["file"]
    return files


def install() -> bool:
    """Serve the compiled modules from now on, if they are there and current; whether they are."""
    if os.environ.get("INDBERET_PURE_PYTHON") or not MANIFEST.exists():
        return False
    try:
        files = _usable(json.loads(MANIFEST.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not files or any(name in sys.modules for name in files):
        return False
    sys.meta_path.insert(0, _CompiledFinder(files))
    return True
