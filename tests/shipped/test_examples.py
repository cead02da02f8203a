"""The shipped examples (``examples/``) are what they claim to be, judged through the real command line.

Every ``examples/*.json`` is a valid payload, and each shows the fact its name promises (automatic T, open
fields, …). ``examples/payloads.jsonl`` is JSON Lines: one valid payload, and one with the errors a system
typically makes.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.cli import run_indberet as indberet

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE_FILES = sorted(path.name for path in EXAMPLES.glob("*.json"))

Result = dict[str, Any]


@pytest.fixture(scope="module")
def all_examples() -> subprocess.CompletedProcess[bytes]:
    """All example files judged by one ``indberet validate`` call."""
    return indberet("validate", *(f"examples/{name}" for name in EXAMPLE_FILES))


@pytest.fixture(scope="module")
def results(all_examples: subprocess.CompletedProcess[bytes]) -> dict[str, Result]:
    """One result line per file, in the order the files were named."""
    lines = all_examples.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(EXAMPLE_FILES), all_examples.stderr.decode()
    return dict(zip(EXAMPLE_FILES, map(json.loads, lines), strict=True))


def test_there_are_examples() -> None:
    assert len(EXAMPLE_FILES) >= 6


def test_all_examples_together_exit_0(all_examples: subprocess.CompletedProcess[bytes]) -> None:
    assert all_examples.returncode == 0
    assert all_examples.stderr == b""


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_example_is_valid(results: dict[str, Result], name: str) -> None:
    result = results[name]
    assert result["valid"] is True
    assert result["errors"] == []
    assert set(result) >= {"valid", "errors", "warnings", "derived"}


@dataclass(frozen=True)
class Fact:
    """What an example is there to show."""

    shows: str
    derived: dict[str, str] = field(default_factory=dict)
    open_and_required: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()


KEY_FACTS: dict[str, Fact] = {
    "in-situ-automatisk-t.json": Fact(
        "F13: carcinoma in situ (DD069) gets T = AZCD12 filled in; N and M are chosen",
        derived={"t_stadie": "AZCD12"},
        open_and_required=("t_stadie", "n_stadie", "m_stadie", "ydernummer"),
        closed=("lateralitet", "ann_arbor", "anatomisk_lokalisation", "udbredelse", "operationsdato"),
    ),
    "bryst-tnm-lateralitet.json": Fact(
        "F11, F12, F19, F20: breast cancer with laterality, T, N, M and an operation",
        open_and_required=(
            "lateralitet",
            "t_stadie",
            "n_stadie",
            "m_stadie",
            "operationsdato",
            "operationskode",
        ),
        closed=("ann_arbor", "anatomisk_lokalisation", "udbredelse", "morfologi", "anden_behandling_tekst"),
    ),
    "lymfom-ann-arbor.json": Fact(
        "F10, F14: a lymphoma needs Ann Arbor and localisation, and has no TNM",
        open_and_required=("ann_arbor", "anatomisk_lokalisation"),
        closed=("t_stadie", "n_stadie", "m_stadie", "lateralitet"),
    ),
    "foer-2004-udbredelse.json": Fact(
        "F15: first contact before 01-01-2004 opens Udbredelse",
        open_and_required=("udbredelse", "t_stadie"),
        closed=("operationsdato", "lateralitet"),
    ),
    "opereret-tyktarm.json": Fact(
        "F18, F19, F20: »Anden morfologi cancer« and an operation",
        open_and_required=("morfologi", "operationsdato", "operationskode"),
        closed=("lateralitet", "udbredelse", "anden_behandling_tekst"),
    ),
    "behandlinger-anden.json": Fact(
        "F21, F22: several treatments, one of them »Anden behandling« with its text",
        open_and_required=("anden_behandling_tekst",),
        closed=("operationsdato", "operationskode", "lateralitet"),
    ),
}


def test_every_key_fact_names_a_shipped_example() -> None:
    assert set(KEY_FACTS) <= set(EXAMPLE_FILES)


@pytest.mark.parametrize("name", sorted(KEY_FACTS))
def test_example_shows_its_key_fact(results: dict[str, Result], name: str) -> None:
    result, fact = results[name], KEY_FACTS[name]
    assert result["derived"] == fact.derived, fact.shows
    assert result["warnings"] == [], fact.shows
    for field_id in fact.open_and_required:
        assert field_id in result["open"] and field_id in result["required"], f"{field_id}: {fact.shows}"
    for field_id in fact.closed:
        assert field_id not in result["open"], f"{field_id}: {fact.shows}"


# -- payloads.jsonl ---------------------------------------------------------------------------------------
EXPECTED_JSONL_ERRORS = [  # line 2: a too long ydernummer beside a SOR-kode, no laterality, no N and M
    ("ydernummer", "F05", "Ydernummer må højst være 6 tegn (angivet: »1234567«)."),
    ("ydernummer", "F04", "Der kan ikke angives både ydernummer og SOR-kode. Slet det ene."),
    ("lateralitet", "F11", "Lateralitet skal angives ved diagnoser i parrede organer."),
    ("n_stadie", "F12", "N-stadie skal angives for denne diagnose."),
    ("m_stadie", "F12", "M-stadie skal angives for denne diagnose."),
]


def _check_jsonl(done: subprocess.CompletedProcess[bytes]) -> None:
    first, second = (json.loads(line) for line in done.stdout.decode("utf-8").splitlines())
    assert first["valid"] is True and first["errors"] == [] and first["warnings"] == []
    assert second["valid"] is False
    assert [(e["field"], e["manual"], e["message"]) for e in second["errors"]] == EXPECTED_JSONL_ERRORS
    assert done.returncode == 1  # some payload has errors; every line was JSON
    assert done.stderr == b""


def test_payloads_jsonl_on_stdin() -> None:
    _check_jsonl(indberet("validate", "-", stdin=(EXAMPLES / "payloads.jsonl").read_bytes()))


def test_payloads_jsonl_as_a_file_gives_the_same_lines() -> None:
    by_file = indberet("validate", "examples/payloads.jsonl")
    _check_jsonl(by_file)
    by_stdin = indberet("validate", "-", stdin=(EXAMPLES / "payloads.jsonl").read_bytes())
    assert by_file.stdout == by_stdin.stdout
