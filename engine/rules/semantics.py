"""JavaScript semantics that JsonLogic inherits from json-logic-js, decided once (rules layer).

Truthiness, what `missing` counts as absent, == and ===, < and friends, and the conversions
between numbers and strings. Each function copies what json-logic-js gets from JavaScript.

JSON types map to Python as: null <-> None, boolean <-> bool, number <-> int | float,
string <-> str, array <-> list (tuple is accepted as well), object <-> dict (any Mapping).
Python's own rules differ in traps this module exists to avoid: `True == 1`, `1 == 1.0` but
`True is not 1`, `bool({})` is False, `bool(float("nan"))` is True, `-1 % 2` is 1.
"""

import math
import re
from collections.abc import Mapping
from typing import Any

_NUMBER_TYPES = frozenset({int, float})
_NUMBERS = (int, float)  # for isinstance: a tuple is faster there than int | float
ARRAY_TYPES = (list, tuple)
# Types for which Python's bool() is JavaScript's truthiness (json-logic-js adds: [] is falsy).
_TRUTHY_AS_PYTHON = frozenset({bool, int, str, list, tuple, type(None)})
_JS_TYPES = {type(None): "null", bool: "boolean", int: "number", float: "number", str: "string"}
_OBJECTS = frozenset({"array", "object"})
_PYTHON_TRUTHINESS = (int, str, list, tuple)

MAX_SAFE_INTEGER = 2**53 - 1
NAN = math.nan

# JavaScript's WhiteSpace and LineTerminator characters, which Number() and parseFloat() skip.
_JS_SPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"  # noqa: E501
# Possessive (++, ?+): a text that is no number, such as an ISO date, fails at once instead of trying every
# split of its digits between two quantifiers (0.2 µs instead of 0.8 µs for "2024-01-01").
_DECIMAL = r"[+-]?+(?:Infinity|(?:[0-9]++(?:\.[0-9]*+)?+|\.[0-9]++)(?:[eE][+-]?+[0-9]++)?+)"
_NUMBER_LITERAL = re.compile(_DECIMAL)  # the whole of a string, for Number()
_RADIX_LITERAL = re.compile(r"0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")


def js_type(value: Any) -> str:
    """The JavaScript type of a value: "null", "boolean", "number", "string", "array" or "object"."""
    kind = _JS_TYPES.get(type(value))
    if kind is not None:
        return kind
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, _NUMBERS):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, ARRAY_TYPES):
        return "array"
    return "object"


def truthy(value: Any) -> bool:
    """JsonLogic truthiness: JavaScript's, except that an empty array is falsy.

    json-logic-js: `if (Array.isArray(value) && value.length === 0) return false; return !!value;`
    so 0, NaN, "", null and [] are falsy; "0", [0] and {} are truthy. Python agrees except for
    {} (truthy in JavaScript: every object is) and NaN (falsy in JavaScript).
    """
    kind = type(value)
    if kind in _TRUTHY_AS_PYTHON:
        return bool(value)
    if isinstance(value, float):
        return bool(value == value and value != 0.0)  # NaN is the one float unequal to itself
    if isinstance(value, _PYTHON_TRUTHINESS):  # subclasses, e.g. enums
        return bool(value)
    return True  # objects, even empty ones


def is_missing(value: Any) -> bool:
    """What `missing` and `missing_some` count as absent: null and "" (json-logic-js checks exactly
    `value === null || value === ""`).

    An empty list is *not* missing here, though an unticked multi-choice field arrives as []:
    the form layer normalises every "not given" payload value (None, "", []) away before rules run,
    so rules never see [] for "not given", and keeping json-logic-js's answer keeps rules portable.
    """
    return value is None or (isinstance(value, str) and not value)


def loose_equal(a: Any, b: Any) -> bool:
    """JavaScript `a == b` (IsLooselyEqual), used by "==" and "!="."""
    kind = type(a)
    if kind is type(b) and kind in _JS_TYPES:  # same primitive type: plain comparison
        return bool(a == b)
    type_a, type_b = js_type(a), js_type(b)
    if type_a in _OBJECTS and type_b in _OBJECTS:
        return a is b  # objects are equal only to themselves
    if type_a == type_b:
        return bool(a == b)
    if type_a == "null" or type_b == "null":
        return False  # null equals only null (and undefined, which JSON lacks)
    if type_a == "boolean":
        return loose_equal(to_number(a), b)
    if type_b == "boolean":
        return loose_equal(a, to_number(b))
    if type_a in _OBJECTS:
        return loose_equal(to_js_string(a), b)  # ToPrimitive of an array or object is its string
    if type_b in _OBJECTS:
        return loose_equal(a, to_js_string(b))
    return to_number(a) == to_number(b)  # a number and a string compare as numbers


