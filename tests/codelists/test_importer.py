import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from engine.codelists.csvfile import read_codelist, write_codelist
from engine.codelists.importer import (
    ImportReport,
    decode_export,
    has_header,
    import_codelist,
    import_sks,
    looks_like_skscomplete,
    read_export,
    sniff_separator,
)
from engine.codelists.list_problems import CodeListError, CodeListProblem
from engine.codelists.model import Code

FIXTURES = Path(__file__).parents[1] / "fixtures" / "codelists"
LATIN1_TSV = FIXTURES / "eksport_latin1.tsv"
UTF8_CSV = FIXTURES / "eksport_utf8_uden_header.csv"
BROKEN = FIXTURES / "eksport_fejl.csv"
SKS = FIXTURES / "SKScomplete_udsnit.txt"


def texts(path: Path) -> list[tuple[str, str]]:
    return [(code.code, code.text) for code in read_codelist(path)]


def shown(problems: Sequence[CodeListProblem]) -> list[str]:
    """Problems as the CLI shows them, but with the bare file name, whatever the working directory."""
    return [(line := str(p))[line.index(p.path.name) :] for p in problems]


def test_imports_a_latin1_tsv_export_with_a_header_into_a_new_list(tmp_path: Path) -> None:
    target = tmp_path / "operationskoder.csv"

    report = import_codelist(LATIN1_TSV, target)

    assert report == ImportReport(added=3, changed=0, removed=0, total=3)
    assert texts(target) == [
        ("KJFB30", "Højresidig hemikolektomi"),
        ("KJFB43", "Venstresidig hemikolektomi"),
        ("KQAE10", "Excision af patologisk væv i hud og underhud på hoved eller hals"),
    ]


def test_imports_a_utf8_csv_without_a_header(tmp_path: Path) -> None:
    target = tmp_path / "diagnoser.csv"

    import_codelist(UTF8_CSV, target)

    assert texts(target) == [
        ("DC50", "Brystkræft"),
        ("DC500", "Kræft i brystvorte, areola mammae"),
        ("DC509", "Brystkræft UNS"),
    ]


def test_replace_makes_the_list_the_source_and_keeps_dates_and_notes(tmp_path: Path) -> None:
    target = tmp_path / "diagnoser.csv"
    write_codelist(
        [
            Code("DC509", "Brystkræft, uspec.", date(1994, 1, 1), None, "ret tekst"),
            Code("DC50", "Brystkræft"),
            Code("DC99", "Udgået kode"),
        ],
        target,
    )

    report = import_codelist(UTF8_CSV, target, mode="replace")

    assert report == ImportReport(added=1, changed=1, removed=1, total=3)
    assert str(report) == "1 added, 1 changed, 1 removed, 3 codes in the list"
    assert list(read_codelist(target)) == [
        Code("DC50", "Brystkræft"),
        Code("DC500", "Kræft i brystvorte, areola mammae"),
        Code("DC509", "Brystkræft UNS", date(1994, 1, 1), None, "ret tekst"),
    ]


def test_extend_keeps_every_code_and_appends_new_ones(tmp_path: Path) -> None:
    target = tmp_path / "diagnoser.csv"
    write_codelist([Code("DC99", "Lokal kode"), Code("DC509", "Brystkræft, uspec.")], target)

    report = import_codelist(UTF8_CSV, target, mode="extend")

    assert report == ImportReport(added=2, changed=1, removed=0, total=4)
    assert [code.code for code in read_codelist(target)] == ["DC99", "DC509", "DC50", "DC500"]


def test_a_broken_export_is_refused_with_all_its_problems_and_the_list_is_untouched(tmp_path: Path) -> None:
    target = tmp_path / "diagnoser.csv"
    write_codelist([Code("DC50", "Brystkræft")], target)
    before = target.read_bytes()

    with pytest.raises(CodeListError) as caught:
        import_codelist(BROKEN, target)

    assert shown(caught.value.problems) == [
        'eksport_fejl.csv:3: only one column: "DC509" — each row needs a code and its text, separated by ";"',
        'eksport_fejl.csv:4: code "DC 509" may hold only capital letters A–Z and digits'
        ' — write it as "DC509"',
        'eksport_fejl.csv:5: code "DC50" appears again with another text (first on line 2: "Brystkræft")'
        " — keep one of the rows",
        'eksport_fejl.csv:6: code "dc501" may hold only capital letters A–Z and digits — write it as "DC501"',
        'eksport_fejl.csv:7: code "DC502" has no text — write the text users see in the pick list',
    ]
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diagnoser.csv"]


