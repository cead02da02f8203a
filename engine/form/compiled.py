"""What compiling a form gives: the compiled form, one plan per field, and the validator's steps.

These are the types; ``engine.form.compile`` makes them from a spec, once, when the form loads, and
``engine.form.validate`` walks them for every payload. Nothing here is parsed or looked up by name later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from engine.codelists.model import Code, CodeList
from engine.form.fieldtypes import Coerce
from engine.rules import Evaluator, Operator
from engine.spec.model import Field, FormSpec, ItemName, Severity


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, params: Mapping[str, Any]) -> str:
    """A message's text with its placeholders filled in: one without a value is left blank, and a template
    that is not one (a stray brace) is shown as written — never a crash while a payload is judged."""
    try:
        return template.format_map(_Blank(params))
    except (IndexError, ValueError):
        return template


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
    reads: frozenset[str] = frozenset()  # the fields the check reads besides its own ("*": any)


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
    # The code list's codes when a code is judged by its list alone (no pattern or length): the fast path.
    plain_codes: Mapping[str, Code] | None = None
    item_steps: tuple[Step, ...] = ()  # the validator's walk over one item of a group
    item_late: tuple[Late, ...] = ()
    item_outside: tuple[str, ...] = ()  # the form's fields that the items' rules read
    required_reads: frozenset[str] = frozenset()  # the fields the mandatory rule reads ("*": any)
    # The form's limits as they apply to this field (``limits:``, a field's ``max_items``): the most codes
    # or items of a codes field or group, and the most characters of a text (0: not limited here).
    max_items: int = 0
    max_text: int = 0
    # A group's ``item_name``, and the codes of its ``unique_by`` field's list (for the name's {text}).
    item_name: ItemName | None = None
    item_key_codes: Mapping[str, Code] | None = None


def always(data: Any) -> bool:
    """The condition ``true``; judged without a call where it matters."""
    return True


class Extra(NamedTuple):
    """A step's rarer work, skipped with one test when a field has none."""

    refine: bool  # normalise the value, or settle the items of a group
    derive: Evaluator | None  # the derived value's rule
    constrained: bool  # length, pattern, code list or items to judge beyond a plain code lookup
    checks: tuple[CompiledCheck, ...]  # the spec's checks that can be judged in the same step


class Step(NamedTuple):
    """One field of the validator's walk (``engine.form.steps``), unpacked once per field per payload."""

    id: str
    is_open: Evaluator | None  # None: always open
    plain_type: type | None  # a value already of this type is stored as it is (text, code)
    coerce: Coerce
    required: Evaluator | None  # None: never mandatory here (or judged late)
    codes: frozenset[str] | None  # the fast code lookup, without codes that have a validity period
    extra: Extra | None  # None: a plain field
    plan: FieldPlan


LateKind = Literal["required", "check", "constraints"]


class Late(NamedTuple):
    """A rule that reads a field settled after its own, judged once every field is settled."""

    kind: LateKind
    plan: FieldPlan
    check: CompiledCheck | None


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
    plan_ids: tuple[str, ...] = ()
    positions: Mapping[str, int] = field(default_factory=dict)  # field id → place in the form
    always_required: frozenset[str] = frozenset()  # the fields mandatory whenever they are open
    # group id → (its item fields in order, those mandatory whenever open)
    item_fields: Mapping[str, tuple[tuple[str, ...], frozenset[str]]] = field(default_factory=dict)
    steps: tuple[Step, ...] = ()  # the validator's walk over ``order`` (engine.form.steps)
    late: tuple[Late, ...] = ()

    def position(self, finding: Any) -> int:
        """Where a finding's field stands in the form, for listing findings in form order."""
        name = finding.field.split("[", 1)[0].split(".", 1)[0]
        if not name:  # the payload as a whole: first
            return -1
        return self.positions.get(name, len(self.positions))

    def plan(self, field_id: str) -> FieldPlan:
        for plan in self.plans:
            if plan.id == field_id:
                return plan
        raise KeyError(field_id)

    def clears(self, field_id: str) -> tuple[str, ...]:
        """The fields a change of ``field_id`` clears (manual F08), in form order."""
        on_change = self.plan(field_id).field.on_change
        return on_change.clears if on_change else ()
