"""`indberet lint`: every problem of a spec at once, each with its line, word for word."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from engine.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "specs"
BROKEN = FIXTURES / "broken.yaml"


def run_lint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", "lint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_five_different_mistakes_are_all_reported_with_their_lines() -> None:
    result = run_lint(str(BROKEN), cwd=BROKEN.parent)
    problems = [line for line in result.stdout.splitlines() if line.startswith("broken.yaml:")]
    assert problems == [
        'broken.yaml:34:19: unknown code list "diagnoser" — known code lists: farver',
        'broken.yaml:40:32: the rule reads "diagnoes", which is not a field of this form — did you mean "diagnose"?',
        "broken.yaml:44:18: the fields' conditions and derived values depend on each other in a circle: a → b → a"
        " — break the circle: a field's condition or derived value may not depend on itself",
        'broken.yaml:49:9: duplicate key "label" (first on line 47) — remove or rename one of them; YAML keeps only one',
        'broken.yaml:53:20: unknown operator "inn" — did you mean "in"?',
    ]
    assert result.returncode == 1
    assert result.stderr == "5 problem(s)\n"


def test_each_problem_shows_its_source_line_and_a_caret() -> None:
    result = run_lint(str(BROKEN), cwd=BROKEN.parent)
    lines = result.stdout.splitlines()
    at = lines.index('broken.yaml:53:20: unknown operator "inn" — did you mean "in"?')
    assert lines[at + 1 : at + 3] == [
        "            required: {inn: [{var: a}, [x, y]]}",
        "                       ^",
    ]


def test_the_shipped_cancer_form_is_clean(capsys: object) -> None:
    assert main(["lint"]) == 0


def test_a_yaml_syntax_error_is_a_spec_problem_with_its_line(tmp_path: Path) -> None:
    spec = tmp_path / "syntax.yaml"
    spec.write_text("form:\n  id: x\n  title: [unclosed\nsections: []\n", encoding="utf-8")
    result = run_lint(str(spec), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("syntax.yaml:4:9: YAML syntax error: ")
    assert "Traceback" not in result.stderr


def test_a_file_that_cannot_be_read_exits_2(tmp_path: Path) -> None:
    result = run_lint(str(tmp_path / "missing.yaml"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("indberet: missing.yaml: cannot read the file: ")


def test_a_directory_cannot_be_read(tmp_path: Path) -> None:
    result = run_lint(str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2


def test_a_file_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    spec = tmp_path / "latin1.yaml"
    spec.write_bytes("form:\n  title: Fejlbehæftet\n".encode("latin-1"))
    result = run_lint(str(spec), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("latin1.yaml:1:1: the file is not UTF-8: ")
