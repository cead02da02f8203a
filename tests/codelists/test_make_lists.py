"""The build script of the shipped lists, run on a few rows of the domain data (tests/fixtures/domain_data)."""

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from engine.codelists import Code, read_codelist

ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / "codelists" / "build" / "make_lists.py"
DATA = ROOT / "tests" / "fixtures" / "domain_data"


@pytest.fixture(scope="module")
def make_lists() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_lists", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(codes: list[Code]) -> list[tuple[str, str, str]]:
    return [(code.code, code.text, code.note) for code in codes]


def test_restores_danish_letters_word_by_word(make_lists: ModuleType) -> None:
    restore = make_lists.restore_danish_letters

    assert restore("Excision af patologisk vaev i hud og underhud paa hoved eller hals") == (
        "Excision af patologisk væv i hud og underhud på hoved eller hals",
        [("vaev", "væv"), ("paa", "på")],
    )
    assert restore("Subkutan mastektomi med bevarelse af papilla mammae") == (
        "Subkutan mastektomi med bevarelse af papilla mammae",
        [],
    )
    assert restore("Enkeltsidig lobektomi af skjoldbruskkirtel") == (
        "Enkeltsidig lobektomi af skjoldbruskkirtel",
        [],
    )


def test_an_unknown_transliterated_word_stops_the_build(make_lists: ModuleType) -> None:
    with pytest.raises(SystemExit, match="add 'haandled' to RESTORED_WORDS or KEPT_WORDS"):
        make_lists.restore_danish_letters("Amputation gennem haandled")


# -- each list from the data rows ------------------------------------------------------------------------
def test_diagnoser_are_sorted_and_db21_says_where_its_text_is_from(make_lists: ModuleType) -> None:
    db21 = "gyldig: nævnt i manualen (2023), mangler i SKS-tekstfilen (april 2024), tekst fra SKS-udtræk 2018"

    assert rows(make_lists.diagnoser(DATA)) == [
        ("DB211", "HIV-sygdom med Burkitts lymfom", db21),
        ("DC079", "Kræft i ørespytkirtel", ""),
        ("DC50", "Brystkræft", ""),
        ("DC509", "Brystkræft UNS", ""),
        ("DD050", "Lobulært carcinoma in situ i mamma", ""),
    ]


def test_sks_d_koder_leave_out_the_chapter_rows(make_lists: ModuleType) -> None:
    codes = [code.code for code in make_lists.sks_d_koder(DATA)]

    assert codes == ["DC079", "DC50", "DC509", "DD05", "DD050", "DD051", "DD056", "DD057", "DD059", "DD300"]


def test_laterality_adds_dd05_with_its_sub_codes_and_marks_what_is_not_notifiable(
    make_lists: ModuleType,
) -> None:
    dd05 = "udledt: brystkræft in situ (DD05*), ikke i 2004-reglen"

    assert rows(make_lists.laterality_diagnoser(DATA)) == [
        ("DC079", "Kræft i ørespytkirtel", ""),
        ("DC50", "Brystkræft", ""),
        ("DC509", "Brystkræft UNS", ""),
        ("DD05", "Carcinoma in situ i bryst", dd05),
        ("DD050", "Lobulært carcinoma in situ i mamma", dd05),
        ("DD051", "Intraduktalt carcinoma in situ i mamma", dd05),
        ("DD056", "Pagets sygdom i bryst (brystvorte)", dd05),
        ("DD057", "Carcinoma in situ med anden lokalisation i mamma", dd05),
        ("DD059", "Carcinoma in situ i mamma UNS", dd05),
        ("DD300", "Godartet tumor i nyre", "ikke anmeldelsespligtig, med i 2004-reglen"),
    ]


def test_lymphoma_sites_are_the_anatomical_t_codes(make_lists: ModuleType) -> None:
    assert rows(make_lists.lymfom_lokalisation(DATA)) == [
        ("T000146", "lymfeknude på hals", "foreløbig"),
        ("T000174", "lymfeknude i aksil", "foreløbig"),
        ("T001210", "mediastinum", "foreløbig"),
    ]


def test_operation_texts_are_restored_or_taken_from_kip(make_lists: ModuleType) -> None:
    assert rows(make_lists.operationskoder(DATA)) == [
        ("KHAC10", "Subkutan mastektomi med bevarelse af papilla mammae", ""),
        ("KHAC20", "Total mastektomi", ""),
        ("KJFB20", "Ileocækal resektion", "tekst fra KIP"),
        ("KJFB30", "Højresidig hemikolektomi", "tekst fra KIP"),
        (
            "KQAE10",
            "Excision af patologisk væv i hud og underhud på hoved eller hals",
            "æ/ø/å genskabt: vaev→væv, paa→på",
        ),
    ]


