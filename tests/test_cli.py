"""The ``indberet`` command (engine/cli.py), run for real: ``validate``, ``lint`` and ``codelists import``.

``indberet validate`` is a contract hospital systems rely on:

- ``indberet validate FILE…`` prints one JSON object per payload, one per line, with at least ``valid``,
  ``errors``, ``warnings`` and ``derived``; each error has ``field``, ``rule``, ``manual`` and ``message``.
- ``-`` reads JSON Lines from standard input: one result per non-blank line, in order.
- Exit status: 0 when every payload is valid (warnings allowed), 1 when any has errors, 2 when any input is
  not readable, not JSON or not a JSON object – 2 wins over 1. The other inputs are still judged; an unusable
  input gets ``valid: false`` and one error with field ``""``, and a message naming the file or line goes to
  standard error.
- No FILE and no ``-``: usage on standard error, exit 2.
- No input, however broken, gives a Python traceback.

The command judges with a small form of these tests (``--form``); that the default is the shipped form is
checked by comparing the two, not by repeating what the cancer form says.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from engine.form import default_form_path
from tests.cli import run_indberet
from tests.conftest import write_spec

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

# Standard streams as under a UTF-8 locale such as da_DK.UTF-8: strict UTF-8, no surrogate escapes.
UTF8_LOCALE = {**os.environ, "PYTHONIOENCODING": "utf-8"}
# Standard streams as under the C locale: Python reads and writes undecodable bytes as surrogates.
C_LOCALE = {key: value for key, value in os.environ.items() if key not in ("PYTHONIOENCODING", "PYTHONUTF8")}
C_LOCALE.update(LC_ALL="C", LANG="C")

Result = dict[str, Any]

COLOURS = "ROD;Rød;;\nBLA;Blå;;\nGUL;Gul;;\n"

# A CPR number, a mandatory text, a code whose value derives another, a list of codes, and a group whose
# items have a mandatory date: every part of the result line has something to show.
SMALL_FORM = """
sections:
  - id: s
    title: S
    fields:
      - {id: cpr, type: cpr, label: CPR, manual: W04, required: true}
      - {id: navn, type: text, label: Navn, manual: F01, required: true}
      - {id: dato, type: date, label: Dato}
      - {id: farve, type: code, label: Farve, manual: F02, codelist: farver}
      - id: nuance
        type: code
        label: Nuance
        codelist: farver
        derive: {if: [{"==": [{var: farve}, BLA]}, ROD, null]}
      - {id: flere, type: codes, label: Flere, codelist: farver}
      - id: ting
        type: group
        label: Ting
        manual: F03
        fields:
          - {id: kode, type: code, label: Kode, codelist: farver, required: true}
          - {id: dag, type: date, label: Dag, required: true}
