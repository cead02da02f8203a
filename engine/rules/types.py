"""Types of the rules layer (the bottom of the engine): paths into rules, compiled rules, operators.

An operator is compiled once, when the form loads, into an `Evaluator`: a plain closure from data to
value. Operators see their raw arguments, so they can specialise on literals at compile time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

Path = tuple[str | int, ...]
"""Where inside a rule: object keys and list indexes from the rule's root, e.g. ("and", 1, "in")."""

Evaluator = Callable[[Any], Any]
"""A compiled rule: data -> value. It never raises on odd data. Treat its result as read-only: like
json-logic-js, it may share lists and objects with the rule and with the data."""


class CompileArg(Protocol):
    """Compiles a child rule found at `path`; problems are collected, not raised, so the caller goes on."""

    def __call__(self, rule: Any, path: Path, /) -> Evaluator: ...


@dataclass(frozen=True)
class Operator:
    """One entry of the closed operator table.

    `compile(args, compile_arg, path)` gets the raw argument list (a bare argument is wrapped in a
    one-element list, as json-logic-js does) and `path`, the path of that list: argument i is at
    `path + (i,)`. For a bare argument, e.g. {"!": {"var": "x"}}, the compiler maps `path + (0,)`
    back to `path` itself, so problem paths always point into the rule as written.
    Bad arguments are reported by raising `OperatorArgumentError` from `compile`.
    """

    name: str
    compile: Callable[[list[Any], CompileArg, Path], Evaluator]
    # Argument indexes evaluated against other data (the items of map/filter/reduce/all/some/none).
    scoped_args: frozenset[int] = field(default=frozenset())
    # Argument indexes that are literal names, not rules: references() skips them.
    literal_args: frozenset[int] = field(default=frozenset())
    description: str = ""
