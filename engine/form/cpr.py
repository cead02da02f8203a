"""The Danish personal identification number (CPR) as a field type: format, date, modulus 11, substitutes.

Facts (cpr.dk; NSP/HL7 DK-core for substitute numbers):
- ``DDMMYY-SSSS``; the hyphen may be left out on input and is stored with it.
- The century follows from the 7th digit: 0–3 → 1900s; 4 or 9 → 2000s when YY ≤ 36, else 1900s;
  5–8 → 2000s when YY ≤ 57, else 1800s.
- Modulus 11 (weights 4,3,2,7,6,5,4,3,2,1) held for every number until 1 October 2007; numbers issued since
  may fail it, so a failure is only a finding, never proof of a bad number.
- Substitute numbers (erstatnings-CPR) have letters at positions 8–9: ``DDMMYY C AA G`` with C ∈ {1, 7}
  (X-eCPR) or C ∈ {0, 5, 6} (D-eCPR) and G a digit. They cannot be looked up in CPR.

This module only *classifies* a number. Whether a finding is an error or a warning, and its Danish text,
is set in the form spec (message kinds ``cpr_format``, ``cpr_date``, ``cpr_modulus11``, ``cpr_substitute``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Literal

Finding = Literal["cpr_format", "cpr_date", "cpr_modulus11", "cpr_substitute"]

_SHAPE = re.compile(r"^(\d{6})-?([0-9A-Z]{4})$")
_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_X_ECPR = frozenset("17")
_D_ECPR = frozenset("056")


@dataclass(frozen=True)
class CprNumber:
    """A CPR number as stored (with hyphen) and what is wrong with it, if anything."""

    value: str
    finding: Finding | None = None
    substitute: bool = False
    birth_date: datetime.date | None = None

    @property
    def usable(self) -> bool:
        """Whether the number is a CPR number at all (findings below this are only remarks)."""
        return self.finding not in ("cpr_format", "cpr_date")


def century(year: int, seventh: int) -> int | None:
    """The century of a birth year ``YY`` given the 7th digit, or None when the digit does not say."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if year <= 36 else 1900
    if 5 <= seventh <= 8:
        return 2000 if year <= 57 else 1800
    return None


def _date(day: int, month: int, year: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def modulus11(digits: str) -> bool:
    return sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11 == 0


def analyse(text: str) -> CprNumber:
    """Classify ``text`` as a CPR number.

    >>> analyse("1203551009").value
    '120355-1009'
    >>> analyse("020329-1WQ3").finding
    'cpr_substitute'
    """
    match = _SHAPE.match(text.strip().upper())
    if match is None:
        return CprNumber(text, "cpr_format")
    head, tail = match.groups()
    value = f"{head}-{tail}"
    day, month, year = int(head[:2]), int(head[2:4]), int(head[4:6])
    if tail.isdigit():
        born = _date(day, month, year + (century(year, int(tail[0])) or 1900))
        if born is None:
            return CprNumber(value, "cpr_date")
        if not modulus11(head + tail):
            return CprNumber(value, "cpr_modulus11", birth_date=born)
        return CprNumber(value, birth_date=born)
    return _substitute(value, head, tail, day, month)


def _substitute(value: str, head: str, tail: str, day: int, month: int) -> CprNumber:
    kind, letters, last = tail[0], tail[1:3], tail[3]
    if not (letters.isalpha() and last.isdigit() and kind in _X_ECPR | _D_ECPR):
        return CprNumber(value, "cpr_format")
    # The century of a substitute number is not encoded; a day that exists in some century will do
    # (29 February exists in leap years).
    if _date(day, month, 2000) is None:
        return CprNumber(value, "cpr_date")
    return CprNumber(value, "cpr_substitute", substitute=True)
