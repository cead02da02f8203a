"""Operators that decide themselves which arguments to evaluate (rules layer): if, ?:, and, or, and
those that evaluate a rule once per item of an array: map, filter, reduce, all, none, some.

As in json-logic-js, `if`, `and` and `or` stop at the first argument that settles the answer, and
the per-item rule sees the item as its data (not the outer data). Constant arguments at the front
are settled at compile time. Hot loops test `value is True` / `is False` before calling `truthy`,
as conditions are nearly always booleans.
"""

from collections.abc import Callable
from typing import Any

from engine.rules.evaluators import constant, constant_of, key_of
from engine.rules.rule_problems import check_arity
from engine.rules.semantics import is_array, truthy
from engine.rules.types import CompileArg, Evaluator, Operator, Path

_IF = "[condition, then, condition, then, ..., else?] gives the first then whose condition is truthy"
_TERNARY = "[condition, then, else] gives then if the condition is truthy, else else"


def _compile_if(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    return _conditional([compile_arg(arg, (*path, i)) for i, arg in enumerate(args)])


def _compile_ternary(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    check_arity("?:", len(args), 3, 3, _TERNARY)
    return _compile_if(args, compile_arg, path)


def _conditional(evaluators: list[Evaluator]) -> Evaluator:
    # json-logic-js: pairs (condition, result); the result of the first truthy condition wins; a
    # last odd argument is the else; with no match and no else the answer is null.
    while len(evaluators) >= 2 and (known := constant_of(evaluators[0])) is not None:
        if truthy(known.value):
            return evaluators[1]
        evaluators = evaluators[2:]
    if not evaluators:
        return constant(None)
    if len(evaluators) == 1:
        return evaluators[0]
    if len(evaluators) <= 3:
        condition, then = evaluators[0], evaluators[1]
        otherwise = evaluators[2] if len(evaluators) == 3 else constant(None)

        def if_then_else(data: Any) -> Any:
            value = condition(data)
            if value is True or (value is not False and truthy(value)):
                return then(data)
            return otherwise(data)

        return if_then_else
    pairs = [(evaluators[i], evaluators[i + 1]) for i in range(0, len(evaluators) - 1, 2)]
    last = evaluators[-1] if len(evaluators) % 2 else constant(None)

    def if_chain(data: Any) -> Any:
        for condition, result in pairs:
            value = condition(data)
            if value is True or (value is not False and truthy(value)):
                return result(data)
        return last(data)

    return if_chain


def _compile_and(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    # json-logic-js: the first falsy value, or else the last value.
    check_arity("and", len(args), 1, None, _AND)
    evaluators = [compile_arg(arg, (*path, i)) for i, arg in enumerate(args)]
    while len(evaluators) > 1 and (known := constant_of(evaluators[0])) is not None:
        if not truthy(known.value):
            return evaluators[0]
        evaluators = evaluators[1:]
    if len(evaluators) == 1:
        return evaluators[0]
    if len(evaluators) == 2:
        first, second = evaluators
        key = key_of(first)
        if key is not None:  # {"and": [{"var": "x"}, …]}, the usual guard: read x inline
            return _and_key(key, first, second)

        def and_2(data: Any) -> Any:
            value = first(data)
            if value is False or (value is not True and not truthy(value)):
                return value
            return second(data)

        return and_2

    def and_n(data: Any) -> Any:
        for evaluator in evaluators:
            value = evaluator(data)
            if value is False or (value is not True and not truthy(value)):
                return value
        return value

    return and_n


def _and_key(key: str, first: Evaluator, second: Evaluator) -> Evaluator:
    def and_key(data: Any) -> Any:
        value = data.get(key) if type(data) is dict else first(data)
        if value is True or (type(value) is str and value):  # given text: truthy, no call
            return second(data)
        if value is None or value is False or not truthy(value):
            return value
        return second(data)

    return and_key


def _compile_or(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    # json-logic-js: the first truthy value, or else the last value.
    check_arity("or", len(args), 1, None, _OR)
    evaluators = [compile_arg(arg, (*path, i)) for i, arg in enumerate(args)]
    while len(evaluators) > 1 and (known := constant_of(evaluators[0])) is not None:
        if truthy(known.value):
            return evaluators[0]
        evaluators = evaluators[1:]
    if len(evaluators) == 1:
        return evaluators[0]
    if len(evaluators) == 2:
        first, second = evaluators

        def or_2(data: Any) -> Any:
            value = first(data)
            if value is True or (value is not False and truthy(value)):
                return value
            return second(data)

        return or_2

    def or_n(data: Any) -> Any:
        for evaluator in evaluators:
            value = evaluator(data)
            if value is True or (value is not False and truthy(value)):
                return value
        return value

    return or_n


_AND = "[a, b, ...] gives the first falsy value, or the last value"
_OR = "[a, b, ...] gives the first truthy value, or the last value"

# --- per item of an array -------------------------------------------------------------------------


def _over_items(name: str, build: Callable[[Evaluator, Evaluator], Evaluator], description: str) -> Operator:
    """An operator [array, rule] whose rule (argument 1) is evaluated with each item as its data."""

    def compile_over_items(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
        check_arity(name, len(args), 2, 2, description)
        return build(compile_arg(args[0], (*path, 0)), compile_arg(args[1], (*path, 1)))

    return Operator(name, compile_over_items, scoped_args=frozenset({1}), description=description)


def _map(source: Evaluator, rule: Evaluator) -> Evaluator:
    def map_items(data: Any) -> list[Any]:
        items = source(data)
        return [rule(item) for item in items] if is_array(items) else []

    return map_items


def _filter(source: Evaluator, rule: Evaluator) -> Evaluator:
    def filter_items(data: Any) -> list[Any]:
        items = source(data)
        return [item for item in items if truthy(rule(item))] if is_array(items) else []

    return filter_items


def _all(source: Evaluator, rule: Evaluator) -> Evaluator:
    def all_items(data: Any) -> bool:
        items = source(data)
        if (type(items) is not list and not is_array(items)) or not items:
            return False  # json-logic-js: all of an empty array is false
        for item in items:
            value = rule(item)
            if value is False or (value is not True and not truthy(value)):
                return False
        return True

    return all_items


def _some(source: Evaluator, rule: Evaluator) -> Evaluator:
    def some_items(data: Any) -> bool:
        items = source(data)
        if type(items) is not list and not is_array(items):
            return False
        for item in items:
            value = rule(item)
            if value is True or (value is not False and truthy(value)):
                return True
        return False

    return some_items


def _none(source: Evaluator, rule: Evaluator) -> Evaluator:
    def no_items(data: Any) -> bool:
        items = source(data)
        if type(items) is not list and not is_array(items):
            return True
        for item in items:
            value = rule(item)
            if value is True or (value is not False and truthy(value)):
                return False
        return True

    return no_items


def _compile_reduce(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    check_arity("reduce", len(args), 2, 3, _REDUCE)
    source, rule = compile_arg(args[0], (*path, 0)), compile_arg(args[1], (*path, 1))
    # The initial value is evaluated against the outer data, as json-logic-js does since its PR #118
    # (before, it was used as written); missing, it is null.
    initial = compile_arg(args[2], (*path, 2)) if len(args) == 3 else constant(None)

    def reduce_items(data: Any) -> Any:
        items = source(data)
        accumulator = initial(data)
        if not is_array(items):
            return accumulator
        for item in items:
            accumulator = rule({"current": item, "accumulator": accumulator})
        return accumulator

    return reduce_items


_REDUCE = (
    '[array, rule, initial?] gives the last value of rule, which sees {"current": item, "accumulator": value}'
)

OPERATORS: tuple[Operator, ...] = (
    Operator("if", _compile_if, description=_IF),
    Operator("?:", _compile_ternary, description=_TERNARY),
    Operator("and", _compile_and, description=_AND),
    Operator("or", _compile_or, description=_OR),
    _over_items("map", _map, "[array, rule] gives the array of rule's values for each item"),
    Operator("reduce", _compile_reduce, scoped_args=frozenset({1}), description=_REDUCE),
    _over_items("filter", _filter, "[array, rule] gives the items for which rule is truthy"),
    _over_items("all", _all, "[array, rule] gives true if rule is truthy for every item (false if none)"),
    _over_items("none", _none, "[array, rule] gives true if rule is truthy for no item"),
    _over_items("some", _some, "[array, rule] gives true if rule is truthy for at least one item"),
)
