"""The contract of ``indberet validate``, which hospital systems rely on, run through the real command.

- ``indberet validate FILE…`` prints one JSON object per payload, one per line, with at least ``valid``,
  ``errors``, ``warnings`` and ``derived``; each error has ``field``, ``rule``, ``manual`` and ``message``.
- ``-`` reads JSON Lines from standard input: one result per non-blank line, in order.
- Exit status: 0 when every payload is valid (warnings allowed), 1 when any has errors, 2 when any input is
  not readable, not JSON or not a JSON object – 2 wins over 1. The other inputs are still judged; an unusable
  input gets ``valid: false`` and one error with field ``""``, and a message naming the file or line goes to
  standard error.
- No FILE and no ``-``: usage on standard error, exit 2.
- No input, however broken, gives a Python traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.cli import run_indberet

ROOT = Path(__file__).resolve().parents[1]
FORM = ROOT / "forms" / "cancer.yaml"
VALID = ROOT / "examples" / "bryst-tnm-lateralitet.json"
IN_SITU = ROOT / "examples" / "in-situ-automatisk-t.json"

# Standard streams as under a UTF-8 locale such as da_DK.UTF-8: strict UTF-8, no surrogate escapes.
UTF8_LOCALE = {**os.environ, "PYTHONIOENCODING": "utf-8"}
# Standard streams as under the C locale: Python reads and writes undecodable bytes as surrogates.
C_LOCALE = {key: value for key, value in os.environ.items() if key not in ("PYTHONIOENCODING", "PYTHONUTF8")}
C_LOCALE.update(LC_ALL="C", LANG="C")

Result = dict[str, Any]


def indberet(
    *args: str | Path,
    stdin: bytes | str = b"",
    cwd: Path = ROOT,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    return run_indberet(*args, stdin=stdin, cwd=cwd, env=env, timeout=120)


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
    payload = json.loads(VALID.read_text(encoding="utf-8"))
    payload.update(changes)
    return json.dumps({key: value for key, value in payload.items() if value is not None}, ensure_ascii=False)


def unusable(result: Result, rule: str) -> None:
    """An input that is not a payload: invalid, one error with field "" naming why."""
    assert result["valid"] is False
    assert [(e["field"], e["rule"]) for e in result["errors"]] == [("", rule)]
    assert result["errors"][0]["message"]


# -- the output -------------------------------------------------------------------------------------------
def test_one_json_object_per_file_per_line_with_the_contract_keys() -> None:
    done = indberet("validate", VALID, IN_SITU)
    first, second = results(done)
    for result in (first, second):
        assert {"valid", "errors", "warnings", "derived"} <= result.keys()
        assert result["valid"] is True and result["errors"] == [] and result["warnings"] == []
    assert first["derived"] == {}
    assert second["derived"] == {"t_stadie": "AZCD12"}
    assert done.returncode == 0
    assert done.stderr == b""


def test_an_error_has_field_rule_manual_and_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(payload_line(lateralitet=None, behandlinger=[{"kode": "BWHA"}]), encoding="utf-8")
    done = indberet("validate", bad)
    (result,) = results(done)
    assert result["valid"] is False
    assert [{key: e[key] for key in ("field", "rule", "manual", "message")} for e in result["errors"]] == [
        {
            "field": "lateralitet",
            "rule": "lateralitet.required",
            "manual": "F11",
            "message": "Lateralitet skal angives ved diagnoser i parrede organer.",
        },
        {
            "field": "behandlinger[0].startdato",
            "rule": "startdato.required",
            "manual": "F21",
            "message": "Angiv datoen, hvor behandlingen blev påbegyndt.",
        },
    ]
    assert done.returncode == 1
    assert done.stderr == b""  # a judged payload is a result, not a problem of the input


def test_warnings_alone_exit_0() -> None:
    done = indberet("validate", "-", stdin=payload_line(cpr="020329-1WQ3") + "\n")
    (result,) = results(done)
    assert result["valid"] is True
    assert [(w["field"], w["rule"], w["manual"]) for w in result["warnings"]] == [
        ("cpr", "cpr.cpr_substitute", "W04")
    ]
    assert done.returncode == 0


# -- JSON Lines on standard input -------------------------------------------------------------------------
def test_stdin_gives_one_result_per_non_blank_line_in_order() -> None:
    lines = [
        payload_line(),
        "",
        "   ",
        payload_line(lateralitet=None),
        json.dumps(json.loads(IN_SITU.read_text(encoding="utf-8"))),
        "",
    ]
    done = indberet("validate", "-", stdin="\n".join(lines) + "\n")
    first, second, third = results(done)
    assert (first["valid"], second["valid"], third["valid"]) == (True, False, True)
    assert [e["field"] for e in second["errors"]] == ["lateralitet"]
    assert third["derived"] == {"t_stadie": "AZCD12"}
    assert done.returncode == 1


def test_stdin_without_a_trailing_newline_and_crlf_lines() -> None:
    done = indberet("validate", "-", stdin=payload_line() + "\r\n" + payload_line())
    assert [r["valid"] for r in results(done)] == [True, True]
    assert done.returncode == 0


def test_empty_stdin_gives_no_results_and_exit_0() -> None:
    done = indberet("validate", "-", stdin="\n\n")
    assert results(done) == []
    assert done.returncode == 0


def test_files_and_stdin_together_in_the_order_given() -> None:
    done = indberet("validate", IN_SITU, "-", VALID, stdin=payload_line(lateralitet="TUL9") + "\n")
    in_situ, from_stdin, valid = results(done)
    assert in_situ["derived"] == {"t_stadie": "AZCD12"}
    assert from_stdin["valid"] is False
    assert valid["valid"] is True
    assert done.returncode == 1


# -- unusable inputs: exit 2, the others still judged -----------------------------------------------------
def test_a_line_that_is_not_json_exits_2_and_the_other_lines_are_judged() -> None:
    stdin = "\n".join([payload_line(lateralitet=None), "", '{"cpr": "120355-1009",', payload_line()]) + "\n"
    done = indberet("validate", "-", stdin=stdin)
    invalid, broken, valid = results(done)
    assert invalid["valid"] is False and invalid["errors"][0]["field"] == "lateralitet"
    unusable(broken, "not_json")
    assert valid["valid"] is True
    assert done.returncode == 2  # 2 wins over 1
    assert "<stdin>:3" in stderr(done)  # the physical line, blank lines counted


@pytest.mark.parametrize(
    ("text", "actual"),
    [("[]", "array"), ('"DC509"', "string"), ("42", "number"), ("null", "null"), ("true", "boolean")],
)
def test_a_json_value_that_is_not_an_object_exits_2(text: str, actual: str) -> None:
    done = indberet("validate", "-", stdin=text + "\n")
    (result,) = results(done)
    unusable(result, "not_object")
    assert result["errors"][0]["message"] == f"Et skema skal være et JSON-objekt, ikke {actual}."
    assert done.returncode == 2
    assert "<stdin>:1" in stderr(done)


def test_a_missing_file_exits_2_names_the_file_and_the_others_are_judged(tmp_path: Path) -> None:
    missing = tmp_path / "findes-ikke.json"
    done = indberet("validate", VALID, missing, IN_SITU)
    valid, gone, in_situ = results(done)
    assert valid["valid"] is True and in_situ["valid"] is True
    unusable(gone, "not_readable")
    assert done.returncode == 2
    assert "findes-ikke.json" in stderr(done)


def test_a_file_that_is_not_an_object_or_not_json_exits_2(tmp_path: Path) -> None:
    (tmp_path / "liste.json").write_text("[" + payload_line() + "]", encoding="utf-8")
    (tmp_path / "tom.json").write_text("", encoding="utf-8")
    (tmp_path / "bad.json").write_text(payload_line(lateralitet=None), encoding="utf-8")
    done = indberet("validate", "liste.json", "tom.json", "bad.json", cwd=tmp_path)
    liste, tom, bad = results(done)
    unusable(liste, "not_object")
    unusable(tom, "not_json")
    assert bad["valid"] is False and bad["errors"][0]["rule"] == "lateralitet.required"
    assert done.returncode == 2
    assert "liste.json" in stderr(done) and "tom.json" in stderr(done)


def test_a_jsonl_file_is_read_as_json_lines(tmp_path: Path) -> None:
    lines = tmp_path / "skemaer.jsonl"
    lines.write_text(payload_line() + "\n\n" + payload_line(cpr="abc") + "\nnot json\n", encoding="utf-8")
    done = indberet("validate", lines)
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


EVERY_FIELD_WRONG = {
    "cpr": 1203551009,
    "ydernummer": 12345,
    "sor_kode": ["276231000016004"],
    "dato_foerste_kontakt": 20240304,
    "diagnose": {"kode": "DC509"},
    "anatomisk_lokalisation": 1,
    "lateralitet": True,
    "t_stadie": 13,
    "n_stadie": ["AZCD30"],
    "m_stadie": False,
    "ann_arbor": 2.5,
    "udbredelse": ["U1"],
    "makroskopisk_grundlag": "AZCK0",
    "mikroskopisk_grundlag": [0, 1],
    "histologi": 81403,
    "morfologi": ["M82113"],
    "operationsdato": True,
    "operationskode": 20,
    "behandlinger": "BWHA",
    "anden_behandling_tekst": ["tekst"],
}

# (name, one input line as bytes, the exit status the contract gives it; None: 1 or 2 will do)
GARBAGE: list[tuple[str, bytes, int | None]] = [
    ("binary bytes", b"\x00\x01\xff\xfe\x80garbage\x9f", 2),
    ("invalid UTF-8 inside a JSON string", b'{"cpr": "\xff\xfe"}', 2),
    ("NaN", b'{"cpr": NaN}', 2),
    ("Infinity", b'{"ann_arbor": -Infinity}', 2),
    ("duplicate keys", b'{"cpr": "120355-1009", "cpr": "150772-2004"}', 2),
    ("nesting 100,000 deep", _deep(100_000).encode(), 2),
    ("nesting 100,000 deep inside a field", b'{"behandlinger": ' + _deep(100_000).encode() + b"}", 2),
    ("every field of the wrong type", json.dumps(EVERY_FIELD_WRONG).encode(), 1),
    (
        "a list where an object is expected in behandlinger",
        b'{"behandlinger": [["BWHA", "2024-04-15"], 7]}',
        1,
    ),
    ("a lone surrogate escape in a string", b'{"cpr": "\\udcff", "diagnose": "DC\\ud800"}', None),
    ("a control character escape", b'{"anden_behandling_tekst": "\\u0000\\u001b[31m"}', 1),
    ("nesting 600 deep inside a field", b'{"cpr": ' + _deep(600).encode() + b"}", 1),
    ("nesting 600 deep in an unknown key", b'{"x": ' + _deep(600).encode() + b"}", 1),
    ("nesting 600 deep in a treatment", b'{"behandlinger": [{"kode": ' + _deep(600).encode() + b"}]}", 1),
]


@pytest.fixture(scope="module")
def garbage_runs() -> dict[str, subprocess.CompletedProcess[bytes]]:
    """Each garbage line in its own ``indberet validate -``, the processes run side by side (it is faster)."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        runs = {
            name: pool.submit(indberet, "validate", "-", stdin=line + b"\n", env=UTF8_LOCALE)
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


