"""Which data names a rule reads, found without running it (rules layer; used to cross-check a form).

    >>> rule = {"some": [{"var": "items"}, {"==": [{"var": "kode"}, "X"]}]}
    >>> references(rule)  # doctest: +NORMALIZE_WHITESPACE
    [Reference(name='items', path=('some', 0, 'var'), source=None),
     Reference(name='kode', path=('some', 1, '==', 0, 'var'), source={'var': 'items'})]

Names are reported where they are written: the argument of var (so ("var",) for {"var": "x"} and
("var", 0) for {"var": ["x", 1]}), and each name listed in missing / missing_some. The standard
"var", "missing" and "missing_some" are known by their names; other operators are walked through
their arguments, skipping `literal_args` and reading `scoped_args` against their first argument.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.rules.semantics import is_array, to_js_string
from engine.rules.standard import STANDARD_OPERATORS
from engine.rules.types import Operator, Path

COMPUTED = "*"  # the name of a reference whose name is computed when the rule runs


@dataclass(frozen=True)
class Reference:
    name: str  # as written: "diagnose", "a.b", "" for the whole data, "*" when computed
    path: Path
    # None when read from the top-level data; otherwise the raw first argument of the innermost
    # operator that evaluates this part of the rule per item (some, all, none, map, filter, reduce).
    source: Any


def references(rule: Any, operators: Mapping[str, Operator] = STANDARD_OPERATORS) -> list[Reference]:
    """Every data name the rule reads, in the order written; a name read twice is listed twice."""
    found: list[Reference] = []
    _Walk(operators, found).rule(rule, (), None)
    return found


@dataclass(frozen=True)
class _Walk:
    operators: Mapping[str, Operator]
    found: list[Reference]

    def rule(self, rule: Any, path: Path, source: Any) -> None:
        if is_array(rule):
            for i, item in enumerate(rule):
                self.rule(item, (*path, i), source)
            return
        if not isinstance(rule, dict) or len(rule) != 1:
            return  # scalars, and objects passed through as data, read nothing
        ((name, raw_args),) = rule.items()
        args_path = (*path, name)
        wrapped = not is_array(raw_args)
        args = (
            [(raw_args, args_path)] if wrapped else [(arg, (*args_path, i)) for i, arg in enumerate(raw_args)]
        )
        if name == "var" and name in self.operators:
            self._var(args, args_path, source)
        elif name == "missing" and name in self.operators:
            self._names(args, source)
        elif name == "missing_some" and name in self.operators:
            self._missing_some(args, source)
        else:
            self._operator(self.operators.get(name), args, source)

    def _var(self, args: list[tuple[Any, Path]], args_path: Path, source: Any) -> None:
        if not args:
            self.found.append(Reference("", args_path, source))
            return
        self.name(*args[0], source)
        for default, default_path in args[1:]:
            self.rule(default, default_path, source)

    def _missing_some(self, args: list[tuple[Any, Path]], source: Any) -> None:
        for need, need_path in args[:1]:
            self.rule(need, need_path, source)
        for options, options_path in args[1:2]:
            if is_array(options):
                self._names([(option, (*options_path, i)) for i, option in enumerate(options)], source)
            else:
                self.name(options, options_path, source)

    def _names(self, args: list[tuple[Any, Path]], source: Any) -> None:
        # json-logic-js's missing takes [[name, ...]] as well as [name, ...].
        if args and is_array(args[0][0]):
            names, names_path = args[0]
            self._names([(name, (*names_path, i)) for i, name in enumerate(names)], source)
            for rest, rest_path in args[1:]:
                self.rule(rest, rest_path, source)
            return
        for name, name_path in args:
            self.name(name, name_path, source)

    def name(self, name: Any, path: Path, source: Any) -> None:
        if _has_logic(name):
            self.found.append(Reference(COMPUTED, path, source))
            self.rule(name, path, source)
        elif name is None or name == "":
            self.found.append(Reference("", path, source))
        else:
            self.found.append(Reference(to_js_string(name), path, source))

    def _operator(self, operator: Operator | None, args: list[tuple[Any, Path]], source: Any) -> None:
        for i, (arg, arg_path) in enumerate(args):
            if operator is not None and i in operator.literal_args:
                continue
            scoped = operator is not None and i in operator.scoped_args
            self.rule(arg, arg_path, args[0][0] if scoped else source)


def _has_logic(rule: Any) -> bool:
    if isinstance(rule, dict):
        return len(rule) == 1
    return is_array(rule) and any(_has_logic(item) for item in rule)
