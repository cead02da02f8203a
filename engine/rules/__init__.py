"""Generic JsonLogic, the bottom layer of the engine: rules compiled once into closures.

    >>> from engine.rules import compile_rule
    >>> compile_rule({"in": [{"var": "kode"}, ["A", "B"]]})({"kode": "B"})
    True

The modules, bottom up: types (paths, evaluators, operators), semantics (JavaScript's truthiness,
equality, comparison), operators / control / data (the operators), standard (the closed table),
compiler (rule -> closure), references (which names a rule reads).
"""

from engine.rules.compiler import compile_rule
from engine.rules.evaluators import Constant, compiling, constant, constant_of
from engine.rules.operators import pure
from engine.rules.references import Reference, references
from engine.rules.rule_problems import (
    ArityError,
    OperatorArgumentError,
    RuleCompileError,
    RuleProblem,
    check_arity,
)
from engine.rules.semantics import (
    compare,
    greater_equal,
    greater_than,
    is_missing,
    less_equal,
    less_than,
    loose_equal,
    strict_equal,
    to_js_string,
    to_number,
    truthy,
)
from engine.rules.standard import STANDARD_OPERATORS, operator_table
from engine.rules.types import CompileArg, Evaluator, Operator, Path

__all__ = [
    "STANDARD_OPERATORS",
    "ArityError",
    "CompileArg",
    "Constant",
    "Evaluator",
    "Operator",
    "OperatorArgumentError",
    "Path",
    "Reference",
    "RuleCompileError",
    "RuleProblem",
    "check_arity",
    "compare",
    "compile_rule",
    "compiling",
    "constant",
    "constant_of",
    "greater_equal",
    "greater_than",
    "is_missing",
    "less_equal",
    "less_than",
    "loose_equal",
    "operator_table",
    "pure",
    "references",
    "strict_equal",
    "to_js_string",
    "to_number",
    "truthy",
]
