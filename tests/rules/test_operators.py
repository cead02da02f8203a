"""Plain operators: comparison, arithmetic, text, arrays, and `pure`."""

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.rules import STANDARD_OPERATORS, RuleCompileError, compile_rule, compiling, constant_of, pure

PAIRS = json.loads((Path(__file__).parent / "jsonlogic_js_pairs.json").read_text(encoding="ascii"))
VALUES: list[Any] = PAIRS["values"]


def _shapes(op: str, a: Any, b: Any) -> list[tuple[Any, Any]]:
    """The same question asked four ways, to reach the folded, generic and specialised closures."""
    data = {"a": a, "b": b}
    return [
        ({op: [a, b]}, None),
        ({op: [{"var": "a"}, {"var": "b"}]}, data),
        ({op: [{"var": "a"}, b]}, data),
        ({op: [a, {"var": "b"}]}, data),
    ]


@pytest.mark.parametrize("op", list(PAIRS["results"]))
def test_results_match_json_logic_js(op: str, same: Callable[[Any, Any], bool]) -> None:
    wrong = []
    for index, expected in enumerate(PAIRS["results"][op]):
        a, b = VALUES[index // len(VALUES)], VALUES[index % len(VALUES)]
        for rule, data in _shapes(op, a, b):
            if (isinstance(a, dict) and rule[op][0] is a) or (isinstance(b, dict) and rule[op][1] is b):
                continue  # an object written in a rule is data, but {} and {"a": 1} differ there
            # JSON round trip: like a parsed rule and payload, no two lists are the same object.
            rule, data = json.loads(json.dumps(rule)), json.loads(json.dumps(data))
            got = compile_rule(rule)(data)
            if not same(got, expected):
                wrong.append(
                    f"{json.dumps(rule)} with {json.dumps(data)}: got {got!r}, expected {expected!r}"
                )
    assert not wrong, "\n".join(wrong[:20])


def run(rule: Any, data: Any = None) -> Any:
    return compile_rule(rule)(data)


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"in": [{"var": "x"}, [1, 2]]}, {"x": True}, False),  # Python: True in [1, 2]
        ({"in": [{"var": "x"}, [True]]}, {"x": 1}, False),
        ({"in": [{"var": "x"}, [True]]}, {"x": True}, True),
        ({"in": [{"var": "x"}, [1, 2]]}, {"x": 2.0}, True),
        ({"in": [{"var": "x"}, [None, "A"]]}, {"x": None}, True),
        ({"in": [{"var": "x"}, [None, "A"]]}, {}, True),
        ({"in": [{"var": "x"}, [[1], "A"]]}, {"x": [1]}, False),  # another list, not the same object
        ({"in": [{"var": "x"}, "ABC"]}, {"x": "B"}, True),
        ({"in": [{"var": "x"}, "ABC"]}, {"x": ""}, True),
        ({"in": [{"var": "x"}, ""]}, {"x": ""}, False),  # json-logic-js: if (!b) return false
        ({"in": [{"var": "x"}, "1null"]}, {"x": None}, True),  # the needle is made a string
        ({"in": [{"var": "x"}, 12]}, {"x": 1}, False),
        ({"in": ["KEMO", {"var": "typer"}]}, {"typer": ["KIR", "KEMO"]}, True),
        ({"in": ["KEMO", {"var": "typer"}]}, {"typer": "KEMOTERAPI"}, True),
        ({"in": ["KEMO", {"var": "typer"}]}, {"typer": None}, False),
        ({"in": ["1", {"var": "typer"}]}, {"typer": [1]}, False),
        ({"in": [1, {"var": "typer"}]}, {"typer": [True]}, False),
    ],
)
def test_in(rule: Any, data: Any, expected: bool) -> None:
    assert run(rule, data) is expected


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"==": [{"var": "x"}, True]}, {"x": 1}, True),
        ({"==": [{"var": "x"}, True]}, {"x": "1"}, True),
        ({"==": [{"var": "x"}, True]}, {"x": True}, True),
        ({"==": [{"var": "x"}, True]}, {"x": 2}, False),
        ({"===": [{"var": "x"}, True]}, {"x": 1}, False),
        ({"===": [{"var": "x"}, 1]}, {"x": True}, False),
        ({"===": [{"var": "x"}, 1]}, {"x": 1.0}, True),
        ({"==": [{"var": "x"}, None]}, {}, True),
        ({"==": [{"var": "x"}, None]}, {"x": 0}, False),
        ({"!=": [None, {"var": "x"}]}, {"x": ""}, True),
        ({"!==": [{"var": "x"}, "A"]}, {"x": "A"}, False),
        ({"==": [{"var": "x"}, "1"]}, {"x": 1}, True),
        ({"==": [{"var": "x"}, "1"]}, {"x": [1]}, True),
    ],
)
def test_equality_against_a_literal(rule: Any, data: Any, expected: bool) -> None:
    assert run(rule, data) is expected


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"<": [{"var": "d"}, "2024-02-01"]}, {"d": "2024-01-31"}, True),
        ({"<": [{"var": "d"}, {"var": "e"}]}, {"d": "2024-01-31", "e": "2024-01-04"}, False),
        ({">": ["2024-02-01", {"var": "d"}]}, {"d": "2024-01-31"}, True),
        ({"<": [{"var": "d"}, "2024-02-01"]}, {"d": None}, False),  # null is 0, the date NaN
        ({">=": [{"var": "n"}, 18]}, {"n": "18"}, True),
        ({">=": [{"var": "n"}, 18]}, {"n": None}, False),
        ({">=": [{"var": "n"}, 0]}, {"n": None}, True),  # null is 0
        ({"<": [{"var": "n"}, 1]}, {"n": "x"}, False),
        ({">": [{"var": "n"}, 1]}, {"n": "x"}, False),
        ({"<=": [0, {"var": "n"}, 120]}, {"n": 120}, True),
        ({"<=": [0, {"var": "n"}, 120]}, {"n": 121}, False),
        ({"<=": [0, {"var": "n"}, 120]}, {"n": "7"}, True),
        ({"<": [0, {"var": "n"}, 120]}, {"n": 0}, False),
        ({"<": [{"var": "lo"}, {"var": "n"}, {"var": "hi"}]}, {"lo": "a", "n": "b", "hi": "c"}, True),
        ({"<": [{"var": "lo"}, {"var": "n"}, {"var": "hi"}]}, {"lo": "a", "n": "b", "hi": "b"}, False),
    ],
)
def test_comparisons(rule: Any, data: Any, expected: bool) -> None:
    assert run(rule, data) is expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"+": []}, 0),
        ({"+": ["1", "2.5"]}, 3.5),
        ({"+": ["3px", 1]}, 4),  # parseFloat reads a prefix
        ({"*": ["2", "3"]}, 6),
        ({"*": ["1"]}, "1"),  # one argument is returned unconverted
        ({"*": [True]}, True),
        ({"-": ["5"]}, -5),
        ({"-": [None, 1]}, -1),  # Number(null) is 0
        ({"/": [1, 4]}, 0.25),
        ({"/": [1, 0]}, math.inf),
        ({"/": [-1, 0]}, -math.inf),
        ({"%": [-7, 2]}, -1),  # the sign of the dividend
        ({"%": [7, -2]}, 1),
        ({"%": [5.5, 2]}, 1.5),
        ({"max": ["3", 2, None]}, 3),
        ({"min": ["3", 2, None]}, 0),
        ({"max": [[5]]}, 5),
        ({"cat": ["a", None, 1.0, True, [1, 2]]}, "a1true1,2"),
        ({"substr": ["jsonlogic", 2, "3"]}, "onl"),
        ({"substr": ["jsonlogic", "x"]}, "jsonlogic"),
        ({"substr": ["jsonlogic", 100]}, ""),
        ({"substr": ["jsonlogic", -100, 2]}, "js"),
        ({"substr": ["jsonlogic", 0, -100]}, ""),
        ({"substr": ["jsonlogic", 0, None]}, ""),  # null is no undefined: a length of 0
        ({"substr": [12345, 1, 2]}, "23"),
        ({"substr": ["a\U0001f600b", 1, 2]}, "\U0001f600"),
        ({"substr": ["a\U0001f600b", -1]}, "b"),
        ({"merge": [[1, [2]], 3, None, [[4]]]}, [1, [2], 3, None, [4]]),
        ({"log": [[1, 2]]}, [1, 2]),
        ({"!": [None]}, True),
        ({"!!": ["0"]}, True),
        ({"!!": [{"var": "missing"}]}, False),
    ],
)
def test_values(rule: Any, expected: Any, same: Callable[[Any, Any], bool]) -> None:
    assert same(run(rule, {}), expected)