def strict_equal(a: Any, b: Any) -> bool:
    """JavaScript `a === b`, used by "===", "!==" and "in" on arrays: same type and value.

    Unlike Python, true !== 1; like Python, 1 === 1.0 (JavaScript has one number type).
    """
    kind = type(a)
    if kind is type(b) and kind in _JS_TYPES:
        return bool(a == b)
    type_a = js_type(a)
    if type_a != js_type(b):
        return False
    return a is b if type_a in _OBJECTS else bool(a == b)


def compare(a: Any, b: Any) -> int | None:
    """-1, 0 or 1 as JavaScript's relational operators order a and b; None when they are
    incomparable (a NaN is involved, so every one of <, <=, >, >= is false).

    JavaScript's abstract relational comparison: arrays and objects become strings first; two
    strings compare as strings (so ISO dates "2024-01-01" < "2024-02-01" work); anything else
    compares as numbers: null and "" are 0, a non-numeric string is NaN.
    """
    a, b = _to_primitive(a), _to_primitive(b)
    if isinstance(a, str) and isinstance(b, str):
        return _compare_strings(a, b)
    x, y = to_number(a), to_number(b)
    if x != x or y != y:
        return None
    return (x > y) - (x < y)


# Each starts with the cases where Python's operator is JavaScript's: two numbers, two ASCII strings.


def less_than(a: Any, b: Any) -> bool:
    if _same_order(a, b):
        return bool(a < b)
    order = compare(a, b)
    return order is not None and order < 0


def less_equal(a: Any, b: Any) -> bool:
    if _same_order(a, b):
        return bool(a <= b)
    order = compare(a, b)
    return order is not None and order <= 0


def greater_than(a: Any, b: Any) -> bool:
    if _same_order(a, b):
        return bool(a > b)
    order = compare(a, b)
    return order is not None and order > 0


def greater_equal(a: Any, b: Any) -> bool:
    if _same_order(a, b):
        return bool(a >= b)
    order = compare(a, b)
    return order is not None and order >= 0


def _same_order(a: Any, b: Any) -> bool:
    """True if Python orders a and b as JavaScript does."""
    kind = type(a)
    if kind is str:
        return type(b) is str and a.isascii() and b.isascii()
    return kind in _NUMBER_TYPES and type(b) in _NUMBER_TYPES


def _to_primitive(value: Any) -> Any:
    return to_js_string(value) if js_type(value) in _OBJECTS else value


def _compare_strings(a: str, b: str) -> int:
    # JavaScript orders strings by UTF-16 code units, Python by code points; they differ only when
    # a character beyond U+FFFF meets one in U+E000..U+FFFF, so ASCII (dates, codes) takes the short way.
    if not (a.isascii() and b.isascii()):
        units_a, units_b = a.encode("utf-16-be", "surrogatepass"), b.encode("utf-16-be", "surrogatepass")
        return (units_a > units_b) - (units_a < units_b)
    return (a > b) - (a < b)


def to_number(value: Any) -> float:
    """JavaScript Number(value): null -> 0, true -> 1, "" -> 0, " 12 " -> 12, "0x1A" -> 26,
    "12px" -> NaN, [] -> 0, [5] -> 5, [1, 2] -> NaN, {} -> NaN."""
    kind = type(value)
    if kind is float:
        return value  # type: ignore[no-any-return]
    if kind is int:
        return _int_to_float(value)
    if kind is bool:
        return 1.0 if value else 0.0
    if value is None:
        return 0.0
    if kind is str:
        return _string_to_number(value)
    primitive = _to_primitive(value)
    if primitive is value:  # a subclass of a primitive type
        return to_number(_JS_PRIMITIVE[js_type(value)](value))
    return _string_to_number(primitive)


_JS_PRIMITIVE = {"boolean": bool, "number": float, "string": str}