def test_a_restored_text_that_differs_from_kip_stops_the_build(
    make_lists: ModuleType, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    kip = data / "sks-fragment-kip.tsv"
    text = kip.read_text(encoding="utf-8")
    kip.write_text(text.replace("Højresidig hemikolektomi", "Højresidig kolektomi"), encoding="utf-8")

    with pytest.raises(SystemExit, match="KJFB30: restored 'Højresidig hemikolektomi' differs from KIP's"):
        make_lists.operationskoder(data)


# -- the command ------------------------------------------------------------------------------------------
def test_builds_the_named_lists_into_the_out_folder(
    make_lists: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["tnm_t", "tnm_n", "tnm_m", "lateralitet", "udbredelse"]

    assert make_lists.main(["--data", str(DATA), "--out", str(tmp_path), *names]) == 0

    assert sorted(path.stem for path in tmp_path.iterdir()) == sorted(names)
    assert f"{tmp_path / 'tnm_m.csv'}: 5 codes" in capsys.readouterr().out
    tnm_t = read_codelist(tmp_path / "tnm_t.csv")
    assert len(tnm_t.codes) == 26
    assert tnm_t.codes["AZCD16E"] == Code("AZCD16E", "cT4e: Primær tumors størrelse/udstrækning")
    assert tnm_t.codes["AZCD13A1"] == Code(
        "AZCD13A1",
        "cT1a1: Primær tumors størrelse/udstrækning",
        note="foreløbig tekst, koden findes i 2004-registerets kodeliste",
    )
    assert tnm_t.codes["AZCD11"].text == "cTa: Non-invasiv papillær tumor"
    assert [code.code for code in read_codelist(tmp_path / "tnm_m.csv")] == [
        "AZCD40",
        "AZCD41",
        "AZCD41A",
        "AZCD41B",
        "AZCD41C",
    ]
    assert rows(list(read_codelist(tmp_path / "lateralitet.csv"))) == [
        ("TUL1", "højresidig", ""),
        ("TUL2", "venstresidig", ""),
        ("TUL3", "dobbeltsidig", ""),
    ]


def test_data_that_is_not_what_the_lists_were_built_from_writes_nothing(
    make_lists: ModuleType, tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as stop:
        make_lists.main(["--data", str(DATA), "--out", str(tmp_path), "diagnoser"])

    assert stop.value.code == (
        "diagnoser: 5 codes, expected 1064: these data files are not the ones the lists were built from"
    )
    assert list(tmp_path.iterdir()) == []


def usage_error(make_lists: ModuleType, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The last line argparse writes for a usage error (exit status 2)."""
    with pytest.raises(SystemExit) as stop:
        make_lists.main(list(argv))
    assert stop.value.code == 2
    return capsys.readouterr().err.strip().splitlines()[-1]


def test_the_data_folder_must_be_given(make_lists: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        usage_error(make_lists, capsys)
        == "make_lists.py: error: the following arguments are required: --data"
    )


def test_a_data_folder_that_does_not_exist(
    make_lists: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere"

    assert usage_error(make_lists, capsys, "--data", str(missing)) == (
        f"make_lists.py: error: --data {missing}: no such folder"
    )


def test_a_data_folder_without_a_file_a_list_needs(
    make_lists: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    (tmp_path / "sks-fragment-kip.tsv").unlink()

    assert usage_error(
        make_lists, capsys, "--data", str(tmp_path), "--out", str(tmp_path), "tnm_t", "udbredelse"
    ) == (
        f"make_lists.py: error: --data {tmp_path} lacks sks-fragment-kip.tsv (for tnm_t). "
        "codelists/README.md says where each file comes from."
    )
    assert not (tmp_path / "udbredelse.csv").exists()  # nothing is built when a file is missing


def test_an_unknown_list_name(make_lists: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    error = usage_error(make_lists, capsys, "--data", str(DATA), "diagnose")

    assert error.startswith(
        "make_lists.py: error: unknown list diagnose; the lists are diagnoser, sks_d_koder,"
    )


def test_each_list_builds_from_the_data_files_it_names_alone(make_lists: ModuleType, tmp_path: Path) -> None:
    assert set(make_lists.LISTS) == set(make_lists.EXPECTED_COUNTS)
    for name, build in make_lists.LISTS.items():
        folder = tmp_path / name
        folder.mkdir()
        for file in build.needs:
            shutil.copy(DATA / file, folder / file)

        assert build.make(folder), name  # reading a file it does not name would fail here