def test_garbage_lines_together_under_the_c_locale() -> None:
    """Every garbage line in one stream: one result each, in order, and the unusable ones exit 2."""
    done = indberet("validate", "-", stdin=b"\n".join(g[1] for g in GARBAGE) + b"\n", env=C_LOCALE)
    judged = results(done)
    assert len(judged) == len(GARBAGE)
    for (name, _line, status), result in zip(GARBAGE, judged, strict=True):
        assert result["valid"] is False, name
        if status is not None:
            assert (result["errors"][0]["field"] == "") is (status == 2), name
    assert done.returncode == 2


def test_huge_numbers_are_judged_or_refused_never_a_traceback() -> None:
    lines = [
        b'{"cpr": 1e999999}',
        b'{"cpr": -1e999999, "ydernummer": 123456789012345678901234567890}',
        b'{"dato_foerste_kontakt": ' + b"9" * 100_000 + b"}",
    ]
    done = indberet("validate", "-", stdin=b"\n".join(lines) + b"\n", env=UTF8_LOCALE)
    judged = results(done)
    assert len(judged) == 3
    assert all(result["valid"] is False for result in judged)
    assert judged[0]["errors"][0]["field"] == "cpr"
    assert done.returncode in (1, 2)


def test_every_wrong_typed_field_has_an_error_of_its_own() -> None:
    done = indberet("validate", "-", stdin=json.dumps(EVERY_FIELD_WRONG) + "\n")
    (result,) = results(done)
    fields_with_errors = {e["field"].split("[")[0] for e in result["errors"]}
    assert fields_with_errors >= set(EVERY_FIELD_WRONG)
    assert done.returncode == 1


