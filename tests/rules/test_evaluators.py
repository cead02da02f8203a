"""What operators can know about an evaluator when compiling: constants and plain key reads."""

import gc

from engine.rules import compile_rule
from engine.rules.evaluators import Constant, compiling, constant, constant_of, key_of, key_read


def test_constant() -> None:
    with compiling():
        evaluator = constant([1])
        assert evaluator({"x": 1}) == [1]
        assert constant_of(evaluator) == Constant([1])


def test_a_constant_of_none_is_known() -> None:
    with compiling():
        assert constant_of(constant(None)) == Constant(None)


def test_other_evaluators_are_not_constant() -> None:
    with compiling():
        assert constant_of(lambda data: 1) is None


def test_key_read() -> None:
    def read(data: object) -> object:
        return None

    with compiling():
        assert key_of(read) is None
        assert key_read("x", read) is read
        assert key_of(read) == "x"


def test_var_of_a_plain_name_is_a_key_read() -> None:
    with compiling():
        assert key_of(compile_rule({"var": "diagnose"})) == "diagnose"
        assert key_of(compile_rule({"var": ["diagnose"]})) == "diagnose"
        assert key_of(compile_rule({"var": "a.b"})) is None
        assert key_of(compile_rule({"var": ["diagnose", 0]})) is None  # a default: not a plain data.get


def test_what_is_known_is_dropped_when_compiling_ends() -> None:
    with compiling():
        evaluator = constant(1)
        with compiling():  # nested: the outer one keeps what is known
            read = key_read("x", lambda data: None)
        assert key_of(read) == "x"
    assert constant_of(evaluator) is None
    assert key_of(read) is None
    assert evaluator(None) == 1  # the evaluator itself still works


def test_outside_compiling_nothing_is_remembered() -> None:
    evaluator = constant(2)
    assert constant_of(evaluator) is None
    assert evaluator(None) == 2


def test_compiling_many_rules_leaves_nothing_behind() -> None:
    rule = {"if": [{"==": [{"var": "a"}, 1]}, {"+": [1, 2, {"var": "b"}]}, [1, 2, 3]]}
    for _ in range(50):  # warm up caches
        compile_rule(rule)
    gc.collect()
    before = len(gc.get_objects())
    for _ in range(2_000):
        compile_rule(rule)
    gc.collect()
    assert len(gc.get_objects()) - before < 200  # the maps of the old design grew by ~20,000 entries
