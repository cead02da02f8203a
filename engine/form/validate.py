"""Judge one payload against a compiled form: errors, warnings, derived values, open and mandatory fields.

How a payload is judged (docs/payload.md), decided here once:

1. A key that is not a field id is an error on that key.
2. In dependency order, each field is *settled*: open or closed (a closed field must not carry a value, and
   counts as not given for every rule that reads it); its value's type (a wrong type is an error on the
   field, and the value counts as not given); its derived value (filled in when absent; a different value
   given is an error).
3. Then, on the settled values, in form order, each open field is *judged*: mandatory, code list, pattern,
   length and the spec's checks. A check runs only on a given value unless it says ``always``.

Every payload is judged in bounded time with a bounded answer, whatever it holds: beyond the form's
``limits:`` (keys of an object, codes or items of a field, characters of a text) the excess is not judged
and one finding says so, the value counting as not given; and at most ``limits.messages`` findings are
written out, the rest counted in one last finding (``too_many_messages``).

The function never raises on payload content: every oddity becomes a finding. The two loops run for every
field of every payload, so they unpack precompiled steps (named tuples) and call out only when there is work.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from itertools import islice
from typing import Any

from engine.form.compiled import CompiledCheck, CompiledForm, FieldPlan, Late, Message, Step, always, fill
from engine.form.result import Finding, ItemState, Result
from engine.spec.model import Severity

_ERROR = Message("", "error", None)


_SHOWN = 80  # characters of a given value quoted in a message


def _text(value: Any, depth: int = 0) -> str:
    """A value as it is quoted in a Danish message: short, and never a crash on odd payload content."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value
    elif isinstance(value, int | float):
        text = repr(value)
    elif isinstance(value, list):
        # Payloads may nest lists deeply: quote two levels, never recurse further.
        parts = ["…" if depth >= 2 else _text(item, depth + 1) for item in value[:10]]
        text = ", ".join(parts) + (", …" if len(value) > 10 else "")
    elif isinstance(value, dict):
        text = "{" + ", ".join(str(key) for key in islice(value, 5)) + (", …" if len(value) > 5 else "") + "}"
    else:
        text = type(value).__name__
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def json_type(value: Any) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    names: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return names.get(type(value), type(value).__name__)