"""

VALID_PAYLOAD: dict[str, Any] = {"cpr": "120355-1009", "navn": "Jens", "farve": "ROD"}
DERIVING_PAYLOAD: dict[str, Any] = {"cpr": "150772-2004", "navn": "Karen", "farve": "BLA"}


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_spec(tmp_path_factory.mktemp("form"), SMALL_FORM, {"farver": COLOURS})


@pytest.fixture(scope="module")
def payloads(form: Path) -> tuple[Path, Path]:
    """A valid payload, and one whose Nuance is derived, as files."""
    valid, deriving = form.parent / "gyldig.json", form.parent / "afledt.json"
    valid.write_text(json.dumps(VALID_PAYLOAD), encoding="utf-8")
    deriving.write_text(json.dumps(DERIVING_PAYLOAD), encoding="utf-8")
    return valid, deriving


def indberet(
    *args: str | Path,
    stdin: bytes | str = b"",
    cwd: Path = ROOT,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return run_indberet(*args, stdin=stdin, cwd=cwd, env=env, timeout=120)


def validating(form: Path, *args: str | Path, **options: Any) -> subprocess.CompletedProcess[bytes]:
    """``indberet validate --form FORM ARGS``."""
    return indberet("validate", "--form", form, *args, **options)


def results(done: subprocess.CompletedProcess[bytes]) -> list[Result]:
    """The result lines: UTF-8, one JSON object each, never a traceback on standard error."""
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    lines = done.stdout.decode("utf-8").splitlines()  # UnicodeDecodeError here: output is not UTF-8
    parsed = [json.loads(line) for line in lines]
    assert all(isinstance(result, dict) for result in parsed)
    return parsed


def stderr(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stderr.decode("utf-8", "replace")


def payload_line(**changes: Any) -> str:
    payload = {**VALID_PAYLOAD, **changes}
    return json.dumps({key: value for key, value in payload.items() if value is not None}, ensure_ascii=False)


def unusable(result: Result, rule: str) -> None:
    """An input that is not a payload: invalid, one error with field "" naming why."""
    assert result["valid"] is False
    assert [(e["field"], e["rule"]) for e in result["errors"]] == [("", rule)]
    assert result["errors"][0]["message"]


# -- the output -------------------------------------------------------------------------------------------
def test_one_json_object_per_file_per_line_with_the_contract_keys(
    form: Path, payloads: tuple[Path, Path]
) -> None:
    done = validating(form, *payloads)
    first, second = results(done)
    for result in (first, second):
        assert {"valid", "errors", "warnings", "derived"} <= result.keys()
        assert result["valid"] is True and result["errors"] == [] and result["warnings"] == []
    assert first["derived"] == {}
    assert second["derived"] == {"nuance": "ROD"}
    assert done.returncode == 0
    assert done.stderr == b""


def test_an_error_has_field_rule_manual_and_message(form: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(payload_line(navn=None, ting=[{"kode": "ROD"}]), encoding="utf-8")
    done = validating(form, bad)
    (result,) = results(done)
    assert result["valid"] is False
    assert [{key: e[key] for key in ("field", "rule", "manual", "message")} for e in result["errors"]] == [
        {"field": "navn", "rule": "navn.required", "manual": "F01", "message": "required Navn"},
        {"field": "ting[0].dag", "rule": "dag.required", "manual": "F03", "message": "required Dag"},
    ]
    assert done.returncode == 1
    assert done.stderr == b""  # a judged payload is a result, not a problem of the input


def test_warnings_alone_exit_0(form: Path) -> None:
    done = validating(form, "-", stdin=payload_line(cpr="020329-1WQ3") + "\n")
    (result,) = results(done)
    assert result["valid"] is True
    assert [(w["field"], w["rule"], w["manual"]) for w in result["warnings"]] == [
        ("cpr", "cpr.cpr_substitute", "W04")
    ]
    assert done.returncode == 0


# -- JSON Lines on standard input -------------------------------------------------------------------------
def test_stdin_gives_one_result_per_non_blank_line_in_order(form: Path) -> None:
    lines = [payload_line(), "", "   ", payload_line(navn=None), json.dumps(DERIVING_PAYLOAD), ""]
    done = validating(form, "-", stdin="\n".join(lines) + "\n")
    first, second, third = results(done)
    assert (first["valid"], second["valid"], third["valid"]) == (True, False, True)
    assert [e["field"] for e in second["errors"]] == ["navn"]
    assert third["derived"] == {"nuance": "ROD"}
    assert done.returncode == 1


def test_stdin_without_a_trailing_newline_and_crlf_lines(form: Path) -> None:
    done = validating(form, "-", stdin=payload_line() + "\r\n" + payload_line())
    assert [r["valid"] for r in results(done)] == [True, True]
    assert done.returncode == 0


def test_empty_stdin_gives_no_results_and_exit_0(form: Path) -> None:
    done = validating(form, "-", stdin="\n\n")
    assert results(done) == []
    assert done.returncode == 0


def test_files_and_stdin_together_in_the_order_given(form: Path, payloads: tuple[Path, Path]) -> None:
    valid, deriving = payloads
    done = validating(form, deriving, "-", valid, stdin=payload_line(farve="LILLA") + "\n")
    derived, from_stdin, judged = results(done)
    assert derived["derived"] == {"nuance": "ROD"}
    assert from_stdin["valid"] is False
    assert judged["valid"] is True
    assert done.returncode == 1


# -- unusable inputs: exit 2, the others still judged -----------------------------------------------------
def test_a_line_that_is_not_json_exits_2_and_the_other_lines_are_judged(form: Path) -> None:
    stdin = "\n".join([payload_line(navn=None), "", '{"cpr": "120355-1009",', payload_line()]) + "\n"
    done = validating(form, "-", stdin=stdin)
    invalid, broken, valid = results(done)
    assert invalid["valid"] is False and invalid["errors"][0]["field"] == "navn"
    unusable(broken, "not_json")
    assert valid["valid"] is True
    assert done.returncode == 2  # 2 wins over 1
    assert "<stdin>:3" in stderr(done)  # the physical line, blank lines counted


@pytest.mark.parametrize(
    ("text", "actual"),
    [("[]", "array"), ('"DC509"', "string"), ("42", "number"), ("null", "null"), ("true", "boolean")],
)
def test_a_json_value_that_is_not_an_object_exits_2(form: Path, text: str, actual: str) -> None:
    done = validating(form, "-", stdin=text + "\n")
    (result,) = results(done)
    unusable(result, "not_object")
    assert result["errors"][0]["message"] == f"not_object {actual}"
    assert done.returncode == 2
    assert "<stdin>:1" in stderr(done)


def test_a_missing_file_exits_2_names_the_file_and_the_others_are_judged(
    form: Path, payloads: tuple[Path, Path], tmp_path: Path
) -> None:
    missing = tmp_path / "findes-ikke.json"
    done = validating(form, payloads[0], missing, payloads[1])
    valid, gone, deriving = results(done)
    assert valid["valid"] is True and deriving["valid"] is True
    unusable(gone, "not_readable")
    assert done.returncode == 2
    assert "findes-ikke.json" in stderr(done)


def test_a_file_that_is_not_an_object_or_not_json_exits_2(form: Path, tmp_path: Path) -> None:
    (tmp_path / "liste.json").write_text("[" + payload_line() + "]", encoding="utf-8")
    (tmp_path / "tom.json").write_text("", encoding="utf-8")
    (tmp_path / "bad.json").write_text(payload_line(navn=None), encoding="utf-8")
    done = validating(form, "liste.json", "tom.json", "bad.json", cwd=tmp_path)
    liste, tom, bad = results(done)
    unusable(liste, "not_object")
    unusable(tom, "not_json")
    assert bad["valid"] is False and bad["errors"][0]["rule"] == "navn.required"
    assert done.returncode == 2
    assert "liste.json" in stderr(done) and "tom.json" in stderr(done)


def test_a_jsonl_file_is_read_as_json_lines(form: Path, tmp_path: Path) -> None:
    lines = tmp_path / "skemaer.jsonl"
    lines.write_text(payload_line() + "\n\n" + payload_line(cpr="abc") + "\nnot json\n", encoding="utf-8")
    done = validating(form, lines)
    valid, bad_cpr, broken = results(done)
    assert valid["valid"] is True
    assert bad_cpr["errors"][0]["rule"] == "cpr.cpr_format"
    unusable(broken, "not_json")
    assert done.returncode == 2
    assert "skemaer.jsonl:4" in stderr(done)


def test_no_file_and_no_dash_prints_usage_and_exits_2() -> None:
    done = indberet("validate")
    assert done.returncode == 2
    assert done.stdout == b""
    assert "usage" in stderr(done).lower()
    assert "Traceback" not in stderr(done)


# -- garbage never gives a traceback ----------------------------------------------------------------------
def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


EVERY_FIELD_WRONG = {  # one wrong type for each field of the small form
    "cpr": 1203551009,
    "navn": ["Jens"],
    "dato": 20240304,
    "farve": {"kode": "ROD"},
    "nuance": 2.5,
    "flere": "ROD",
    "ting": "ROD",
}

# (name, one input line as bytes, the exit status the contract gives it; None: 1 or 2 will do)
GARBAGE: list[tuple[str, bytes, int | None]] = [
    ("binary bytes", b"\x00\x01\xff\xfe\x80garbage\x9f", 2),
    ("invalid UTF-8 inside a JSON string", b'{"cpr": "\xff\xfe"}', 2),
    ("NaN", b'{"cpr": NaN}', 2),
    ("Infinity", b'{"farve": -Infinity}', 2),
    ("duplicate keys", b'{"cpr": "120355-1009", "cpr": "150772-2004"}', 2),
    ("nesting 100,000 deep", _deep(100_000).encode(), 2),
    ("nesting 100,000 deep inside a field", b'{"ting": ' + _deep(100_000).encode() + b"}", 2),
    ("every field of the wrong type", json.dumps(EVERY_FIELD_WRONG).encode(), 1),
    ("a list where an object is expected in a group", b'{"ting": [["ROD", "2024-04-15"], 7]}', 1),
    ("a lone surrogate escape in a string", b'{"cpr": "\\udcff", "farve": "RO\\ud800"}', None),
    ("a control character escape", b'{"navn": "\\u0000\\u001b[31m"}', 1),
    ("nesting 600 deep inside a field", b'{"cpr": ' + _deep(600).encode() + b"}", 1),
    ("nesting 600 deep in an unknown key", b'{"x": ' + _deep(600).encode() + b"}", 1),
    ("nesting 600 deep in an item", b'{"ting": [{"kode": ' + _deep(600).encode() + b"}]}", 1),
]


@pytest.fixture(scope="module")
def garbage_runs(form: Path) -> dict[str, subprocess.CompletedProcess[bytes]]:
    """Each garbage line in its own ``indberet validate -``, the processes run side by side (it is faster)."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        runs = {
            name: pool.submit(validating, form, "-", stdin=line + b"\n", env=UTF8_LOCALE)
            for name, line, _status in GARBAGE
        }
        return {name: run.result() for name, run in runs.items()}


