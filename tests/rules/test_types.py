"""The Operator entry of an operator table."""

import dataclasses

import pytest

from engine.rules import Operator, constant


def test_operator_defaults() -> None:
    operator = Operator("x", lambda args, compile_arg, path: constant(1))
    assert (operator.scoped_args, operator.literal_args, operator.description) == (
        frozenset(),
        frozenset(),
        "",
    )


def test_operator_is_frozen() -> None:
    operator = Operator("x", lambda args, compile_arg, path: constant(1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        operator.name = "y"  # type: ignore[misc]
