"""CPR look-up ("Opslag", manual 3.2.1, rule F03): the provider interface and the answers it gives.

A register answers a look-up with one of four values, never by raising for an expected outcome:

    Person          the person: name, sex and address
    None            no person has that number
    NotLookupable   the number cannot be looked up at all, and `reason` says why ("substitute", "date",
                    "malformed")
    Unavailable     the register did not answer (timeout, error); the same look-up may work later

so the caller (the web page behind the »Opslag« button) can `match` on the answer, and a look-up made
for the record (F03) can be stored as what it was. The Danish texts shown for each reason belong to the
templates; this layer keeps reasons machine-readable.

    >>> normalise_cpr("1203551009")
    '120355-1009'
    >>> normalise_cpr("020329-1wq3")
    NotLookupable(cpr='020329-1WQ3', reason='substitute')

What a CPR number is — its shape, date, century and substitute numbers — is decided once, by
``engine.form.cpr_number`` (the validator's field type): a number the form calls malformed or an impossible
date is never sent to a register, and one the form calls a substitute number is not looked up either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from engine.form.cpr_number import classify

Sex = Literal["mand", "kvinde"]
NotLookupableReason = Literal["substitute", "malformed", "date"]
UnavailableReason = Literal["timeout", "error"]


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
    """The number cannot be looked up in any CPR register: a fact about the number, so do not retry.

    ``reason``: ``substitute`` (an erstatnings-CPR-nummer), ``date`` (well-formed, but no such birth date),
    ``malformed`` (not a CPR number at all).
    """

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
    """The number as `DDMMYY-SSSS`, or why it cannot be looked up; every provider starts here.

    A number that fails modulus 11 is still looked up: numbers issued since 2007 may fail it.
    """
    stored, finding = classify(text)
    if finding is None or finding == "cpr_modulus11":
        return stored
    if finding == "cpr_substitute":
        return NotLookupable(stored, "substitute")
    return NotLookupable(text.strip(), "date" if finding == "cpr_date" else "malformed")
