"""SOR search (manual 3.2.2, rule F06): the provider interface, scopes, columns, and an in-memory table.

The manual's dialog searches by scope, then narrows with a filter on any column:

    Mit CVR – SI     the health institutions (SI) of the user's CVR number
    Mit CVR – Alle   the institutions and organisational units (SI and OE) of that CVR number
    Statslig, Regional, Kommunal, Privat   the SIs and OEs of one sector (reading: OEs too, since the
                     unit the user wants may be an OE that "Mit CVR" did not find)

Owners (level "Ejer": the state, a region, a municipality, a company) are in the register as parents,
but no scope lists them: a form names the unit responsible for the patient, never its owner.

    >>> from engine.lookups.demo_sor import load_demo_sor  # a SorTable of fictitious units
    >>> register = load_demo_sor()
    >>> result = register.search("regional", cvr=None, filters={"name": "onkolog"}, limit=10)
    >>> result.total, result.truncated, result.rows[0].parent_name
    (14, True, 'Fiktivby Universitetshospital')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, Protocol

from engine.codelists.search import normalise

Level = Literal["Ejer", "SI", "OE"]
Sector = Literal["Statslig", "Regional", "Kommunal", "Privat"]
Scope = Literal["mit_cvr_si", "mit_cvr_alle", "statslig", "regional", "kommunal", "privat"]


@dataclass(frozen=True, slots=True)
class SorUnit:
    """One unit of the register. An SI or OE carries its owner's CVR number and sector."""

    sor_kode: str
    name: str
    unit_type: str  # enhedstype: "Hospital", "Sygehusafdeling", "Almen praksis", …
    level: Level  # niveau
    sector: Sector
    cvr: str
    ydernummer: str  # "" when the unit has none
    address: str
    postcode: str
    city: str
    parent: str  # the parent's SOR code; "" for an owner
    parent_name: str


@dataclass(frozen=True, slots=True)
class SorResult:
    """The first `limit` matching units in register order, and how many matched in all."""

    rows: tuple[SorUnit, ...]
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


class SorRegister(Protocol):
    """Anything that searches SOR: the demo table, later one loaded from an SOR extract or a service.

    `search` raises `ValueError` only for a caller's mistake (an unknown scope or filter column, a
    "Mit CVR" scope without a CVR number, a limit below 1); those come from a closed set in the page.
    """

    def search(
        self, scope: Scope, *, cvr: str | None, filters: Mapping[str, str], limit: int
    ) -> SorResult: ...

    def get(self, sor_kode: str) -> SorUnit | None: ...


# The manual's names for the scopes (its buttons), in its order.
SCOPES: Mapping[Scope, str] = MappingProxyType(
    {
        "mit_cvr_si": "Mit CVR – SI",
        "mit_cvr_alle": "Mit CVR – Alle",
        "statslig": "Statslig",
        "regional": "Regional",
        "kommunal": "Kommunal",
        "privat": "Privat",
    }
)


def _of_cvr(*levels: Level) -> Callable[[SorUnit, str | None], bool]:
    return lambda unit, cvr: unit.cvr == cvr and unit.level in levels


def _of_sector(sector: Sector) -> Callable[[SorUnit, str | None], bool]:
    return lambda unit, _: unit.sector == sector and unit.level != "Ejer"


_IN_SCOPE: Mapping[Scope, Callable[[SorUnit, str | None], bool]] = MappingProxyType(
    {
        "mit_cvr_si": _of_cvr("SI"),
        "mit_cvr_alle": _of_cvr("SI", "OE"),
        "statslig": _of_sector("Statslig"),
        "regional": _of_sector("Regional"),
        "kommunal": _of_sector("Kommunal"),
        "privat": _of_sector("Privat"),
    }
)
_NEEDS_CVR = frozenset({"mit_cvr_si", "mit_cvr_alle"})

# The result columns, each filterable: a filter value matches when it is part of the column's text
# (case-insensitive, spaces normalised). "address" is street, postcode and city; "parent" is the
# parent's SOR code and name.
COLUMNS: Mapping[str, Callable[[SorUnit], str]] = MappingProxyType(
    {
        "sor_kode": lambda unit: unit.sor_kode,
        "name": lambda unit: unit.name,
        "unit_type": lambda unit: unit.unit_type,
        "ydernummer": lambda unit: unit.ydernummer,
        "level": lambda unit: unit.level,
        "sector": lambda unit: unit.sector,
        "cvr": lambda unit: unit.cvr,
        "address": lambda unit: f"{unit.address}, {unit.postcode} {unit.city}",
        "parent": lambda unit: f"{unit.parent} {unit.parent_name}",
    }
)


@dataclass(frozen=True, eq=False)
class SorTable:
    """An in-memory `SorRegister` over units in register order (owners before what they own)."""

    units: tuple[SorUnit, ...]
    _texts: tuple[Mapping[str, str], ...]  # per unit: column → its text, normalised once
    _by_code: Mapping[str, SorUnit]

    @classmethod
    def of(cls, units: Iterable[SorUnit]) -> SorTable:
        ordered = tuple(units)
        texts = tuple({column: normalise(text(unit)) for column, text in COLUMNS.items()} for unit in ordered)
        return cls(ordered, texts, MappingProxyType({unit.sor_kode: unit for unit in ordered}))

    def search(self, scope: Scope, *, cvr: str | None, filters: Mapping[str, str], limit: int) -> SorResult:
        in_scope = _check(scope, cvr, filters, limit)
        wanted = [(column, normalise(value)) for column, value in filters.items() if value.strip()]
        rows: list[SorUnit] = []
        total = 0
        for unit, texts in zip(self.units, self._texts, strict=True):
            if in_scope(unit, cvr) and all(value in texts[column] for column, value in wanted):
                total += 1
                if len(rows) < limit:
                    rows.append(unit)
        return SorResult(tuple(rows), total)

    def get(self, sor_kode: str) -> SorUnit | None:
        return self._by_code.get(sor_kode.strip())


def _check(
    scope: Scope, cvr: str | None, filters: Mapping[str, str], limit: int
) -> Callable[[SorUnit, str | None], bool]:
    """The scope's test, after refusing what only a caller's mistake can send."""
    in_scope = _IN_SCOPE.get(scope)
    if in_scope is None:
        raise ValueError(f'unknown SOR scope "{scope}"; the scopes are: {", ".join(SCOPES)}')
    if scope in _NEEDS_CVR and not cvr:
        raise ValueError(f'SOR scope "{scope}" needs the user\'s CVR number')
    unknown = sorted(set(filters) - set(COLUMNS))
    if unknown:
        raise ValueError(
            f"unknown SOR filter column(s) {', '.join(unknown)}; the columns are: {', '.join(COLUMNS)}"
        )
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    return in_scope
