"""CPR look-up ("Opslag", manual 3.2.1, rule F03): the provider interface and the answers it gives.

A register answers a look-up with one of four values, never by raising for an expected outcome:

    Person          the person: name, sex and address
    None            no person has that number
    NotLookupable   the number cannot be looked up at all, and `reason` says why ("substitute", "malformed")
    Unavailable     the register did not answer (timeout, error); the same look-up may work later

so the caller (the web page behind the »Opslag« button) can `match` on the answer, and a look-up made
for the record (F03) can be stored as what it was. The Danish texts shown for each reason belong to the
templates; this layer keeps reasons machine-readable.

    >>> normalise_cpr("1203551009")
    '120355-1009'
    >>> normalise_cpr("020329-1wq3")
    NotLookupable(cpr='020329-1WQ3', reason='substitute')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Protocol

Sex = Literal["mand", "kvinde"]
NotLookupableReason = Literal["substitute", "malformed"]
UnavailableReason = Literal["timeout", "error"]

# The shapes only. Whether the date exists or modulus 11 holds is the form's business (the `cpr`
# field type); a register simply does not know a number that is not a person's.
_NUMBER = re.compile(r"(\d{6})-?(\d{4})")
# Erstatnings-CPR: DDMMYY C AA G, two letters at positions 8–9 (NSP, HL7 DK-core).
_SUBSTITUTE = re.compile(r"(\d{6})-?(\d[A-Z]{2}\d)")


@dataclass(frozen=True, slots=True)
class Person:
    """A person as the CPR register gives them; `address` holds the lines above postcode and city."""

    cpr: str  # DDMMYY-SSSS
    name: str
    sex: Sex
    address: tuple[str, ...]
    postcode: str
    city: str


@dataclass(frozen=True, slots=True)
class NotLookupable:
    """The number cannot be looked up in any CPR register: a fact about the number, so do not retry."""

    cpr: str  # as normalised as it could be: DDMMYY-SSSS for a substitute number, else as typed
    reason: NotLookupableReason


@dataclass(frozen=True, slots=True)
class Unavailable:
    """The register did not answer in time or failed; `detail` is for the log, not for the user."""

    reason: UnavailableReason
    detail: str = ""


CprAnswer = Person | NotLookupable | Unavailable | None


class CprRegister(Protocol):
    """Anything that looks people up by CPR number: the demo register, later the real CPR service.

    `lookup` takes a number with or without the hyphen and must not raise for an expected outcome: an
    unknown number is None, and a timeout or a failed call is `Unavailable`. A provider that calls a
    service gets its endpoint, credentials and timeout when it is made (no module-level state), so one
    process can hold several (a test double, the demo, the real one).
    """

    def lookup(self, cpr: str) -> CprAnswer: ...


def normalise_cpr(text: str) -> str | NotLookupable:
    """The number as `DDMMYY-SSSS`, or why it cannot be looked up; every provider starts here."""
    typed = text.strip().upper()
    if match := _NUMBER.fullmatch(typed):
        return f"{match[1]}-{match[2]}"
    if match := _SUBSTITUTE.fullmatch(typed):
        return NotLookupable(f"{match[1]}-{match[2]}", "substitute")
    return NotLookupable(text.strip(), "malformed")
