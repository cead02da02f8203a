"""The features of stored forms cover their rules: every rule of WORKFLOW_RULES has a scenario, each
scenario names its rules and one outcome, and a @brudt scenario says how the breach is refused."""

from __future__ import annotations

import re

from tests.acceptance.regler import WORKFLOW_RULES
from tests.acceptance.skemaer import FEATURES
from tests.acceptance.test_coverage import Scenario, parse_scenarios, tag_problems

FILES = ("opret-skema.feature", "mine-bakker.feature", "handlinger.feature")
# A step that says what the user is told or cannot do.
NAMES_A_REFUSAL = re.compile(r"\bafvises\b|\bkan ikke\b|\bikke se\b")


def _scenarios() -> list[Scenario]:
    return [s for name in FILES for s in parse_scenarios((FEATURES / name).read_text(encoding="utf-8"), name)]


def test_every_rule_of_stored_forms_has_a_scenario() -> None:
    tagged = set().union(*(s.tags for s in _scenarios()))
    assert [rule for rule in WORKFLOW_RULES if rule not in tagged] == []


def test_every_scenario_names_its_rules_and_one_outcome() -> None:
    assert tag_problems(_scenarios(), outcome_required=True) == []


def test_every_broken_rule_scenario_says_how_it_is_refused() -> None:
    vague = [
        s.where for s in _scenarios() if "brudt" in s.tags and not any(map(NAMES_A_REFUSAL.search, s.steps))
    ]
    assert vague == []