@pytest.mark.parametrize(
    "rule",
    [{"+": [None, 1]}, {"+": [True, 1]}, {"*": ["a", 2]}, {"/": [0, 0]}, {"%": [1, 0]}, {"max": [1, "x"]}],
)
def test_nan_results(rule: Any) -> None:
    assert math.isnan(run(rule))


def test_integral_results_are_ints() -> None:
    assert type(run({"+": [1, 2]})) is int
    assert type(run({"/": [4, 2]})) is int
    assert type(run({"/": [1, 2]})) is float


def test_min_and_max_order_minus_zero_first() -> None:
    assert math.copysign(1.0, run({"min": [0, {"-": [0]}]})) == -1.0
    assert math.copysign(1.0, run({"max": [{"-": [0]}, 0]})) == 1.0


def test_literal_arguments_are_folded_at_compile_time() -> None:
    with compiling():  # what is known of evaluators lasts as long as the compilation
        assert constant_of(compile_rule({"+": [1, {"*": [2, 3]}]})) is not None
        assert constant_of(compile_rule({"in": ["a", ["a", "b"]]})) is not None
        assert constant_of(compile_rule({"+": [1, {"var": "x"}]})) is None


def test_pure_makes_an_operator() -> None:
    table = {**STANDARD_OPERATORS, "double": pure("double", lambda x: 2 * x, min_args=1, max_args=1)}
    assert compile_rule({"double": {"var": "n"}}, table)({"n": 21}) == 42


def test_pure_is_called_on_every_evaluation_even_with_constant_arguments() -> None:
    calls: list[int] = []

    def tick() -> int:
        calls.append(1)
        return len(calls)

    table = {**STANDARD_OPERATORS, "tick": pure("tick", tick, max_args=0)}
    evaluator = compile_rule({"tick": []}, table)
    assert [evaluator(None), evaluator(None)] == [1, 2]


def test_pure_checks_arity_when_compiling() -> None:
    table = {
        "pair": pure("pair", lambda a, b: [a, b], min_args=2, max_args=2, description="[a, b] gives [a, b]")
    }
    with pytest.raises(RuleCompileError) as caught:
        compile_rule({"pair": [1]}, table)
    (problem,) = caught.value.problems
    assert (problem.path, problem.code) == (("pair",), "arity")
    assert problem.message == '"pair" takes 2 arguments, got 1'
    assert problem.hint == '"pair": [a, b] gives [a, b]'
