"""Bring new codes and texts into a code-list file: from a code;text export or from SKScomplete.txt.

    >>> import_codelist(Path("eksport.csv"), Path("codelists/operationskoder.csv"), mode="extend")
    ImportReport(added=3, changed=1, removed=0, total=59)

This sits under the CLI command `indberet codelists import FILE --list NAME`. Either the whole
import succeeds, or the target is left as it was. The source is checked completely before
anything is written, its problems are raised together as a `CodeListError` with file:line, and
the new file replaces the old in one `os.replace`.

Reading an export:
- Encoding. UTF-8 is tried first, and a BOM is dropped. If that fails, the bytes are read as
  Windows-1252 (cp1252), and if that fails too, as Latin-1. Windows-1252 comes before Latin-1
  because it is what Danish Excel and most Windows tools write when they say "ANSI". The two agree
  on every letter (æ ø å é ü …) and differ only in bytes 0x80–0x9F, which Latin-1 turns into
  invisible control characters and Windows-1252 into € ‘ ’ “ ” – — …. So Windows-1252 is never
  worse for text. Latin-1 only catches the five bytes that Windows-1252 leaves undefined. A Latin-1
  text is never mistaken for UTF-8, because æ, ø and å as single Latin-1 bytes are invalid UTF-8.
- Separator. The first rows are read with a tab, then ";", then ",", and the first separator that
  splits every sampled row into the same number (2 or more) of fields wins.
- Header. The first row is a header when its first cell is a known column name (code, kode,
  icd10, sks, diagnosekode, …), or when it could not be a code even in capitals (it holds a space,
  a hyphen, an æ …). A lower-case code such as "dc509" is taken as data and reported, never
  dropped silently as a header.
- Rows. A row holds a code and its text. Further columns are allowed only when a header names
  them, and they are ignored. Spaces around a code are dropped, but a code with spaces inside it is
  refused. The same code twice with the same text is taken once; with different texts it is
  refused.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, get_args

from engine.codelists.csvfile import (
    UTF8_BOM,
    Record,
    check_code,
    read_codelist,
    read_records,
    write_codelist,
)
from engine.codelists.list_problems import CodeListError, CodeListProblem, problem
from engine.codelists.model import Code, CodeList
from engine.codelists.patterns import compile_patterns
from engine.codelists.skscomplete import looks_like_skscomplete, parse_skscomplete

__all__ = ["ImportReport", "Mode", "import_codelist", "import_sks", "looks_like_skscomplete", "read_export"]

Mode = Literal["replace", "extend"]

HEADER_WORDS = frozenset(
    {"code", "codes", "kode", "koder", "icd10", "icd-10", "icd", "sks", "skskode", "sks-kode", "sks_kode"}
    | {"diagnose", "diagnosekode", "diagnosekoder", "id", "value", "værdi"}
)
SEPARATORS = ("\t", ";", ",")
SEPARATOR_NAMES = {"\t": "a tab", ";": '";"', ",": '","'}
_SAMPLE_ROWS = 50


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: codes added, codes whose text (or, from SKS, empty dates) changed,
    codes removed (replace mode only), and the number of codes in the list afterwards."""

    added: int
    changed: int
    removed: int
    total: int

    def __str__(self) -> str:
        counts = f"{self.added} added, {self.changed} changed, {self.removed} removed"
        return f"{counts}, {self.total} codes in the list"


def import_codelist(source: Path, target: Path, *, mode: Mode = "replace") -> ImportReport:
    """Import a code;text export (CSV with ";" or ",", or TSV; UTF-8, Windows-1252 or Latin-1).

    replace: the list becomes the source's codes, in the source's order.
    extend: the source's codes are added to the list or update its texts; nothing is removed.
    Codes that are kept keep their valid_from, valid_to and note.
    """
    _check_mode(mode)
    if looks_like_skscomplete(source):
        raise CodeListError([problem("sks-not-export", source, 1)])
    return _update(target, read_export(source), mode)


def import_sks(
    source: Path, target: Path, *, prefix: str, mode: Mode = "replace", include: Sequence[str] = ()
) -> ImportReport:
    """Import the codes of SKScomplete.txt that start with `prefix` and, if given, match the code
    patterns `include` (e.g. prefix "D" with include ["DC*", "DD05*"]).

    New codes take SKS's valid_from and valid_to. Codes already in the list keep their dates and
    note, but an empty date is filled in from SKS, so a code that SKS has closed gets its end date.
    """
    _check_mode(mode)
    keep = compile_patterns(include).matches if include else None
    text = decode_export(source.read_bytes())
    return _update(target, parse_skscomplete(source, text, prefix=prefix, keep=keep), mode)


