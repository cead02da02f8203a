"""Payloads at a form's limits, derived from its spec (any form), for the print's bound and benchmark.

Every codes field and group as full as its ``max_items`` allows, every item field of every item filled,
every text as long as ``limits.text_length`` allows: the most a payload can make the print show. With
``real`` codes are taken from their lists in turn and dates are real dates, so the fields they open are
open and their texts printed whole (a text in a closed field is printed short); without, every value is
the long text, codes and dates too. ``word`` is repeated to fill each text,
so the same payload can be made of Danish words, of one run without spaces, of line breaks, of
combining marks…; the kinds below are those that cost Typst the most per character when measured.
"""

from __future__ import annotations

from typing import Any

from engine.form import CompiledForm
from engine.form.compiled import FieldPlan

WORDS = {
    "Danish words": "kræftsygdom ",
    "no spaces": "x",
    "line breaks": "æ\n",
    "combining marks": "a\u0301\u0302\u0303\u0304\u0305",
    "Hebrew and digits": "שלום 12-34 ",
}
DAY = "2024-03-04"


def at_limits(form: CompiledForm, word: str, *, real: bool = True) -> dict[str, Any]:
    """A payload that fills every field of ``form`` to its limits, its texts with ``word`` repeated."""
    limits = form.spec.limits
    text = (word * limits.text_length)[: limits.text_length]

    def value(plan: FieldPlan, index: int) -> Any:
        f = plan.field
        if not real:
            return text
        if f.type == "date":
            return DAY
        if f.codelist:
            codes = list(form.codelists[f.codelist].codes)
            return codes[index % len(codes)]
        return text

    payload: dict[str, Any] = {}
    for plan in form.plans:
        if plan.field.type == "codes":
            payload[plan.id] = [value(plan, i) for i in range(plan.max_items or limits.codes)]
        elif plan.field.type == "group":
            items = range(plan.max_items or limits.items)
            payload[plan.id] = [{inner.id: value(inner, i) for inner in plan.items} for i in items]
        else:
            payload[plan.id] = value(plan, 0)
    return payload