def _int_to_float(value: int) -> float:
    try:
        return float(value)
    except OverflowError:  # beyond 1.8e308 JavaScript has only Infinity
        return math.inf if value > 0 else -math.inf


def _string_to_number(text: str) -> float:
    text = text.strip(_JS_SPACE)
    if not text:
        return 0.0
    if _NUMBER_LITERAL.fullmatch(text):
        return float(text)  # float() reads "Infinity" too, and gives inf for "1e999" as JavaScript does
    if text[0] == "0" and _RADIX_LITERAL.fullmatch(text):
        return _int_to_float(int(text, 0))
    return NAN


def parse_float(value: Any) -> float:
    """JavaScript parseFloat(value), used by "+" and "*": the longest decimal prefix of String(value),
    so "12px" -> 12, but "" -> NaN, null -> NaN ("null"), true -> NaN, "0x10" -> 0."""
    kind = type(value)
    if kind is float:
        return value + 0.0  # type: ignore[no-any-return]  # String(-0) is "0": parseFloat(-0) is 0
    if kind is int:
        return _int_to_float(value)
    match = _NUMBER_LITERAL.match(to_js_string(value).lstrip(_JS_SPACE))
    return float(match.group()) if match else NAN


def js_number(number: float) -> int | float:
    """A JavaScript number as Python shows it best: integral values within +-2**53 become int, so
    {"+": [1, 2]} gives 3, not 3.0 (JSON and Python equality cannot tell the two apart anyway)."""
    if number.is_integer() and -MAX_SAFE_INTEGER <= number <= MAX_SAFE_INTEGER and number:
        return int(number)
    if number == 0 and math.copysign(1.0, number) > 0:
        return 0  # keep -0.0: 1 / -0 is -Infinity
    return number


def to_js_string(value: Any) -> str:
    """JavaScript String(value): 1.0 -> "1", 1e21 -> "1e+21", True -> "true", None -> "null",
    [1, [2, None]] -> "1,2," (arrays join their items with ",", null items as ""),
    {...} -> "[object Object]"."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return _number_to_string(value)
    if value is None:
        return "null"
    if kind is list or kind is tuple:
        return ",".join("" if item is None else to_js_string(item) for item in value)
    kind_name = js_type(value)
    if kind_name in _OBJECTS:
        return to_js_string(list(value)) if kind_name == "array" else "[object Object]"
    return to_js_string(_JS_PRIMITIVE[kind_name](value))


def _number_to_string(number: int | float) -> str:
    """JavaScript Number::toString: shortest round-trip digits, exponent only from 1e21 or below 1e-6."""
    if isinstance(number, int) and -(10**21) < number < 10**21:
        return str(number)
    number = _int_to_float(number) if isinstance(number, int) else number
    if number != number:
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    # Python's repr has the same shortest round-trip digits; only the layout differs.
    mantissa, _, exponent = repr(abs(number)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    stripped = digits.rstrip("0")
    # value = 0.<stripped> * 10**point
    point = int(exponent or 0) - len(fraction) + (len(digits) - len(stripped)) + len(stripped)
    return sign + _layout(stripped, point)


def _layout(digits: str, point: int) -> str:
    count = len(digits)
    if count <= point <= 21:
        return digits + "0" * (point - count)
    if 0 < point <= 21:
        return digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    exponent = point - 1
    head = digits[0] + ("." + digits[1:] if count > 1 else "")
    return f"{head}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"


def js_length(text: str) -> int:
    """JavaScript's string length, in UTF-16 code units (an emoji counts 2)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def js_slice(text: str, start: int, end: int) -> str:
    """text.substring(start, end) in UTF-16 code units, as JavaScript indexes strings."""
    if text.isascii():
        return text[start:end]
    units = text.encode("utf-16-le", "surrogatepass")
    return units[2 * start : 2 * end].decode("utf-16-le", "surrogatepass")


def to_integer(value: Any) -> float:
    """JavaScript ToIntegerOrInfinity: NaN -> 0, fractions truncated toward 0, infinities kept."""
    number = to_number(value)
    if number != number:
        return 0
    if math.isinf(number):
        return number
    return math.trunc(number)


def is_array(value: Any) -> bool:
    return type(value) is list or isinstance(value, ARRAY_TYPES)


def is_mapping(value: Any) -> bool:
    return isinstance(value, Mapping)
