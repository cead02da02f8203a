"""Evaluators that operators recognise at compile time: constants and plain reads of one data key.

Evaluators must stay plain closures (calling an object's `__call__` costs twice as much), so what
is known about them is kept beside them, in maps keyed by the closure, instead of in a class.

The maps hold their closures strongly. Weak maps would let them go with their form, but weak references
to closures compiled by mypyc (scripts/accelerate.py) crash the garbage collector; a form is compiled once
per process (or per reload), so the few thousand entries a form leaves behind are the smaller evil.
"""

from dataclasses import dataclass
from typing import Any

from engine.rules.types import Evaluator


@dataclass(frozen=True, slots=True)
class Constant:
    """The value of an evaluator that does not depend on the data."""

    value: Any


_CONSTANTS: dict[Evaluator, Constant] = {}
_KEYS: dict[Evaluator, str] = {}


def constant(value: Any) -> Evaluator:
    """An evaluator that always gives `value`; `constant_of` recognises it, so callers can fold it."""

    def evaluate(data: Any) -> Any:
        return value

    _CONSTANTS[evaluate] = Constant(value)
    return evaluate


def constant_of(evaluator: Evaluator) -> Constant | None:
    """The value of a constant evaluator, or None when it depends on the data."""
    return _CONSTANTS.get(evaluator)


def key_read(key: str, evaluator: Evaluator) -> Evaluator:
    """Mark `evaluator` as giving `data.get(key)` whenever the data is a dict.

    Hot operators then read the key inline, one function call less per evaluation.
    """
    _KEYS[evaluator] = key
    return evaluator


def key_of(evaluator: Evaluator) -> str | None:
    """The key `evaluator` reads from dict data (see `key_read`), or None."""
    return _KEYS.get(evaluator)
