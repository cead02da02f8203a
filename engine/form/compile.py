"""Compile a form spec and its code lists into closures, once, when the form loads: the last pipeline stage.

The result, :class:`CompiledForm`, holds one :class:`FieldPlan` per field with its rules as Python closures,
its code list, its resolved messages, and the order in which fields are decided. Judging a payload
(``engine.form.validate``) then only calls closures: nothing is parsed or looked up by name per payload.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.codelists.model import Code, CodeList
from engine.codelists.patterns import CodeMatcher, PatternError, compile_patterns
from engine.form.dependencies import dependencies, evaluation_order
from engine.form.fieldtypes import FIELD_TYPES, Coerce
from engine.form.operators import CodeTableMatcher, OperatorContext, form_operators
from engine.rules import Evaluator, Operator, RuleCompileError, compile_rule, truthy
from engine.spec.model import Field, FormSpec, MessageSpec, Severity
from engine.spec.problems import Problem
from engine.spec.yamlsource import Path


@dataclass(frozen=True, slots=True)
class Message:
    """A message kind resolved for one field: its Danish template, severity and manual rule."""

    template: str
    severity: Severity
    manual: str | None


@dataclass(frozen=True, slots=True)
class CompiledCheck:
    id: str
    when: Evaluator
    message: Message
    always: bool


@dataclass(frozen=True, slots=True)
class FieldPlan:
    field: Field
    id: str
    coerce: Coerce
    is_open: Evaluator | None  # None: always open
    is_required: Evaluator | None  # None: never mandatory
    derive: Evaluator | None
    codelist: CodeList | None
    bounded_codes: Mapping[str, Code]  # the list's codes that have a validity period
    pattern: re.Pattern[str] | None
    normalize: tuple[tuple[re.Pattern[str], str], ...]
    checks: tuple[CompiledCheck, ...]
    messages: Mapping[str, Message]
    items: tuple[FieldPlan, ...] = ()
    item_ids: frozenset[str] = frozenset()


def _always(data: Any) -> bool:
    return True


@dataclass(frozen=True)
class CompiledForm:
    """A form ready to judge payloads, render pages and drive its workflow."""

    spec: FormSpec
    plans: tuple[FieldPlan, ...]  # top-level fields in form order
    order: tuple[FieldPlan, ...]  # the same, in the order openness and derived values are decided
    codelists: Mapping[str, CodeList]
    messages: Mapping[str, Message]  # form-level messages (not_json, not_object, unknown_field)
    operators: Mapping[str, Operator] = field(repr=False)
    field_ids: frozenset[str] = frozenset()

    def plan(self, field_id: str) -> FieldPlan:
        for plan in self.plans:
            if plan.id == field_id:
                return plan
        raise KeyError(field_id)

    def clears(self, field_id: str) -> tuple[str, ...]:
        """The fields a change of ``field_id`` clears (manual F08), in form order."""
        on_change = self.plan(field_id).field.on_change
        return on_change.clears if on_change else ()


class _Compiler:
    def __init__(self, spec: FormSpec, codelists: Mapping[str, CodeList]) -> None:
        self.spec = spec
        self.codelists = codelists
        self.problems: list[Problem] = []
        self._definitions: dict[str, Evaluator] = {}
        self._compiling: set[str] = set()
        context = OperatorContext(
            code_sets=self._code_sets(),
            code_tables=self._code_tables(),
            codelists=codelists,
            definitions=self._definition,
        )
        self.operators = form_operators(context)

    # -- named things the operators resolve ---------------------------------------------------------
    def _patterns(self, patterns: tuple[str, ...], path: Path) -> CodeMatcher:
        try:
            return compile_patterns(patterns)
        except PatternError as error:
            for bad in error.problems:
                self.problems.append(
                    self.spec.source.problem((*path, bad.index), "code-pattern", detail=bad.message, hint=bad.hint)
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

    def _definition(self, name: str) -> Evaluator | None:
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
    def rule(self, rule: Any, path: Path) -> Evaluator:
        try:
            return compile_rule(rule, self.operators, strict=True)
        except RuleCompileError as error:
            for found in error.problems:
                code = "unknown-operator" if found.code == "unknown-operator" else "rule-problem"
                where = (*path, *found.path)
                self.problems.append(self.spec.source.problem(where, code, detail=found.message, suggestion=found.hint))
            return lambda data: None

    def condition(self, rule: Any, path: Path) -> Evaluator | None:
        """A rule used as a yes/no condition, with JsonLogic truthiness; None when it is constant false."""
        if rule is None or rule is False:
            return None
        if rule is True:
            return _always
        compiled = self.rule(rule, path)
        return lambda data: truthy(compiled(data))

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
        messages = {kind: msg for kind in self.spec_kinds() if (msg := self.message(f, kind, inherited_manual))}
        items = tuple(self.plan(item, manual) for item in f.fields)
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
                    self.condition(check.when, (*check.path, "when")) or (lambda data: False),
                    Message(check.message, check.severity, check.manual or manual),
                    check.always,
                )
                for check in f.checks
            ),
            messages=messages,
            items=items,
            item_ids=frozenset(item.id for item in items),
        )

    def spec_kinds(self) -> set[str]:
        kinds = set(self.spec.messages)
        for f in self.spec.fields:
            for owner in (f, *f.fields):
                kinds.update(owner.messages)
        return kinds

    def regex(self, pattern: str, path: Path) -> re.Pattern[str] | None:
        try:
            return re.compile(pattern)
        except re.error as error:
            self.problems.append(self.spec.source.problem(path, "bad-regex", pattern=pattern, detail=str(error)))
            return None


def compile_form(spec: FormSpec, codelists: Mapping[str, CodeList]) -> tuple[CompiledForm, list[Problem]]:
    """Compile every rule of ``spec`` once; the problems found on the way are returned, not raised."""
    compiler = _Compiler(spec, codelists)
    plans = tuple(compiler.plan(f) for f in spec.fields)
    by_id = {plan.id: plan for plan in plans}
    order, _cycle = evaluation_order(spec, dependencies(spec, compiler.operators))
    form_messages = {
        kind: Message(message.message, message.severity, message.manual) for kind, message in spec.messages.items()
    }
    compiled = CompiledForm(
        spec=spec,
        plans=plans,
        order=tuple(by_id[name] for name in order if name in by_id),
        codelists=codelists,
        messages=form_messages,
        operators=compiler.operators,
        field_ids=frozenset(by_id),
    )
    return compiled, compiler.problems


Compiler = Callable[[Any, Path], Evaluator]