def test_a_file_without_codes_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "tom.csv"
    source.write_text("Kode;Tekst\n\n", encoding="utf-8")

    with pytest.raises(CodeListError) as caught:
        import_codelist(source, tmp_path / "x.csv")

    assert shown(caught.value.problems) == [
        "tom.csv:1: the file holds no codes — export the list with one code and its text per row"
    ]
    assert not (tmp_path / "x.csv").exists()


def test_extra_columns_need_a_header_and_are_ignored(tmp_path: Path) -> None:
    with_header = tmp_path / "a.csv"
    with_header.write_text("code;text;valid_from;valid_to\nTUL1;højresidig;;\n", encoding="utf-8")
    without = tmp_path / "b.csv"
    without.write_text("TUL1,Kræft i skulderblad, lange knogler\nTUL2,venstresidig\n", encoding="utf-8")

    assert read_export(with_header) == [Code("TUL1", "højresidig")]
    with pytest.raises(CodeListError) as caught:
        read_export(without)
    assert shown(caught.value.problems) == [
        'b.csv:1: expected 2 fields, found 3 — quote a text that holds the separator ",",'
        " or remove the extra field"
    ]


def test_the_same_code_twice_with_the_same_text_is_taken_once(tmp_path: Path) -> None:
    source = tmp_path / "x.tsv"
    source.write_text("TUL1\thøjresidig\t\t\nTUL1\thøjresidig\n  TUL2 \t venstresidig \n", encoding="utf-8")

    assert read_export(source) == [Code("TUL1", "højresidig"), Code("TUL2", "venstresidig")]


def test_decoding_tries_utf8_then_windows_1252_then_latin1() -> None:
    assert decode_export("\ufeffTUL1;højresidig".encode()) == "TUL1;højresidig"
    assert decode_export("BWHA;Kemo – fase 2".encode("cp1252")) == "BWHA;Kemo – fase 2"
    assert decode_export("TUL1;højresidig".encode("latin-1")) == "TUL1;højresidig"
    assert decode_export(b"X;\x81") == "X;\x81"  # undefined in Windows-1252: Latin-1 takes it


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("DC50\tBrystkræft; UNS\nDC509\tA\n", "\t"),
        ("DC50;Kræft i skulderblad, lange knogler\nDC509;A\n", ";"),
        ('DC50,"Brystkræft; UNS"\nDC509,A\n', ","),
        ("kode;tekst\nDC50;A\nDC509\n", ";"),
        ("DC50\n", ";"),
    ],
)
def test_the_separator_is_the_first_that_splits_every_row_alike(text: str, separator: str) -> None:
    assert sniff_separator(text) == separator


@pytest.mark.parametrize(
    ("first_cell", "header"),
    [
        ("Kode", True),
        ("CODE", True),
        ("ICD-10", True),
        ("SKS kode", True),
        ("Diagnosekode", True),
        ("Beskrivelse", False),  # could be a code in capitals; a code column comes first anyway
        ("DC509", False),
        ("BWG", False),
        ("dc509", False),  # taken as data and reported, never dropped as a header
    ],
)
def test_header_detection(first_cell: str, header: bool) -> None:
    assert has_header([first_cell, "tekst"]) is header


def test_an_unknown_mode_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match='mode must be "replace" or "extend", not \'merge\''):
        import_codelist(UTF8_CSV, tmp_path / "x.csv", mode="merge")  # type: ignore[arg-type]


def test_imports_sks_codes_with_a_prefix_collapsing_their_history(tmp_path: Path) -> None:
    target = tmp_path / "sks_d_koder.csv"

    report = import_sks(SKS, target, prefix="D")

    assert report == ImportReport(added=4, changed=0, removed=0, total=4)
    assert list(read_codelist(target)) == [
        Code("DC50", "Brystkræft", date(1994, 1, 1), None),
        Code("DC509", "Brystkræft UNS", date(1994, 1, 1), None),
        Code("DB211", "HIV-sygdom med Burkitts lymfom", date(1994, 1, 1), date(2019, 1, 1)),
        Code("DD050", "Lobulært carcinoma in situ i mamma", date(1994, 1, 1), None),
    ]


