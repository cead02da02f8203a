"""The form's named operators that work with dates: ``date_add`` and ``cpr_birth_date`` (generic: a form
writes its plausibility checks with them, e.g. a date of first contact before the patient's birth)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.form import CompiledForm, validate
from tests.conftest import Build, problems_of

FORM = """
constants:
  aar: {value: 5, type: number}
sections:
  - id: s
    title: S
    fields:
      - {id: cpr, type: cpr, label: CPR}
      - {id: start, type: date, label: Start}
      - id: slut
        type: date
        label: Slut
        checks:
          - id: slut_sent
            severity: warning
            when: {">": [{var: slut}, {date_add: [{var: start}, {const: aar}, years]}]}
            message: "sent {value}"
          - id: slut_foer_foedsel
            severity: warning
            when: {"<": [{var: slut}, {cpr_birth_date: [{var: cpr}]}]}
            message: "før fødsel {value}"
"""


@pytest.fixture
def form(build: Build) -> CompiledForm:
    return build(FORM)


def rules_of(form: CompiledForm, payload: dict[str, str]) -> list[str]:
    return [w.rule for w in validate(form, payload).warnings]


@pytest.mark.parametrize(
    ("start", "slut", "late"),
    [
        ("2020-03-04", "2025-03-04", False),  # exactly five years later
        ("2020-03-04", "2025-03-05", True),
        ("2020-02-29", "2025-02-28", False),  # 29 February plus five years is 28 February
        ("2020-02-29", "2025-03-01", True),
        ("2020-13-01", "2099-01-01", False),  # not a date: the check has nothing to compare with
    ],
)
def test_date_add_in_a_check(form: CompiledForm, start: str, slut: str, late: bool) -> None:
    assert ("slut_sent" in rules_of(form, {"start": start, "slut": slut})) is late


@pytest.mark.parametrize(
    ("cpr", "slut", "before"),
    [
        ("120355-1009", "1955-03-11", True),  # born 12 March 1955
        ("120355-1009", "1955-03-12", False),
        ("120355-4009", "2055-01-01", False),  # 7th digit 4, year 55: born 1955 (4 or 9 with YY > 36)
        ("020329-1WQ3", "1900-01-01", False),  # a substitute number says no birth date
        ("abc", "1900-01-01", False),
    ],
)
def test_cpr_birth_date_in_a_check(form: CompiledForm, cpr: str, slut: str, before: bool) -> None:
    assert ("slut_foer_foedsel" in rules_of(form, {"cpr": cpr, "slut": slut})) is before


def test_date_add_moves_by_months_days_and_backwards(build: Build) -> None:
    body = FORM.replace("{const: aar}, years", "-1, months")
    form = build(body)
    assert "slut_sent" in rules_of(form, {"start": "2024-03-31", "slut": "2024-03-01"})  # 29 Feb < 1 Mar
    days = build(FORM.replace("{const: aar}, years", "10, days"))
    assert "slut_sent" not in rules_of(days, {"start": "2024-12-25", "slut": "2025-01-04"})
    assert "slut_sent" in rules_of(days, {"start": "2024-12-25", "slut": "2025-01-05"})


def test_an_unknown_unit_is_a_spec_problem(tmp_path: Path) -> None:
    found = problems_of(tmp_path, FORM.replace("{const: aar}, years", "{const: aar}, weeks"))
    assert len(found) == 1
    assert "date_add takes 3 arguments: a date, a whole number and a unit (years, months or days)" in found[0]


def test_a_check_of_the_forms_own_needs_a_note(tmp_path: Path) -> None:
    own = FORM.replace(
        '            severity: warning\n            when: {">"',
        '            manual: none\n            severity: warning\n            when: {">"',
        1,
    )
    found = problems_of(tmp_path, own)
    assert [p.split(": ", 1)[1] for p in found] == [
        'the check "slut_sent" is a rule of the form\'s own (manual: none), but no note says why — add a note:'
        " where the rule comes from and why it is a warning"
    ]
    noted = own.replace(
        '            message: "sent {value}"',
        '            message: "sent {value}"\n            note: Vores egen.',
        1,
    )
    assert problems_of(tmp_path, noted) == []
