"""Property-based testing for any form: hypothesis profiles, and strategies for payloads made from a spec.

Profiles (``HYPOTHESIS_PROFILE``):

- ``ci`` (the default): derandomized (the same examples on every run), no example database, a bounded
  number of examples per property, so the suite stays fast and repeatable;
- ``long``: 100,000 examples per property with a random seed, for the long run (tests/README.md).

The payload strategies read only the compiled form: each field gets nothing, a plausible value of its type
(a code of its list, a date, a CPR number), a value of another kind, or odd text (lone surrogates, other
scripts' digits, line separators, very long), so the same strategies work for every form.
"""

from __future__ import annotations

import json
import os
import string
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from engine.form import CompiledForm
from engine.spec.model import Field

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "long",
    max_examples=100_000,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
PROFILE = settings.default  # what a test that sets its own settings builds on

# Characters a probe would try: any code point, surrogates included, and the tricky ones more often.
TRICKY = '\x00\x85\u2028\u2029\u202e\ufeff\udcff¹①١２\n\r\t"\\{}[]-æøå'
odd_text = st.one_of(
    st.text(st.characters(codec=None), max_size=30),
    st.text(st.sampled_from(TRICKY + string.digits), max_size=20),
    st.integers(1, 5_000).map(lambda n: "9" * n),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    odd_text,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8) | odd_text, inner, max_size=5)
    ),
    max_leaves=20,
)

dates = st.one_of(
    st.dates().map(lambda day: day.isoformat()), st.sampled_from(["2024-02-30", "04-03-2024", ""])
)
cpr_numbers = st.one_of(
    st.from_regex(r"[0-3][0-9][01][0-9][0-9]{2}-?[0-9]{4}", fullmatch=True),
    st.from_regex(r"[0-3][0-9][01][0-9][0-9]{2}-?[0-9][A-Z]{2}[0-9]", fullmatch=True),
    st.sampled_from(["120355-¹⁰⁰⁹", "١٢٠٣٥٥-١٠٠٩", "120355-1009\udcff", "320329-1009"]),
)


def field_values(form: CompiledForm, f: Field) -> st.SearchStrategy[Any]:
    """What a payload may give for field ``f``: a plausible value of its type, or anything else."""
    codes = list(form.codelists[f.codelist].codes) if f.codelist and f.codelist in form.codelists else []
    code = st.sampled_from(codes) if codes else st.text(max_size=6)
    plausible: dict[str, st.SearchStrategy[Any]] = {
        "text": st.text(max_size=20),
        "date": dates,
        "code": code,
        "codes": st.lists(code, max_size=6),
        "cpr": cpr_numbers,
        "group": st.lists(item_payloads(form, f), max_size=4),
    }
    return st.one_of(plausible[f.type], plausible[f.type], json_values)


def item_payloads(form: CompiledForm, group: Field) -> st.SearchStrategy[Any]:
    items = st.fixed_dictionaries({}, optional={i.id: field_values(form, i) for i in group.fields})
    return st.one_of(items, items, json_values)


def payloads(form: CompiledForm) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with the form's field ids (each maybe), and now and then keys the form does not know."""
    known = st.fixed_dictionaries({}, optional={f.id: field_values(form, f) for f in form.spec.fields})
    unknown = st.dictionaries(odd_text, json_values, max_size=3)
    return st.builds(lambda given, extra: {**extra, **given}, known, unknown)


def mutate(text: bytes, data: st.DataObject) -> bytes:
    """``text`` with one mutation a fuzzer would make: cut, a byte changed, a slice repeated or removed."""
    if not text:
        return text
    at = data.draw(st.integers(0, len(text) - 1), label="at")
    kind = data.draw(st.sampled_from(["cut", "byte", "repeat", "remove", "insert"]), label="mutation")
    if kind == "cut":
        return text[:at]
    if kind == "byte":
        return text[:at] + bytes([data.draw(st.integers(0, 255), label="byte")]) + text[at + 1 :]
    end = data.draw(st.integers(at, min(len(text), at + 40)), label="end")
    if kind == "repeat":
        return text[:end] + text[at:end] * data.draw(st.integers(1, 50), label="times") + text[end:]
    if kind == "remove":
        return text[:at] + text[end:]
    inserted = data.draw(st.sampled_from(['"', "{", "[", ",", ":", '"x":1,', "\\u", "\\udcff", "\u2028"]))
    return text[:at] + inserted.encode("utf-8") + text[at:]


def as_json_bytes(payload: Any) -> bytes:
    """JSON text of ``payload`` as a client would send it (lone surrogates as escapes)."""
    return json.dumps(payload).encode("ascii")
