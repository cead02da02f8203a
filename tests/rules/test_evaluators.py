"""What operators can know about an evaluator when compiling: constants and plain key reads."""

from engine.rules import compile_rule
from engine.rules.evaluators import Constant, constant, constant_of, key_of, key_read


def test_constant() -> None:
    evaluator = constant([1])
    assert evaluator({"x": 1}) == [1]
    assert constant_of(evaluator) == Constant([1])


def test_a_constant_of_none_is_known() -> None:
    assert constant_of(constant(None)) == Constant(None)


def test_other_evaluators_are_not_constant() -> None:
    assert constant_of(lambda data: 1) is None


def test_key_read() -> None:
    def read(data: object) -> object:
        return None

    assert key_of(read) is None
    assert key_read("x", read) is read
    assert key_of(read) == "x"


def test_var_of_a_plain_name_is_a_key_read() -> None:
    assert key_of(compile_rule({"var": "diagnose"})) == "diagnose"
    assert key_of(compile_rule({"var": ["diagnose"]})) == "diagnose"
    assert key_of(compile_rule({"var": "a.b"})) is None
    assert key_of(compile_rule({"var": ["diagnose", 0]})) is None  # a default: not a plain data.get
