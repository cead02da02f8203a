"""What judging a payload gives: errors, warnings, derived values, open and mandatory fields.

The JSON shape of :meth:`Result.as_json` is a public contract (``indberet validate``, the HTTP API and the
pages all print it): ``valid``, ``errors`` and ``warnings`` (each ``field``, ``rule``, ``manual``,
``message``, ``severity``), ``derived``; and beside them ``open``, ``required`` and ``normalized``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True)
class Result:
    errors: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()
    derived: dict[str, Any] = field(default_factory=dict)
    open: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    normalized: dict[str, Any] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """Warnings never make a payload invalid."""
        return not self.errors

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