@pytest.mark.parametrize(("name", "status"), [(g[0], g[2]) for g in GARBAGE], ids=[g[0] for g in GARBAGE])
def test_garbage_gives_a_result_line_never_a_traceback(
    garbage_runs: dict[str, subprocess.CompletedProcess[bytes]], name: str, status: int | None
) -> None:
    done = garbage_runs[name]
    (result,) = results(done)
    assert result["valid"] is False
    if status == 2:
        assert result["errors"][0]["field"] == ""
        assert "<stdin>:1" in stderr(done)
    assert done.returncode == status if status is not None else done.returncode in (1, 2)


def test_garbage_lines_together_under_the_c_locale(form: Path) -> None:
    """Every garbage line in one stream: one result each, in order, and the unusable ones exit 2."""
    done = validating(form, "-", stdin=b"\n".join(g[1] for g in GARBAGE) + b"\n", env=C_LOCALE)
    judged = results(done)
    assert len(judged) == len(GARBAGE)
    for (name, _line, status), result in zip(GARBAGE, judged, strict=True):
        assert result["valid"] is False, name
        if status is not None:
            assert (result["errors"][0]["field"] == "") is (status == 2), name
    assert done.returncode == 2


def test_huge_numbers_are_judged_or_refused_never_a_traceback(form: Path) -> None:
    lines = [
        b'{"cpr": 1e999999}',
        b'{"cpr": -1e999999, "navn": 123456789012345678901234567890}',
        b'{"dato": ' + b"9" * 100_000 + b"}",
    ]
    done = validating(form, "-", stdin=b"\n".join(lines) + b"\n", env=UTF8_LOCALE)
    judged = results(done)
    assert len(judged) == 3
    assert all(result["valid"] is False for result in judged)
    assert judged[0]["errors"][0]["field"] == "cpr"
    assert done.returncode in (1, 2)


