"""What the audit keeps of a change to a form, and how it keeps personal data.

Every change names the fields that changed with their old and new values — except the values of the form's
CPR fields (type ``cpr``, and groups with such items), which are written as changed without either value.
The audit is kept for good, also after a form is deleted (W03: »kan ikke genfindes«): a CPR number in it
would outlive the form and tie every line of the change history to a person. Who looked a number up, and
what CPR søgning searched for, stays where an access audit needs it: the audit of look-ups (``cpr_access``)
and the search's own line. Free-text fields are kept as typed; a text can name a person, so the audit is
personal data and is read by administrators only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from engine.form.compiled import CompiledForm

WITHHELD = "withheld"  # the key that marks a change whose values are not kept


def withheld_fields(form: CompiledForm) -> frozenset[str]:
    """The fields whose values the audit never keeps: CPR fields, and groups holding one."""
    return frozenset(
        f.id for f in form.spec.fields if f.type == "cpr" or any(item.type == "cpr" for item in f.fields)
    )


def changes(
    form: CompiledForm, old: Mapping[str, Any], new: Mapping[str, Any], withheld: frozenset[str]
) -> list[dict[str, Any]]:
    """The fields that differ, in the form's order (unknown keys after, by name), with old and new values."""
    found = []
    for key in _order(form, old, new):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if key in withheld:
            found.append({"field": key, WITHHELD: True})
        else:
            found.append({"field": key, "old": before, "new": after})
    return found


def _order(form: CompiledForm, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[str]:
    yield from (key for key in form.plan_ids if key in old or key in new)
    yield from sorted(key for key in {*old, *new} if key not in form.field_ids)
