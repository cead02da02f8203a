"""Compiles a JsonLogic rule, once, into an Evaluator closure (rules layer: rule -> closure).

    >>> is_adult = compile_rule({">=": [{"var": "age"}, 18]})
    >>> is_adult({"age": 40})
    True

Every problem in the rule tree is collected, in the order they appear, and raised together as one
RuleCompileError. A rule is: a JSON scalar (itself), a list (each item a rule), or an object with
one key, the operator, whose value is the argument list (a single argument may go without a list).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.rules.evaluators import compiling, constant, constant_of
from engine.rules.rule_problems import (
    OperatorArgumentError,
    RuleCompileError,
    RuleProblem,
    not_json,
    not_logic,
    unknown_operator,
)
from engine.rules.semantics import ARRAY_TYPES
from engine.rules.standard import STANDARD_OPERATORS
from engine.rules.types import Evaluator, Operator, Path

_SCALARS = (str, int, float, bool, type(None))


def compile_rule(
    rule: Any, operators: Mapping[str, Operator] = STANDARD_OPERATORS, *, strict: bool = False
) -> Evaluator:
    """Compile `rule` against the operator table; raise RuleCompileError listing all problems.

    strict=True makes an object with other than one key a "not-logic" problem; json-logic-js (and
    strict=False) passes such an object through as data, which in a form spec is always a mistake.
    """
    compiler = _Compiler(operators, strict)
    with compiling():
        evaluator = compiler.compile(rule, ())
    if compiler.problems:
        raise RuleCompileError(compiler.problems)
    return evaluator


@dataclass
class _Compiler:
    operators: Mapping[str, Operator]
    strict: bool
    problems: list[RuleProblem] = field(default_factory=list)

    def compile(self, rule: Any, path: Path) -> Evaluator:
        if isinstance(rule, dict):
            return self._compile_object(rule, path)
        if isinstance(rule, ARRAY_TYPES):
            return self._compile_list(rule, path)
        if not isinstance(rule, _SCALARS):  # e.g. a date: YAML reads 2024-01-01 unquoted as one
            self.problems.append(not_json(rule, path))
        return constant(rule)

    def _compile_list(self, rule: Sequence[Any], path: Path) -> Evaluator:
        # json-logic-js evaluates each item: [1, {"var": "x"}] gives [1, <x>].
        items = [self.compile(item, (*path, i)) for i, item in enumerate(rule)]
        known = [constant_of(item) for item in items]
        if all(value is not None for value in known):
            return constant([value.value for value in known if value is not None])
        return lambda data: [item(data) for item in items]

    def _compile_object(self, rule: dict[Any, Any], path: Path) -> Evaluator:
        if len(rule) != 1:
            if self.strict:
                self.problems.append(not_logic(list(rule), path))
            return constant(rule)  # json-logic-js: not logic, so returned as it is
        ((name, raw_args),) = rule.items()
        args_path = (*path, name)
        wrapped = not isinstance(raw_args, ARRAY_TYPES)
        args = [raw_args] if wrapped else list(raw_args)
        compile_arg = _ArgCompiler(self, args_path, wrapped)
        operator = self.operators.get(name) if isinstance(name, str) else None
        if operator is None:
            self.problems.append(unknown_operator(name, args_path, list(self.operators)))
            compile_arg.compile_rest(args, frozenset())  # to report the problems inside it too
            return constant(None)
        first_problem = len(self.problems)
        try:
            return operator.compile(args, compile_arg, args_path)
        except OperatorArgumentError as error:
            where = compile_arg.source_path(
                args_path if error.arg_index is None else (*args_path, error.arg_index)
            )
            # Inserted before the problems of its arguments, to keep the order of the rule.
            self.problems.insert(first_problem, RuleProblem(where, error.code, error.message, error.hint))
            compile_arg.compile_rest(args, operator.literal_args)
            return constant(None)


@dataclass
class _ArgCompiler:
    """The CompileArg an operator gets: compiles its arguments at their paths in the rule as written."""

    compiler: _Compiler
    args_path: Path
    wrapped: bool
    compiled: set[Path] = field(default_factory=set)

    def __call__(self, rule: Any, path: Path, /) -> Evaluator:
        path = self.source_path(path)
        self.compiled.add(path)
        return self.compiler.compile(rule, path)

    def source_path(self, path: Path) -> Path:
        # Operators address argument i as args_path + (i,). A bare argument, {"!": {"var": "x"}},
        # was never in a list: it sits at args_path itself, so its index 0 is dropped.
        size = len(self.args_path)
        if self.wrapped and len(path) > size and path[size] == 0 and path[:size] == self.args_path:
            return self.args_path + path[size + 1 :]
        return path

    def compile_rest(self, args: list[Any], literal_args: frozenset[int]) -> None:
        """Compile the arguments the operator did not get to, only to collect their problems."""
        for i, arg in enumerate(args):
            if i not in literal_args and self.source_path((*self.args_path, i)) not in self.compiled:
                self(arg, (*self.args_path, i))