def test_every_wrong_typed_field_has_an_error_of_its_own(form: Path) -> None:
    done = validating(form, "-", stdin=json.dumps(EVERY_FIELD_WRONG) + "\n")
    (result,) = results(done)
    fields_with_errors = {e["field"].split("[")[0] for e in result["errors"]}
    assert fields_with_errors >= set(EVERY_FIELD_WRONG)
    assert done.returncode == 1


def test_every_field_of_the_form_is_given_a_wrong_type_above(tmp_path: Path) -> None:
    """So that »every field« above stays true when the small form grows."""
    from engine.form import load_form

    spec = load_form(write_spec(tmp_path, SMALL_FORM, {"farver": COLOURS})).spec
    assert set(EVERY_FIELD_WRONG) == {f.id for f in spec.fields}


# -- the form: default and --form, from any working directory ---------------------------------------------
def test_the_default_form_is_the_shipped_one_from_any_working_directory(tmp_path: Path) -> None:
    """Without --form the command judges as with the shipped form named: the same lines, from elsewhere."""
    stdin = "{}\n" + json.dumps({"ukendt": 1}) + "\n"
    by_default = indberet("validate", "-", cwd=tmp_path, stdin=stdin)
    named = indberet("validate", "--form", default_form_path(), "-", cwd=tmp_path, stdin=stdin)
    assert by_default.stdout == named.stdout
    empty, unknown = results(by_default)
    assert empty["errors"] and "ukendt" in [e["field"] for e in unknown["errors"]]  # something was judged
    assert by_default.returncode == named.returncode == 1