def decode_export(data: bytes) -> str:
    """UTF-8 (without its BOM), else Windows-1252, else Latin-1; see the module docstring for why."""
    data = data.removeprefix(UTF8_BOM)
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_export(path: Path) -> list[Code]:
    """The codes of a code;text export, in order; raise `CodeListError` listing every problem."""
    text = decode_export(path.read_bytes())
    separator = sniff_separator(text)
    records, problems = read_records(path, text, separator)
    if records and has_header(records[0].cells):
        header, records = records[0], records[1:]
        width = max(2, len(_trimmed(header.cells)))
    else:
        width = 2
    codes = _read_export_rows(path, records, width, separator, problems)
    if not codes and not problems:
        problems.append(problem("no-rows", path, 1))
    if problems:
        raise CodeListError(problems)
    return codes


def sniff_separator(text: str) -> str:
    """The first of tab, ";" and "," that splits every sampled row into the same number (≥ 2) of fields."""
    sample = [line for line in text.splitlines() if line.strip()][:_SAMPLE_ROWS]
    for separator in SEPARATORS:
        widths = {len(cells) for cells in csv.reader(sample, delimiter=separator)}
        if len(widths) == 1 and widths.pop() >= 2:
            return separator
    first = sample[0] if sample else ""
    return max(SEPARATORS, key=first.count) if any(s in first for s in SEPARATORS) else ";"


def has_header(cells: list[str]) -> bool:
    first = cells[0].strip().lower() if cells else ""
    return first in HEADER_WORDS or not re.fullmatch(r"[A-Z0-9]+", first.upper())


def _read_export_rows(
    path: Path, records: list[Record], width: int, separator: str, problems: list[CodeListProblem]
) -> list[Code]:
    codes: dict[str, tuple[Code, int]] = {}
    for record in records:
        code = _read_export_row(path, record, width, separator, problems)
        if code is None:
            continue
        earlier = codes.get(code.code)
        if earlier is None:
            codes[code.code] = (code, record.line)
        elif earlier[0].text != code.text:
            first_code, first_line = earlier
            problems.append(
                problem(
                    "duplicate-other-text",
                    path,
                    record.line,
                    "code",
                    code=code.code,
                    first=first_line,
                    first_text=first_code.text,
                )
            )
    return [code for code, _ in codes.values()]


def _read_export_row(
    path: Path, record: Record, width: int, separator: str, problems: list[CodeListProblem]
) -> Code | None:
    line, name = record.line, SEPARATOR_NAMES[separator]
    if record.last_line > line:
        problems.append(problem("unclosed-quote", path, line, lines=record.last_line - line + 1))
        return None
    if len(record.cells) == 1:
        problems.append(problem("one-column", path, line, value=record.cells[0].strip(), separator=name))
        return None
    cells = _trimmed(record.cells)
    if len(cells) > width:
        problems.append(
            problem("too-many-fields", path, line, expected=width, found=len(cells), separator=name)
        )
        return None
    code, text = record.cells[0].strip(), record.cells[1].strip()
    found = check_code(path, line, code)
    if not found and not text:
        found.append(problem("empty-text", path, line, "text", code=code))
    problems += found
    return None if found else Code(code, text)


def _trimmed(cells: list[str]) -> list[str]:
    """Cells without the empty ones at the end, which spreadsheets like to add ("DC509;Brystkræft;;")."""
    end = len(cells)
    while end > 0 and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _check_mode(mode: str) -> None:
    if mode not in get_args(Mode):
        raise ValueError(f'mode must be "replace" or "extend", not {mode!r}')


def _update(target: Path, incoming: list[Code], mode: Mode) -> ImportReport:
    """Merge `incoming` into the list at `target` and write it; a target that does not load is left alone."""
    existing = read_codelist(target) if target.exists() else None
    codes, report = merge(existing, incoming, mode)
    write_codelist(codes, target)
    return report


def merge(existing: CodeList | None, incoming: list[Code], mode: Mode) -> tuple[list[Code], ImportReport]:
    """The codes of the list after the import, and what changed.

    An incoming code brings its text. Dates and note stay as they were, and only an empty date
    takes the incoming one.
    """
    old = existing.codes if existing is not None else {}
    updated: dict[str, Code] = {}
    added = changed = 0
    for code in incoming:
        before = old.get(code.code)
        if before is None:
            added += 1
            updated[code.code] = code
            continue
        after = replace(
            before,
            text=code.text,
            valid_from=before.valid_from or code.valid_from,
            valid_to=before.valid_to or code.valid_to,
        )
        if after != before:
            changed += 1
        updated[code.code] = after
    if mode == "replace":
        codes = list(updated.values())
        removed = sum(1 for code in old if code not in updated)
    else:
        codes = [updated.get(code, kept) for code, kept in old.items()]
        codes += [code for code in updated.values() if code.code not in old]
        removed = 0
    return codes, ImportReport(added, changed, removed, len(codes))
