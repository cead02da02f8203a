import os
import stat
from datetime import date
from pathlib import Path

import pytest

from engine.codelists.csvfile import read_codelist, write_codelist
from engine.codelists.list_problems import CodeListError
from engine.codelists.model import Code


def write(tmp_path: Path, text: str, name: str = "x.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def problems(path: Path) -> list[str]:
    """The problems of a file as the CLI shows them, but with the bare file name."""
    with pytest.raises(CodeListError) as caught:
        read_codelist(path)
    return [(line := str(p))[line.index(p.path.name) :] for p in caught.value.problems]


def test_reads_codes_texts_dates_and_notes_in_file_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "code;text;valid_from;valid_to;note\n"
        "DC509;Brystkræft UNS;1994-01-01;;\n"
        'DC920G;"Akut myeloblastær leukæmi, AML med t(8;21)";;2019-12-31;kilde: SKS\n',
        "diagnoser.csv",
    )

    codes = read_codelist(path)

    assert codes.name == "diagnoser"
    assert codes.path == path
    assert list(codes) == [
        Code("DC509", "Brystkræft UNS", date(1994, 1, 1), None, ""),
        Code("DC920G", "Akut myeloblastær leukæmi, AML med t(8;21)", None, date(2019, 12, 31), "kilde: SKS"),
    ]


def test_the_note_column_is_optional_and_excel_habits_are_tolerated(tmp_path: Path) -> None:
    # Excel's "CSV UTF-8" starts with a BOM and ends lines with CRLF; blank lines are skipped.
    path = tmp_path / "lateralitet.csv"
    path.write_bytes(b"\xef\xbb\xbfcode;text;valid_from;valid_to\r\nTUL1;h\xc3\xb8jresidig;;\r\n\r\n")

    assert list(read_codelist(path)) == [Code("TUL1", "højresidig", None, None)]


def test_an_empty_file(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "")) == [
        "x.csv:1: the file is empty — start it with the header line code;text;valid_from;valid_to"
    ]


def test_a_wrong_header_stops_the_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "kode,tekst\nDC50,Brystkræft\n")

    assert problems(path) == [
        'x.csv:1: the header is "kode,tekst" — the first line must be code;text;valid_from;valid_to,'
        " optionally followed by ;note"
    ]


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "code;text;valid_from;valid_to\n"
        "DC50;Brystkræft;;\n"  # 2: fine
        "DC509;Brystkræft UNS\n"  # 3
        "DC501;Brystkræft;mamma;;\n"  # 4
        ";Uden kode;;\n"  # 5
        "dc 502;Brystkræft;;\n"  # 6
        "DC503;;;\n"  # 7
        "DC50;Brystkræft igen;;\n"  # 8
        "DC504;Brystkræft;01-03-2024;2024-02-30\n"  # 9
        "DC505;Brystkræft;2024-05-01;2024-03-01\n",  # 10
    )

    assert problems(path) == [
        'x.csv:3: expected 4 fields, found 2 — keep every ";" of a row, also around empty fields:'
        " code;text;valid_from;valid_to",
        'x.csv:4: expected 4 fields, found 5 — quote a text that holds the separator ";",'
        " or remove the extra field",
        "x.csv:5: empty code — fill in the code or delete the row",
        'x.csv:6: code "dc 502" may hold only capital letters A–Z and digits — write it as "DC502"',
        'x.csv:7: code "DC503" has no text — write the text users see in the pick list',
        'x.csv:8: duplicate code "DC50" (first on line 2) — remove one of the rows',
        'x.csv:9: valid_from "01-03-2024" is not a date — write dates as YYYY-MM-DD, e.g. 2024-03-01,'
        " or leave the field empty",
        'x.csv:9: valid_to "2024-02-30" is not a date — write dates as YYYY-MM-DD, e.g. 2024-03-01,'
        " or leave the field empty",
        "x.csv:10: valid_from 2024-05-01 is after valid_to 2024-03-01"
        " — swap the dates or correct one of them",
    ]