def test_sks_import_narrows_with_patterns_and_fills_only_empty_dates(tmp_path: Path) -> None:
    target = tmp_path / "diagnoser.csv"
    write_codelist(
        [Code("DB211", "HIV med Burkitt", None, None, "manualen"), Code("DC509", "x", date(2000, 1, 1))],
        target,
    )

    report = import_sks(SKS, target, prefix="D", include=["DB211-DB213", "DC50*"], mode="extend")

    assert report == ImportReport(added=1, changed=2, removed=0, total=3)
    assert list(read_codelist(target)) == [
        Code("DB211", "HIV-sygdom med Burkitts lymfom", date(1994, 1, 1), date(2019, 1, 1), "manualen"),
        Code("DC509", "Brystkræft UNS", date(2000, 1, 1), None),
        Code("DC50", "Brystkræft", date(1994, 1, 1), None),
    ]


def test_other_sks_groups_by_their_prefix(tmp_path: Path) -> None:
    import_sks(SKS, tmp_path / "tnm_t.csv", prefix="AZCD1")

    assert texts(tmp_path / "tnm_t.csv") == [("AZCD13", "cT1: Primær tumors størrelse/udstrækning")]


def test_a_prefix_without_codes_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CodeListError) as caught:
        import_sks(SKS, tmp_path / "x.csv", prefix="dc")

    assert shown(caught.value.problems) == [
        'SKScomplete_udsnit.txt:1: no code starts with "dc" — check the prefix: SKS codes start with a'
        " capital letter (D diagnoses, K operations, AZC…)"
    ]


def test_a_file_that_is_not_skscomplete_is_refused_at_its_first_line(tmp_path: Path) -> None:
    with pytest.raises(CodeListError) as caught:
        import_sks(UTF8_CSV, tmp_path / "x.csv", prefix="D")

    assert shown(caught.value.problems) == [
        "eksport_utf8_uden_header.csv:1: the line is not an SKScomplete.txt record (15 characters, at least"
        " 47 expected) — give the SKScomplete.txt file of Sundhedsdatastyrelsen, unchanged"
    ]


def test_bad_sks_records_are_all_reported(tmp_path: Path) -> None:
    source = tmp_path / "SKScomplete.txt"
    good = SKS.read_bytes().splitlines(keepends=True)
    bad_date = good[1].replace(b"20190101", b"2019XX01", 1)
    shutil.copy(SKS, source)
    source.write_bytes(good[0] + bad_date + b"diaDC51\r\n" + good[2])

    with pytest.raises(CodeListError) as caught:
        import_sks(source, tmp_path / "x.csv", prefix="DC")

    assert shown(caught.value.problems) == [
        "SKScomplete.txt:2: the line is not an SKScomplete.txt record"
        ' ("2019XX01" in columns 40–47 is not a date)'
        " — give the SKScomplete.txt file of Sundhedsdatastyrelsen, unchanged",
        "SKScomplete.txt:3: the line is not an SKScomplete.txt record (7 characters, at least 47 expected)"
        " — give the SKScomplete.txt file of Sundhedsdatastyrelsen, unchanged",
    ]


def test_an_skscomplete_file_is_told_from_an_export() -> None:
    assert looks_like_skscomplete(SKS)
    assert [looks_like_skscomplete(path) for path in (LATIN1_TSV, UTF8_CSV, BROKEN)] == [False, False, False]


def test_skscomplete_given_as_an_export_is_sent_to_the_sks_import(tmp_path: Path) -> None:
    with pytest.raises(CodeListError) as caught:
        import_codelist(SKS, tmp_path / "x.csv")

    assert shown(caught.value.problems) == [
        "SKScomplete_udsnit.txt:1: the file is SKScomplete.txt, not a code;text export — import it with the"
        " prefix of the codes to keep: indberet codelists import FILE --list NAME --sks-prefix D"
    ]
