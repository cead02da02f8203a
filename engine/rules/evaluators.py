"""Evaluators that operators recognise at compile time: constants and plain reads of one data key.

Evaluators must stay plain closures (calling an object's `__call__` costs twice as much), so what
is known about them is kept beside them, in maps keyed by the closure, instead of in a class.

The maps live only while rules are compiled: `compiling()` opens them (`compile_rule` does, and the
form's compiler holds one open around a whole form), and they are dropped when it closes. What they
know is needed only to fold constants and inline key reads during compilation, so a form that is loaded
again (a reload) leaves nothing behind. Weak maps would do the same, but weak references to closures
compiled by mypyc (scripts/accelerate.py) crash the garbage collector. An evaluator made outside
`compiling()` is simply not recognised: correct, only not folded.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from engine.rules.types import Evaluator


@dataclass(frozen=True, slots=True)
class Constant:
    """The value of an evaluator that does not depend on the data."""

    value: Any


@dataclass(slots=True)
class _Marks:
    constants: dict[Evaluator, Constant] = field(default_factory=dict)
    keys: dict[Evaluator, str] = field(default_factory=dict)


_MARKS: ContextVar[_Marks | None] = ContextVar("engine_rules_marks", default=None)


@contextmanager
def compiling() -> Iterator[None]:
    """Keep what is known about the evaluators made inside, until the outermost `compiling()` ends."""
    if _MARKS.get() is not None:  # nested: the outer one keeps them
        yield
        return
    token = _MARKS.set(_Marks())
    try:
        yield
    finally:
        _MARKS.reset(token)


def constant(value: Any) -> Evaluator:
    """An evaluator that always gives `value`; `constant_of` recognises it, so callers can fold it."""

    def evaluate(data: Any) -> Any:
        return value

    marks = _MARKS.get()
    if marks is not None:
        marks.constants[evaluate] = Constant(value)
    return evaluate


def constant_of(evaluator: Evaluator) -> Constant | None:
    """The value of a constant evaluator, or None when it depends on the data."""
    marks = _MARKS.get()
    return marks.constants.get(evaluator) if marks is not None else None


def key_read(key: str, evaluator: Evaluator) -> Evaluator:
    """Mark `evaluator` as giving `data.get(key)` whenever the data is a dict.

    Hot operators then read the key inline, one function call less per evaluation.
    """
    marks = _MARKS.get()
    if marks is not None:
        marks.keys[evaluator] = key
    return evaluator


def key_of(evaluator: Evaluator) -> str | None:
    """The key `evaluator` reads from dict data (see `key_read`), or None."""
    marks = _MARKS.get()
    return marks.keys.get(evaluator) if marks is not None else None
