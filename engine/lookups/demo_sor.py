"""The demo SOR register: FICTITIOUS units read from `engine/lookups/data/demo_sor.csv` into a `SorTable`.

For demonstrations and tests only: no unit in the file exists. It has SOR's shape: owners (three state
bodies, two regions, four municipalities, private companies) own health institutions (SI), which hold
organisational units (OE), which may hold OEs of their own; every SI and OE carries its owner's CVR
number and sector. The file gives each unit's parent by SOR code; loading adds the parent's name.

    >>> register = load_demo_sor()
    >>> register.get("276231000016004").name
    'Onkologisk Afdeling'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from engine.lookups.datafile import DataFileError, Row, read_rows
from engine.lookups.sor import Level, Sector, SorTable, SorUnit

DEFAULT_PATH = Path(__file__).parent / "data" / "demo_sor.csv"
COLUMNS = (
    "sor_kode",
    "name",
    "unit_type",
    "level",
    "sector",
    "cvr",
    "ydernummer",
    "address",
    "postcode",
    "city",
    "parent",
)
# The CVR number of the demo region "Region Nordfiktiv", which owns 276231000016004 (the SOR code of
# the project's examples): give it to a demo user, and »Mit CVR« finds that unit.
DEMO_CVR = "33624409"

_LEVELS: Mapping[str, Level] = {"Ejer": "Ejer", "SI": "SI", "OE": "OE"}
_SECTORS: Mapping[str, Sector] = {
    "Statslig": "Statslig",
    "Regional": "Regional",
    "Kommunal": "Kommunal",
    "Privat": "Privat",
}
# What each level's parent may be: an owner has none, an SI belongs to an owner, an OE to an SI or OE.
_PARENT_LEVELS: Mapping[Level, frozenset[str]] = {
    "Ejer": frozenset(),
    "SI": frozenset({"Ejer"}),
    "OE": frozenset({"SI", "OE"}),
}
_FORMATS = {
    "sor_kode": (re.compile(r"[0-9]{11,}"), "at least 11 digits"),
    "cvr": (re.compile(r"[0-9]{8}"), "8 digits"),
    "ydernummer": (re.compile(r"([0-9]{6})?"), "6 digits or empty"),
    "postcode": (re.compile(r"[0-9]{4}"), "4 digits"),
}


def load_demo_sor(path: Path = DEFAULT_PATH) -> SorTable:
    """Read a demo SOR file; raise `DataFileError` listing every problem in it, in line order."""
    rows = read_rows(path, COLUMNS)
    problems = [(row.line, problem) for row in rows for problem in _cell_problems(row)]
    by_code: dict[str, Row] = {}
    for row in rows:
        code = row.cells["sor_kode"]
        if code in by_code:
            first = by_code[code].line
            problems.append(
                (row.line, row.problem(f"SOR code {code} is given twice (first on line {first})"))
            )
        by_code.setdefault(code, row)
    problems += [(row.line, problem) for row in rows for problem in _parent_problems(row, by_code)]
    if problems:
        raise DataFileError([problem for _, problem in sorted(problems, key=lambda found: found[0])])
    return SorTable.of(_unit(row, by_code) for row in rows)


def _cell_problems(row: Row) -> list[str]:
    cells, problems = row.cells, []
    for column in ("name", "unit_type", "address", "city"):
        if not cells[column]:
            problems.append(row.problem(f"{column} is empty"))
    for column, (pattern, expected) in _FORMATS.items():
        if not pattern.fullmatch(cells[column]):
            problems.append(row.problem(f'{column} "{cells[column]}" is not {expected}'))
    if cells["level"] not in _LEVELS:
        problems.append(row.problem(f'level "{cells["level"]}" is not one of {", ".join(_LEVELS)}'))
    if cells["sector"] not in _SECTORS:
        problems.append(row.problem(f'sector "{cells["sector"]}" is not one of {", ".join(_SECTORS)}'))
    return problems


def _parent_problems(row: Row, by_code: Mapping[str, Row]) -> list[str]:
    cells = row.cells
    level = _LEVELS.get(cells["level"])
    if level is None:
        return []  # reported already
    allowed, code = _PARENT_LEVELS[level], cells["parent"]
    if not allowed:
        return [row.problem(f"an owner has no parent, but {code} is given")] if code else []
    parent = by_code.get(code)
    if parent is None:
        return [row.problem(f'parent "{code}" is not a SOR code in the file')]
    if parent.cells["level"] not in allowed:
        return [row.problem(f"the parent of an {level} must be {' or '.join(sorted(allowed))}, not {code}")]
    return [
        row.problem(f"{column} {cells[column]} differs from the parent's ({parent.cells[column]})")
        for column in ("cvr", "sector")
        if cells[column] != parent.cells[column]
    ]


def _unit(row: Row, by_code: Mapping[str, Row]) -> SorUnit:
    cells = row.cells
    parent = by_code.get(cells["parent"])
    return SorUnit(
        sor_kode=cells["sor_kode"],
        name=cells["name"],
        unit_type=cells["unit_type"],
        level=_LEVELS[cells["level"]],
        sector=_SECTORS[cells["sector"]],
        cvr=cells["cvr"],
        ydernummer=cells["ydernummer"],
        address=cells["address"],
        postcode=cells["postcode"],
        city=cells["city"],
        parent=cells["parent"],
        parent_name=parent.cells["name"] if parent is not None else "",
    )
