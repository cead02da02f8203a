"""The catalogue of spec problems (engine/spec/spec_problems.py): where, what is wrong, how to fix it."""

from __future__ import annotations

import re

import pytest

from engine.spec.spec_problems import CATALOGUE, Problem, did_you_mean, problem, sort_problems


def test_a_problem_renders_with_its_place_what_and_how() -> None:
    found = problem("form.yaml", 12, 7, "unknown-codelist", name="farvr", suggestion='did you mean "farver"?')
    assert str(found) == 'form.yaml:12:7: unknown code list "farvr" — did you mean "farver"?'
    assert found.code == "unknown-codelist"


def test_the_detailed_form_shows_the_line_and_a_caret_under_the_column() -> None:
    found = problem("f.yaml", 3, 5, "yaml-complex-key", source="    [a]: 1")
    assert found.detailed().splitlines() == [
        "f.yaml:3:5: a mapping key must be a plain value — write the key as a plain word",
        "        [a]: 1",
        "        ^",
    ]
    assert problem("f.yaml", 1, 1, "yaml-empty").detailed() == str(problem("f.yaml", 1, 1, "yaml-empty"))


@pytest.mark.parametrize(("code", "texts"), sorted(CATALOGUE.items()))
def test_every_entry_says_what_is_wrong_and_how_to_fix_it(code: str, texts: tuple[str, str]) -> None:
    what, how = texts
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", code)
    assert what.strip() and how.strip()


@pytest.mark.parametrize(
    ("name", "candidates", "what", "hint"),
    [
        ("farvr", ["farver", "dyr"], "", 'did you mean "farver"?'),
        ("zzz", ["farver", "dyr"], "code list", "known code lists: dyr, farver"),
        ("zzz", [f"n{i}" for i in range(10)], "", "known names: n0, n1, n2, n3, n4, n5, n6, n7, …"),
        ("zzz", [], "constant", "define the constant first"),
        ("zzz", [], "", "define it first"),
    ],
)
def test_did_you_mean(name: str, candidates: list[str], what: str, hint: str) -> None:
    assert did_you_mean(name, candidates, what=what) == hint


def test_problems_are_sorted_by_place_and_each_is_reported_once() -> None:
    later = Problem("a.yaml", 9, 1, "cycle", "c", "h")
    first = Problem("a.yaml", 2, 5, "yaml-empty", "e", "h")
    other_file = Problem("b.yaml", 1, 1, "yaml-empty", "e", "h")
    assert sort_problems([other_file, later, first, later]) == [first, later, other_file]
