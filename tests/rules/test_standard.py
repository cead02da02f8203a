"""The standard operator table: every json-logic-js operator, and nothing else."""

import pytest

from engine.rules import STANDARD_OPERATORS, pure
from engine.rules.standard import operator_table

JSON_LOGIC_JS = {
    *("var", "missing", "missing_some", "if", "?:", "==", "===", "!=", "!==", "!", "!!", "or", "and"),
    *(">", ">=", "<", "<=", "max", "min", "+", "-", "*", "/", "%", "in", "cat", "substr", "merge"),
    *("map", "filter", "reduce", "all", "none", "some", "log"),
}


def test_every_json_logic_js_operator() -> None:
    assert set(STANDARD_OPERATORS) == JSON_LOGIC_JS


def test_names_and_descriptions() -> None:
    for name, operator in STANDARD_OPERATORS.items():
        assert operator.name == name
        assert operator.description.startswith("["), name


def test_scoped_arguments() -> None:
    scoped = {
        name: operator.scoped_args for name, operator in STANDARD_OPERATORS.items() if operator.scoped_args
    }
    assert scoped == {name: frozenset({1}) for name in ("map", "filter", "reduce", "all", "none", "some")}
    assert not any(operator.literal_args for operator in STANDARD_OPERATORS.values())


def test_the_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        STANDARD_OPERATORS["len"] = pure("len", len)  # type: ignore[index]


def test_operator_table_rejects_a_name_given_twice() -> None:
    one = pure("x", lambda: 1)
    with pytest.raises(ValueError, match="operator 'x' is defined twice"):
        operator_table((one,), (one,))
