"""Operators that choose which arguments to evaluate: if, ?:, and, or, and the per-item ones."""

from typing import Any

import pytest

from engine.rules import STANDARD_OPERATORS, RuleCompileError, compile_rule, compiling, constant_of, pure


class Seen:
    """A `seen` operator that records each evaluation, to show what is not evaluated."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.operators = {**STANDARD_OPERATORS, "seen": pure("seen", self._record, min_args=1, max_args=1)}

    def _record(self, value: Any) -> Any:
        self.values.append(value)
        return value

    def run(self, rule: Any, data: Any) -> Any:
        return compile_rule(rule, self.operators)(data)


@pytest.mark.parametrize(
    ("rule", "data", "expected", "seen"),
    [
        ({"and": [{"var": "x"}, {"seen": "b"}]}, {"x": False}, False, []),
        ({"and": [{"var": "x"}, {"seen": "b"}]}, {"x": 1}, "b", ["b"]),
        ({"and": [{"var": "x"}, {"seen": "b"}, {"seen": 0}, {"seen": "c"}]}, {"x": 1}, 0, ["b", 0]),
        ({"or": [{"var": "x"}, {"seen": "b"}]}, {"x": "a"}, "a", []),
        ({"or": [{"var": "x"}, {"seen": "b"}]}, {"x": []}, "b", ["b"]),
        ({"or": [{"var": "x"}, {"seen": ""}, {"seen": "c"}, {"seen": "d"}]}, {}, "c", ["", "c"]),
        ({"if": [{"var": "x"}, {"seen": "then"}, {"seen": "else"}]}, {"x": True}, "then", ["then"]),
        ({"if": [{"var": "x"}, {"seen": "then"}, {"seen": "else"}]}, {"x": {}}, "then", ["then"]),
        ({"if": [{"var": "x"}, {"seen": "then"}, {"seen": "else"}]}, {"x": 0}, "else", ["else"]),
        ({"?:": [{"var": "x"}, {"seen": "then"}, {"seen": "else"}]}, {"x": 0}, "else", ["else"]),
        (
            {"if": [{"seen": False}, {"seen": 1}, {"seen": True}, {"seen": 2}, {"seen": 3}]},
            {},
            2,
            [False, True, 2],
        ),
        ({"if": [{"var": "x"}, 1, {"var": "y"}, 2]}, {"y": 1}, 2, []),
        ({"if": [{"var": "x"}, 1, {"var": "y"}, 2]}, {}, None, []),
        ({"if": [{"var": "x"}, 1]}, {}, None, []),
        ({"some": [{"var": "l"}, {"seen": {"var": ""}}]}, {"l": [0, 1, 2]}, True, [0, 1]),
        ({"all": [{"var": "l"}, {"seen": {"var": ""}}]}, {"l": [1, 0, 2]}, False, [1, 0]),
        ({"none": [{"var": "l"}, {"seen": {"var": ""}}]}, {"l": [0, 1, 2]}, False, [0, 1]),
    ],
)
def test_only_what_decides_is_evaluated(rule: Any, data: Any, expected: Any, seen: list[Any]) -> None:
    recorder = Seen()
    assert recorder.run(rule, data) == expected
    assert recorder.values == seen


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"and": [True, {"var": "x"}]}, None),  # constants in front are settled when compiling
        ({"and": [False, {"var": "x"}]}, False),
        ({"and": [0, {"var": "x"}]}, 0),
        ({"or": [[], {"var": "x"}]}, None),
        ({"or": ["yes", {"var": "x"}]}, "yes"),
        ({"if": [False, 1, True, {"var": "x"}, 3]}, None),
        ({"if": [[], 1, 2]}, 2),
    ],
)
def test_leading_constants(rule: Any, expected: Any) -> None:
    assert compile_rule(rule)({}) == expected


def test_a_rule_settled_by_constants_is_a_constant() -> None:
    with compiling():  # what is known of evaluators lasts as long as the compilation
        assert constant_of(compile_rule({"or": [1, {"var": "x"}]})) is not None
        assert constant_of(compile_rule({"if": [True, "a", {"var": "x"}]})) is not None
        assert constant_of(compile_rule({"and": [{"var": "x"}, False]})) is None


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"map": [{"var": "l"}, {"+": [{"var": ""}, 1]}]}, {"l": [1, 2]}, [2, 3]),
        ({"map": [{"var": "l"}, {"var": "a"}]}, {"l": [{"a": 1}, {"b": 2}, None, 5]}, [1, None, None, None]),
        ({"map": [{"var": "l"}, 1]}, {"l": "abc"}, []),  # not an array
        ({"map": [{"var": "l"}, {"var": ""}]}, {"l": ("a", "b")}, ["a", "b"]),  # a tuple is an array
        ({"filter": [{"var": "l"}, {"var": ""}]}, {"l": [0, "", "a", [], [0], {}, None]}, ["a", [0], {}]),
        ({"filter": [{"var": "l"}, True]}, {"l": {"a": 1}}, []),
        ({"all": [{"var": "l"}, True]}, {"l": []}, False),  # all of nothing is false in json-logic-js
        ({"all": [{"var": "l"}, True]}, {"l": None}, False),
        ({"none": [{"var": "l"}, True]}, {"l": None}, True),
        ({"some": [{"var": "l"}, True]}, {"l": 5}, False),
        ({"some": [{"var": "l"}, {"==": [{"var": "kode"}, "ANDEN"]}]}, {"l": [{"kode": "ANDEN"}]}, True),
        ({"some": [{"var": "l"}, {"var": "x"}]}, {"l": [{"x": {}}]}, True),  # {} is truthy
    ],
)
def test_per_item(rule: Any, data: Any, expected: Any) -> None:
    assert compile_rule(rule)(data) == expected


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        (
            {"reduce": [{"var": "l"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]},
            {"l": [1, 2, 3]},
            6,
        ),
        ({"reduce": [{"var": "l"}, {"var": "current"}]}, {"l": [1, 2]}, 2),
        ({"reduce": [{"var": "l"}, {"var": "accumulator"}]}, {"l": [1, 2]}, None),  # no initial: null
        ({"reduce": [{"var": "l"}, {"var": "current"}, 9]}, {"l": "no array"}, 9),
        # The initial value is evaluated, as json-logic-js does since PR #118.
        (
            {"reduce": [{"var": "l"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, {"var": "start"}]},
            {"l": [1, 2, 3], "start": 10},
            16,
        ),
        (
            {"reduce": [{"var": "l"}, {"cat": [{"var": "accumulator"}, {"var": "current.n"}]}, ""]},
            {"l": [{"n": "a"}]},
            "a",
        ),
    ],
)
def test_reduce(rule: Any, data: Any, expected: Any) -> None:
    assert compile_rule(rule)(data) == expected


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"?:": [1, 2]}, '"?:" takes 3 arguments, got 2'),
        ({"and": []}, '"and" takes at least 1 argument, got 0'),
        ({"or": []}, '"or" takes at least 1 argument, got 0'),
        ({"some": [[1]]}, '"some" takes 2 arguments, got 1'),
        ({"map": [[1], 1, 2]}, '"map" takes 2 arguments, got 3'),
        ({"reduce": [[1]]}, '"reduce" takes 2 to 3 arguments, got 1'),
    ],
)
def test_arity(rule: Any, message: str) -> None:
    with pytest.raises(RuleCompileError) as caught:
        compile_rule(rule)
    assert [problem.message for problem in caught.value.problems] == [message]


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 5, 6, 7])
def test_if_takes_any_number_of_arguments(count: int) -> None:
    rule = {"if": [{"var": str(i)} for i in range(count)]}
    data = {str(i): i % 2 == 0 for i in range(count)}
    # Conditions at even places: the first (0) is true, so the answer is argument 1 (False), or
    # argument 0 itself when it is the only one, or null with no arguments.
    expected = {0: None, 1: True}.get(count, False)
    assert compile_rule(rule)(data) is expected
