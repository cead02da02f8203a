"""JavaScript semantics: truthiness, missing, ==, ===, ordering, conversions."""

import math
from collections import OrderedDict
from typing import Any

import pytest

from engine.rules.semantics import (
    compare,
    greater_equal,
    greater_than,
    is_missing,
    js_length,
    js_number,
    js_slice,
    js_type,
    less_equal,
    less_than,
    loose_equal,
    parse_float,
    strict_equal,
    to_integer,
    to_js_string,
    to_number,
    truthy,
)

NAN = math.nan


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        (False, False),
        (0, False),
        (0.0, False),
        (NAN, False),
        ("", False),
        ([], False),
        ((), False),
        (True, True),
        (1, True),
        (-1, True),
        (0.5, True),
        ("0", True),
        ("false", True),
        ([0], True),
        ([[]], True),
        ({}, True),  # unlike Python: every object is truthy in JavaScript
        ({"a": 1}, True),
        (OrderedDict(), True),
    ],
)
def test_truthy(value: Any, expected: bool) -> None:
    assert truthy(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, True),
        ("", True),
        ([], False),
        (0, False),
        (False, False),
        ("0", False),
        ({}, False),
        (" ", False),
    ],
)
def test_is_missing(value: Any, expected: bool) -> None:
    assert is_missing(value) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (1, 1, True),
        (1, 1.0, True),
        (1, "1", True),
        ("1", 1, True),
        (0, "", True),
        (0, " ", True),
        ("0x10", 16, True),
        (True, 1, True),
        (True, "1", True),
        (True, "true", False),  # true becomes 1, "true" becomes NaN
        (False, 0, True),
        (False, "", True),
        (None, None, True),
        (None, 0, False),
        (None, False, False),
        (None, "", False),
        ([1], 1, True),
        ([1, 2], "1,2", True),
        ([], "", True),
        ([], 0, True),
        ([], False, True),
        ([None], "", True),
        ({}, "[object Object]", True),
        ([], [], False),  # two objects are equal only if they are one object
        ({}, {}, False),
        ("a", "a", True),
        ("a", "A", False),
        (NAN, NAN, False),
        ("abc", NAN, False),
    ],
)
def test_loose_equal(a: Any, b: Any, expected: bool) -> None:
    assert loose_equal(a, b) is expected
    assert loose_equal(b, a) is expected


def test_loose_equal_holds_for_one_object() -> None:
    items = [1]
    assert loose_equal(items, items) is True


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (1, 1, True),
        (1, 1.0, True),
        (True, True, True),
        (True, 1, False),  # Python says True == 1
        (False, 0, False),
        (1, "1", False),
        (None, None, True),
        (None, False, False),
        ("", "", True),
        ([], [], False),
        (NAN, NAN, False),
        (0.0, -0.0, True),
    ],
)
def test_strict_equal(a: Any, b: Any, expected: bool) -> None:
    assert strict_equal(a, b) is expected
    assert strict_equal(b, a) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (1, 2, -1),
        (2, 2, 0),
        (3, 2, 1),
        ("2024-01-01", "2024-02-01", -1),  # ISO dates compare as text
        ("10", "9", -1),  # two texts compare as text
        ("10", 9, 1),  # otherwise as numbers
        (None, 0, 0),
        (None, 1, -1),
        ("", 0, 0),
        ("abc", 1, None),  # NaN: every comparison is false
        (None, "2024-01-01", None),
        ([2], 1, 1),
        ([2], "10", 1),  # "2" > "10" as text
        ([1, 2], 1, None),
        ({}, 1, None),
        ({}, "[object Object]", 0),
        (True, 0.5, 1),
        ("\uffff", "\U0001f600", 1),  # JavaScript compares UTF-16 code units: U+FFFF > U+D83D
        ("a", "ab", -1),
    ],
)
def test_compare(a: Any, b: Any, expected: int | None) -> None:
    assert compare(a, b) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (1, 2),
        (2, 2),
        (2, 1),
        ("a", "b"),
        ("b", "a"),
        ("b", "b"),
        (None, 0),
        ("x", 1),
        (NAN, 1),
        ("æ", "ø"),
        ("1", 2),
    ],
)
def test_the_four_orderings_agree_with_compare(a: Any, b: Any) -> None:
    order = compare(a, b)
    assert less_than(a, b) is (order is not None and order < 0)
    assert less_equal(a, b) is (order is not None and order <= 0)
    assert greater_than(a, b) is (order is not None and order > 0)
    assert greater_equal(a, b) is (order is not None and order >= 0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 0.0),
        (True, 1.0),
        (False, 0.0),
        (7, 7.0),
        (2.5, 2.5),
        ("", 0.0),
        ("  ", 0.0),
        (" 12 ", 12.0),
        ("\u00a012\n", 12.0),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("-0.5", -0.5),
        ("+3", 3.0),
        ("0x1A", 26.0),
        ("0b101", 5.0),
        ("0o17", 15.0),
        ("Infinity", math.inf),
        ("-Infinity", -math.inf),
        ([], 0.0),
        ([5], 5.0),
        (["7"], 7.0),
        ([[3]], 3.0),
        ([None], 0.0),
        (10**400, math.inf),
    ],
)
def test_to_number(value: Any, expected: float) -> None:
    assert to_number(value) == expected


