"""Read the demo registers' data files (`engine/lookups/data/*.csv`) row by row, with line numbers.

The format is the code lists' (UTF-8, ";" between fields, a header line naming the columns), plus
comment lines starting with "#" before the header: the files say there, in Danish, that their people
and units are fictitious. A file with problems is refused as a whole, every problem listed at once as
`path:line: what is wrong`, because a demo register with holes would mislead whoever demonstrates it.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SEPARATOR = ";"


class DataFileError(ValueError):
    """A demo data file that cannot be used; `problems` holds one `path:line: …` line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Row:
    """One data line: where it is, and its cells by column name (stripped of surrounding spaces)."""

    path: Path
    line: int
    cells: Mapping[str, str]

    def problem(self, message: str) -> str:
        return f"{self.path}:{self.line}: {message}"


def read_rows(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """The rows of `path`, whose header must be exactly `columns`; raise `DataFileError` otherwise."""
    lines = [
        (number, line)
        for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not lines:
        raise DataFileError([f"{path}:1: the file has no header line; expected {SEPARATOR.join(columns)}"])
    header_line, header = lines[0]
    found = tuple(cell.strip() for cell in _cells(header))
    if found != columns:
        raise DataFileError(
            [f"{path}:{header_line}: the header is {header!r}; expected {SEPARATOR.join(columns)}"]
        )
    rows, problems = [], []
    for number, line in lines[1:]:
        cells = _cells(line)
        if len(cells) != len(columns):
            problems.append(f"{path}:{number}: expected {len(columns)} fields ({header}), found {len(cells)}")
            continue
        rows.append(Row(path, number, dict(zip(columns, (cell.strip() for cell in cells), strict=True))))
    if problems:
        raise DataFileError(problems)
    return rows


def _cells(line: str) -> list[str]:
    return next(csv.reader([line], delimiter=SEPARATOR))
