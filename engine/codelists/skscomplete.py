"""Parse Sundhedsdatastyrelsen's `SKScomplete.txt`, the fixed-width file of all SKS codes (an import source).

Record layout. The slices are 0-based, and the 1-based columns are given in the comments. SDS's own
description ("SKS tabelstruktur", a PDF on sundhedsdatastyrelsen.dk) could not be read from here.
The layout below is the one that four independent public parsers of the file agree on: the Java
`SKSEntry` of a Trifork FHIR converter, which cites that PDF, the HL7 Denmark DK-core script
`sks_icd10_diff.py`, the `build_sks_hierarchy.py` of ehr2meds, and a pandas `read_fwf` mapping
script. It is UNVERIFIED against a real file: check it on the first real import (the tests use a
file built to this layout).

    columns   field
    1–3       record type ("dia" diagnoses, "opr" operations, "atc", …)
    4–23      SKS code, padded with spaces
    24–31     valid from, YYYYMMDD
    32–39     date of the last change, YYYYMMDD (not used here)
    40–47     valid to, YYYYMMDD; 25000101 means "no end"
    48–167    Danish text, padded with spaces
    168–      level, source, flags (not used here)

A code can have several records, one per period of its history. The newest record (latest valid
from) gives the text, the earliest record gives valid_from, and the latest end gives valid_to.
Whether SDS's "valid to" is the last valid day or the first day after it is not confirmed. It is
copied as the last valid day, because our valid_to is inclusive.

The file is Latin-1 according to SDS and DK-core. Some parsers read it as Windows-1252, which is
the same for every letter, so the importer's decoding (UTF-8, then Windows-1252, then Latin-1)
reads it right.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from engine.codelists.csvfile import CODE
from engine.codelists.list_problems import CodeListError, CodeListProblem, problem
from engine.codelists.model import Code

RECORD_TYPE = slice(0, 3)
SKS_CODE = slice(3, 23)
VALID_FROM = slice(23, 31)
CHANGED = slice(31, 39)
VALID_TO = slice(39, 47)
TEXT = slice(47, 167)
MIN_LENGTH = 47  # up to the end of valid_to; a record without text is reported, not guessed at
OPEN_END = "25000101"

_YYYYMMDD = re.compile(r"\d{8}")


@dataclass(frozen=True, slots=True)
class _Record:
    line: int
    code: str
    valid_from: date | None
    valid_to: date | None  # None: open end
    text: str


def parse_skscomplete(
    path: Path, text: str, *, prefix: str, keep: Callable[[str], bool] | None = None
) -> list[Code]:
    """The codes of `text` that start with `prefix` (and pass `keep`), in file order, history collapsed.

    Raise `CodeListError` for records that break the layout. When the first record already breaks
    it, the file is not SKScomplete.txt: that one problem is raised alone.
    """
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise CodeListError([problem("sks-layout", path, 1, reason="the file is empty")])
    first = _read_record(path, *lines[0])
    if isinstance(first, CodeListProblem):
        raise CodeListError([first])
    by_code: dict[str, list[_Record]] = {}
    problems: list[CodeListProblem] = []
    for number, line in lines:
        code = line[SKS_CODE].strip()
        # Skip other groups, and SKS block codes such as "DC00-DC14", which are no codes to pick.
        if not (code.startswith(prefix) and CODE.fullmatch(code)) or (keep and not keep(code)):
            continue
        record = _read_record(path, number, line)
        if isinstance(record, CodeListProblem):
            problems.append(record)
        else:
            by_code.setdefault(code, []).append(record)
    codes = [_collapse(path, records, problems) for records in by_code.values()]
    if not codes and not problems:
        matching = " and matches the include patterns" if keep else ""
        problems.append(problem("sks-no-codes", path, 1, prefix=prefix, matching=matching))
    if problems:
        raise CodeListError(problems)
    return [code for code in codes if code is not None]


def looks_like_skscomplete(path: Path) -> bool:
    """Whether the file starts like SKScomplete.txt: a lower-case record type, a code, and a valid-from
    date in their columns. The CLI can use this to send such a file to `import_sks`."""
    with path.open("rb") as file:
        head = file.read(4096).decode("latin-1")
    first = next((line for line in head.splitlines() if line.strip()), "")
    return (
        len(first) >= MIN_LENGTH
        and re.fullmatch(r"[a-z]{3}", first[RECORD_TYPE]) is not None
        and first[SKS_CODE].strip() != ""
        and _YYYYMMDD.fullmatch(first[VALID_FROM]) is not None
    )


def _read_record(path: Path, number: int, line: str) -> _Record | CodeListProblem:
    if len(line) < MIN_LENGTH:
        reason = f"{len(line)} characters, at least {MIN_LENGTH} expected"
        return problem("sks-layout", path, number, reason=reason)
    valid_from = _read_date(line[VALID_FROM])
    if isinstance(valid_from, str):
        return problem("sks-layout", path, number, reason=f'"{valid_from}" in columns 24–31 is not a date')
    valid_to = None if line[VALID_TO] == OPEN_END else _read_date(line[VALID_TO])
    if isinstance(valid_to, str):
        return problem("sks-layout", path, number, reason=f'"{valid_to}" in columns 40–47 is not a date')
    return _Record(number, line[SKS_CODE].strip(), valid_from, valid_to, line[TEXT].strip())


def _read_date(value: str) -> date | str | None:
    """A date, None for blanks, or the offending text."""
    if not value.strip():
        return None
    if _YYYYMMDD.fullmatch(value):
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            pass
    return value


def _collapse(path: Path, records: list[_Record], problems: list[CodeListProblem]) -> Code | None:
    with_text = [record for record in records if record.text]
    if not with_text:
        problems.append(problem("empty-text", path, records[-1].line, "text", code=records[-1].code))
        return None
    newest = max(with_text, key=lambda record: (record.valid_from or date.min, record.line))
    starts = [record.valid_from for record in records]
    ends = [record.valid_to for record in records]
    valid_from = None if None in starts else min(day for day in starts if day is not None)
    valid_to = None if None in ends else max(day for day in ends if day is not None)
    return Code(newest.code, newest.text, valid_from, valid_to)
