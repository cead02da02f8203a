"""Judge one payload against a compiled form: errors, warnings, derived values, open and mandatory fields.

How a payload is judged (PAYLOAD.md), decided here once:

1. A key that is not a field id is an error on that key.
2. In dependency order, each field is decided: open or closed (a closed field must not carry a value, and
   counts as not given for every rule that reads it); its value's type (a wrong type is an error on the
   field, and the value counts as not given); its derived value (filled in when absent; a different value
   given is an error).
3. Then, on the settled values, in form order: mandatory fields, code lists, patterns, lengths and the
   spec's checks. Checks run only on a given value unless they say ``always``.

The function never raises on payload content: every oddity becomes a finding.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from engine.form.compile import CompiledForm, FieldPlan, Message
from engine.form.fieldtypes import not_given
from engine.form.result import Finding, Result


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(_text, value))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Judgement:
    """The findings of one payload, collected while it is judged."""

    __slots__ = ("derived", "errors", "form", "normalized", "scope", "warnings")

    def __init__(self, form: CompiledForm) -> None:
        self.form = form
        self.errors: list[Finding] = []
        self.warnings: list[Finding] = []
        self.derived: dict[str, Any] = {}
        self.normalized: dict[str, Any] = {}
        self.scope: dict[str, Any] = {}  # the form's settled values, which the items of a group also see

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
        self.add(plan.messages.get(kind), where, f"{plan.id}.{kind}" if "." not in kind else kind, params)

    # -- stage 2: open, type, derived ------------------------------------------------------------------
    def settle(self, plans: Iterable[FieldPlan], given: dict[str, Any], data: dict[str, Any], prefix: str,
               scope: dict[str, Any] | None = None) -> list[str]:
        """Decide each field of ``plans``; settled values go into ``data``. Returns the open fields' ids.

        ``scope`` is what rules see besides ``data`` (for the items of a group: the form's settled values).
        """
        opened: list[str] = []
        for plan in plans:
            fid = plan.id
            where = prefix + fid
            raw = given.get(fid)
            if plan.is_open is not None and not plan.is_open(data if scope is None else {**scope, **data}):
                if not not_given(raw):
                    self.field_finding(plan, "closed", where, raw)
                continue
            opened.append(fid)
            if not not_given(raw):
                value = self.value(plan, raw, where)
                if value is not None:
                    data[fid] = value
            if plan.derive is not None:
                self.derive(plan, data, scope, where)
        return opened

    def value(self, plan: FieldPlan, raw: Any, where: str) -> Any:
        value, kind = plan.coerce(raw)
        if value is None:
            self.field_finding(plan, kind or "type", where, raw)
            return None
        if kind is not None:  # a usable value with a remark (e.g. CPR modulus 11)
            self.field_finding(plan, kind, where, value)
        if plan.normalize and isinstance(value, str):
            for regex, replacement in plan.normalize:
                value = regex.sub(replacement, value)
        if plan.items:
            value = self.items(plan, value, where)
        if value != raw and not plan.items:
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
            for key in item.keys() - plan.item_ids:
                self.unknown(f"{at}.{key}", key, item[key], plan.item_ids)
            values: dict[str, Any] = {}
            self.settle(plan.items, item, values, at + ".", scope=self.scope)
            settled.append(values)
        return settled

    # -- stage 3: mandatory fields, codes, checks ------------------------------------------------------
    def judge(self, plans: Iterable[FieldPlan], opened: set[str], data: dict[str, Any], prefix: str,
              context: dict[str, Any]) -> list[str]:
        """Judge the settled values; returns the ids of the open fields that are mandatory."""
        mandatory: list[str] = []
        for plan in plans:
            fid = plan.id
            if fid not in opened:
                continue
            where = prefix + fid
            value = data.get(fid)
            if plan.is_required is not None and plan.is_required(context):
                mandatory.append(fid)
                if value is None and not self.has_error(where):
                    self.field_finding(plan, "required", where)
            if value is not None:
                self.constraints(plan, value, where, context)
            for check in plan.checks:
                if (value is not None or check.always) and check.when(context):
                    self.add(check.message, where, check.id, {"field": where, "label": plan.field.label,
                                                              "value": _text(value)})
        return mandatory

    def has_error(self, where: str) -> bool:
        return any(finding.field == where for finding in self.errors)

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
                plan, "code_not_valid", where, code, list=codelist.name, date=day.strftime("%d-%m-%Y"),
                valid_from=_text(bounded.valid_from), valid_to=_text(bounded.valid_to),
            )

    def judge_items(self, plan: FieldPlan, items: list[dict[str, Any]], where: str) -> None:
        unique_by = plan.field.unique_by
        seen: dict[Any, int] = {}
        for index, values in enumerate(items):
            at = f"{where}[{index}]"
            context = {**self.scope, **values}
            opened = {item.id for item in plan.items if item.is_open is None or item.is_open(context)}
            self.judge(plan.items, opened, values, at + ".", context)
            if unique_by is not None and values.get(unique_by) is not None:
                key = values[unique_by]
                if key in seen:
                    item_plan = next(p for p in plan.items if p.id == unique_by)
                    self.field_finding(item_plan, "unique", f"{at}.{unique_by}", key,
                                       first=f"{where}[{seen[key]}].{unique_by}")
                else:
                    seen[key] = index

    def unknown(self, where: str, key: Any, value: Any, known: Iterable[str]) -> None:
        self.add(self.form.messages.get("unknown_field"), where, "unknown_field",
                 {"field": where, "value": _text(value), "suggestion": _suggest(str(key), known)})


def _suggest(key: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return close[0] if close else ""


def validate(form: CompiledForm, payload: Any) -> Result:
    """Judge ``payload`` (a decoded JSON value) against ``form``.

    >>> validate(form, {"cpr": "120355-1009", ...}).valid   # doctest: +SKIP
    """
    judgement = _Judgement(form)
    if type(payload) is not dict:
        judgement.add(form.messages.get("not_object"), "", "not_object",
                      {"actual": type(payload).__name__, "field": "", "value": _text(payload)})
        return Result(errors=tuple(judgement.errors))
    for key in payload.keys() - form.field_ids:
        judgement.unknown(str(key), key, payload[key], form.field_ids)
    data: dict[str, Any] = {}
    judgement.scope = data
    opened = judgement.settle(form.order, payload, data, "")
    opened_set = set(opened)
    mandatory = judgement.judge(form.plans, opened_set, data, "", data)
    return Result(
        errors=tuple(judgement.errors),
        warnings=tuple(judgement.warnings),
        derived=judgement.derived,
        open=tuple(plan.id for plan in form.plans if plan.id in opened_set),
        required=tuple(mandatory),
        normalized=judgement.normalized,
    )
