"""The shipped cancer form loads and lints clean, and tells an editor where its schema is.

What the form does is not repeated here: its behaviour is asserted rule by rule in the Danish scenarios
of features/, where an analyst edits it beside the rule.
"""

from __future__ import annotations

from pathlib import Path

from engine.cli import main
from engine.form import default_form_path, lint_form

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_form_is_the_repositorys() -> None:
    assert default_form_path() == ROOT / "forms" / "cancer.yaml"


def test_the_shipped_form_lints_clean() -> None:
    linted = lint_form(default_form_path())
    assert linted.problems == (), "\n".join(problem.detailed() for problem in linted.problems)
    assert linted.form is not None and linted.form.plans


def test_indberet_lint_finds_nothing_in_it() -> None:
    assert main(["lint"]) == 0


def test_its_first_line_points_editors_at_the_schema() -> None:
    first = default_form_path().read_text(encoding="utf-8").splitlines()[0]
    schema = (default_form_path().parent / first.split("$schema=", 1)[1]).resolve()
    assert first.startswith("# yaml-language-server: $schema=")
    assert schema == ROOT / "engine" / "spec" / "form.schema.json"
