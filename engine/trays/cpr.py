"""The form's CPR number as the store keeps it, what is searched for, and the outcome of a look-up.

What a CPR number is stays decided in one place, ``engine.form.cpr_number``; this module only applies it
to a stored form (its field of type ``cpr``, whatever its name), to a search text, and to a register's
answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.form.cpr_number import ascii_digits, classify
from engine.lookups import CprAnswer, NotLookupable, Person, Unavailable
from engine.workflow import FOUND, CompiledWorkflow

NOT_CONFIGURED = "cpr_not_configured"  # no register to look up in (the web layer's code for it too)
UNAVAILABLE = "cpr_unavailable"


def stored_cpr(workflow: CompiledWorkflow, payload: Mapping[str, Any]) -> str:
    """The form's CPR number as stored (``DDMMYY-SSSS``), or "" when its CPR field holds none."""
    value = payload.get(workflow.cpr_field) if workflow.cpr_field else None
    if not isinstance(value, str):
        return ""
    number, finding = classify(value)
    return "" if finding == "cpr_format" else number


def looked_up_number(text: str) -> str:
    """A number sent to the look-up as the form's CPR field would store it (as typed when it is none)."""
    number, finding = classify(text.strip())
    return text.strip() if finding == "cpr_format" else number


def search_number(text: str) -> str | None:
    """The number CPR søgning looks for (A05): typed with or without the hyphen; None when it is none."""
    number, finding = classify(text.strip())
    return None if finding == "cpr_format" else number


def search_prefix(text: str) -> str | None:
    """The start of a CPR number, as stored numbers start (``120355`` or ``1203551`` → ``120355-1``);
    None when the text cannot start one."""
    typed = text.strip().upper()
    compact = typed[:6] + typed[7:] if typed[6:7] == "-" else typed
    head, tail = compact[:6], compact[6:]
    if not head or len(compact) > 10 or not ascii_digits(head):
        return None
    if tail and not (tail.isascii() and tail.isalnum()):
        return None
    return f"{head}-{tail}" if tail else head


def outcome(answer: CprAnswer) -> str:
    """A register's answer as the audit of look-ups names it."""
    if isinstance(answer, Person):
        return FOUND
    if isinstance(answer, NotLookupable):
        return f"cpr_{answer.reason}"
    if isinstance(answer, Unavailable):
        return UNAVAILABLE
    return "cpr_unknown"


def person_record(person: Person) -> dict[str, Any]:
    """What the form keeps of the person found (shown beside the CPR number, locked with it: W06)."""
    return {
        "name": person.name,
        "sex": person.sex,
        "address": list(person.address),
        "postcode": person.postcode,
        "city": person.city,
    }
