"""Compile a form spec and its code lists into closures, once, when the form loads: the last pipeline stage.

The result, a ``CompiledForm`` (its types are in ``engine.form.compiled``), holds one ``FieldPlan`` per
field with its rules as Python closures, its code list, its resolved messages, and the order in which
fields are decided. Judging a payload
(``engine.form.validate``) then only calls closures: nothing is parsed or looked up by name per payload.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from engine.codelists.model import Code, CodeList
from engine.codelists.patterns import CodeMatcher, PatternError, compile_patterns
from engine.form.compiled import CompiledCheck, CompiledForm, FieldPlan, Message, always
from engine.form.dependencies import (
    dependencies,
    evaluation_order,
    judging_reads,
    operator_names,
    rule_reads,
    rule_references,
)
from engine.form.fieldtypes import FIELD_TYPES, TEXT_LIMITED
from engine.form.memo import memoize
from engine.form.named_operators import CodeTableMatcher, OperatorContext, form_operators
from engine.form.steps import build_steps
from engine.rules import Evaluator, RuleCompileError, compile_rule, compiling, truthy
from engine.spec.model import Field, FormSpec, MessageSpec
from engine.spec.spec_problems import Problem
from engine.spec.yamlsource import Path

# Operators whose value is always true or false, so a condition needs no truthiness wrapper.
_BOOLEAN_OPERATORS = frozenset(
    {
        "==",
        "===",
        "!=",
        "!==",
        "!",
        "!!",
        "<",
        "<=",
        ">",
        ">=",
        "in",
        "some",
        "all",
        "none",
        "in_codes",
        "in_codelist",
        "matches",
    }
)


def _is_var(rule: Any) -> bool:
    return isinstance(rule, dict) and len(rule) == 1 and "var" in rule


def _never(data: Any) -> bool:
    return False


# Turns a rule into an evaluator instead of the engine's own compiler, e.g. a reference interpreter for a
# differential test or a benchmark. The rule is still compiled by the engine first, for its problems.
RuleCompiler = Callable[[Any], Evaluator]


class _Compiler:
    def __init__(
        self,
        spec: FormSpec,
        codelists: Mapping[str, CodeList],
        rule_compiler: RuleCompiler | None = None,
        memo: bool = True,
    ) -> None:
        self.spec = spec
        self.codelists = codelists
        self.rule_compiler = rule_compiler
        self.memo = memo
        self.problems: list[Problem] = []
        self._definitions: dict[str, Evaluator] = {}
        self._compiling: set[str] = set()
        context = OperatorContext(
            code_sets=self._code_sets(),
            code_tables=self._code_tables(),
            codelists=codelists,
            definitions=self.definition,
            definition_names=tuple(spec.definitions),
            constants={name: found.value for name, found in spec.constants.items()},
        )
        self.operators = form_operators(context)
        # Top-level code fields: their values come from finite lists, so rules reading only them repeat.
        self.code_fields = {f.id for f in spec.fields if f.type in ("code", "codes")}
        self.kinds = self.spec_kinds()

    # -- named things the operators resolve ---------------------------------------------------------
    def _patterns(self, patterns: tuple[str, ...], path: Path) -> CodeMatcher:
        try:
            return compile_patterns(patterns)
        except PatternError as error:
            for bad in error.problems:
                self.problems.append(
                    self.spec.source.problem(
                        (*path, bad.index), "code-pattern", detail=bad.message, hint=bad.hint
                    )
                )
            return compile_patterns([])

    def _code_sets(self) -> dict[str, CodeMatcher]:
        result = {}
        for name, code_set in self.spec.code_sets.items():
            patterns = code_set.codes
            if code_set.codelist is not None and code_set.codelist in self.codelists:
                patterns = patterns + tuple(self.codelists[code_set.codelist].codes)
            result[name] = self._patterns(patterns, (*code_set.path, "codes"))
        return result

    def _code_tables(self) -> dict[str, CodeTableMatcher]:
        return {
            name: CodeTableMatcher(
                tuple((self._patterns(row.codes, (*row.path, "codes")), row.value) for row in table.rows)
            )
            for name, table in self.spec.code_tables.items()
        }

    def definition(self, name: str) -> Evaluator | None:
        if name in self._definitions:
            return self._definitions[name]
        definition = self.spec.definitions.get(name)
        if definition is None:
            return None
        if name in self._compiling:  # a circle; the cross-checks report it
            return lambda data: None
        self._compiling.add(name)
        compiled = self.rule(definition.rule, (*definition.path, "rule"))
        self._compiling.discard(name)
        self._definitions[name] = compiled
        return compiled

    # -- rules ----------------------------------------------------------------------------------------
    def rule(self, rule: Any, path: Path, *, remember: bool = True) -> Evaluator:
        try:
            compiled = compile_rule(rule, self.operators, strict=True)
        except RuleCompileError as error:
            for found in error.problems:
                unknown = found.code == "unknown-operator"
                self.problems.append(
                    self.spec.source.problem(
                        (*path, *found.path),
                        "unknown-operator" if unknown else "rule-problem",
                        at_key=unknown,  # point at the operator's name
                        detail=found.message,
                        suggestion=found.hint,
                    )
                )
            return lambda data: None
        if self.rule_compiler is not None:
            compiled = self.rule_compiler(rule)
        return self.remembered(rule, compiled) if remember else compiled

    def remembered(self, rule: Any, compiled: Evaluator) -> Evaluator:
        """``compiled``, answered from a memo when ``rule`` reads only code fields (engine.form.memo)."""
        names = self.code_inputs(rule) if self.memo else None
        return memoize(compiled, names) if names is not None else compiled

    def code_inputs(self, rule: Any) -> set[str] | None:
        """The fields ``rule`` reads when they are all code fields and the rule is pure; else None."""
        if any(name == "today" for name in operator_names(rule, self.spec)):
            return None
        names: set[str] = set()
        for reference in rule_references(rule, self.spec, self.operators):
            if reference.source is not None:
                continue
            if reference.name not in self.code_fields:
                return None
            names.add(reference.name)
        return names or None

    def condition(self, rule: Any, path: Path) -> Evaluator | None:
        """A rule used as a yes/no condition, with JsonLogic truthiness; None when it is constant false."""
        if rule is None or rule is False:
            return None
        if rule is True:
            return always
        compiled = self.rule(rule, path, remember=False)
        if self.boolean(rule):
            return self.remembered(rule, compiled)
        return self.remembered(rule, lambda data: truthy(compiled(data)))

    def boolean(self, rule: Any) -> bool:
        """Whether ``rule`` gives true or false, or a value whose Python truth is its JsonLogic truth.

        The validator tests conditions with Python's ``not``/``and``; that agrees with JsonLogic's
        truthiness except for ``{}`` and NaN, which settled payload values never are (engine.form.fieldtypes),
        so ``{"and": [{"var": "x"}, <boolean>]}`` needs no wrapper either: it gives x's falsy value or a bool.
        """
        if not isinstance(rule, dict) or len(rule) != 1:
            return False
        ((operator, argument),) = rule.items()
        if operator == "use" and isinstance(argument, str) and argument in self.spec.definitions:
            return self.boolean(self.spec.definitions[argument].rule)
        arguments = argument if isinstance(argument, list) else [argument]
        if operator == "or" and arguments:
            return all(self.boolean(arg) for arg in arguments)
        if operator == "and" and arguments:
            guards = arguments[:-1]
            return self.boolean(arguments[-1]) and all(self.boolean(g) or _is_var(g) for g in guards)
        return operator in _BOOLEAN_OPERATORS

    # -- fields ---------------------------------------------------------------------------------------
    def message(self, f: Field, kind: str, inherited_manual: str | None) -> Message | None:
        own = f.messages.get(kind)
        default = self.spec.messages.get(kind)
        chosen: MessageSpec | None = own or default
        if chosen is None:
            return None
        manual = (own.manual if own else None) or f.manual or inherited_manual or chosen.manual
        return Message(chosen.message, chosen.severity, manual)

    def plan(self, f: Field, inherited_manual: str | None = None) -> FieldPlan:
        codelist = self.codelists.get(f.codelist) if f.codelist else None
        manual = f.manual or inherited_manual
        messages = {kind: msg for kind in self.kinds if (msg := self.message(f, kind, inherited_manual))}
        items = tuple(self.plan(item, manual) for item in f.fields)
        outside = self.read_outside(f)
        item_steps, item_late = build_steps(items, settled_before=outside)
        return FieldPlan(
            field=f,
            id=f.id,
            coerce=FIELD_TYPES[f.type],
            is_open=self.condition(f.open_if, (*f.path, "open_if")),
            is_required=self.condition(f.required, (*f.path, "required")),
            derive=self.rule(f.derive, (*f.path, "derive")) if f.derive is not None else None,
            codelist=codelist,
            bounded_codes={
                code: entry
                for code, entry in (codelist.codes.items() if codelist else ())
                if entry.valid_from or entry.valid_to
            },
            pattern=self.regex(f.pattern, (*f.path, "pattern")) if f.pattern else None,
            normalize=tuple(
                (regex, n.replace)
                for index, n in enumerate(f.normalize)
                if (regex := self.regex(n.pattern, (*f.path, "normalize", index, "pattern")))
            ),
            checks=tuple(
                CompiledCheck(
                    check.id,
                    self.condition(check.when, (*check.path, "when")) or _never,
                    Message(
                        check.message, check.severity, None if check.own_rule else check.manual or manual
                    ),
                    check.always,
                    self.reads(check.when, f.id),
                )
                for check in f.checks
            ),
            messages=messages,
            items=items,
            item_ids=frozenset(item.id for item in items),
            plain_codes=codelist.codes if codelist is not None and not (f.pattern or f.max_length) else None,
            item_outside=outside,
            item_steps=item_steps,
            item_late=item_late,
            required_reads=self.reads(f.required, f.id),
            max_items=self.max_items(f),
            item_name=f.item_name,
            item_key_codes=self.key_codes(f, items),
            max_text=self.spec.limits.text_length if f.type in TEXT_LIMITED else 0,
        )

    def key_codes(self, group: Field, items: tuple[FieldPlan, ...]) -> Mapping[str, Code] | None:
        """The code list of the group's ``unique_by`` field, when it is a code field: its texts name items."""
        key = next((item for item in items if item.id == group.unique_by), None)
        return key.codelist.codes if key is not None and key.codelist is not None else None

    def max_items(self, f: Field) -> int:
        """The most codes or items a value of ``f`` may hold (0 for a field of one value)."""
        if f.type not in ("codes", "group"):
            return 0
        limits = self.spec.limits
        return f.max_items or (limits.items if f.type == "group" else limits.codes)

    def reads(self, rule: Any, own: str) -> frozenset[str]:
        """The fields ``rule`` reads besides ``own`` (the first part of a dotted name; ``*``: computed)."""
        return frozenset(rule_reads(rule, self.spec, self.operators) - {own})

    def read_outside(self, group: Field) -> tuple[str, ...]:
        """The form's fields that the rules of a group's items read, beside the item's own fields."""
        own = {item.id for item in group.fields}
        names = {
            name
            for item in group.fields
            for rule in (item.open_if, item.required, item.derive, *(check.when for check in item.checks))
            for name in rule_reads(rule, self.spec, self.operators)
        }
        return tuple(sorted(names - own))

    def spec_kinds(self) -> set[str]:
        """Every message kind the spec gives a text for, on the form or on a field."""
        kinds = set(self.spec.messages)
        for f in self.spec.fields:
            for owner in (f, *f.fields):
                kinds.update(owner.messages)
        return kinds

    def regex(self, pattern: str, path: Path) -> re.Pattern[str] | None:
        try:
            return re.compile(pattern)
        except re.error as error:
            self.problems.append(
                self.spec.source.problem(path, "bad-regex", pattern=pattern, detail=str(error))
            )
            return None


