"""Problems found while compiling a rule, and the catalogue of their messages (rules layer).

Every problem says where (a path inside the rule), what is wrong and how to fix it. Codes are stable:
unknown-operator, arity, bad-argument, not-logic, not-json.
"""

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from engine.rules.types import Path

_LISTED_OPERATORS = 10  # an unknown operator's hint lists this many known ones, then says how many more


@dataclass(frozen=True)
class RuleProblem:
    path: Path
    code: str
    message: str
    hint: str


class RuleCompileError(Exception):
    """All problems found in one rule, in the order they appear in it."""

    def __init__(self, problems: Sequence[RuleProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{format_path(p.path)}: {p.message} ({p.hint})" for p in self.problems))


class OperatorArgumentError(Exception):
    """Raised by an operator's compile for a bad argument; the compiler records it as a RuleProblem.

    `arg_index` None means the argument list as a whole.
    """

    code = "bad-argument"

    def __init__(self, message: str, hint: str, arg_index: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.arg_index = arg_index


class ArityError(OperatorArgumentError):
    code = "arity"


def format_path(path: Path) -> str:
    """The path as a slash-separated string, "/" for the rule itself: ("and", 1, "in") -> "and/1/in"."""
    return "/".join(str(step) for step in path) or "/"


def check_arity(name: str, count: int, min_args: int, max_args: int | None, description: str = "") -> None:
    """Raise ArityError unless `count` arguments suit the operator `name`."""
    if count >= min_args and (max_args is None or count <= max_args):
        return
    if max_args is None:
        expected = f"at least {_arguments(min_args)}"
    elif min_args == max_args:
        expected = _arguments(min_args)
    else:
        expected = f"{min_args} to {max_args} arguments"
    hint = f"{quote(name)}: {description}" if description else f"give {quote(name)} {expected}"
    raise ArityError(f"{quote(name)} takes {expected}, got {count}", hint)


def _arguments(count: int) -> str:
    return "1 argument" if count == 1 else f"{count} arguments"


def unknown_operator(name: Any, path: Path, known: Sequence[str]) -> RuleProblem:
    close = difflib.get_close_matches(str(name), known, n=1)
    if close:
        hint = f"did you mean {quote(close[0])}?"
    elif not known:
        hint = "no operators are known here"
    elif len(known) <= _LISTED_OPERATORS + 2:
        hint = "known operators: " + ", ".join(known)
    else:
        listed = ", ".join(known[:_LISTED_OPERATORS])
        hint = f"known operators: {listed}, ... ({len(known)} in all)"
    return RuleProblem(path, "unknown-operator", f"unknown operator {quote(name)}", hint)


def not_logic(keys: Sequence[Any], path: Path) -> RuleProblem:
    if keys:
        what = f"an object with {len(keys)} keys ({', '.join(quote(key) for key in keys)})"
    else:
        what = "an empty object"
    return RuleProblem(
        path,
        "not-logic",
        f"{what} is not a rule",
        'a rule is an object with exactly one key, the operator, e.g. {"==": [{"var": "x"}, 1]}; '
        'join several rules with "and" or "or"',
    )


def not_json(value: Any, path: Path) -> RuleProblem:
    return RuleProblem(
        path,
        "not-json",
        f"{type(value).__name__} {value} is not a JSON value",
        f'rules hold only text, numbers, true, false, null, lists and objects; quote it as text: "{value}"',
    )


def quote(name: Any) -> str:
    """An operator name or key as a JSON string: "inn"."""
    return json.dumps(str(name), ensure_ascii=False)
