"""An analyst's edit breaks only its own scenarios: seven realistic edits of the cancer form and its code
lists, each made in a copy of the repository, with the whole test suite run on the copy.

For each edit: copy the repository's files (``git ls-files``) to a temporary directory, make the edit
there as an analyst would (YAML or CSV, no Python), check that the copy lints clean and that the edit
reached the compiled form, and run ``python -m pytest`` in the copy with ``PYTHONPATH`` pointing at it —
so the copy's engine and its default form, the edited ``forms/cancer.yaml``, are the ones judged. A
plugin (``failure_log.py``) logs every failure with its markers. Then:

- every failed test is a Gherkin scenario tagged with a rule the edit changes (a scenario's tags are its
  markers), or a check of a shipped example or base form whose message names only such rules
  (``tests/broken_rules.py``);
- no Python test fails, nothing fails to collect, and the run is not cut short.

Left out of the inner run: this module, and ``tests/browser/``, whose page tests serve a small
form of their own and never the cancer form (``test_the_page_tests_never_serve_the_cancer_form`` checks
it). The cancer form's page scenarios (``features/sider.feature``) do run.

What fails, edit by edit, is in tests/README.md, and each run writes it to
``test-artifacts/analyst-edits.md``. It takes a few minutes (the runs go two at a time); ``-m "not slow"``
skips it, ``scripts/test`` and CI run it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from engine.form import CompiledForm, lint_form, load_form
from tests.acceptance.regler import RULE_IDS
from tests.broken_rules import UNMET

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "test-artifacts" / "analyst-edits.md"
FORM = Path("forms/cancer.yaml")

# The tests whose failure may name a rule instead of carrying it as a tag: the shipped examples and the
# scenarios' base forms (tests/broken_rules.py words their messages).
SHIPPED_CHECKS = ("tests/shipped/test_examples.py::", "tests/acceptance/test_skemaer.py::")


# -- the edits ----------------------------------------------------------------------------------------------
def replace_once(text: str, pattern: str, replacement: Callable[[re.Match[str]], str]) -> str:
    """``text`` with the one match of ``pattern`` replaced; the pattern names the spec's ids, not values."""
    found = list(re.finditer(pattern, text, flags=re.MULTILINE))
    assert len(found) == 1, f"the edit expects {pattern!r} once in the form, found {len(found)}: update EDITS"
    match = found[0]
    return text[: match.start()] + replacement(match) + text[match.end() :]


def move_cut_off(text: str) -> str:
    """Move the Udbredelse cut-off (the constant udbredelse_til) a year later."""
    return replace_once(
        text,
        r'(udbredelse_til:\n\s+value: ")(\d{4})(-\d\d-\d\d")',
        lambda m: f"{m[1]}{int(m[2]) + 1}{m[3]}",
    )


def add_lymphoma_code(text: str) -> str:
    """Add DC887 (Anden malign immunoproliferativ sygdom) to the lymphoma set: Ann Arbor and localisation."""
    assert "DC887" not in text
    return replace_once(
        text, r"(ann_arbor_diagnoser:\n(?:\s+\w+:.*\n)*?\s+codes: \[)", lambda m: m[1] + "DC887, "
    )


def make_histologi_mandatory(text: str) -> str:
    return replace_once(
        text,
        r"(      - id: histologi\n(?:        .*\n)*?        codelist: histologi\n)",
        lambda m: m[1] + "        required: true\n",
    )


def warn_short_ydernummer(text: str) -> str:
    """A new warning on ydernummer: fewer than 6 characters (ydernumre are written with leading zeros)."""
    check = (
        "          - id: ydernummer_kort\n"
        "            manual: F05\n"
        "            severity: warning\n"
        '            when: {matches: [{var: ydernummer}, "^.{1,5}$"]}\n'
        '            message: "Ydernummer »{value}« er kortere end 6 tegn. Skriv det med foranstillede nuller '
        '(fx 012345)."\n'
    )
    return replace_once(
        text, r"(      - id: ydernummer\n(?:        .*\n)*?        checks:\n)", lambda m: m[1] + check
    )


