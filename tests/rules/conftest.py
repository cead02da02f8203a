"""Helpers shared by the rules tests."""

import math
from collections.abc import Callable
from typing import Any

import pytest


def same_json(got: Any, expected: Any) -> bool:
    """Equal as JavaScript values: a boolean is never a number, 2 and 2.0 are one number, and
    {"num": "NaN" | "Infinity" | "-Infinity" | "-0"} in `expected` stands for those numbers."""
    if isinstance(expected, dict) and set(expected) == {"num"}:
        return isinstance(got, float) and _special(got) == expected["num"]
    if isinstance(got, bool) or isinstance(expected, bool):
        return type(got) is type(expected) and got == expected
    if isinstance(got, int | float) and isinstance(expected, int | float):
        special = _special(got)
        return special == _special(expected) and (special is not None or float(got) == float(expected))
    if isinstance(got, list) and isinstance(expected, list):
        return len(got) == len(expected) and all(map(same_json, got, expected))
    if isinstance(got, dict) and isinstance(expected, dict):
        return got.keys() == expected.keys() and all(same_json(got[key], expected[key]) for key in got)
    return type(got) is type(expected) and got == expected


def _special(number: float) -> str | None:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0 and math.copysign(1.0, number) < 0:
        return "-0"
    return None


@pytest.fixture
def same() -> Callable[[Any, Any], bool]:
    return same_json