def test_form_option_from_another_working_directory(form: Path, tmp_path: Path) -> None:
    relative = os.path.relpath(form, tmp_path)
    for given in (str(form), relative):
        done = indberet("validate", "--form", given, "-", cwd=tmp_path, stdin=payload_line() + "\n")
        assert [r["valid"] for r in results(done)] == [True], given
        assert done.returncode == 0


def test_form_option_uses_that_form(form: Path, tmp_path: Path) -> None:
    """A copy of the form whose derived value is changed gives the copy's value: --form is obeyed."""
    copy = write_spec(
        tmp_path, SMALL_FORM.replace("BLA]}, ROD, null", "BLA]}, GUL, null"), {"farver": COLOURS}
    )
    for used, expected in ((form, "ROD"), (copy, "GUL")):
        done = validating(used, "-", stdin=json.dumps(DERIVING_PAYLOAD) + "\n")
        (result,) = results(done)
        assert result["derived"] == {"nuance": expected}


def test_a_missing_form_exits_2_with_a_message(tmp_path: Path) -> None:
    done = indberet("validate", "--form", "findes-ikke.yaml", "-", cwd=tmp_path, stdin="{}\n")
    assert done.returncode == 2
    assert "findes-ikke.yaml" in stderr(done)
    assert "Traceback" not in stderr(done)


# -- indberet lint ----------------------------------------------------------------------------------------
BROKEN_SPEC = FIXTURES / "specs" / "broken.yaml"


