"""compile_rule: rule -> closure, with every problem of the rule collected."""

import datetime
from collections.abc import Mapping
from typing import Any

import pytest

from engine.rules import (
    STANDARD_OPERATORS,
    CompileArg,
    Evaluator,
    Operator,
    OperatorArgumentError,
    Path,
    RuleCompileError,
    RuleProblem,
    compile_rule,
    compiling,
    constant_of,
)

SIMILAR = 'did you mean "in"?'


def problems(
    rule: Any, operators: Mapping[str, Operator] = STANDARD_OPERATORS, **options: bool
) -> list[RuleProblem]:
    with pytest.raises(RuleCompileError) as caught:
        compile_rule(rule, operators, **options)
    return list(caught.value.problems)


@pytest.mark.parametrize("rule", [True, 17, 3.14, "apple", None, ["a", 1], []])
def test_data_is_passed_through(rule: Any) -> None:
    assert compile_rule(rule)({"x": 1}) == rule


def test_lists_are_evaluated_item_by_item() -> None:
    evaluator = compile_rule([1, {"var": "x"}, [{"var": "y"}]])
    assert evaluator({"x": 2, "y": 3}) == [1, 2, [3]]
    assert evaluator({"x": 4}) == [1, 4, [None]]


def test_an_object_that_is_no_rule_is_data_unless_strict() -> None:
    rule = {"==": [{"var": "x"}, {"a": 1, "b": 2}]}
    assert compile_rule(rule)({"x": 1}) is False
    assert problems(rule, strict=True) == [
        RuleProblem(
            ("==", 1),
            "not-logic",
            'an object with 2 keys ("a", "b") is not a rule',
            'a rule is an object with exactly one key, the operator, e.g. {"==": [{"var": "x"}, 1]}; '
            'join several rules with "and" or "or"',
        )
    ]


def test_an_empty_object_is_no_rule_when_strict() -> None:
    assert compile_rule({})(None) == {}
    assert [(p.path, p.message) for p in problems({"if": [{}, 1]}, strict=True)] == [
        (("if", 0), "an empty object is not a rule")
    ]


def test_unknown_operator() -> None:
    assert problems({"and": [{"==": [1, 1]}, {"inn": [1, []]}]}) == [
        RuleProblem(("and", 1, "inn"), "unknown-operator", 'unknown operator "inn"', SIMILAR)
    ]


def test_unknown_operator_without_a_close_match_lists_some_known_ones() -> None:
    (problem,) = problems({"xyzzy": 1})
    assert problem.hint == (
        "known operators: var, missing, missing_some, if, ?:, and, or, map, reduce, filter, ... (35 in all)"
    )


def test_unknown_operator_in_a_small_table_lists_them_all() -> None:
    table = {"var": STANDARD_OPERATORS["var"], "==": STANDARD_OPERATORS["=="]}
    assert [p.hint for p in problems({"some": [[1], True]}, table)] == ["known operators: var, =="]
    assert [p.hint for p in problems({"x": []}, {})] == ["no operators are known here"]


def test_all_problems_are_collected_in_the_order_of_the_rule() -> None:
    rule = {
        "and": [
            {"inn": [1, {"!": [1, 2]}]},
            {"substr": [{"varr": "x"}]},
            {"<": [{"var": "d"}, datetime.date(2024, 1, 1)]},
        ]
    }
    assert problems(rule) == [
        RuleProblem(("and", 0, "inn"), "unknown-operator", 'unknown operator "inn"', SIMILAR),
        RuleProblem(
            ("and", 0, "inn", 1, "!"),
            "arity",
            '"!" takes 1 argument, got 2',
            '"!": [a] gives true if a is falsy (false, null, 0, "", [])',
        ),
        RuleProblem(
            ("and", 1, "substr"),
            "arity",
            '"substr" takes 2 to 3 arguments, got 1',
            '"substr": [text, start, length?] gives part of text; negatives count from the end',
        ),
        RuleProblem(
            ("and", 1, "substr", 0, "varr"),
            "unknown-operator",
            'unknown operator "varr"',
            'did you mean "var"?',
        ),
        RuleProblem(
            ("and", 2, "<", 1),
            "not-json",
            "date 2024-01-01 is not a JSON value",
            "rules hold only text, numbers, true, false, null, lists and objects; "
            'quote it as text: "2024-01-01"',
        ),
    ]


def test_a_bare_argument_sits_at_the_operator_key() -> None:
    assert [p.path for p in problems({"!": {"inn": 1}})] == [("!", "inn")]
    assert [p.path for p in problems({"!": [{"inn": 1}]})] == [("!", 0, "inn")]
    assert [p.path for p in problems({"some": [[1], {"!": {"!": {"inn": 1}}}]})] == [
        ("some", 1, "!", "!", "inn")
    ]


def test_the_error_message_lists_every_problem() -> None:
    with pytest.raises(RuleCompileError) as caught:
        compile_rule({"or": [{"inn": 1}, {"!": []}]})
    assert str(caught.value) == (
        'or/0/inn: unknown operator "inn" (did you mean "in"?)\n'
        'or/1/!: "!" takes 1 argument, got 0 ("!": [a] gives true if a is falsy (false, null, 0, "", []))'
    )


# --- a custom operator with a literal argument ------------------------------------------------------

