"""What the workflow knows of a form when it decides: the facts its guards read (``GUARD_NAMES``).

A guard is compiled once with the names it reads (``engine.workflow.compile``); when it is judged, only
those facts are worked out. Judging the payload (``valid``, ``has_errors``, ``has_warnings``) is the one
fact that costs anything, so it is asked of the ``judge`` only when a guard reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.form.result import Result
from engine.form.workflow_checks import PAYLOAD_NAME

Judge = Callable[[], Result]  # judges the form's payload now (the caller may remember the answer)

FOUND = "found"  # the outcome of a CPR look-up that found the person (as the store's audit writes it)


@dataclass(frozen=True, slots=True)
class Facts:
    """A form as the workflow sees it, and whether the user acting on it is an administrator.

    ``cpr_lookup`` is the outcome of the CPR look-up made for the number the form holds now (``found``,
    ``cpr_unknown``, ``cpr_substitute`` …), empty when none was made for it: a look-up of another number,
    or of the number before it was changed, does not count (F03).
    """

    state: str
    version: int = 0
    has_group: bool = True
    cpr_lookup: str = ""
    payload: Mapping[str, Any] = field(default_factory=dict)
    administrator: bool = False


def guard_data(names: Collection[str], facts: Facts, roles: Collection[str], judge: Judge) -> dict[str, Any]:
    """The values of the facts ``names`` (what one guard reads), each worked out only when read."""
    data: dict[str, Any] = {}
    judged: Result | None = None
    for name in names:
        if name in _JUDGED:
            judged = judged or judge()
            data[name] = _JUDGED[name](judged)
        elif name == "roles":
            data[name] = sorted(roles)
        elif name == PAYLOAD_NAME:
            data[name] = dict(facts.payload)
        else:
            data[name] = _FACTS[name](facts)
    return data


_JUDGED: Mapping[str, Callable[[Result], bool]] = {
    "valid": lambda result: result.valid,
    "has_errors": lambda result: bool(result.errors),
    "has_warnings": lambda result: bool(result.warnings),
}
_FACTS: Mapping[str, Callable[[Facts], Any]] = {
    "state": lambda facts: facts.state,
    "version": lambda facts: facts.version,
    "has_group": lambda facts: facts.has_group,
    "cpr_looked_up": lambda facts: facts.cpr_lookup == FOUND,
    "cpr_lookup": lambda facts: facts.cpr_lookup,
    "administrator": lambda facts: facts.administrator,
}