def compile_form(
    spec: FormSpec,
    codelists: Mapping[str, CodeList],
    *,
    rule_compiler: RuleCompiler | None = None,
    memo: bool = True,
) -> tuple[CompiledForm, list[Problem]]:
    """Compile every rule of ``spec`` once; the problems found on the way are returned, not raised.

    ``memo=False`` turns off remembering the results of rules over code fields (see engine.form.memo).
    """
    with compiling():  # what the rules layer knows of evaluators is dropped when the form is compiled
        compiler = _Compiler(spec, codelists, rule_compiler, memo)
        for name in spec.definitions:  # each once, also those no field uses, so that all problems are found
            compiler.definition(name)
        plans = tuple(compiler.plan(f) for f in spec.fields)
    by_id = {plan.id: plan for plan in plans}
    order, _cycle = evaluation_order(
        spec, dependencies(spec, compiler.operators), judging_reads(spec, compiler.operators)
    )
    form_messages = {
        kind: Message(message.message, message.severity, message.manual)
        for kind, message in spec.messages.items()
    }
    ordered = tuple(by_id[name] for name in order if name in by_id)
    steps, late = build_steps(ordered, reference_date=spec.info.reference_date)
    compiled = CompiledForm(
        spec=spec,
        plans=plans,
        order=ordered,
        codelists=codelists,
        messages=form_messages,
        operators=compiler.operators,
        field_ids=frozenset(by_id),
        plan_ids=tuple(plan.id for plan in plans),
        positions={plan.id: index for index, plan in enumerate(plans)},
        always_required=frozenset(plan.id for plan in plans if plan.is_required is always),
        item_fields={
            plan.id: (
                tuple(item.id for item in plan.items),
                frozenset(item.id for item in plan.items if item.is_required is always),
            )
            for plan in plans
            if plan.items
        },
        steps=steps,
        late=late,
    )
    return compiled, compiler.problems
