"""What judging a payload gives: errors, warnings, derived values, open and mandatory fields.

The JSON shape of :meth:`Result.as_json` is a public contract (``indberet validate``, the HTTP API and the
pages all print it): ``valid``, ``errors`` and ``warnings`` (each ``field``, ``rule``, ``manual``,
``message``, ``severity``), ``derived``; and beside them ``open``, ``required`` and ``normalized``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Protocol

from engine.spec.model import Severity


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

    __slots__ = ("_closed", "_form", "_mandatory", "derived", "errors", "normalized", "warnings")

    def __init__(
        self,
        errors: tuple[Finding, ...] = (),
        warnings: tuple[Finding, ...] = (),
        derived: dict[str, Any] | None = None,
        closed: Collection[str] = (),
        mandatory: Collection[str] = (),
        normalized: dict[str, Any] | None = None,
        form: FieldOrder | None = None,
    ) -> None:
        self.errors = errors
        self.warnings = warnings
        self.derived = derived if derived is not None else {}
        self.normalized = normalized if normalized is not None else {}
        self._closed = closed
        self._mandatory = mandatory
        self._form = form

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
        }


class FieldOrder(Protocol):
    """What a result needs of its form: the fields in order, and those mandatory whenever open."""

    @property
    def plan_ids(self) -> tuple[str, ...]: ...

    @property
    def always_required(self) -> frozenset[str]: ...
