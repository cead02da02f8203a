"""features/konti.feature covers the rules of accounts: every rule of ACCOUNT_RULES has a scenario, and
every scenario names its rules with tags the project knows."""

from __future__ import annotations

from tests.acceptance.regler import ACCOUNT_RULES
from tests.acceptance.skemaer import FEATURES
from tests.acceptance.test_coverage import Scenario, parse_scenarios, tag_problems


def _scenarios() -> list[Scenario]:
    return parse_scenarios((FEATURES / "konti.feature").read_text(encoding="utf-8"), "konti.feature")


def test_every_rule_of_accounts_has_a_scenario() -> None:
    tagged = set().union(*(s.tags for s in _scenarios()))
    assert [rule for rule in ACCOUNT_RULES if rule not in tagged] == []


def test_every_scenario_names_its_rules() -> None:
    assert tag_problems(_scenarios(), outcome_required=False) == []