class _Judgement:
    """The findings of one payload, collected while it is judged."""

    __slots__ = (
        "derived",
        "dropped_errors",
        "dropped_warnings",
        "errors",
        "form",
        "item_states",
        "max_keys",
        "max_text",
        "naming",
        "normalized",
        "room",
        "scope",
        "unusable",
        "warnings",
    )

    def __init__(self, form: CompiledForm) -> None:
        self.form = form
        limits = form.spec.limits
        self.max_keys = limits.keys
        self.max_text = limits.text_length
        self.room = limits.messages  # findings still to be written out; beyond them, only counted
        self.dropped_errors = 0
        self.dropped_warnings = 0
        # While an item of a group with an ``item_name`` is judged: (the group, the item's index, the item)
        self.naming: tuple[FieldPlan, int, Any] | None = None
        self.errors: list[Finding] = []
        self.warnings: list[Finding] = []
        self.derived: dict[str, Any] = {}
        self.normalized: dict[str, Any] = {}
        self.scope: dict[str, Any] = {}  # the form's settled values, which the items of a group also see
        self.unusable: set[str] = set()  # where a given value could not be used (an error said so)
        # group id → per item: (its closed fields, those a mandatory condition makes mandatory); None for
        # an item that is not an object
        self.item_states: dict[str, list[ItemState | None]] = {}

    def add(self, message: Message | None, field: str, rule: str, params: dict[str, Any]) -> None:
        if message is None:  # the lint makes sure every producible kind has a message
            message = Message(f"{field}: {rule}", "error", None)
        if self.room <= 0:
            self.drop(message.severity)
            return
        self.room -= 1
        text = fill(message.template, params)
        if self.naming is not None:
            text = f"{self.item_title(*self.naming)}: {text}"
        finding = Finding(field, rule, message.manual, text, message.severity)
        (self.errors if message.severity == "error" else self.warnings).append(finding)

    @staticmethod
    def item_title(group: FieldPlan, index: int, item: Any) -> str:
        """How a message names one item: the group's ``item_name`` with the item's place and key value."""
        name = group.item_name
        assert name is not None  # naming is set only for groups that have one
        key = item.get(group.field.unique_by) if type(item) is dict and group.field.unique_by else None
        if type(key) is str and key:
            code = group.item_key_codes.get(key) if group.item_key_codes is not None else None
            text = code.text if code is not None else key
            return fill(name.named, {"number": index + 1, "code": key, "text": text})
        return fill(name.unnamed, {"number": index + 1})

    def drop(self, severity: str) -> None:
        """Count a finding beyond ``limits.messages`` instead of writing it out."""
        if severity == "error":
            self.dropped_errors += 1
        else:
            self.dropped_warnings += 1

    def summarise_dropped(self) -> None:
        """One last finding that counts those beyond ``limits.messages``; an error when any error was left
        out (so a capped answer is never valid by accident), else a warning."""
        dropped = self.dropped_errors + self.dropped_warnings
        message = self.form.messages.get("too_many_messages")
        template = message.template if message else "{actual}"
        text = fill(template, {"limit": self.form.spec.limits.messages, "actual": dropped})
        severity: Severity = "error" if self.dropped_errors else "warning"
        finding = Finding("", "too_many_messages", message.manual if message else None, text, severity)
        (self.errors if severity == "error" else self.warnings).append(finding)

    def field_finding(self, plan: FieldPlan, kind: str, where: str, value: Any = None, **params: Any) -> None:
        params.update(field=where, label=plan.field.label, value=_text(value))
        self.add(plan.messages.get(kind), where, f"{plan.id}.{kind}", params)

    # -- the walk: settle each field, and judge it as soon as what its rules read is settled --------------
    def walk(  # noqa: C901 - the per-field hot loop stays in one frame on purpose: each call costs
        self,
        steps: tuple[Step, ...],
        late: tuple[Late, ...],
        given: dict[str, Any],
        data: dict[str, Any],
        prefix: str,
        scope: dict[str, Any] | None = None,
    ) -> tuple[set[str], list[str]]:
        """Settle and judge the fields of ``steps``; settled values go into ``data``.

        Returns the closed fields, and the open ones that a mandatory *condition* makes mandatory (those
        that are always mandatory when open are known from the form). ``scope`` is what rules see besides
        ``data`` (for the items of a group: the form's settled values that the items' rules read).
        """
        closed: set[str] = set()
        mandatory: list[str] = []  # the open fields whose mandatory rule is a condition that holds
        # What the rules see: the settled values, beside those of the scope (kept up to date below).
        context = data if scope is None else {**scope, **data}
        max_text = self.max_text
        for fid, is_open, plain_type, coerce, required, codes, extra, plan in steps:
            raw = given.get(fid)
            if is_open is not None and not is_open(context):
                closed.add(fid)
                if raw or (raw is not None and raw != "" and raw != []):
                    self.field_finding(plan, "closed", prefix + fid, raw)
                continue
            # Given unless absent, null, "" or [] (docs/payload.md); a truthy value answers at once.
            if not (raw or (raw is not None and raw != "" and raw != [])):
                value: Any = None
            # Text and codes within the text limit are their own stored form.
            elif type(raw) is plain_type and len(raw) <= max_text:  # type: ignore[arg-type]
                value = data[fid] = context[fid] = raw
            elif self.beyond_limits(plan, raw, prefix + fid):
                value = None
            else:
                value, kind = coerce(raw)
                if kind is not None:
                    self.type_finding(plan, kind, prefix + fid, raw if value is None else value)
                if value is not None:
                    if value is not raw and value != raw:
                        self.normalized[prefix + fid] = value  # e.g. a CPR number given without its hyphen
                    data[fid] = context[fid] = value
            if extra is not None:
                if value is not None and extra.refine:
                    value = data[fid] = context[fid] = self.refine(plan, value, raw, prefix + fid)
                if extra.derive is not None:
                    value = self.derive(plan, data, context, prefix + fid)
            # Judge what can be judged now; the rest waits in ``late``.
            if required is not None and (required is always or required(context)):
                if required is not always:
                    mandatory.append(fid)
                if value is None and prefix + fid not in self.unusable:
                    self.field_finding(plan, "required", prefix + fid)
            if value is not None and codes is not None:
                if type(value) is str:
                    if value not in codes:  # the common case costs one lookup
                        self.code(plan, value, prefix + fid, context)
                else:  # several codes: all known, none twice
                    chosen = set(value)
                    if len(chosen) != len(value) or not chosen <= codes:
                        self.codes(plan, value, prefix + fid, context)
            if extra is not None:
                if extra.constrained and value is not None:
                    self.constraints(plan, value, prefix + fid, context)
                for check in extra.checks:
                    if (value is not None or check.always) and check.when(context):
                        self.check_finding(plan, check, value, prefix + fid)
        if late:
            self.judge_late(late, closed, mandatory, data, prefix, scope)
        return closed, mandatory

    def check_finding(self, plan: FieldPlan, check: CompiledCheck, value: Any, where: str) -> None:
        params = {"field": where, "label": plan.field.label, "value": _text(value)}
        self.add(check.message, where, check.id, params)

    def judge_late(
        self,
        late: tuple[Late, ...],
        closed: set[str],
        mandatory: list[str],
        data: dict[str, Any],
        prefix: str,
        scope: dict[str, Any] | None,
    ) -> None:
        """The rules that read fields settled after their own, now that every field is settled."""
        context = data if scope is None else {**scope, **data}
        for kind, plan, check in late:
            fid = plan.id
            if fid in closed:
                continue
            value = data.get(fid)
            if kind == "required" and plan.is_required is not None and plan.is_required(context):
                if plan.is_required is not always:
                    mandatory.append(fid)
                if value is None and prefix + fid not in self.unusable:
                    self.field_finding(plan, "required", prefix + fid)
            elif kind == "constraints" and value is not None:
                self.constraints(plan, value, prefix + fid, context)
            elif check is not None and (value is not None or check.always) and check.when(context):
                self.check_finding(plan, check, value, prefix + fid)

    def beyond_limits(self, plan: FieldPlan, raw: Any, where: str) -> bool:
        """Whether ``raw`` holds more than the form's limits allow (a finding says so; the value is then
        not judged, and counts as not given)."""
        kind, limit, actual = "", 0, 0
        if type(raw) is str:
            if plan.max_text and len(raw) > plan.max_text:
                kind, limit, actual = "too_long", plan.max_text, len(raw)
        elif type(raw) is list and plan.max_items:
            if len(raw) > plan.max_items:
                kind, limit, actual = "too_many_items", plan.max_items, len(raw)
            elif plan.max_text and any(type(code) is str and len(code) > plan.max_text for code in raw):
                kind, limit = "too_long", plan.max_text
                actual = max(len(code) for code in raw if type(code) is str)
        if not kind:
            return False
        self.field_finding(plan, kind, where, raw, limit=limit, actual=actual)
        self.unusable.add(where)
        return True

    def too_many_keys(self, where: str, given: dict[str, Any], message: Message | None) -> None:
        """An object with more keys than ``limits.keys``: said once; its unknown keys are not listed."""
        params = {"field": where, "limit": self.max_keys, "actual": len(given), "value": ""}
        self.add(message, where, "too_many_keys", params)

    def type_finding(self, plan: FieldPlan, kind: str, where: str, value: Any) -> None:
        self.field_finding(plan, kind, where, value)
        if plan.messages.get(kind, _ERROR).severity == "error":
            self.unusable.add(where)

    def refine(self, plan: FieldPlan, value: Any, raw: Any, where: str) -> Any:
        """Apply the field's rewrites, or settle the items of a group."""
        if plan.items:
            return self.items(plan, value, where)
        if isinstance(value, str):
            for regex, replacement in plan.normalize:
                value = regex.sub(replacement, value)
        if value != raw:
            self.normalized[where] = value
        return value

    def derive(self, plan: FieldPlan, data: dict[str, Any], context: dict[str, Any], where: str) -> Any:
        """Fill in the field's derived value, if it has one now; returns the field's settled value."""
        assert plan.derive is not None
        expected = plan.derive(context)
        if expected is None:
            return data.get(plan.id)
        self.derived[where] = expected
        if plan.id in data and data[plan.id] != expected:
            self.field_finding(plan, "derived", where, data[plan.id], expected=_text(expected))
        data[plan.id] = context[plan.id] = expected
        return expected

    def items(self, plan: FieldPlan, items: list[Any], where: str) -> list[dict[str, Any] | None]:
        """The items' settled values; None for an item that is not an object (an error says so)."""
        settled: list[dict[str, Any] | None] = []
        states: list[ItemState | None] = []
        self.item_states[where] = states
        outside = self.outside(plan)
        named = plan.item_name is not None
        for index, item in enumerate(items):
            at = f"{where}[{index}]"
            if named:
                self.naming = (plan, index, item)
            if type(item) is not dict:
                self.field_finding(plan, "type_item", at, item)
                settled.append(None)
                states.append(None)
                continue
            if len(item) > self.max_keys:
                self.too_many_keys(at, item, plan.messages.get("too_many_keys"))
            elif not plan.item_ids.issuperset(item):
                for key in item:  # in the payload's order: the same answer in every process
                    if key not in plan.item_ids:
                        self.unknown(f"{at}.{_key(key)}", key, item[key], plan.item_ids)
            values: dict[str, Any] = {}
            states.append(self.walk(plan.item_steps, plan.item_late, item, values, at + ".", outside))
            settled.append(values)
        self.naming = None
        return settled

    def constraints(self, plan: FieldPlan, value: Any, where: str, context: dict[str, Any]) -> None:
        f = plan.field
        if plan.items:  # the items themselves were judged as they were settled
            self.unique_items(plan, value, where)
            return
        if f.max_length is not None and isinstance(value, str) and len(value) > f.max_length:
            self.field_finding(plan, "max_length", where, value, max_length=f.max_length)
        if plan.pattern is not None and isinstance(value, str) and not plan.pattern.fullmatch(value):
            self.field_finding(plan, "pattern", where, value, pattern=plan.pattern.pattern)
            return
        if plan.codelist is not None:
            if isinstance(value, list):
                self.codes(plan, value, where, context)
            else:
                self.code(plan, value, where, context)

    def codes(self, plan: FieldPlan, values: list[str], where: str, context: dict[str, Any]) -> None:
        codes = plan.codelist.codes if plan.codelist is not None else {}
        bounded = plan.bounded_codes
        if len(set(values)) == len(values) and all(code in codes and code not in bounded for code in values):
            return
        seen: dict[str, int] = {}
        for index, code in enumerate(values):
            at = f"{where}[{index}]"
            if code in seen:
                self.field_finding(plan, "unique", at, code, first=f"{where}[{seen[code]}]")
                continue
            seen[code] = index
            self.code(plan, code, at, context)

    def code(self, plan: FieldPlan, code: str, where: str, context: dict[str, Any]) -> None:
        codelist = plan.codelist
        assert codelist is not None
        if code not in codelist.codes:
            kind = "unlisted" if plan.field.unlisted == "warning" else "codelist"
            self.field_finding(plan, kind, where, code, list=codelist.name)
            return
        bounded = plan.bounded_codes.get(code)
        reference = self.form.spec.info.reference_date
        if bounded is None or reference is None or not isinstance(context.get(reference), str):
            return
        day = datetime.date.fromisoformat(context[reference])
        if not bounded.valid_on(day):
            self.field_finding(
                plan,
                "code_not_valid",
                where,
                code,
                list=codelist.name,
                date=day.strftime("%d-%m-%Y"),
                valid_from=_text(bounded.valid_from),
                valid_to=_text(bounded.valid_to),
            )

    def outside(self, plan: FieldPlan) -> dict[str, Any] | None:
        """The form's settled values that the items' rules read (they see them beside the item's own)."""
        if not plan.item_outside:
            return None
        scope = self.scope
        return {name: scope[name] for name in plan.item_outside if name in scope}

    def unique_items(self, plan: FieldPlan, items: list[dict[str, Any] | None], where: str) -> None:
        """No two items may have the same value of the group's ``unique_by`` field."""
        unique_by = plan.field.unique_by
        if unique_by is None:
            return
        try:
            if len({values[unique_by] for values in items if values is not None}) == len(items):
                return  # the usual case: every item has its own code
        except (KeyError, TypeError):  # an item without the field, or an unhashable value
            pass
        seen: dict[Any, int] = {}
        for index, values in enumerate(items):
            key = values.get(unique_by) if values is not None else None
            if key is None or type(key) is list or type(key) is dict:
                continue
            if key in seen:
                item_plan = next(p for p in plan.items if p.id == unique_by)
                first = f"{where}[{seen[key]}].{unique_by}"
                if plan.item_name is not None:
                    self.naming = (plan, index, values)
                self.field_finding(item_plan, "unique", f"{where}[{index}].{unique_by}", key, first=first)
                self.naming = None
            else:
                seen[key] = index

    def unknown(self, where: str, key: Any, value: Any, known: Iterable[str]) -> None:
        message = self.form.messages.get("unknown_field")
        if self.room <= 0:  # not written out: spare the search for a suggestion
            self.drop(message.severity if message else "error")
            return
        suggestion = ""
        if message is not None and "{suggestion}" in message.template:  # difflib is slow: only when shown
            close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
            suggestion = close[0] if close else ""
        self.add(
            message, where, "unknown_field", {"field": where, "value": _text(value), "suggestion": suggestion}
        )


