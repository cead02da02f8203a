"""The look-ups behind the page's »Opslag« (F03) and SOR search (F06), answered as JSON in Danish.

The registers (``engine.lookups``) answer with values — a person, None, NotLookupable, Unavailable; this
module turns each into an HTTP status and a body (the Danish texts: ``engine.web.api_texts``). Which
registers exist is decided once, when the app is made: the demo registers with ``--demo``, otherwise none
(and the page is told that no CPR look-up is configured).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from engine.lookups import (
    COLUMNS,
    SCOPES,
    CprRegister,
    DemoCprRegister,
    NotLookupable,
    Person,
    Scope,
    SorRegister,
    SorUnit,
    Unavailable,
    load_demo_sor,
)
from engine.web.error_answers import ApiError, echo

# The SOR results' columns as the page shows them, left to right; "Niveau" last, as in the manual.
SOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("sor_kode", "SOR-kode"),
    ("name", "Navn"),
    ("unit_type", "Enhedstype"),
    ("ydernummer", "Ydernummer"),
    ("address", "Adresse"),
    ("parent", "Overordnet enhed"),
    ("level", "Niveau"),
)
SOR_SCOPES: tuple[tuple[str, str], ...] = tuple(SCOPES.items())
_SOR_FILTERS = frozenset(column for column, _ in SOR_COLUMNS)
_SEXES = {"mand": "Mand", "kvinde": "Kvinde"}


@dataclass(frozen=True)
class Registers:
    """The registers this server looks things up in; None where none is configured."""

    cpr: CprRegister | None = None
    sor: SorRegister | None = None
    demo_registers: bool = False  # the fictitious demo registers (the page says so of an unknown code)

    @classmethod
    def demo(cls) -> Registers:
        """The FICTITIOUS demo registers shipped with the package (``--demo``)."""
        return cls(cpr=DemoCprRegister.load(), sor=load_demo_sor(), demo_registers=True)

    @property
    def offered(self) -> frozenset[str]:
        """The look-ups the page offers, in the spec's words (a field's ``lookup: cpr|sor``).

        CPR always: without a register its »Opslag« answers that none is configured, and that the look-up
        is needed before the form is reported (F03). SOR only with a register: its dialog needs one.
        """
        return frozenset({"cpr", "sor"} if self.sor is not None else {"cpr"})


def person_json(person: Person) -> dict[str, Any]:
    return {
        "cpr": person.cpr,
        "name": person.name,
        "sex": person.sex,
        "sex_text": _SEXES[person.sex],
        "address": [*person.address, f"{person.postcode} {person.city}"],
    }


def lookup_cpr(register: CprRegister | None, number: str) -> dict[str, Any]:
    """The person with ``number``, as JSON; ApiError with a Danish message for every other outcome."""
    if register is None:
        raise ApiError(503, "cpr_not_configured")
    answer = register.lookup(number)
    if isinstance(answer, Person):
        return person_json(answer)
    if isinstance(answer, NotLookupable):
        if answer.reason == "substitute":
            raise ApiError(422, "cpr_substitute")
        raise ApiError(400, "cpr_date" if answer.reason == "date" else "cpr_malformed")
    if isinstance(answer, Unavailable):
        raise ApiError(503, "cpr_unavailable")
    raise ApiError(404, "cpr_unknown")


def _sor_register(register: SorRegister | None) -> SorRegister:
    if register is None:
        raise ApiError(503, "sor_not_configured")
    return register


def unit_json(unit: SorUnit) -> dict[str, str]:
    return {column: COLUMNS[column](unit) for column, _ in SOR_COLUMNS}


def search_sor(
    register: SorRegister | None, params: Mapping[str, str], cvr: str | None, limit: int
) -> dict[str, Any]:
    """The units of one scope (``params["scope"]``) matching the column filters among ``params``."""
    found = _sor_register(register)
    scope = params.get("scope", "")
    if scope not in SCOPES:
        names = ", ".join(f"{key} ({label})" for key, label in SCOPES.items())
        raise ApiError(400, "sor_scope", scope=echo(scope), names=names)
    unknown = sorted(set(params) - _SOR_FILTERS - {"scope"})
    if unknown:
        names = ", ".join(_SOR_FILTERS)
        raise ApiError(400, "sor_filter", name=echo(unknown[0]), names=names)
    if scope.startswith("mit_cvr") and not cvr:
        raise ApiError(400, "sor_no_cvr")
    filters = {column: value for column, value in params.items() if column != "scope"}
    chosen = cast(Scope, scope)  # one of SCOPES, checked above
    result = found.search(chosen, cvr=cvr, filters=filters, limit=limit)
    return {
        "scope": scope,
        "scope_label": SCOPES[chosen],
        "columns": [{"id": column, "label": label} for column, label in SOR_COLUMNS],
        "rows": [unit_json(unit) for unit in result.rows],
        "total": result.total,
        "truncated": result.truncated,
    }


# A SOR code as SOR writes one: digits only (the SOR codes are 15 digits; shorter ones still exist).
_SOR_CODE = re.compile(r"^[0-9]{1,18}$")


def sor_name(register: SorRegister, sor_kode: str) -> str | None:
    """The unit's name for a SOR code drawn on a page; None when the code is well-formed and the register
    does not know it, "" when it is not a SOR code at all (the form's own checks say what is wrong)."""
    code = sor_kode.strip()
    if not _SOR_CODE.match(code):
        return ""
    unit = register.get(code)
    return unit.name if unit is not None else None


def get_sor(register: SorRegister | None, sor_kode: str) -> dict[str, str]:
    unit = _sor_register(register).get(sor_kode)
    if unit is None:
        raise ApiError(404, "sor_unknown", sor_kode=echo(sor_kode))
    return unit_json(unit)
