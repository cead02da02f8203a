"""`indberet codelists import`: replace or extend a form's code list from a code;text export."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "codelists"


def copy_form(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "forms", tmp_path / "forms")
    shutil.copytree(ROOT / "codelists", tmp_path / "codelists", ignore=shutil.ignore_patterns("build"))
    return tmp_path / "forms" / "cancer.yaml"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", "codelists", "import", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def codes(path: Path) -> list[str]:
    return [line.split(";", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def test_the_shipped_latin1_fixture_changes_nothing_in_the_operation_codes(tmp_path: Path) -> None:
    form = copy_form(tmp_path)
    target = tmp_path / "codelists" / "operationskoder.csv"
    before = target.read_bytes()
    result = run(
        str(FIXTURES / "eksport_latin1.tsv"),
        "--list",
        "operationskoder",
        "--extend",
        "--form",
        str(form),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout == "operationskoder: 0 added, 0 changed, 0 removed (56 codes in operationskoder.csv)\n"
    )
    assert target.read_bytes() == before


def test_a_latin1_tsv_export_with_header_extends_a_list(tmp_path: Path) -> None:
    form = copy_form(tmp_path)
    export = tmp_path / "export.tsv"
    export.write_bytes(
        "Kode\tTekst\nKJFB30\tHøjresidig hemikolektomi, åben\nKJFB99\tAnden tyktarmsresektion\n".encode(
            "latin-1"
        )
    )
    target = tmp_path / "codelists" / "operationskoder.csv"
    before = codes(target)
    result = run(str(export), "--list", "operationskoder", "--extend", "--form", str(form), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout == "operationskoder: 1 added, 1 changed, 0 removed (57 codes in operationskoder.csv)\n"
    )
    assert codes(target) == [*before, "KJFB99"]
    text = target.read_text(encoding="utf-8")
    assert (
        "KJFB30;Højresidig hemikolektomi, åben" in text or 'KJFB30;"Højresidig hemikolektomi, åben"' in text
    )


def test_a_utf8_csv_without_header_replaces_a_list(tmp_path: Path) -> None:
    form = copy_form(tmp_path)
    target = tmp_path / "codelists" / "laterality_diagnoser.csv"
    result = run(
        str(FIXTURES / "eksport_utf8_uden_header.csv"),
        "--list",
        "laterality_diagnoser",
        "--form",
        str(form),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert codes(target) == ["DC50", "DC500", "DC509"]
    assert result.stdout.endswith("(3 codes in laterality_diagnoser.csv)\n")
    assert "removed" in result.stdout


def test_a_file_that_does_not_parse_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    form = copy_form(tmp_path)
    target = tmp_path / "codelists" / "diagnoser.csv"
    before = target.read_bytes()
    result = run(str(FIXTURES / "eksport_fejl.csv"), "--list", "diagnoser", "--form", str(form), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("indberet: ")
    assert "diagnoser.csv is unchanged" in result.stderr
    assert "eksport_fejl.csv:3" in result.stderr  # every problem with its line
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == before


def test_an_unknown_list_name(tmp_path: Path) -> None:
    form = copy_form(tmp_path)
    result = run(
        str(FIXTURES / "eksport_latin1.tsv"), "--list", "diagnosser", "--form", str(form), cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.startswith(
        "indberet: the form has no code list 'diagnosser'; known: ann_arbor, behandlinger"
    )


def test_a_missing_file(tmp_path: Path) -> None:
    form = copy_form(tmp_path)
    result = run(str(tmp_path / "findes-ikke.csv"), "--list", "diagnoser", "--form", str(form), cwd=tmp_path)
    assert result.returncode == 2
    assert "findes-ikke.csv" in result.stderr
    assert "Traceback" not in result.stderr