def _key(key: str) -> str:
    """An unknown key as a finding's ``field`` names it: whole, unless it is longer than a value is quoted."""
    return key if len(key) <= _SHOWN else key[: _SHOWN - 1] + "…"


def validate(form: CompiledForm, payload: Any) -> Result:
    """Judge ``payload`` (a decoded JSON value) against ``form``.

    >>> validate(load_form(), {"diagnose": "DC509"}).errors[0].rule   # doctest: +SKIP
    'cpr.required'
    """
    judgement = _Judgement(form)
    if type(payload) is not dict:
        actual = json_type(payload)
        params = {"actual": actual, "detail": actual, "field": "", "value": _text(payload)}
        judgement.add(form.messages.get("not_object"), "", "not_object", params)
        return Result(errors=tuple(judgement.errors))
    if len(payload) > judgement.max_keys:
        judgement.too_many_keys("", payload, form.messages.get("too_many_keys"))
    elif not form.field_ids.issuperset(payload):
        for key in payload:  # in the payload's order: the same answer in every process
            if key not in form.field_ids:
                judgement.unknown(_key(key), key, payload[key], form.field_ids)
    data: dict[str, Any] = {}
    judgement.scope = data
    closed, mandatory = judgement.walk(form.steps, form.late, payload, data, "")
    errors = judgement.errors
    if len(errors) > 1:  # in form order, as the page lists them
        errors.sort(key=form.position)
    if judgement.dropped_errors or judgement.dropped_warnings:
        judgement.summarise_dropped()
    return Result(
        tuple(errors),
        tuple(judgement.warnings),
        judgement.derived,
        closed,
        mandatory,
        judgement.normalized,
        form,
        judgement.item_states,
    )
