"""Read and write the code-list files `codelists/<name>.csv` (the codelists layer's storage format).

The format: UTF-8 (a BOM is tolerated), fields separated by ";" (Danish Excel's default), first line
`code;text;valid_from;valid_to` with an optional last column `note`, then one code per row. A field
is quoted with `"` only when it holds `;` or `"`. Dates are `YYYY-MM-DD`; empty means open.

    >>> diagnoser = read_codelist(Path("codelists/diagnoser.csv"))
    >>> "DC509" in diagnoser, diagnoser.get("DC509").text
    (True, 'Brystkræft UNS')
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from engine.codelists.list_problems import CodeListError, CodeListProblem, problem
from engine.codelists.model import Code, CodeList

__all__ = [
    "HEADER",
    "CodeListError",
    "CodeListProblem",
    "atomic_write",
    "read_codelist",
    "write_codelist",
]

HEADER = ("code", "text", "valid_from", "valid_to")
NOTE = "note"
SEPARATOR = ";"
HEADER_LINE = SEPARATOR.join(HEADER)
UTF8_BOM = b"\xef\xbb\xbf"

CODE = re.compile(r"[A-Z0-9]+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Record(NamedTuple):
    """One CSV record: the line it starts on, the line it ends on, and its fields."""

    line: int
    last_line: int
    cells: list[str]


def read_codelist(path: Path) -> CodeList:
    """Read one code-list file; raise `CodeListError` listing every problem found in it."""
    text, problems = decode_utf8(path, path.read_bytes())
    records, problems_reading = read_records(path, text, SEPARATOR)
    problems += problems_reading
    if not records:
        raise CodeListError([*problems, problem("empty-file", path, 1, header=HEADER_LINE)])
    header = records[0]
    columns = tuple(cell.strip() for cell in header.cells)
    if columns not in (HEADER, (*HEADER, NOTE)):
        found = SEPARATOR.join(header.cells)
        raise CodeListError(
            [*problems, problem("bad-header", path, header.line, found=found, header=HEADER_LINE)]
        )
    codes, problems_in_rows = _read_rows(path, records[1:], columns)
    problems += problems_in_rows
    if problems:
        raise CodeListError(problems)
    return CodeList(path.stem, path, codes)


def write_codelist(codelist_or_rows: CodeList | Iterable[Code], path: Path) -> None:
    """Write codes in order to `path`, atomically; the `note` column is written when a code has a note."""
    codes = list(codelist_or_rows)
    if len({code.code for code in codes}) != len(codes):
        raise ValueError(f"{path}: a code is given twice")
    with_note = any(code.note for code in codes)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow([*HEADER, NOTE] if with_note else HEADER)
    for code in codes:
        row = [code.code, code.text, _iso(code.valid_from), _iso(code.valid_to)]
        writer.writerow([*row, code.note] if with_note else row)
    atomic_write(path, buffer.getvalue().encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` so that a reader sees the old file or the new one, never half of one.

    The temporary file lives in the target's directory, because `os.replace` is atomic only
    within one file system.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp creates the file readable by its owner only; keep the target's permissions.
        os.chmod(temporary, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def decode_utf8(path: Path, data: bytes) -> tuple[str, list[CodeListProblem]]:
    """Decode UTF-8 (dropping a BOM); undecodable bytes become one problem at the first such line."""
    data = data.removeprefix(UTF8_BOM)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    bad_lines: list[tuple[int, int]] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            bad_lines.append((number, raw[error.start]))
    line, byte = bad_lines[0]
    others = len(bad_lines) - 1
    more = f" ({others} more line{'s' if others > 1 else ''} like this one)" if others else ""
    return data.decode("utf-8", errors="replace"), [problem("not-utf8", path, line, byte=byte, more=more)]


def read_records(path: Path, text: str, separator: str) -> tuple[list[Record], list[CodeListProblem]]:
    """Split `text` into CSV records with their line numbers, leaving out blank lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records: list[Record] = []
    last_line = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return records, []
        except csv.Error as error:
            return records, [problem("csv-error", path, last_line + 1, error=error)]
        if any(cell.strip() for cell in cells):
            records.append(Record(last_line + 1, reader.line_num, cells))
        last_line = reader.line_num


def check_code(path: Path, line: int, code: str) -> list[CodeListProblem]:
    """A code is capital letters A–Z and digits, nothing else (no spaces around it either)."""
    if not code.strip():
        return [problem("empty-code", path, line, "code")]
    if CODE.fullmatch(code):
        return []
    suggestion = re.sub(r"\s", "", code).upper()
    return [problem("bad-code", path, line, "code", code=code, suggestion=suggestion)]


def _read_rows(
    path: Path, records: list[Record], columns: tuple[str, ...]
) -> tuple[dict[str, Code], list[CodeListProblem]]:
    codes: dict[str, Code] = {}
    first_line: dict[str, int] = {}
    problems: list[CodeListProblem] = []
    for record in records:
        code, problems_in_row = _read_row(path, record, columns)
        problems += problems_in_row
        if code is None:
            continue
        if code.code in codes:
            problems.append(
                problem(
                    "duplicate-code", path, record.line, "code", code=code.code, first=first_line[code.code]
                )
            )
            continue
        codes[code.code] = code
        first_line[code.code] = record.line
    return codes, problems


def _read_row(
    path: Path, record: Record, columns: tuple[str, ...]
) -> tuple[Code | None, list[CodeListProblem]]:
    line, cells = record.line, record.cells
    if record.last_line > line:
        return None, [problem("unclosed-quote", path, line, lines=record.last_line - line + 1)]
    if len(cells) != len(columns):
        kind = "too-few-fields" if len(cells) < len(columns) else "too-many-fields"
        header = SEPARATOR.join(columns)
        found = problem(
            kind, path, line, expected=len(columns), found=len(cells), header=header, separator='";"'
        )
        return None, [found]
    values = dict(zip(columns, cells, strict=True))
    code, text = values["code"], values["text"].strip()
    problems = check_code(path, line, code)
    if not problems and not text:
        problems.append(problem("empty-text", path, line, "text", code=code))
    valid_from = _read_date(path, line, "valid_from", values["valid_from"], problems)
    valid_to = _read_date(path, line, "valid_to", values["valid_to"], problems)
    if valid_from and valid_to and valid_from > valid_to:
        problems.append(
            problem("dates-reversed", path, line, "valid_from", valid_from=valid_from, valid_to=valid_to)
        )
    if problems:
        return None, problems
    return Code(code, text, valid_from, valid_to, values.get(NOTE, "").strip()), []


def _read_date(
    path: Path, line: int, column: str, value: str, problems: list[CodeListProblem]
) -> date | None:
    value = value.strip()
    if not value:
        return None
    if _ISO_DATE.fullmatch(value):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value)
    problems.append(problem("bad-date", path, line, column, name=column, value=value))
    return None


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