def add_free_text_field(text: str) -> str:
    """A new optional free-text field at the end of the last section (below the date: F08 clears it)."""
    field = (
        "      - id: bemaerkning\n"
        "        type: text\n"
        "        label: Bemærkning\n"
        "        help: Valgfri. Oplysninger til Cancerregisteret, som skemaet ikke har et felt til.\n"
        "        widget: textarea\n"
        "        max_length: 1000\n"
    )
    return replace_once(text, r"(?=\n# -+\n(?:#.*\n)*workflow:)", lambda m: "\n" + field.rstrip("\n"))


def reword_laterality_message(text: str) -> str:
    """Reword the message when Lateralitet is missing (its text, not its rule)."""
    return replace_once(
        text,
        r'(      - id: lateralitet\n(?:        .*\n)*?          required: ")([^"]*)(")',
        lambda m: f"{m[1]}Angiv lateralitet: diagnosen er i et parret organ.{m[3]}",
    )


def add_operation_code(text: str) -> str:
    assert "\nKJFB47;" not in text
    return (
        text.rstrip("\n") + "\nKJFB47;Laparoskopisk resektion af colon sigmoideum;;;tilføjet af analytiker\n"
    )


@dataclass(frozen=True)
class Edit:
    name: str
    file: Path
    change: Callable[[str], str]
    rules: frozenset[str]  # the manual's rules the edit changes: their scenarios may fail
    why: str


EDITS = [
    Edit("udbredelse_til", FORM, move_cut_off, frozenset({"F15"}), "the cut-off of F15 moves a year"),
    Edit(
        "lymfomkode",
        FORM,
        add_lymphoma_code,
        frozenset({"F14", "F10"}),
        "the set of F14 also opens Anatomisk lokalisation (F10's reading)",
    ),
    Edit(
        "histologi_obligatorisk", FORM, make_histologi_mandatory, frozenset({"F17"}), "F17: optional no more"
    ),
    Edit("ydernummer_advarsel", FORM, warn_short_ydernummer, frozenset({"F05"}), "a new check of F05"),
    Edit(
        "nyt_tekstfelt",
        FORM,
        add_free_text_field,
        frozenset({"F08"}),
        "a field below the date is one more field that F08 clears",
    ),
    Edit("ny_formulering", FORM, reword_laterality_message, frozenset({"F11"}), "a message of F11"),
    Edit(
        "operationskode",
        Path("codelists/operationskoder.csv"),
        add_operation_code,
        frozenset({"F20"}),
        "the list of F20",
    ),
]