# -- the form: default and --form, from any working directory ---------------------------------------------
def test_the_default_form_is_found_from_another_working_directory(tmp_path: Path) -> None:
    done = indberet("validate", IN_SITU, cwd=tmp_path)
    (result,) = results(done)
    assert result["valid"] is True and result["derived"] == {"t_stadie": "AZCD12"}
    assert done.returncode == 0


def test_form_option_from_another_working_directory(tmp_path: Path) -> None:
    relative = os.path.relpath(FORM, tmp_path)
    for form in (str(FORM), relative):
        done = indberet("validate", "--form", form, "-", cwd=tmp_path, stdin=payload_line() + "\n")
        assert [r["valid"] for r in results(done)] == [True], form
        assert done.returncode == 0


def test_form_option_uses_that_form(tmp_path: Path) -> None:
    """A copy of the form whose automatic T for DD06* is changed gives the copy's T: --form is obeyed."""
    shutil.copytree(ROOT / "codelists", tmp_path / "codelists", ignore=shutil.ignore_patterns("build"))
    (tmp_path / "forms").mkdir()
    text = FORM.read_text(encoding="utf-8")
    old = "- {codes: [DD05*, DD06*, DD090, DD091], value: AZCD12"
    assert text.count(old) == 1
    new = "- {codes: [DD05*, DD06*, DD090, DD091], value: AZCD19"
    (tmp_path / "forms" / "cancer.yaml").write_text(text.replace(old, new), encoding="utf-8")
    done = indberet("validate", "--form", "forms/cancer.yaml", IN_SITU, cwd=tmp_path)
    (result,) = results(done)
    assert result["derived"] == {"t_stadie": "AZCD19"}


def test_a_missing_form_exits_2_with_a_message(tmp_path: Path) -> None:
    done = indberet("validate", "--form", "findes-ikke.yaml", VALID, cwd=tmp_path)
    assert done.returncode == 2
    assert "findes-ikke.yaml" in stderr(done)
    assert "Traceback" not in stderr(done)
