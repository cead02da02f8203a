"""The shipped examples (``examples/``) are valid payloads, judged through the real command line as the
README shows it; what each one is there to show is asserted in ``features/eksempler.feature``.

Every ``examples/*.json`` and the first line of ``examples/payloads.jsonl`` is valid without warnings; the
second line of ``payloads.jsonl`` holds the errors a system typically makes (its scenario lists them). When
an edit of the form makes an example invalid, the failure names the example and the rules it no longer
meets.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.broken_rules import unmet
from tests.cli import run_indberet as indberet

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE_FILES = sorted(path.name for path in EXAMPLES.glob("*.json"))
JSONL = "payloads.jsonl"
VALID_JSONL_LINES = (1,)  # line 2 shows errors on purpose

Result = dict[str, Any]


@pytest.fixture(scope="module")
def all_examples() -> subprocess.CompletedProcess[bytes]:
    """All example files judged by one ``indberet validate`` call, as the README shows it."""
    return indberet("validate", *(f"examples/{name}" for name in EXAMPLE_FILES))


@pytest.fixture(scope="module")
def results(all_examples: subprocess.CompletedProcess[bytes]) -> dict[str, Result]:
    """One result line per file, in the order the files were named."""
    lines = all_examples.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(EXAMPLE_FILES), all_examples.stderr.decode()
    return dict(zip(EXAMPLE_FILES, map(json.loads, lines), strict=True))


@pytest.fixture(scope="module")
def jsonl_by_stdin() -> subprocess.CompletedProcess[bytes]:
    return indberet("validate", "-", stdin=(EXAMPLES / JSONL).read_bytes())


def test_there_are_examples() -> None:
    assert len(EXAMPLE_FILES) >= 6
    assert (EXAMPLES / JSONL).exists()


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_example_meets_every_rule(results: dict[str, Result], name: str) -> None:
    result = results[name]
    assert set(result) >= {"valid", "errors", "warnings", "derived"}
    assert result["valid"] is True and not unmet(result), unmet(result, f"examples/{name}")


@pytest.mark.parametrize("number", VALID_JSONL_LINES)
def test_a_valid_line_of_payloads_jsonl_meets_every_rule(
    jsonl_by_stdin: subprocess.CompletedProcess[bytes], number: int
) -> None:
    result = json.loads(jsonl_by_stdin.stdout.decode("utf-8").splitlines()[number - 1])
    assert not unmet(result), unmet(result, f"examples/{JSONL}:{number}")


def test_the_exit_status_and_output_follow_the_results(
    all_examples: subprocess.CompletedProcess[bytes], results: dict[str, Result]
) -> None:
    assert all_examples.returncode == (0 if all(r["valid"] for r in results.values()) else 1)
    assert all_examples.stderr == b""


def test_payloads_jsonl_gives_a_line_per_payload_and_exit_1_for_its_errors(
    jsonl_by_stdin: subprocess.CompletedProcess[bytes],
) -> None:
    lines = [json.loads(line) for line in jsonl_by_stdin.stdout.decode("utf-8").splitlines()]
    payloads = (EXAMPLES / JSONL).read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(payloads) == 2
    assert lines[1]["valid"] is False  # the line of typical errors (features/eksempler.feature)
    assert jsonl_by_stdin.returncode == 1  # some payload has errors; every line was JSON
    assert jsonl_by_stdin.stderr == b""


def test_payloads_jsonl_as_a_file_gives_the_same_lines(
    jsonl_by_stdin: subprocess.CompletedProcess[bytes],
) -> None:
    by_file = indberet("validate", f"examples/{JSONL}")
    assert by_file.stdout.replace(f'"examples/{JSONL}:'.encode(), b'"<stdin>:') == jsonl_by_stdin.stdout
    assert f'"source": "examples/{JSONL}:1"'.encode() in by_file.stdout  # each line says what it judges
    assert by_file.returncode == jsonl_by_stdin.returncode
