"""Every name a guard may read (GUARD_NAMES) is a fact the engine gives, worked out only when read."""

from __future__ import annotations

from engine.form import CompiledForm, Result, validate
from engine.form.workflow_checks import GUARD_NAMES
from engine.workflow import Facts
from engine.workflow.facts import guard_data


def test_every_guard_name_has_a_value(sag: CompiledForm) -> None:
    facts = Facts(
        "udkast",
        version=2,
        has_group=False,
        cpr_lookup="found",
        payload={"titel": "T", "borger": "0101"},
        administrator=True,
    )
    data = guard_data(GUARD_NAMES, facts, {"chef", "skribent"}, lambda: validate(sag, dict(facts.payload)))
    assert data == {
        "state": "udkast",
        "version": 2,
        "has_group": False,
        "cpr_looked_up": True,
        "cpr_lookup": "found",
        "valid": False,
        "has_errors": True,
        "has_warnings": False,
        "roles": ["chef", "skribent"],
        "administrator": True,
        "form": {"titel": "T", "borger": "0101"},
    }


def test_a_look_up_that_did_not_find_the_person_is_not_looked_up() -> None:
    def judge() -> Result:
        raise AssertionError("not read")

    for outcome in ("", "cpr_unknown", "cpr_substitute", "cpr_unavailable"):
        data = guard_data({"cpr_looked_up", "cpr_lookup"}, Facts("x", cpr_lookup=outcome), (), judge)
        assert data == {"cpr_looked_up": False, "cpr_lookup": outcome}


def test_the_payload_is_judged_once_for_all_that_read_it(sag: CompiledForm) -> None:
    calls = []

    def judge() -> Result:
        calls.append(1)
        return validate(sag, {"titel": "T"})

    data = guard_data({"valid", "has_errors", "has_warnings"}, Facts("udkast"), (), judge)
    assert data == {"valid": True, "has_errors": False, "has_warnings": False}
    assert calls == [1]