def test_a_problem_names_its_column(tmp_path: Path) -> None:
    path = write(tmp_path, "code;text;valid_from;valid_to\nDC50;Brystkræft;;31-12-2024\n")

    with pytest.raises(CodeListError) as caught:
        read_codelist(path)

    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.column, problem.kind) == (path, 2, "valid_to", "bad-date")


def test_a_missing_closing_quote_is_reported_where_the_field_starts(tmp_path: Path) -> None:
    path = write(tmp_path, 'code;text;valid_from;valid_to\nDC50;"Brystkræft;;\nDC509;Brystkræft UNS;;\n')

    assert problems(path) == [
        "x.csv:2: a field starting on this line runs over 2 lines — a closing double quote is missing:"
        ' close it, or remove the lone " at the start of the field'
    ]


def test_a_file_that_is_not_utf8_says_so_once(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(
        "code;text;valid_from;valid_to\nTUL1;højresidig;;\nTUL2;venstresidig;;\nTUL3;dobbeltsidig;;\n".encode(
            "latin-1"
        ).replace(b"venstresidig", b"venstres\xefdig")
    )

    assert problems(path) == [
        "x.csv:2: byte 0xF8 cannot be read: the file must be UTF-8 (1 more line like this one)"
        ' — save it as "CSV UTF-8", or bring it in with "indberet codelists import", which also reads Latin-1'
    ]


def test_a_relative_path_is_shown_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "codelists").mkdir()
    write(tmp_path, "code;text;valid_from;valid_to\nDC509;A;;\nDC509;B;;\n", "codelists/x.csv")

    for path in (Path("codelists/x.csv"), tmp_path / "codelists/x.csv"):
        with pytest.raises(CodeListError) as caught:
            read_codelist(path)
        assert str(caught.value) == (
            'codelists/x.csv:3: duplicate code "DC509" (first on line 2) — remove one of the rows'
        )


def test_writes_the_format_it_reads(tmp_path: Path) -> None:
    codes = [
        Code("DC509", "Brystkræft UNS", date(1994, 1, 1), None),
        Code("DC915D", 'Adult T-celle lymfom, "smouldering" variant', None, None),
        Code("DC920G", "AML med t(8;21)", None, date(2019, 12, 31), "kilde: SKS"),
    ]
    path = tmp_path / "diagnoser.csv"

    write_codelist(codes, path)

    assert path.read_text(encoding="utf-8") == (
        "code;text;valid_from;valid_to;note\n"
        "DC509;Brystkræft UNS;1994-01-01;;\n"
        'DC915D;"Adult T-celle lymfom, ""smouldering"" variant";;;\n'
        'DC920G;"AML med t(8;21)";;2019-12-31;kilde: SKS\n'
    )
    assert list(read_codelist(path)) == codes


def test_the_note_column_is_written_only_when_a_code_has_a_note(tmp_path: Path) -> None:
    path = tmp_path / "lateralitet.csv"

    write_codelist(read_codelist(write(tmp_path, "code;text;valid_from;valid_to\nTUL1;højresidig;;\n")), path)

    assert path.read_text(encoding="utf-8") == "code;text;valid_from;valid_to\nTUL1;højresidig;;\n"


def test_writing_twice_the_same_code_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="a code is given twice"):
        write_codelist([Code("TUL1", "a"), Code("TUL1", "b")], tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_writing_replaces_the_file_at_once_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = write(tmp_path, "code;text;valid_from;valid_to\nTUL1;gammel;;\n")
    os.chmod(path, 0o664)

    write_codelist([Code("TUL1", "højresidig")], path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "code;text;valid_from;valid_to\nTUL1;gammel;;\n")

    def fail(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_codelist([Code("TUL1", "ny")], path)

    assert path.read_text(encoding="utf-8") == "code;text;valid_from;valid_to\nTUL1;gammel;;\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]
