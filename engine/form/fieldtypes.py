"""Field types: how a given payload value is checked for its type and brought to its stored form.

One small function per type, in one table keyed by the spec's own type names. Each returns
``(value, None)`` for a usable value (normalised: a CPR number gets its hyphen), ``(value, kind)`` for a
usable value with a remark (a CPR number failing modulus 11), or ``(None, kind)`` with the message kind of
what makes the value unusable. A wrong type is an error on that field and the value counts as not given for
every rule that reads the field — it is never an exception.

What "not given" means is decided here, once: an absent key, ``null``, ``""`` and ``[]`` (docs/payload.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from engine.form.cpr_number import classify

Coerced = tuple[Any, str | None]
Coerce = Callable[[Any], Coerced]


def not_given(value: Any) -> bool:
    """An absent key, null, "" and [] all mean "not given" (docs/payload.md)."""
    return value is None or value == "" or value == []


def coerce_text(value: Any) -> Coerced:
    return (value, None) if type(value) is str else (None, "type_text")


def coerce_code(value: Any) -> Coerced:
    return (value, None) if type(value) is str else (None, "type_code")


def coerce_codes(value: Any) -> Coerced:
    # Every item a non-empty text; tested in C (map, set) because it runs for every list of codes.
    if type(value) is list and set(map(type, value)) == _JUST_TEXT and "" not in value:
        return value, None
    return None, "type_codes"


_JUST_TEXT = {str}


def coerce_date(value: Any) -> Coerced:
    # fromisoformat alone would also take "20240304" and "2024-W10-1"; of its forms only YYYY-MM-DD has
    # ten characters with "-" as the eighth, so this shape test (cheaper than a regular expression) and
    # fromisoformat together pin the payload contract down.
    if type(value) is str and len(value) == 10 and value[7] == "-":
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return None, "type_date"
        return value, None
    return None, "type_date"


def coerce_cpr(value: Any) -> Coerced:
    if type(value) is not str:
        return None, "type_cpr"
    stored, finding = classify(value)
    return (None if finding == "cpr_format" or finding == "cpr_date" else stored), finding


def coerce_group(value: Any) -> Coerced:
    return (value, None) if type(value) is list else (None, "type_group")


FIELD_TYPES: Mapping[str, Coerce] = {
    "text": coerce_text,
    "date": coerce_date,
    "code": coerce_code,
    "codes": coerce_codes,
    "cpr": coerce_cpr,
    "group": coerce_group,
}

# The message kinds a value of each type can produce, beyond its type_… kind; for the lint's message check.
# ``too_long``, ``too_many_items``, ``too_many_keys``: beyond the form's ``limits:`` (engine.form.validate).
TYPE_KINDS: Mapping[str, tuple[str, ...]] = {
    "text": ("type_text", "too_long"),
    "date": ("type_date",),
    "code": ("type_code", "too_long"),
    "codes": ("type_codes", "unique", "too_many_items", "too_long"),
    "cpr": ("type_cpr", "cpr_format", "cpr_date", "cpr_modulus11", "cpr_substitute", "too_long"),
    "group": ("type_group", "type_item", "too_many_items", "too_many_keys"),
}

# The types whose values are texts bounded by ``limits.text_length`` (a date has a length of its own).
TEXT_LIMITED = frozenset(name for name, kinds in TYPE_KINDS.items() if "too_long" in kinds)