@pytest.mark.parametrize(
    "value",
    ["12px", "abc", "1_000", "inf", "nan", "infinity", "-0x1A", "1e", "١", [1, 2], {}, {"a": 1}, "0x"],
)
def test_to_number_gives_nan(value: Any) -> None:
    assert math.isnan(to_number(value))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12px", 12.0),
        (" 3.5 apples", 3.5),
        ("0x10", 0.0),
        ("Infinityx", math.inf),
        ("-.5e1z", -5.0),
        (4, 4.0),
        ([7, 8], 7.0),  # "7,8"
    ],
)
def test_parse_float(value: Any, expected: float) -> None:
    assert parse_float(value) == expected


@pytest.mark.parametrize("value", ["", None, True, "abc", [], {}, ".e1"])
def test_parse_float_gives_nan(value: Any) -> None:
    assert math.isnan(parse_float(value))


def test_parse_float_of_minus_zero_is_zero() -> None:
    assert math.copysign(1.0, parse_float(-0.0)) == 1.0  # String(-0) is "0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("x", "x"),
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (1, "1"),
        (1.0, "1"),
        (-2.5, "-2.5"),
        (0.1 + 0.2, "0.30000000000000004"),
        (-0.0, "0"),
        (1e16, "10000000000000000"),
        (1e21, "1e+21"),
        (1.5e21, "1.5e+21"),
        (123e-9, "1.23e-7"),
        (0.000001, "0.000001"),
        (1e-7, "1e-7"),
        (10**21, "1e+21"),
        (10**20, "100000000000000000000"),
        (NAN, "NaN"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
        ([], ""),
        ([1, 2], "1,2"),
        ([1, [2, 3]], "1,2,3"),
        ([None, "a", [None]], ",a,"),
        ({}, "[object Object]"),
        ({"a": 1}, "[object Object]"),
    ],
)
def test_to_js_string(value: Any, expected: str) -> None:
    assert to_js_string(value) == expected


@pytest.mark.parametrize(("number", "expected"), [(3.0, 3), (2.5, 2.5), (2.0**60, 2.0**60), (0.0, 0)])
def test_js_number_gives_int_for_safe_integers(number: float, expected: int | float) -> None:
    assert js_number(number) == expected
    assert type(js_number(number)) is type(expected)


def test_js_number_keeps_minus_zero_and_nan() -> None:
    assert math.copysign(1.0, js_number(-0.0)) == -1.0
    assert math.isnan(js_number(NAN))


@pytest.mark.parametrize(
    ("value", "expected"), [(2.7, 2), (-2.7, -2), ("3.9", 3), ("x", 0), (None, 0), (math.inf, math.inf)]
)
def test_to_integer(value: Any, expected: float) -> None:
    assert to_integer(value) == expected


def test_strings_are_utf16_as_in_javascript() -> None:
    assert js_length("abc") == 3
    assert js_length("æøå") == 3
    assert js_length("\U0001f600") == 2
    assert js_slice("a\U0001f600b", 1, 3) == "\U0001f600"
    assert js_slice("a\U0001f600b", 0, 2) == "a\ud83d"  # half an emoji, as JavaScript gives it


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "null"),
        (True, "boolean"),
        (1, "number"),
        (1.5, "number"),
        ("", "string"),
        ([], "array"),
        ((), "array"),
        ({}, "object"),
        (OrderedDict(), "object"),
    ],
)
def test_js_type(value: Any, expected: str) -> None:
    assert js_type(value) == expected
