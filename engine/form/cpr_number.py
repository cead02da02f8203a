"""The Danish personal identification number (CPR) as a field type: format, date, modulus 11, substitutes.

Facts (cpr.dk; NSP/HL7 DK-core for substitute numbers):
- ``DDMMYY-SSSS``; the hyphen may be left out on input and is stored with it.
- The century follows from the 7th digit: 0–3 → 1900s; 4 or 9 → 2000s when YY ≤ 36, else 1900s;
  5–8 → 2000s when YY ≤ 57, else 1800s.
- Modulus 11 (weights 4,3,2,7,6,5,4,3,2,1) held for every number until 1 October 2007; numbers issued since
  may fail it, so a failure is only a finding, never proof of a bad number.
- Substitute numbers (erstatnings-CPR) have letters at positions 8–9: ``DDMMYY C AA G`` with C ∈ {1, 7}
  (X-eCPR) or C ∈ {0, 5, 6} (D-eCPR) and G a digit. They cannot be looked up in CPR.

This module is the one definition of a CPR number in the engine: the validator's ``cpr`` field type and the
register look-up (``engine.lookups.cpr_register``) both ask it. It only *classifies* a number. Whether a
finding is an error or a warning, and its Danish text, is set in the form spec (message kinds
``cpr_format``, ``cpr_date``, ``cpr_modulus11``, ``cpr_substitute``).

Digits are the ASCII digits 0–9 only: ``str.isdigit`` and the regular expression ``\\d`` also take
superscripts and other scripts' digits (``¹``, ``١``), which are not a CPR number, and ``int()`` of some
of them raises.
"""

from __future__ import annotations

import datetime
import operator
import re
from dataclasses import dataclass
from typing import Literal

Finding = Literal["cpr_format", "cpr_date", "cpr_modulus11", "cpr_substitute"]

_SHAPE = re.compile(r"^([0-9]{6})-?([0-9A-Z]{4})$")
_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_X_ECPR = frozenset("17")
_D_ECPR = frozenset("056")


@dataclass(frozen=True, slots=True)
class CprNumber:
    """A CPR number as stored (with hyphen) and what is wrong with it, if anything."""

    value: str
    finding: Finding | None = None
    substitute: bool = False

    @property
    def usable(self) -> bool:
        """Whether the number is a CPR number at all (findings below this are only remarks)."""
        return self.finding != "cpr_format" and self.finding != "cpr_date"

    @property
    def birth_date(self) -> datetime.date | None:
        """The birth date of an ordinary number (substitute numbers do not say the century)."""
        digits = self.value.replace("-", "")
        if self.substitute or not self.usable or not ascii_digits(digits):
            return None
        year = int(digits[4:6])
        return datetime.date(
            year + (century(year, int(digits[6])) or 1900), int(digits[2:4]), int(digits[:2])
        )


def ascii_digits(text: str) -> bool:
    """Whether ``text`` is one or more of the digits 0–9 (and nothing else)."""
    return text.isascii() and text.isdigit()


def century(year: int, seventh: int) -> int | None:
    """The century of a birth year ``YY`` given the 7th digit, or None when the digit does not say."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if year <= 36 else 1900
    if 5 <= seventh <= 8:
        return 2000 if year <= 57 else 1800
    return None


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_date(day: int, month: int, year: int | None) -> bool:
    """Whether the day exists; with ``year`` None, whether it exists in some year (29 February does)."""
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return False
    if month == 2 and day == 29 and year is not None:
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return True


def modulus11(digits: str) -> bool:
    weighted: int = sum(map(operator.mul, map(int, digits), _WEIGHTS))
    return weighted % 11 == 0


def classify(text: str) -> tuple[str, Finding | None]:
    """The number as stored (with hyphen) and what is wrong with it, if anything.

    >>> classify("1203551009")
    ('120355-1009', None)
    >>> classify("020329-1WQ3")
    ('020329-1WQ3', 'cpr_substitute')
    """
    if len(text) == 11 and text[6] == "-" and ascii_digits(text[:6]) and ascii_digits(text[7:]):
        head, tail = text[:6], text[7:]  # the stored form: no need for the general pattern
    else:
        match = _SHAPE.match(text.strip().upper()) if text.isascii() else None
        if match is None:
            return text, "cpr_format"
        head, tail = match.groups()
    value = f"{head}-{tail}"
    day, month, year = int(head[:2]), int(head[2:4]), int(head[4:6])
    if ascii_digits(tail):
        if not _is_date(day, month, year + (century(year, ord(tail[0]) - 48) or 1900)):
            return value, "cpr_date"
        weighted: int = sum(map(operator.mul, map(int, head + tail), _WEIGHTS))
        return value, None if weighted % 11 == 0 else "cpr_modulus11"
    kind, letters, last = tail[0], tail[1:3], tail[3]
    if not (letters.isalpha() and ascii_digits(last) and kind in _X_ECPR | _D_ECPR):
        return value, "cpr_format"
    # The century of a substitute number is not encoded: a day that exists in some year will do.
    if not _is_date(day, month, None):
        return value, "cpr_date"
    return value, "cpr_substitute"


def birth_date_iso(text: str) -> str | None:
    """The birth date ``text`` gives as a CPR number, ``YYYY-MM-DD``; None for a substitute number or text
    that is no CPR number. Asked for every payload by date checks, so the stored form is read directly.

    >>> birth_date_iso("120355-1009")
    '1955-03-12'
    """
    if len(text) == 11 and text[6] == "-" and ascii_digits(text[:6]) and ascii_digits(text[7:]):
        day, month, year, seventh = int(text[:2]), int(text[2:4]), int(text[4:6]), ord(text[7]) - 48
    else:
        number = analyse(text)
        born = number.birth_date
        return born.isoformat() if born is not None else None
    year += century(year, seventh) or 1900
    if not _is_date(day, month, year):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def analyse(text: str) -> CprNumber:
    """Classify ``text`` as a CPR number.

    >>> analyse("1203551009").value
    '120355-1009'
    >>> analyse("020329-1WQ3").finding
    'cpr_substitute'
    """
    value, finding = classify(text)
    return CprNumber(value, finding, substitute=finding == "cpr_substitute")
