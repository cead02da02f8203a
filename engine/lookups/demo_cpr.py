"""The demo CPR register: FICTITIOUS people read from `engine/lookups/data/demo_cpr.csv`.

For demonstrations and tests only: nobody in the file exists. It answers like the real register will
(see `cpr.py`): a known number gives the person, an unknown one None, a substitute number
`NotLookupable("substitute")`. It never answers `Unavailable`; tests of that path use a stub.

    >>> register = DemoCprRegister.load()
    >>> register.lookup("1203551009").name
    'Jens Erik Fiktivsen'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from engine.lookups.cpr_register import CprAnswer, NotLookupable, Person, Sex, normalise_cpr
from engine.lookups.datafile import DataFileError, Row, read_rows

DEFAULT_PATH = Path(__file__).parent / "data" / "demo_cpr.csv"
COLUMNS = ("cpr", "name", "sex", "address_1", "address_2", "postcode", "city")

_SEXES: Mapping[str, Sex] = {"mand": "mand", "kvinde": "kvinde"}
_POSTCODE = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class DemoCprRegister:
    """A `CprRegister` over a fixed set of people, keyed by `DDMMYY-SSSS`."""

    persons: Mapping[str, Person]

    def __post_init__(self) -> None:
        object.__setattr__(self, "persons", MappingProxyType(dict(self.persons)))

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> DemoCprRegister:
        """Read a register file; raise `DataFileError` listing every problem in it."""
        persons: dict[str, Person] = {}
        problems: list[str] = []
        for row in read_rows(path, COLUMNS):
            person, row_problems = _person(row)
            if person is not None and person.cpr in persons:
                row_problems.append(row.problem(f"CPR number {person.cpr} is given twice"))
            problems += row_problems
            if person is not None and not row_problems:
                persons[person.cpr] = person
        if problems:
            raise DataFileError(problems)
        return cls(persons)

    def lookup(self, cpr: str) -> CprAnswer:
        number = normalise_cpr(cpr)
        if isinstance(number, NotLookupable):
            return number
        return self.persons.get(number)


def _person(row: Row) -> tuple[Person | None, list[str]]:
    cells, problems = row.cells, []
    number = normalise_cpr(cells["cpr"])
    if isinstance(number, NotLookupable):
        problems.append(row.problem(f'"{cells["cpr"]}" is not a CPR number that can be looked up'))
    sex = _SEXES.get(cells["sex"])
    if sex is None:
        problems.append(row.problem(f'sex "{cells["sex"]}" is neither "mand" nor "kvinde"'))
    elif isinstance(number, str) and (int(number[-1]) % 2 == 1) != (sex == "mand"):
        # The last digit tells the sex (odd: man, even: woman); a demo must not contradict it.
        problems.append(row.problem(f"sex {sex} does not fit the last digit of {number}"))
    for column in ("name", "address_1", "city"):
        if not cells[column]:
            problems.append(row.problem(f"{column} is empty"))
    if not _POSTCODE.fullmatch(cells["postcode"]):
        problems.append(row.problem(f'postcode "{cells["postcode"]}" is not 4 digits'))
    if problems or not isinstance(number, str) or sex is None:
        return None, problems
    address = tuple(line for line in (cells["address_1"], cells["address_2"]) if line)
    return Person(number, cells["name"], sex, address, cells["postcode"], cells["city"]), []