CODE_LISTS = {"regioner": frozenset({"H", "SJ", "SD", "MJ", "N"}), "koen": frozenset({"K", "M"})}


def _compile_in_set(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    """{"in_set": [<rule>, "list name"]}: the name is looked up once, when the rule compiles."""
    if len(args) != 2:
        raise OperatorArgumentError(
            f'"in_set" takes 2 arguments, got {len(args)}', 'write {"in_set": [value, "list"]}'
        )
    value = compile_arg(args[0], (*path, 0))
    codes = CODE_LISTS.get(args[1]) if isinstance(args[1], str) else None
    if codes is None:
        raise OperatorArgumentError(
            f"unknown code list {args[1]!r}", "use one of: " + ", ".join(sorted(CODE_LISTS)), arg_index=1
        )
    return lambda data: value(data) in codes


IN_SET = Operator("in_set", _compile_in_set, literal_args=frozenset({1}), description="[value, list]")
TABLE = {**STANDARD_OPERATORS, "in_set": IN_SET}


def test_a_custom_operator_resolves_its_literal_when_compiling() -> None:
    evaluator = compile_rule({"in_set": [{"var": "region"}, "regioner"]}, TABLE)
    assert evaluator({"region": "SJ"}) is True
    assert evaluator({"region": "X"}) is False


def test_a_bad_argument_is_reported_at_its_path() -> None:
    assert problems({"and": [{"var": "a"}, {"in_set": [{"var": "region"}, "regions"]}]}, TABLE) == [
        RuleProblem(
            ("and", 1, "in_set", 1),
            "bad-argument",
            "unknown code list 'regions'",
            "use one of: koen, regioner",
        )
    ]


def test_problems_inside_arguments_are_reported_after_a_bad_argument() -> None:
    # The operator compiled argument 0 before it raised; argument 1 is a literal: neither is compiled twice.
    rule = {"in_set": [{"varr": "region"}, "regions"]}
    assert [(p.path, p.code) for p in problems(rule, TABLE)] == [
        (("in_set", 1), "bad-argument"),
        (("in_set", 0, "varr"), "unknown-operator"),
    ]


def test_an_argument_error_without_an_index_points_at_the_argument_list() -> None:
    assert [(p.path, p.message) for p in problems({"in_set": [1]}, TABLE)] == [
        (("in_set",), '"in_set" takes 2 arguments, got 1')
    ]


# --- compiled once, evaluated many times ----------------------------------------------------------


def test_constant_rules_are_folded() -> None:
    with compiling():  # what is known of evaluators lasts as long as the compilation
        evaluator = compile_rule({"if": [{"<": [1, 2]}, {"cat": ["a", "b"]}, {"var": "x"}]})
        known = constant_of(evaluator)
    assert known is not None
    assert known.value == "ab"


ODD_DATA: list[Any] = [
    None,
    0,
    -1.5,
    "",
    "text",
    True,
    [],
    [None, [1]],
    {},
    {"x": {"y": []}},
    ("t",),
    {"x": float("nan")},
]
EVERY_OPERATOR: list[dict[str, Any]] = [
    {"var": "x.y"},
    {"missing": ["x", "x.y"]},
    {"missing_some": [1, ["x", "y"]]},
    {"if": [{"var": "x"}, {"var": "x.y"}, {"var": 0}]},
    {"?:": [{"var": "x"}, 1, 2]},
    {"and": [{"var": "x"}, {"var": "y"}, {"var": "z"}]},
    {"or": [{"var": "x"}, {"var": "y"}, {"var": "z"}]},
    {"map": [{"var": ""}, {"var": "y"}]},
    {"reduce": [{"var": ""}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, {"var": "x"}]},
    {"filter": [{"var": ""}, {"var": "y"}]},
    {"all": [{"var": ""}, {"var": "y"}]},
    {"none": [{"var": ""}, {"var": "y"}]},
    {"some": [{"var": ""}, {"var": "y"}]},
    *[{op: [{"var": "x"}, {"var": ""}]} for op in ("==", "===", "!=", "!==", ">", ">=", "<", "<=", "in")],
    *[{op: [{"var": ""}, "a"]} for op in ("==", "===", "!=", "!==", ">", ">=", "<", "<=", "in")],
    {"<": [{"var": "x"}, {"var": ""}, {"var": "x.y"}]},
    {"<=": [0, {"var": ""}, 9]},
    {"!": {"var": ""}},
    {"!!": {"var": "x"}},
    *[{op: [{"var": ""}, {"var": "x"}]} for op in ("max", "min", "+", "-", "*", "/", "%", "merge", "cat")],
    {"in": ["a", {"var": ""}]},
    {"in": [{"var": ""}, ["a", 1]]},
    {"substr": [{"var": ""}, {"var": "x"}, {"var": "y"}]},
    {"substr": [{"var": ""}, -1, -1]},
    {"log": {"var": ""}},
]


def test_the_list_above_covers_every_standard_operator() -> None:
    assert {name for rule in EVERY_OPERATOR for name in rule} == set(STANDARD_OPERATORS)


@pytest.mark.parametrize("rule", EVERY_OPERATOR, ids=lambda rule: next(iter(rule)))
def test_evaluation_never_raises_on_odd_data(rule: Any) -> None:
    evaluator = compile_rule(rule)
    for data in ODD_DATA:
        evaluator(data)