# -- the copy and the run ---------------------------------------------------------------------------------
def repository_files() -> list[str]:
    """The repository's files: tracked, and new ones not ignored (so that it works before a commit)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def copy_repository(target: Path) -> Path:
    for name in repository_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    if (ROOT / "build" / "accelerated").is_dir():  # the compiled hot modules, checked against the sources
        (target / "build").mkdir()
        (target / "build" / "accelerated").symlink_to(ROOT / "build" / "accelerated")
    return target


def copy_environment(copy: Path, log: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(copy), "INDBERET_FAILURE_LOG": str(log)}


def behaviour(form: CompiledForm) -> tuple[Any, ...]:
    """What an edit of the form or its code lists can change (not where the files are)."""
    spec = form.spec
    codes = {name: tuple(codelist.codes) for name, codelist in form.codelists.items()}
    return (
        spec.sections,
        spec.code_sets,
        spec.code_tables,
        spec.definitions,
        spec.constants,
        spec.messages,
        codes,
    )


@dataclass(frozen=True)
class Run:
    edit: Edit
    log: dict[str, Any]
    output: str


def run_suite(edit: Edit, copy: Path) -> Run:
    log = copy / "failures.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "tests.acceptance.failure_log",
            "--ignore=tests/acceptance/test_analyst_edits.py",
            "--ignore=tests/browser",
            "tests",
        ],
        cwd=copy,
        env=copy_environment(copy, log),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert log.exists(), f"{edit.name}: the run wrote no log\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return Run(edit, json.loads(log.read_text(encoding="utf-8")), done.stdout[-3000:])


def prepared(edit: Edit, base: Path) -> Path:
    """A copy of the repository with ``edit`` made in it, linted clean, its effect on the form checked."""
    copy = copy_repository(base / edit.name)
    target = copy / edit.file
    text = target.read_text(encoding="utf-8")
    target.write_text(edit.change(text), encoding="utf-8")
    linted = lint_form(copy / FORM)
    assert linted.problems == (), f"{edit.name}: " + "\n".join(map(str, linted.problems))
    assert linted.form is not None and behaviour(linted.form) != behaviour(load_form()), (
        f"{edit.name}: the edit does not reach the compiled form"
    )
    return copy


# -- judging the failures -------------------------------------------------------------------------------------
def verdict(failure: dict[str, Any], rules: frozenset[str]) -> tuple[str, bool]:
    """(what failed, whether the edit may make it fail)."""
    tags = set(failure["markers"]) & RULE_IDS.keys()
    if tags and failure["when"] == "call":
        return f"scenario {failure['nodeid']} @{' @'.join(sorted(tags))}", bool(tags & rules)
    if failure["nodeid"].startswith(SHIPPED_CHECKS) and failure["when"] == "call":
        named = {rule for found in UNMET.finditer(failure["message"]) for rule in found["rules"].split(", ")}
        return f"check {failure['nodeid']} names {', '.join(sorted(named)) or 'no rule'}", bool(
            named
        ) and named <= rules
    return f"Python test {failure['nodeid']} ({failure['when']})", False


def judged(run: Run) -> tuple[list[str], list[str]]:
    """The failures the edit may cause, and those it may not."""
    allowed, wrong = [], []
    for failure in run.log["failures"]:
        what, ok = verdict(failure, run.edit.rules)
        (allowed if ok else wrong).append(what if ok else f"{what}\n{failure['message'][-1500:]}")
    return allowed, wrong


def write_report(runs: list[Run]) -> None:
    lines = ["# What an analyst's edit makes fail (tests/acceptance/test_analyst_edits.py)", ""]
    for run in runs:
        allowed, wrong = judged(run)
        lines += [f"## {run.edit.name} — rules {', '.join(sorted(run.edit.rules))}: {run.edit.why}", ""]
        lines += [f"- {what}" for what in allowed] or ["- nothing fails"]
        lines += [f"- NOT ALLOWED: {what.splitlines()[0]}" for what in wrong]
        lines.append("")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")


# -- the tests ------------------------------------------------------------------------------------------------
def test_the_copy_judges_with_its_own_engine_and_form(tmp_path: Path) -> None:
    copy = copy_repository(tmp_path / "copy")
    code = "import engine.form as f; print(f.default_form_path()); print(f.__file__)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=copy,
        env=copy_environment(copy, tmp_path / "log.json"),
        capture_output=True,
        text=True,
        check=True,
    )
    form_path, module = done.stdout.splitlines()
    assert Path(form_path) == copy / FORM
    assert Path(module).is_relative_to(copy)


def test_the_page_tests_never_serve_the_cancer_form() -> None:
    """The reason tests/browser/ may be left out of the runs: every app it serves has a form of its own."""
    for path in sorted((ROOT / "tests" / "browser").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for forbidden in ("default_form_path", "cancer.yaml", "load_form()", "examples/"):
            assert forbidden not in text, f"{path.name} uses {forbidden}"
        for call in re.findall(r"Settings\((.*?)\)", text, flags=re.DOTALL):
            assert "form_path=" in call, f"{path.name}: Settings({call}) serves the default (cancer) form"


@pytest.mark.slow
def test_each_edit_fails_only_the_scenarios_of_its_rules(tmp_path: Path) -> None:
    copies = [prepared(edit, tmp_path) for edit in EDITS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(run_suite, EDITS, copies))
    write_report(runs)
    problems = []
    for run in runs:
        _allowed, wrong = judged(run)
        if run.log["exitstatus"] not in (0, 1) or run.log["collected"] < 1000:
            wrong.append(f"the run ended with status {run.log['exitstatus']}:\n{run.output}")
        problems += [f"{run.edit.name}: {what}" for what in wrong]
    assert problems == [], "\n\n".join(problems)
