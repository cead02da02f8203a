"""Payloads made to cost the most at the size limit of a form, derived from its spec (any form).

Used by ``tests/form/test_worst_case.py`` (the bound holds) and ``benchmarks/worst_case.py`` (the figures).
Each payload is as large as ``limits.payload_bytes`` allows, and aims at one kind of work: many objects to
parse, every field and item given wrong, as many unknown keys as allowed (each one searched for a "did you
mean"), long keys, long texts, deep nesting, a group or a codes field far beyond its limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from engine.form import CompiledForm
from engine.spec.model import Field

WRONG: dict[str, Any] = {
    "text": 7,
    "date": "31-02-2024",
    "code": "XX",
    "codes": [1],
    "cpr": "abc",
    "group": {},
}


def _fill(make: Callable[[int], str], limit: int) -> str:
    """The longest ``make(n)`` within ``limit`` bytes (``make`` grows with n)."""
    low, high = 0, 1
    while len(make(high).encode("utf-8")) <= limit:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if len(make(middle).encode("utf-8")) <= limit else (low, middle)
    return make(low)


def _groups(form: CompiledForm) -> list[Field]:
    return [f for f in form.spec.fields if f.type == "group"]


def _all_wrong(form: CompiledForm) -> dict[str, Any]:
    """Every field given a value of the wrong kind; every group full of items whose every field is wrong."""
    limits = form.spec.limits
    payload: dict[str, Any] = {f.id: WRONG[f.type] for f in form.spec.fields}
    for group in _groups(form):
        item = {f.id: WRONG[f.type] for f in group.fields}
        payload[group.id] = [dict(item) for _ in range(group.max_items or limits.items)]
    for f in form.spec.fields:
        if f.type == "codes":
            payload[f.id] = [f"X{i}" for i in range(f.max_items or limits.codes)]
    return payload


def worst_cases(form: CompiledForm) -> Iterator[tuple[str, str]]:
    """(name, JSON text) of each worst case, each at most ``limits.payload_bytes`` bytes."""
    limits = form.spec.limits
    size = limits.payload_bytes
    spare = max(limits.keys - len(form.spec.fields), 0)
    group = _groups(form)[0].id if _groups(form) else None
    codes = next((f.id for f in form.spec.fields if f.type == "codes"), None)
    if group:
        yield "items far beyond the limit", _fill(lambda n: json.dumps({group: [{}] * n}), size)
        item_keys = max(limits.keys - 1, 1)

        def unknown_items(n: int) -> str:
            items = [{f"ukendt_{i}_{k}": k for k in range(item_keys)} for i in range(n)]
            return json.dumps({group: items})

        yield (
            "items at the limit, each with unknown keys",
            unknown_items(min(limits.items, _count(unknown_items, size))),
        )
    if codes:
        yield "codes far beyond the limit", _fill(lambda n: json.dumps({codes: ["DC509"] * n}), size)
    yield "every field wrong", json.dumps(_all_wrong(form))
    yield (
        "unknown keys far beyond the limit",
        _fill(lambda n: json.dumps({f"k{i}": 0 for i in range(n)}), size),
    )

    def long_keys(n: int) -> str:
        return json.dumps({f"{i}{'x' * n}": [[["dybt"] * 10] * 10] for i in range(spare)})

    yield "unknown keys as long as fit", _fill(long_keys, size)
    texts = {f.id: "9" * limits.text_length for f in form.spec.fields if f.type in ("text", "code", "cpr")}
    yield "every text at the text limit", json.dumps(texts)
    yield "nesting as deep as fits", _fill(lambda n: '{"x": ' + "[" * n + "]" * n + "}", size)
    yield (
        "surrogates and line breaks in unknown keys",
        json.dumps({f"\udcff\u2028{i}": "\u0085" * 50 for i in range(spare)}),
    )


def _count(make: Callable[[int], str], limit: int) -> int:
    """The largest n with ``make(n)`` within ``limit`` bytes."""
    n = 1
    while len(make(n + 1).encode("utf-8", "surrogatepass")) <= limit:
        n += 1
    return n


def judge(form: CompiledForm, text: str) -> bytes:
    """The answer to ``text`` as the CLI and the API give it: read, judge, write as JSON."""
    from engine.form import validate
    from engine.form.jsontext import json_text
    from engine.form.payload import PayloadError, parse_payload, unusable_result

    body = text.encode("utf-8", "surrogatepass")
    try:
        payload = parse_payload(body, form.spec.limits.payload_bytes)
    except PayloadError as error:
        return json_text(unusable_result(form, error)).encode("utf-8")
    result = validate(form, payload).as_json() if isinstance(payload, dict) else {}
    return json_text(result).encode("utf-8")
