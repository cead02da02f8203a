"""The official JsonLogic test suite (json-logic-js's tests.json), one test per case."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.rules import compile_rule

SUITE = json.loads((Path(__file__).parent / "jsonlogic_tests.json").read_text(encoding="utf-8"))
# Entries that are strings are section comments.
CASES = [(index, case) for index, case in enumerate(SUITE) if not isinstance(case, str)]


def _case_id(index: int, rule: Any) -> str:
    text = json.dumps(rule, separators=(",", ":"))
    return f"{index}:{text if len(text) <= 60 else text[:57] + '...'}"


@pytest.mark.parametrize(
    ("rule", "data", "expected"), [pytest.param(*case, id=_case_id(index, case[0])) for index, case in CASES]
)
def test_official_case(rule: Any, data: Any, expected: Any, same: Callable[[Any, Any], bool]) -> None:
    got = compile_rule(rule)(data)
    assert same(got, expected), f"got {got!r}, expected {expected!r}"


def test_the_whole_suite_is_run() -> None:
    assert len(CASES) == 277
