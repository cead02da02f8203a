"""Problems found in code-list files and code patterns: one catalogue of messages, with stable ids.

Every message says where (file:line, or the pattern's index), what is wrong, and how to fix it. The
readers collect all problems of a file and raise them together, so an analyst fixes a file in one
round. Messages are for spec authors and analysts, in English like the rest of the engine's
messages; the texts clinicians see live in the code lists themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# kind -> (message, hint); filled in with str.format(**values). The kinds are stable ids: tests,
# the CLI and the web pages may key on them, so rename a kind only with a CHANGELOG entry.
MESSAGES: dict[str, tuple[str, str]] = {
    # code-list files (codelists/<name>.csv)
    "empty-file": ("the file is empty", "start it with the header line {header}"),
    "not-utf8": (
        "byte 0x{byte:02X} cannot be read: the file must be UTF-8{more}",
        'save it as "CSV UTF-8", or bring it in with "indberet codelists import", which also reads Latin-1',
    ),
    "bad-header": (
        'the header is "{found}"',
        "the first line must be {header}, optionally followed by ;note",
    ),
    "too-few-fields": (
        "expected {expected} fields, found {found}",
        'keep every ";" of a row, also around empty fields: {header}',
    ),
    "too-many-fields": (
        "expected {expected} fields, found {found}",
        "quote a text that holds the separator {separator}, or remove the extra field",
    ),
    "unclosed-quote": (
        "a field starting on this line runs over {lines} lines",
        'a closing double quote is missing: close it, or remove the lone " at the start of the field',
    ),
    "csv-error": ("the line cannot be read as CSV: {error}", "check the double quotes on this line"),
    "empty-code": ("empty code", "fill in the code or delete the row"),
    "bad-code": (
        'code "{code}" may hold only capital letters A–Z and digits',
        'write it as "{suggestion}"',
    ),
    "empty-text": ('code "{code}" has no text', "write the text users see in the pick list"),
    "duplicate-code": ('duplicate code "{code}" (first on line {first})', "remove one of the rows"),
    "bad-date": (
        '{name} "{value}" is not a date',
        "write dates as YYYY-MM-DD, e.g. 2024-03-01, or leave the field empty",
    ),
    "dates-reversed": (
        "valid_from {valid_from} is after valid_to {valid_to}",
        "swap the dates or correct one of them",
    ),
    # exports brought in by the importer (code;text, CSV or TSV)
    "no-rows": ("the file holds no codes", "export the list with one code and its text per row"),
    "one-column": (
        'only one column: "{value}"',
        "each row needs a code and its text, separated by {separator}",
    ),
    "duplicate-other-text": (
        'code "{code}" appears again with another text (first on line {first}: "{first_text}")',
        "keep one of the rows",
    ),
    # SKScomplete.txt
    "sks-not-export": (
        "the file is SKScomplete.txt, not a code;text export",
        "import it with the prefix of the codes to keep:"
        " indberet codelists import FILE --list NAME --sks-prefix D",
    ),
    "sks-layout": (
        "the line is not an SKScomplete.txt record ({reason})",
        "give the SKScomplete.txt file of Sundhedsdatastyrelsen, unchanged",
    ),
    "sks-no-codes": (
        'no code starts with "{prefix}"{matching}',
        "check the prefix: SKS codes start with a capital letter (D diagnoses, K operations, AZC…)",
    ),
    # code patterns (form spec)
    "pattern-not-text": ("is not a text", 'write the pattern in quotes, e.g. "DC50*"'),
    "pattern-empty": ("is empty", 'write a code such as "DC50" or "DC50*", or a range "DC00*-DC69*"'),
    "pattern-spaces": ("holds spaces", 'remove them: "{suggestion}"'),
    "pattern-dash": ('uses "{dash}" between the ends of a range', 'use a plain hyphen: "{suggestion}"'),
    "pattern-lower-case": ("holds lower-case letters", 'write codes in capitals: "{suggestion}"'),
    "pattern-many-dashes": ('holds more than one "-"', 'a range has two ends: "DC00*-DC69*"'),
    "pattern-no-code": ('is only "*"', 'name the codes it covers, e.g. "DC50*"'),
    "pattern-empty-end": ("has an empty end", 'give both ends of the range: "DC00*-DC69*"'),
    "pattern-star": ('holds a "*" that is not last', 'a "*" may only end a code: "{suggestion}"'),
    "pattern-characters": (
        'holds "{characters}"',
        'codes hold only capital letters A–Z and digits; a "*" may end a code, "-" joins a range',
    ),
    "pattern-lengths": (
        "the ends of the range differ in length"
        " ({low} has {low_length} characters, {high} has {high_length})",
        "give both ends the same number of characters, e.g. DD301-DD309 or DC00*-DC69*",
    ),
    "pattern-reversed": ("the range runs backwards", 'put the lower end first: "{suggestion}"'),
}


def _shown(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when below it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return str(path)
    return path.as_posix()


@dataclass(frozen=True, slots=True)
class CodeListProblem:
    """One problem in a code-list file or import source; `column` names the CSV column when it helps."""

    path: Path
    line: int
    column: str | None
    message: str
    hint: str
    kind: str = ""

    def __str__(self) -> str:
        return f"{_shown(self.path)}:{self.line}: {self.message} — {self.hint}"


def problem(kind: str, path: Path, line: int, column: str | None = None, **values: object) -> CodeListProblem:
    """Build a problem from the catalogue; `values` fill in the message and the hint."""
    message, hint = MESSAGES[kind]
    return CodeListProblem(path, line, column, message.format(**values), hint.format(**values), kind)


class CodeListError(Exception):
    """A code-list file or import source that cannot be used; `problems` lists every problem found."""

    def __init__(self, problems: Sequence[CodeListProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True, slots=True)
class PatternProblem:
    """One malformed pattern: `index` is its place in the list (from 0), as in `patterns[3]`."""

    index: int
    pattern: object
    message: str
    hint: str
    kind: str = ""

    def __str__(self) -> str:
        shown = f'"{self.pattern}"' if isinstance(self.pattern, str) else repr(self.pattern)
        return f"patterns[{self.index}] {shown}: {self.message} — {self.hint}"


def pattern_problem(kind: str, index: int, pattern: object, **values: object) -> PatternProblem:
    message, hint = MESSAGES[kind]
    return PatternProblem(index, pattern, message.format(**values), hint.format(**values), kind)


class PatternError(Exception):
    """Malformed code patterns; `problems` lists every one of them."""

    def __init__(self, problems: Sequence[PatternProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
