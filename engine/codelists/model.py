"""The code-list model: a `Code` and an ordered, read-only `CodeList`, as read from `codelists/<name>.csv`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Code:
    """One code of a list with the text users see.

    `valid_from` and `valid_to` are both inclusive (`valid_to` is the last day the code may be used);
    None leaves that end open. `note` is for analysts (where the text came from, "foreløbig"…).
    """

    code: str
    text: str
    valid_from: date | None = None
    valid_to: date | None = None
    note: str = ""

    def valid_on(self, day: date) -> bool:
        """True when the code may be used on `day`.

        >>> Code("DC509", "Brystkræft UNS", date(2020, 1, 1), None).valid_on(date(2024, 3, 4))
        True
        """
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


@dataclass(frozen=True)
class CodeList:
    """A named list of codes in file order; look codes up with `in` and `get`, iterate over `Code`s."""

    name: str
    path: Path
    codes: Mapping[str, Code]

    def __post_init__(self) -> None:
        # A private copy behind a read-only view: a loaded list cannot change under the form.
        object.__setattr__(self, "codes", MappingProxyType(dict(self.codes)))

    @classmethod
    def of(cls, name: str, path: Path, codes: Iterable[Code]) -> CodeList:
        """Build a list from codes in order; a code given twice is a programming error."""
        by_code: dict[str, Code] = {}
        for code in codes:
            if code.code in by_code:
                raise ValueError(f'code "{code.code}" is given twice')
            by_code[code.code] = code
        return cls(name, path, by_code)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def get(self, code: str) -> Code | None:
        return self.codes.get(code)

    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes.values())
