"""Judge one payload against a compiled form: errors, warnings, derived values, open and mandatory fields.

How a payload is judged (PAYLOAD.md), decided here once:

1. A key that is not a field id is an error on that key.
2. In dependency order, each field is *settled*: open or closed (a closed field must not carry a value, and
   counts as not given for every rule that reads it); its value's type (a wrong type is an error on the
   field, and the value counts as not given); its derived value (filled in when absent; a different value
   given is an error).
3. Then, on the settled values, in form order, each open field is *judged*: mandatory, code list, pattern,
   length and the spec's checks. A check runs only on a given value unless it says ``always``.

The function never raises on payload content: every oddity becomes a finding. The two loops run for every
field of every payload, so they unpack precompiled step tuples and call out only when there is work.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable
from typing import Any

from engine.form.compile import CompiledForm, FieldPlan, JudgeStep, Message, SettleStep, always
from engine.form.result import Finding, Result

_ERROR = Message("", "error", None)


def _text(value: Any) -> str:
    """A value as it is quoted in a Danish message."""
    if isinstance(value, list):
        return ", ".join(map(_text, value))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


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

    __slots__ = ("derived", "errors", "form", "normalized", "scope", "unusable", "warnings")

    def __init__(self, form: CompiledForm) -> None:
        self.form = form
        self.errors: list[Finding] = []
        self.warnings: list[Finding] = []
        self.derived: dict[str, Any] = {}
        self.normalized: dict[str, Any] = {}
        self.scope: dict[str, Any] = {}  # the form's settled values, which the items of a group also see
        self.unusable: set[str] = set()  # where a given value could not be used (an error said so)

    def add(self, message: Message | None, field: str, rule: str, params: dict[str, Any]) -> None:
        if message is None:  # the lint makes sure every producible kind has a message
            message = Message(f"{field}: {rule}", "error", None)
        try:
            text = message.template.format_map(params)
        except (KeyError, IndexError, ValueError):
            text = message.template
        finding = Finding(field, rule, message.manual, text, message.severity)
        (self.errors if message.severity == "error" else self.warnings).append(finding)

    def field_finding(self, plan: FieldPlan, kind: str, where: str, value: Any = None, **params: Any) -> None:
        params.update(field=where, label=plan.field.label, value=_text(value))
        self.add(plan.messages.get(kind), where, f"{plan.id}.{kind}", params)

    # -- stage 2: open, type, derived ------------------------------------------------------------------
    def settle(
        self,
        steps: tuple[SettleStep, ...],
        given: dict[str, Any],
        data: dict[str, Any],
        prefix: str,
        scope: dict[str, Any] | None = None,
    ) -> set[str]:
        """Settle each field; settled values go into ``data``. Returns the open fields' ids.

        ``scope`` is what rules see besides ``data`` (for the items of a group: the form's settled values).
        """
        opened: set[str] = set()
        for fid, is_open, plain_type, coerce, refine, derive, plan in steps:
            raw = given.get(fid)
            if is_open is not None and not is_open(data if scope is None else {**scope, **data}):
                if raw is not None and raw != "" and raw != []:
                    self.field_finding(plan, "closed", prefix + fid, raw)
                continue
            opened.add(fid)
            if raw is not None and raw != "" and raw != []:
                if type(raw) is plain_type:  # text and codes: the value is its own stored form
                    value, kind = raw, None
                else:
                    value, kind = coerce(raw)
                    if kind is not None:
                        self.type_finding(plan, kind, prefix + fid, raw if value is None else value)
                if value is not None:
                    data[fid] = self.refine(plan, value, raw, prefix + fid) if refine else value
            if derive is not None:
                self.derive(plan, data, scope, prefix + fid)
        return opened

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

    def derive(self, plan: FieldPlan, data: dict[str, Any], scope: dict[str, Any] | None, where: str) -> None:
        assert plan.derive is not None
        expected = plan.derive(data if scope is None else {**scope, **data})
        if expected is None:
            return
        self.derived[where] = expected
        if plan.id in data and data[plan.id] != expected:
            self.field_finding(plan, "derived", where, data[plan.id], expected=_text(expected))
        data[plan.id] = expected

    def items(self, plan: FieldPlan, items: list[Any], where: str) -> list[dict[str, Any]]:
        settled: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            at = f"{where}[{index}]"
            if type(item) is not dict:
                self.field_finding(plan, "type_item", at, item)
                settled.append({})
                continue
            if not plan.item_ids.issuperset(item):
                for key in item.keys() - plan.item_ids:
                    self.unknown(f"{at}.{key}", key, item[key], plan.item_ids)
            values: dict[str, Any] = {}
            self.settle(
                plan.item_settle, item, values, at + ".", self.scope if plan.items_read_context else None
            )
            settled.append(values)
        return settled

    # -- stage 3: mandatory fields, codes, checks ------------------------------------------------------
    def judge(
        self,
        steps: tuple[JudgeStep, ...],
        opened: set[str],
        data: dict[str, Any],
        prefix: str,
        context: dict[str, Any],
    ) -> list[str]:
        """Judge the settled values; returns the ids of the open fields that are mandatory."""
        mandatory: list[str] = []
        for fid, required, codes, bounded, constrained, checks, plan in steps:
            if fid not in opened:
                continue
            value = data.get(fid)
            if required is not None and (required is always or required(context)):
                mandatory.append(fid)
                if value is None and prefix + fid not in self.unusable:
                    self.field_finding(plan, "required", prefix + fid)
            if value is not None:
                if codes is not None:
                    if value not in codes or value in bounded:  # the common case costs two lookups
                        self.code(plan, value, prefix + fid, context)
                elif constrained:
                    self.constraints(plan, value, prefix + fid, context)
            if checks:
                for check in checks:
                    if (value is not None or check.always) and check.when(context):
                        params = {"field": prefix + fid, "label": plan.field.label, "value": _text(value)}
                        self.add(check.message, prefix + fid, check.id, params)
        return mandatory

    def constraints(self, plan: FieldPlan, value: Any, where: str, context: dict[str, Any]) -> None:
        f = plan.field
        if plan.items:
            self.judge_items(plan, value, where)
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
        codes = plan.codelist.codes if plan.codelist else {}
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

    def judge_items(self, plan: FieldPlan, items: list[dict[str, Any]], where: str) -> None:
        unique_by = plan.field.unique_by
        seen: dict[Any, int] = {}
        for index, values in enumerate(items):
            at = f"{where}[{index}]"
            context = {**self.scope, **values} if plan.items_read_context else values
            opened = {item.id for item in plan.items if item.is_open is None or item.is_open(context)}
            self.judge(plan.item_judge, opened, values, at + ".", context)
            key = values.get(unique_by) if unique_by is not None else None
            if key is None:
                continue
            if key in seen:
                item_plan = next(p for p in plan.items if p.id == unique_by)
                first = f"{where}[{seen[key]}].{unique_by}"
                self.field_finding(item_plan, "unique", f"{at}.{unique_by}", key, first=first)
            else:
                seen[key] = index

    def unknown(self, where: str, key: Any, value: Any, known: Iterable[str]) -> None:
        close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
        params = {"field": where, "value": _text(value), "suggestion": close[0] if close else ""}
        self.add(self.form.messages.get("unknown_field"), where, "unknown_field", params)


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
    if not form.field_ids.issuperset(payload):
        for key in payload.keys() - form.field_ids:
            judgement.unknown(str(key), key, payload[key], form.field_ids)
    data: dict[str, Any] = {}
    judgement.scope = data
    opened = judgement.settle(form.settle_steps, payload, data, "")
    mandatory = judgement.judge(form.judge_steps, opened, data, "", data)
    errors = judgement.errors
    if len(errors) > 1:  # in form order, as the page lists them
        errors.sort(key=form.position)
    return Result(
        errors=tuple(errors),
        warnings=tuple(judgement.warnings),
        derived=judgement.derived,
        open=tuple([fid for fid in form.plan_ids if fid in opened]),
        required=tuple(mandatory),
        normalized=judgement.normalized,
    )