def run_module(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m engine.cli ARGS`` as text."""
    return subprocess.run(
        [sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_lint_reports_five_different_mistakes_all_with_their_lines() -> None:
    result = run_module("lint", str(BROKEN_SPEC), cwd=BROKEN_SPEC.parent)
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


def test_lint_shows_each_problems_source_line_and_a_caret() -> None:
    result = run_module("lint", str(BROKEN_SPEC), cwd=BROKEN_SPEC.parent)
    lines = result.stdout.splitlines()
    at = lines.index('broken.yaml:53:20: unknown operator "inn" — did you mean "in"?')
    assert lines[at + 1 : at + 3] == [
        "            required: {inn: [{var: a}, [x, y]]}",
        "                       ^",
    ]


def test_lint_of_a_clean_form_exits_0(form: Path) -> None:
    result = run_module("lint", str(form))
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.endswith("form.yaml: no problems\n")


def test_lint_takes_the_shipped_form_by_default() -> None:
    by_default = run_module("lint")
    named = run_module("lint", str(default_form_path()))
    assert (by_default.stdout, by_default.returncode) == (named.stdout, named.returncode)


def test_a_yaml_syntax_error_is_a_spec_problem_with_its_line(tmp_path: Path) -> None:
    spec = tmp_path / "syntax.yaml"
    spec.write_text("form:\n  id: x\n  title: [unclosed\nsections: []\n", encoding="utf-8")
    result = run_module("lint", str(spec), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("syntax.yaml:4:9: YAML syntax error: ")
    assert "Traceback" not in result.stderr


def test_a_file_that_cannot_be_read_exits_2(tmp_path: Path) -> None:
    result = run_module("lint", str(tmp_path / "missing.yaml"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("indberet: missing.yaml: cannot read the file: ")


def test_a_directory_cannot_be_read(tmp_path: Path) -> None:
    result = run_module("lint", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2


def test_a_file_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    spec = tmp_path / "latin1.yaml"
    spec.write_bytes("form:\n  title: Fejlbehæftet\n".encode("latin-1"))
    result = run_module("lint", str(spec), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("latin1.yaml:1:1: the file is not UTF-8: ")


# -- indberet codelists import ----------------------------------------------------------------------------
EXPORTS = FIXTURES / "codelists"

# The operation codes of eksport_latin1.tsv, and a list of diagnoses; a form that binds both.
OPERATIONS = (
    "KJFB30;Højresidig hemikolektomi;;\n"
    "KJFB43;Venstresidig hemikolektomi;;\n"
    "KQAE10;Excision af patologisk væv i hud og underhud på hoved eller hals;;\n"
    "KHAC20;Total mastektomi;;\n"
)
DIAGNOSES = "DC50;Brystkræft;;\nDC509;Brystkræft UNS;;\nDC180;Kræft i caecum;;\n"
LISTS_FORM = """
sections:
  - id: s
    title: S
    fields:
      - {id: operation, type: code, label: Operation, codelist: operationer}
      - {id: diagnose, type: code, label: Diagnose, codelist: diagnoser}
"""


def lists_form(tmp_path: Path) -> Path:
    return write_spec(tmp_path, LISTS_FORM, {"operationer": OPERATIONS, "diagnoser": DIAGNOSES})


def importing(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_module("codelists", "import", *args, cwd=cwd)


def codes(path: Path) -> list[str]:
    return [line.split(";", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def test_a_latin1_export_of_codes_already_listed_changes_nothing(tmp_path: Path) -> None:
    form = lists_form(tmp_path)
    target = tmp_path / "operationer.csv"
    before = target.read_bytes()
    export = str(EXPORTS / "eksport_latin1.tsv")
    result = importing(export, "--list", "operationer", "--extend", "--form", str(form), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "operationer: 0 added, 0 changed, 0 removed (4 codes in operationer.csv)\n"
    assert target.read_bytes() == before


def test_a_latin1_tsv_export_with_header_extends_a_list(tmp_path: Path) -> None:
    form = lists_form(tmp_path)
    export = tmp_path / "export.tsv"
    export.write_bytes(
        "Kode\tTekst\nKJFB30\tHøjresidig hemikolektomi, åben\nKJFB99\tAnden tyktarmsresektion\n".encode(
            "latin-1"
        )
    )
    target = tmp_path / "operationer.csv"
    before = codes(target)
    result = importing(str(export), "--list", "operationer", "--extend", "--form", str(form), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "operationer: 1 added, 1 changed, 0 removed (5 codes in operationer.csv)\n"
    assert codes(target) == [*before, "KJFB99"]
    text = target.read_text(encoding="utf-8")
    assert (
        "KJFB30;Højresidig hemikolektomi, åben" in text or 'KJFB30;"Højresidig hemikolektomi, åben"' in text
    )


def test_a_utf8_csv_without_header_replaces_a_list(tmp_path: Path) -> None:
    form = lists_form(tmp_path)
    target = tmp_path / "diagnoser.csv"
    export = str(EXPORTS / "eksport_utf8_uden_header.csv")
    result = importing(export, "--list", "diagnoser", "--form", str(form), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert codes(target) == ["DC50", "DC500", "DC509"]
    assert result.stdout == "diagnoser: 1 added, 0 changed, 1 removed (3 codes in diagnoser.csv)\n"


def test_a_file_that_does_not_parse_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    form = lists_form(tmp_path)
    target = tmp_path / "diagnoser.csv"
    before = target.read_bytes()
    result = importing(
        str(EXPORTS / "eksport_fejl.csv"), "--list", "diagnoser", "--form", str(form), cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr.startswith("indberet: ")
    assert "diagnoser.csv is unchanged" in result.stderr
    assert "eksport_fejl.csv:3" in result.stderr  # every problem with its line
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == before


def test_an_unknown_list_name(tmp_path: Path) -> None:
    form = lists_form(tmp_path)
    export = str(EXPORTS / "eksport_latin1.tsv")
    result = importing(export, "--list", "diagnosser", "--form", str(form), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "indberet: the form has no code list 'diagnosser'; known: diagnoser, operationer"
    )


def test_a_missing_file(tmp_path: Path) -> None:
    form = lists_form(tmp_path)
    result = importing(
        str(tmp_path / "findes-ikke.csv"), "--list", "diagnoser", "--form", str(form), cwd=tmp_path
    )
    assert result.returncode == 2
    assert "findes-ikke.csv" in result.stderr
    assert "Traceback" not in result.stderr


def _subparsers(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                for inner, deeper in _subparsers(sub):
                    yield f"{name} {inner}", deeper


def test_the_help_reads_as_help_every_option_says_what_it_does_and_its_default() -> None:
    from engine.cli import _parser

    parser = _parser()
    assert "``" not in parser.format_help()
    for name, sub in _subparsers(parser):
        text = sub.format_help()
        assert "``" not in text, name
        assert sub.description, f"indberet {name} has no description"
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            assert action.help, f"indberet {name} {action.option_strings or action.dest}: no help"
            if action.option_strings and not action.required:
                assert "default" in action.help, f"indberet {name} {action.option_strings}: no default"


def test_without_a_command_the_commands_are_listed() -> None:
    ran = indberet()
    assert ran.returncode == 2
    for command in (b"validate", b"lint", b"codelists", b"serve", b"audit"):
        assert command in ran.stderr
