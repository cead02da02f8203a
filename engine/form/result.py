"""What judging a payload gives: errors, warnings, derived values, open and mandatory fields.

The JSON shape of :meth:`Result.as_json` is a public contract (``indberet validate``, the HTTP API and the
pages all print it): ``valid``, ``errors`` and ``warnings`` (each ``field``, ``rule``, ``manual``,
``message``, ``severity``), ``derived``; and beside them ``open``, ``required`` and ``normalized``, and
``items``: for each repeating group given, per item, the item fields open and mandatory in that item
(``null`` for an item that is not an object).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from engine.spec.model import Severity

# An item's closed fields, and those a mandatory condition makes mandatory, as the validator leaves them.
ItemState = tuple[Collection[str], Collection[str]]
ItemFields = dict[str, list[str]]  # {"open": [...], "required": [...]}, as the result shows them


@dataclass(frozen=True, slots=True)
class Finding:
    """One error or warning: on which field (``behandlinger[0].startdato`` inside a list), by which rule."""

    field: str
    rule: str
    manual: str | None
    message: str
    severity: Severity

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "rule": self.rule,
            "manual": self.manual,
            "message": self.message,
            "severity": self.severity,
        }


class Result:
    """The judgement of one payload. Treat it as read-only.

    ``open`` and ``required`` list field ids in form order; they are worked out only when asked for.
    """

    __slots__ = ("_closed", "_form", "_items", "_mandatory", "derived", "errors", "normalized", "warnings")

    def __init__(
        self,
        errors: tuple[Finding, ...] = (),
        warnings: tuple[Finding, ...] = (),
        derived: dict[str, Any] | None = None,
        closed: Collection[str] = (),
        mandatory: Collection[str] = (),
        normalized: dict[str, Any] | None = None,
        form: FieldOrder | None = None,
        items: Mapping[str, list[ItemState | None]] | None = None,
    ) -> None:
        self.errors = errors
        self.warnings = warnings
        self.derived = derived if derived is not None else {}
        self.normalized = normalized if normalized is not None else {}
        self._closed = closed
        self._mandatory = mandatory
        self._form = form
        self._items = items

    @property
    def valid(self) -> bool:
        """Warnings never make a payload invalid."""
        return not self.errors

    @property
    def open(self) -> tuple[str, ...]:
        """The fields open for input, in form order."""
        if self._form is None:
            return ()
        return tuple(fid for fid in self._form.plan_ids if fid not in self._closed)

    @property
    def required(self) -> tuple[str, ...]:
        """The open fields that must have a value, in form order."""
        if self._form is None:
            return ()
        always, conditional = self._form.always_required, set(self._mandatory)
        return tuple(
            fid
            for fid in self._form.plan_ids
            if fid not in self._closed and (fid in always or fid in conditional)
        )

    @property
    def items(self) -> dict[str, list[ItemFields | None]]:
        """For each repeating group given: per item, its open and mandatory item fields, in form order."""
        if self._form is None or not self._items:
            return {}
        found: dict[str, list[ItemFields | None]] = {}
        for group, states in self._items.items():
            order = self._form.item_fields.get(group)
            if order is None:
                continue
            ids, always = order
            found[group] = [None if state is None else _item_fields(ids, always, *state) for state in states]
        return found

    def __repr__(self) -> str:
        return f"Result(valid={self.valid}, errors={len(self.errors)}, warnings={len(self.warnings)})"

    def as_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "errors": [finding.as_json() for finding in self.errors],
            "warnings": [finding.as_json() for finding in self.warnings],
            "derived": self.derived,
            "open": list(self.open),
            "required": list(self.required),
            "normalized": self.normalized,
            "items": self.items,
        }


def _item_fields(
    ids: tuple[str, ...], always: frozenset[str], closed: Collection[str], mandatory: Collection[str]
) -> ItemFields:
    open_ids = [fid for fid in ids if fid not in closed]
    conditional = set(mandatory)
    return {"open": open_ids, "required": [fid for fid in open_ids if fid in always or fid in conditional]}


class FieldOrder(Protocol):
    """What a result needs of its form: the fields in order, and those mandatory whenever open."""

    @property
    def plan_ids(self) -> tuple[str, ...]: ...

    @property
    def always_required(self) -> frozenset[str]: ...

    @property
    def item_fields(self) -> Mapping[str, tuple[tuple[str, ...], frozenset[str]]]: ...
