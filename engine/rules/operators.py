"""Operators that evaluate all their arguments and combine the values (rules layer): comparison,
arithmetic, text and arrays, plus `pure()` to make more of them.

Each operator compiles to a closure, specialised where a literal argument allows it: `==` against a
literal string, `in` a literal list (a frozenset), `<` against a literal number. Closures that test
one value read `{"var": "key"}` inline (see `evaluators.key_read`): `value = data.get(key) if key is
not None and type(data) is dict else operand(data)`.
"""

import math
import operator as python
from collections.abc import Callable
from typing import Any

from engine.rules.evaluators import constant, constant_of, key_of
from engine.rules.rule_problems import check_arity
from engine.rules.semantics import (
    NAN,
    greater_equal,
    greater_than,
    is_array,
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
from engine.rules.types import CompileArg, Evaluator, Operator, Path

_NUMBER_TYPES = frozenset({int, float})
_PRIMITIVE_TYPES = frozenset({str, int, float, bool, type(None)})
_ABSENT: Any = object()  # an argument not given, which JavaScript tells from null (undefined)


def pure(
    name: str,
    fn: Callable[..., Any],
    *,
    min_args: int = 0,
    max_args: int | None = None,
    description: str = "",
) -> Operator:
    """An operator that evaluates every argument and returns fn(*values).

    Arity is checked when the rule compiles. fn is called on every evaluation, never folded at
    compile time (it may read a clock), and it must not raise: rules never crash when evaluated.

    >>> double = pure("double", lambda x: 2 * x, min_args=1, max_args=1)
    """
    return Operator(
        name, _evaluate_all(name, fn, min_args, max_args, description, fold=False), description=description
    )


def _evaluate_all(
    name: str, fn: Callable[..., Any], min_args: int, max_args: int | None, description: str, *, fold: bool
) -> Callable[[list[Any], CompileArg, Path], Evaluator]:
    def compile_pure(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        check_arity(name, len(args), min_args, max_args, description)
        return _call_with_values(fn, [compile_arg(arg, (*path, i)) for i, arg in enumerate(args)], fold=fold)

    return compile_pure


def _call_with_values(fn: Callable[..., Any], evaluators: list[Evaluator], *, fold: bool) -> Evaluator:
    """An evaluator giving fn(*values of evaluators); folded to a constant if `fold` and all are constant."""
    known = [constant_of(evaluator) for evaluator in evaluators]
    if fold and all(value is not None for value in known):
        return constant(fn(*[value.value for value in known if value is not None]))
    if not evaluators:
        return lambda data: fn()
    if len(evaluators) == 1:
        (only,) = evaluators
        return lambda data: fn(only(data))
    if len(evaluators) == 2:
        first, second = evaluators
        return lambda data: fn(first(data), second(data))
    return lambda data: fn(*[evaluator(data) for evaluator in evaluators])


def _standard(
    name: str, fn: Callable[..., Any], min_args: int, max_args: int | None, description: str
) -> Operator:
    """A standard operator: like `pure`, but folded when all arguments are constant (fn is pure)."""
    return Operator(
        name, _evaluate_all(name, fn, min_args, max_args, description, fold=True), description=description
    )


# --- == === != !== ---------------------------------------------------------------------------------


def _equality(name: str, *, loose: bool, negate: bool, description: str) -> Operator:
    equal = loose_equal if loose else strict_equal

    def compile_equality(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        check_arity(name, len(args), 2, 2, description)
        left, right = compile_arg(args[0], (*path, 0)), compile_arg(args[1], (*path, 1))
        known_left, known_right = constant_of(left), constant_of(right)
        if known_left is not None and known_right is not None:
            return constant(equal(known_left.value, known_right.value) != negate)
        # Both == and === are symmetric, so a literal on either side is handled as the right one.
        if known_right is not None and type(known_right.value) in _PRIMITIVE_TYPES:
            return _equal_to_literal(left, known_right.value, loose=loose, negate=negate)
        if known_left is not None and type(known_left.value) in _PRIMITIVE_TYPES:
            return _equal_to_literal(right, known_left.value, loose=loose, negate=negate)
        return lambda data: equal(left(data), right(data)) != negate

    return Operator(name, compile_equality, description=description)


def _equal_to_literal(operand: Evaluator, literal: Any, *, loose: bool, negate: bool) -> Evaluator:
    key = key_of(operand)
    if literal is None or (not loose and type(literal) is bool):
        # null == x holds only for null, and true === x only for true: identity decides.
        def identical(data: Any) -> bool:
            value = data.get(key) if key is not None and type(data) is dict else operand(data)
            return (value is literal) != negate

        return identical

    # For values of these types Python's == is the JavaScript answer; others take the long way.
    fast_types = frozenset({str}) if type(literal) is str else _NUMBER_TYPES
    fast_literal = to_number(literal) if type(literal) is bool else literal  # x == true is x == 1
    slow = loose_equal if loose else strict_equal

    def equal(data: Any) -> bool:
        value = data.get(key) if key is not None and type(data) is dict else operand(data)
        if type(value) in fast_types:
            return (value == fast_literal) != negate
        return slow(value, literal) != negate

    return equal


# --- < <= > >= -----------------------------------------------------------------------------------

_COMPARISONS: dict[str, tuple[Callable[[Any, Any], bool], Callable[[Any, Any], bool]]] = {
    # name: (Python's operator, used when both sides are numbers or ASCII strings; the JavaScript one)
    "<": (python.lt, less_than),
    "<=": (python.le, less_equal),
    ">": (python.gt, greater_than),
    ">=": (python.ge, greater_equal),
}
_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}  # 1 < x is x > 1


def _comparison(name: str, *, max_args: int, description: str) -> Operator:
    slow = _COMPARISONS[name][1]

    def compile_comparison(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        check_arity(name, len(args), 2, max_args, description)
        evaluators = [compile_arg(arg, (*path, i)) for i, arg in enumerate(args)]
        if len(evaluators) == 3:
            return _between(name, *evaluators)
        left, right = evaluators
        known_left, known_right = constant_of(left), constant_of(right)
        if known_left is not None and known_right is not None:
            return constant(slow(known_left.value, known_right.value))
        if known_right is not None:
            return _compare_to_literal(name, left, known_right.value)
        if known_left is not None:
            return _compare_to_literal(_MIRRORED[name], right, known_left.value)
        return _compare_values(name, left, right)

    return Operator(name, compile_comparison, description=description)


def _compare_values(name: str, left: Evaluator, right: Evaluator) -> Evaluator:
    fast, slow = _COMPARISONS[name]
    left_key, right_key = key_of(left), key_of(right)
    if left_key is not None and right_key is not None:  # two fields, e.g. two dates: read both inline

        def compare_keys(data: Any) -> bool:
            if type(data) is dict:
                a, b = data.get(left_key), data.get(right_key)
            else:
                a, b = left(data), right(data)
            if type(a) is str and type(b) is str and a.isascii() and b.isascii():
                return fast(a, b)
            kind = type(a)
            if kind is type(b) and (kind is float or kind is int):
                return fast(a, b)
            return slow(a, b)

        return compare_keys

    def compare_values(data: Any) -> bool:
        a, b = left(data), right(data)
        kind = type(a)
        if kind is type(b) and (
            kind is float or kind is int or (kind is str and a.isascii() and b.isascii())
        ):
            return fast(a, b)  # two dates as ISO text, two numbers
        return slow(a, b)

    return compare_values


def _compare_to_literal(name: str, operand: Evaluator, literal: Any) -> Evaluator:
    fast, slow = _COMPARISONS[name]
    key = key_of(operand)
    if type(literal) in _NUMBER_TYPES:

        def to_number_literal(data: Any) -> bool:
            value = data.get(key) if key is not None and type(data) is dict else operand(data)
            if type(value) in _NUMBER_TYPES:
                return fast(value, literal)
            return slow(value, literal)

        return to_number_literal
    if type(literal) is str and literal.isascii():

        def to_text_literal(data: Any) -> bool:
            value = data.get(key) if key is not None and type(data) is dict else operand(data)
            if type(value) is str and value.isascii():
                return fast(value, literal)
            return slow(value, literal)

        return to_text_literal
    return lambda data: slow(operand(data), literal)


def _between(name: str, low: Evaluator, middle: Evaluator, high: Evaluator) -> Evaluator:
    """{"<": [a, b, c]} is json-logic-js's (a < b) && (b < c); likewise "<="."""
    fast, slow = _COMPARISONS[name]
    known_low, known_high = constant_of(low), constant_of(high)
    if known_low is not None and known_high is not None:
        low_value, high_value = known_low.value, known_high.value
        if type(low_value) in _NUMBER_TYPES and type(high_value) in _NUMBER_TYPES:
            key = key_of(middle)

            def within(data: Any) -> bool:
                value = data.get(key) if key is not None and type(data) is dict else middle(data)
                if type(value) in _NUMBER_TYPES:
                    return fast(low_value, value) and fast(value, high_value)
                return slow(low_value, value) and slow(value, high_value)

            return within

    def between(data: Any) -> bool:
        value = middle(data)
        return slow(low(data), value) and slow(value, high(data))

    return between


# --- ! !! ------------------------------------------------------------------------------------------


def _truth(name: str, *, negate: bool, description: str) -> Operator:
    def compile_truth(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        check_arity(name, len(args), 1, 1, description)
        operand = compile_arg(args[0], (*path, 0))
        known = constant_of(operand)
        if known is not None:
            return constant(truthy(known.value) != negate)
        key = key_of(operand)

        def truth(data: Any) -> bool:
            value = data.get(key) if key is not None and type(data) is dict else operand(data)
            if value is None or value is False:  # the usual falsy values, settled without a call
                return negate
            return truthy(value) != negate

        return truth

    return Operator(name, compile_truth, description=description)


# --- in --------------------------------------------------------------------------------------------


def js_in(needle: Any, haystack: Any) -> bool:
    """json-logic-js "in": `b.indexOf(a) !== -1`: a substring of a string (needle made a string), an
    item of an array by ===; false for anything else and for the empty string (`if (!b) return false`)."""
    if isinstance(haystack, str):
        return bool(haystack) and to_js_string(needle) in haystack
    if is_array(haystack):
        return any(strict_equal(needle, item) for item in haystack)
    return False


def _compile_in(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    check_arity("in", len(args), 2, 2, _IN)
    needle, haystack = compile_arg(args[0], (*path, 0)), compile_arg(args[1], (*path, 1))
    known_needle, known_haystack = constant_of(needle), constant_of(haystack)
    if known_needle is not None and known_haystack is not None:
        return constant(js_in(known_needle.value, known_haystack.value))
    if known_haystack is not None:
        return _in_literal(needle, known_haystack.value)
    if known_needle is not None and type(known_needle.value) is str:
        return _text_in(known_needle.value, haystack)
    return lambda data: js_in(needle(data), haystack(data))


def _in_literal(needle: Evaluator, haystack: Any) -> Evaluator:
    key = key_of(needle)
    if isinstance(haystack, str) and haystack:

        def in_text(data: Any) -> bool:
            value = data.get(key) if key is not None and type(data) is dict else needle(data)
            return (value if type(value) is str else to_js_string(value)) in haystack

        return in_text
    if not is_array(haystack):
        return constant(False)
    # Sets by JavaScript type, so that true is not found among the numbers (Python: True == 1).
    texts = frozenset(item for item in haystack if type(item) is str)
    numbers = frozenset(item for item in haystack if type(item) in _NUMBER_TYPES and item == item)

    def in_list(data: Any) -> bool:
        value = data.get(key) if key is not None and type(data) is dict else needle(data)
        kind = type(value)
        if kind is str:
            return value in texts
        if kind in _NUMBER_TYPES:
            return value in numbers
        return js_in(value, haystack)

    return in_list


def _text_in(needle: str, haystack: Evaluator) -> Evaluator:
    key = key_of(haystack)

    def text_in(data: Any) -> bool:
        value = data.get(key) if key is not None and type(data) is dict else haystack(data)
        if type(value) is list:
            return needle in value  # Python's == against a str is JavaScript's ===
        return js_in(needle, value)

    return text_in


# --- arithmetic ------------------------------------------------------------------------------------


def _add(*values: Any) -> int | float:
    # json-logic-js: reduce((a, b) => parseFloat(a) + parseFloat(b), 0), so "1" counts as 1 but null is NaN.
    total = 0.0
    for value in values:
        total = total + parse_float(value)
    return js_number(total)


def _multiply(*values: Any) -> Any:
    # json-logic-js: reduce((a, b) => parseFloat(a) * parseFloat(b)) with no initial value, so one
    # argument is returned as it is, unconverted ({"*": ["1"]} is "1").
    product = values[0]
    for value in values[1:]:
        product = parse_float(product) * parse_float(value)
    return js_number(product) if len(values) > 1 else product


def _subtract(a: Any, b: Any = _ABSENT) -> int | float:
    if b is _ABSENT:
        return js_number(-to_number(a))
    return js_number(to_number(a) - to_number(b))


def _divide(a: Any, b: Any) -> int | float:
    x, y = to_number(a), to_number(b)
    if y == 0:  # JavaScript: 0 / 0 is NaN, 1 / 0 is Infinity, 1 / -0 is -Infinity
        return NAN if x == 0 or x != x else math.copysign(math.inf, x) * math.copysign(1.0, y)
    return js_number(x / y)


def _remainder(a: Any, b: Any) -> int | float:
    # JavaScript's % keeps the sign of the dividend, as math.fmod does (Python's % follows the divisor).
    x, y = to_number(a), to_number(b)
    if y == 0 or math.isinf(x) or x != x:
        return NAN
    return js_number(math.fmod(x, y))


def _extreme(pick: Callable[..., float]) -> Callable[..., int | float]:
    def extreme(*values: Any) -> int | float:
        numbers = [to_number(value) for value in values]
        if any(number != number for number in numbers):
            return NAN  # Math.max and Math.min give NaN as soon as one value is NaN
        # Math.min and Math.max order -0 before +0; Python's min and max see them as equal.
        return js_number(pick(numbers, key=lambda number: (number, math.copysign(1.0, number))))

    return extreme


# --- text and arrays ------------------------------------------------------------------------------


def _cat(*values: Any) -> str:
    # Array.prototype.join: null (and undefined) join as "", not "null".
    return "".join("" if value is None else to_js_string(value) for value in values)


def _substr(source: Any, start: Any, length: Any = _ABSENT) -> str:
    text = to_js_string(source)
    if length is not _ABSENT and less_than(length, 0):
        # json-logic-js emulates PHP here: a negative length drops that many characters from the end.
        # Its `temp.length + end` is JavaScript +, which joins as text when end is text or an array.
        rest = _js_substr(text, start, _ABSENT)
        if js_type(length) in ("string", "array", "object"):
            return _js_substr(rest, 0, to_js_string(js_length(rest)) + to_js_string(length))
        return _js_substr(rest, 0, js_length(rest) + to_number(length))
    return _js_substr(text, start, length)


def _js_substr(text: str, start: Any, length: Any) -> str:
    """JavaScript String.prototype.substr(start, length), in UTF-16 code units."""
    size = js_length(text)
    first = to_integer(start)
    first = max(size + first, 0) if first < 0 else min(first, size)
    count = size if length is _ABSENT else min(max(to_integer(length), 0), size)
    return js_slice(text, int(first), int(min(first + count, size)))


def _merge(*values: Any) -> list[Any]:
    # json-logic-js: reduce((a, b) => a.concat(b), []): arrays are flattened one level, others appended.
    merged: list[Any] = []
    for value in values:
        if is_array(value):
            merged.extend(value)
        else:
            merged.append(value)
    return merged


def _log(value: Any) -> Any:
    # json-logic-js prints with console.log; here the value is only returned: a rule does not write
    # to the server's output. Use the form's debugging tools to see values instead.
    return value


_IN = '[needle, haystack] gives true if the text contains needle, or the array holds it (by "===")'

OPERATORS: tuple[Operator, ...] = (
    _equality("==", loose=True, negate=False, description="[a, b] gives true if a == b (JavaScript ==)"),
    _equality(
        "===", loose=False, negate=False, description="[a, b] gives true if a and b have one type and value"
    ),
    _equality("!=", loose=True, negate=True, description='[a, b] gives the opposite of "=="'),
    _equality("!==", loose=False, negate=True, description='[a, b] gives the opposite of "==="'),
    _truth("!", negate=True, description='[a] gives true if a is falsy (false, null, 0, "", [])'),
    _truth("!!", negate=False, description="[a] gives true if a is truthy"),
    _comparison(">", max_args=2, description="[a, b] gives true if a > b (two texts compare as text)"),
    _comparison(">=", max_args=2, description="[a, b] gives true if a >= b"),
    _comparison("<", max_args=3, description="[a, b] or [a, b, c] gives true if a < b (< c)"),
    _comparison("<=", max_args=3, description="[a, b] or [a, b, c] gives true if a <= b (<= c)"),
    _standard("max", _extreme(max), 1, None, "[a, ...] gives the largest number"),
    _standard("min", _extreme(min), 1, None, "[a, ...] gives the smallest number"),
    _standard("+", _add, 0, None, "[a, ...] gives the sum; texts are read as numbers"),
    _standard("-", _subtract, 1, 2, "[a, b] gives a - b; [a] gives -a"),
    _standard("*", _multiply, 1, None, "[a, b, ...] gives the product"),
    _standard("/", _divide, 2, 2, "[a, b] gives a / b"),
    _standard("%", _remainder, 2, 2, "[a, b] gives the remainder of a / b"),
    _standard("merge", _merge, 0, None, "[a, ...] gives one array of the arrays' items and the other values"),
    Operator("in", _compile_in, description=_IN),
    _standard("cat", _cat, 0, None, "[a, ...] gives the values joined as text"),
    _standard(
        "substr", _substr, 2, 3, "[text, start, length?] gives part of text; negatives count from the end"
    ),
    _standard("log", _log, 1, 1, "[a] gives a (json-logic-js also prints it; this does not)"),
)
