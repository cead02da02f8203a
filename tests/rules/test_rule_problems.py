"""The problem catalogue: arity messages, unknown-operator hints, paths."""

import pytest

from engine.rules.rule_problems import (
    ArityError,
    OperatorArgumentError,
    RuleCompileError,
    RuleProblem,
    check_arity,
    format_path,
    unknown_operator,
)

KNOWN = ["var", "missing", "if", "==", "in", "min", "max", "some"]


@pytest.mark.parametrize(
    ("count", "min_args", "max_args", "message", "hint"),
    [
        (2, 1, 1, '"op" takes 1 argument, got 2', 'give "op" 1 argument'),
        (0, 2, 2, '"op" takes 2 arguments, got 0', 'give "op" 2 arguments'),
        (4, 2, 3, '"op" takes 2 to 3 arguments, got 4', 'give "op" 2 to 3 arguments'),
        (0, 1, None, '"op" takes at least 1 argument, got 0', 'give "op" at least 1 argument'),
        (1, 2, None, '"op" takes at least 2 arguments, got 1', 'give "op" at least 2 arguments'),
    ],
)
def test_check_arity(count: int, min_args: int, max_args: int | None, message: str, hint: str) -> None:
    with pytest.raises(ArityError) as caught:
        check_arity("op", count, min_args, max_args)
    error = caught.value
    assert (error.code, error.message, error.hint, error.arg_index) == ("arity", message, hint, None)


def test_check_arity_hint_is_the_description_when_there_is_one() -> None:
    with pytest.raises(ArityError) as caught:
        check_arity("op", 3, 1, 2, "[a, b?] gives a")
    assert caught.value.hint == '"op": [a, b?] gives a'


@pytest.mark.parametrize("count", [1, 2, 3])
def test_check_arity_passes(count: int) -> None:
    check_arity("op", count, 1, 3)


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("inn", 'did you mean "in"?'),
        ("varr", 'did you mean "var"?'),
        ("=", 'did you mean "=="?'),
        ("missng", 'did you mean "missing"?'),
        ("xyzzy", "known operators: var, missing, if, ==, in, min, max, some"),
    ],
)
def test_unknown_operator_hint(name: str, hint: str) -> None:
    assert unknown_operator(name, ("rule",), KNOWN) == RuleProblem(
        ("rule",), "unknown-operator", f'unknown operator "{name}"', hint
    )


def test_unknown_operator_hint_is_shortened_for_a_long_table() -> None:
    known = [f"op{i}" for i in range(20)]
    assert unknown_operator("xyzzy", (), known).hint == (
        "known operators: op0, op1, op2, op3, op4, op5, op6, op7, op8, op9, ... (20 in all)"
    )


@pytest.mark.parametrize(("path", "text"), [((), "/"), (("and", 1, "in"), "and/1/in"), ((0,), "0")])
def test_format_path(path: tuple[str | int, ...], text: str) -> None:
    assert format_path(path) == text


def test_operator_argument_error() -> None:
    error = OperatorArgumentError("bad", "fix it", arg_index=1)
    assert (error.code, error.message, error.hint, error.arg_index, str(error)) == (
        "bad-argument",
        "bad",
        "fix it",
        1,
        "bad",
    )


def test_rule_compile_error_keeps_every_problem() -> None:
    found = [RuleProblem(("a",), "x", "first", "h1"), RuleProblem((), "y", "second", "h2")]
    error = RuleCompileError(found)
    assert error.problems == tuple(found)
    assert str(error) == "a: first (h1)\n/: second (h2)"
