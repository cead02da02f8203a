"""The compiled hot modules: used only when they match the source exactly, and judge exactly as the source."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import engine
from engine import _accelerated

ROOT = Path(__file__).resolve().parent.parent


def _manifest(tmp_path: Path, source_text: str, recorded_hash: str) -> dict[str, object]:
    (tmp_path / "engine").mkdir()
    (tmp_path / "engine" / "m.py").write_text(source_text, encoding="utf-8")
    (tmp_path / "build" / "accelerated").mkdir(parents=True)
    (tmp_path / "build" / "accelerated" / "m.so").write_bytes(b"")
    return {
        "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
        "modules": {"engine.m": {"source": "engine/m.py", "source_sha256": recorded_hash, "file": "m.so"}},
        "runtime": None,
    }


def test_a_compiled_module_is_used_when_its_source_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    monkeypatch.setattr(_accelerated, "PACKAGE_ROOT", tmp_path)
    monkeypatch.setattr(_accelerated, "BUILD", tmp_path / "build" / "accelerated")
    manifest = _manifest(tmp_path, "x = 1\n", hashlib.sha256(b"x = 1\n").hexdigest())
    assert _accelerated._usable(manifest) == {"engine.m": tmp_path / "build" / "accelerated" / "m.so"}


def test_a_changed_source_brings_back_the_plain_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_accelerated, "PACKAGE_ROOT", tmp_path)
    monkeypatch.setattr(_accelerated, "BUILD", tmp_path / "build" / "accelerated")
    assert _accelerated._usable(_manifest(tmp_path, "x = 2\n", "0" * 64)) is None


def test_extensions_built_for_another_python_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_accelerated, "PACKAGE_ROOT", tmp_path)
    monkeypatch.setattr(_accelerated, "BUILD", tmp_path / "build" / "accelerated")
    manifest = _manifest(tmp_path, "x = 1\n", "0" * 64)
    manifest["ext_suffix"] = ".cpython-39-x86_64-linux-gnu.so"
    assert _accelerated._usable(manifest) is None


def test_the_compiled_modules_are_in_use_when_built() -> None:
    """scripts/test builds them (scripts/setup); a manifest that is not used means a stale build."""
    if not _accelerated.MANIFEST.exists() or os.environ.get("INDBERET_PURE_PYTHON"):
        pytest.skip("not built here (no C compiler, or INDBERET_PURE_PYTHON): plain Python is tested")
    assert engine.ACCELERATED, "the compiled modules are stale: run .venv/bin/python scripts/accelerate.py"
    import importlib

    module = importlib.import_module("engine.form.validate")
    assert str(module.__file__).endswith(sysconfig.get_config_var("EXT_SUFFIX"))


def test_compiled_and_plain_modules_judge_alike() -> None:
    """The same 300 corpus payloads, judged in a process with and one without the compiled modules."""
    script = (
        "import json, sys; from engine.form import load_form, validate; from tests.cancer_corpus import corpus; "
        "form = load_form(); print(json.dumps([validate(form, p).as_json() for p in corpus(300, seed=5)]))"
    )
    outputs = []
    for pure in ("", "1"):
        env = {**os.environ, "INDBERET_PURE_PYTHON": pure}
        run = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]
    assert sum(not result["valid"] for result in outputs[0]) > 50  # the corpus has its share of mistakes
