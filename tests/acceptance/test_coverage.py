"""The feature files cover the manual: every payload rule has a scenario where it is met and one where it is
broken, every scenario names the rules it shows, and no tag is misspelt.

The checker reads the feature files with the Gherkin parser that pytest-bdd uses; it is itself tested on
small feature texts below, so that a coverage test that passes cannot be one that checks nothing.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from gherkin.parser import Parser

from tests.acceptance.regler import ALL_TAGS, OUTCOME_TAGS, OWN_RULES, PAYLOAD_RULES, RULE_IDS
from tests.acceptance.skemaer import FEATURES, payload_features

RULE_LIKE = re.compile(r"^[A-Z]\d+$")


@dataclass(frozen=True)
class Scenario:
    where: str  # file:line
    name: str
    tags: frozenset[str]  # without "@", including the feature's, the rule's and the examples' tags
    steps: tuple[str, ...] = ()  # the scenario's own steps (not the background's), without keywords


def _tags(node: Mapping[str, Any]) -> set[str]:
    return {tag["name"].lstrip("@") for tag in node.get("tags", ())}


def _scenarios(
    children: Iterable[Mapping[str, Any]], inherited: set[str], filename: str
) -> Iterator[Scenario]:
    for child in children:
        if "rule" in child:
            rule = child["rule"]
            yield from _scenarios(rule["children"], inherited | _tags(rule), filename)
        elif "scenario" in child:
            scenario = child["scenario"]
            tags = inherited | _tags(scenario)
            where = f"{filename}:{scenario['location']['line']}"
            steps = tuple(step["text"] for step in scenario.get("steps", ()))
            tagged_examples = [e for e in scenario.get("examples", ()) if e.get("tags")]
            if not tagged_examples:
                yield Scenario(where, scenario["name"], frozenset(tags), steps)
            for examples in tagged_examples:  # each tagged Eksempler block is its own set of scenarios
                yield Scenario(where, scenario["name"], frozenset(tags | _tags(examples)), steps)


def parse_scenarios(text: str, filename: str) -> list[Scenario]:
    """The scenarios of one feature file's text, each with its effective tags."""
    feature = Parser().parse(text).get("feature")
    if feature is None:
        return []
    return list(_scenarios(feature["children"], _tags(feature), filename))


def tag_problems(scenarios: Sequence[Scenario], outcome_required: bool) -> list[str]:
    """Scenarios without a rule id, with a misspelt tag, or (for payload features) without one outcome."""
    problems = []
    for s in scenarios:
        if not s.tags & (RULE_IDS.keys() | OWN_RULES.keys()):
            problems.append(f"{s.where}: »{s.name}« has no rule-id tag (e.g. @F13)")
        for tag in sorted(s.tags - ALL_TAGS.keys()):
            if RULE_LIKE.match(tag) or tag.lower() in {"overholdt", "brudt"} or outcome_required:
                problems.append(f"{s.where}: »{s.name}« has an unknown tag @{tag}")
        outcomes = s.tags & OUTCOME_TAGS.keys()
        if outcome_required and len(outcomes) != 1:
            problems.append(f"{s.where}: »{s.name}« needs exactly one of @overholdt and @brudt")
    return problems


# A step that names a finding word for word: »… har fejlen "…" (F11)« or the table of »netop disse fejl«.
NAMES_AN_ERROR = re.compile(r'\b(?:fejlen|advarslen) "|netop disse fejl:')


def assertion_problems(scenarios: Sequence[Scenario]) -> list[str]:
    """A @brudt scenario must say which error, on which field – »ugyldigt« alone is not enough."""
    return [
        f"{s.where}: »{s.name}« is @brudt but names no error (»har fejlen …« or »netop disse fejl:«)"
        for s in scenarios
        if "brudt" in s.tags and not any(NAMES_AN_ERROR.search(step) for step in s.steps)
    ]


def coverage_problems(scenarios: Sequence[Scenario], rules: Iterable[str] = PAYLOAD_RULES) -> list[str]:
    """Each rule needs at least one @overholdt and one @brudt scenario."""
    problems = []
    for rule in rules:
        for outcome in OUTCOME_TAGS:
            if not any({rule, outcome} <= s.tags for s in scenarios):
                problems.append(f"{rule} has no @{outcome} scenario")
    return problems


def _payload_features() -> list[Path]:
    return payload_features()


def _read(paths: Iterable[Path]) -> list[Scenario]:
    return [s for path in paths for s in parse_scenarios(path.read_text(encoding="utf-8"), path.name)]


# -- the real feature files -----------------------------------------------------------------------------
def test_the_manual_sections_have_feature_files() -> None:
    names = [path.name for path in _payload_features()]
    for section in ("3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.5", "3.2.6", "4.3"):
        assert any(name.startswith(section + "-") for name in names), f"no feature file for {section}"


def test_every_payload_rule_is_shown_met_and_broken() -> None:
    assert coverage_problems(_read(_payload_features())) == []


def test_every_rule_of_the_forms_own_is_shown_met_and_broken() -> None:
    assert OWN_RULES  # the shipped form has plausibility checks of its own
    assert coverage_problems(_read(_payload_features()), OWN_RULES) == []


def test_every_payload_scenario_names_its_rules_and_one_outcome() -> None:
    scenarios = _read(_payload_features())
    assert len(scenarios) > 100
    assert tag_problems(scenarios, outcome_required=True) == []


def test_every_broken_rule_scenario_names_the_error() -> None:
    assert assertion_problems(_read(_payload_features())) == []


def test_every_scenario_in_features_names_a_rule() -> None:
    """Also the web pages' features: STYLE.md asks every scenario to name the manual's rules."""
    others = [path for path in sorted(FEATURES.glob("*.feature")) if path not in _payload_features()]
    assert tag_problems(_read(others), outcome_required=False) == []


@pytest.mark.parametrize("path", _payload_features(), ids=lambda path: path.name)
def test_feature_files_are_danish(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == "# language: da"


# -- the checker itself, on small feature texts -----------------------------------------------------------
def _fake(body: str) -> list[Scenario]:
    text = "# language: da\nEgenskab: Prøve\n" + textwrap.indent(textwrap.dedent(body), "  ")
    return parse_scenarios(text, "prøve.feature")


def test_checker_reads_effective_tags() -> None:
    scenarios = _fake(
        """
        @F12
        Scenarie: a
          Givet et tomt skema

        @overholdt
        Abstrakt Scenario: b
          Givet feltet "diagnose" er "<d>"

          @F13
          Eksempler:
            | d     |
            | DD069 |

          @F14
          Eksempler:
            | d     |
            | DC819 |
        """
    )
    assert [sorted(s.tags) for s in scenarios] == [["F12"], ["F13", "overholdt"], ["F14", "overholdt"]]
    assert scenarios[0].where == "prøve.feature:5"  # the line of »Scenarie:«


def test_checker_finds_a_rule_without_a_broken_scenario() -> None:
    scenarios = _fake(
        """
        @F04 @overholdt
        Scenarie: met
          Givet et tomt skema

        @F05 @brudt
        Scenarie: broken
          Givet et tomt skema
        """
    )
    assert coverage_problems(scenarios, ["F04", "F05"]) == [
        "F04 has no @brudt scenario",
        "F05 has no @overholdt scenario",
    ]
    assert coverage_problems(scenarios, ["F22"]) == [
        "F22 has no @overholdt scenario",
        "F22 has no @brudt scenario",
    ]


def test_checker_finds_scenarios_without_rule_ids_or_outcome_and_misspelt_tags() -> None:
    scenarios = _fake(
        """
        @overholdt
        Scenarie: no rule
          Givet et tomt skema

        @F04 @overholdt @brudt
        Scenarie: both outcomes
          Givet et tomt skema

        @F23 @F4 @Overholdt
        Scenarie: misspelt
          Givet et tomt skema
        """
    )
    assert tag_problems(scenarios, outcome_required=True) == [
        "prøve.feature:5: »no rule« has no rule-id tag (e.g. @F13)",
        "prøve.feature:9: »both outcomes« needs exactly one of @overholdt and @brudt",
        "prøve.feature:13: »misspelt« has no rule-id tag (e.g. @F13)",
        "prøve.feature:13: »misspelt« has an unknown tag @F23",
        "prøve.feature:13: »misspelt« has an unknown tag @F4",
        "prøve.feature:13: »misspelt« has an unknown tag @Overholdt",
        "prøve.feature:13: »misspelt« needs exactly one of @overholdt and @brudt",
    ]


def test_checker_finds_a_broken_scenario_that_only_says_invalid() -> None:
    scenarios = _fake(
        """
        @F11 @brudt
        Scenarie: vague
          Givet et udfyldt skema for en brystkræft
          Og feltet "lateralitet" er tomt
          Når skemaet valideres
          Så er skemaet ugyldigt

        @F11 @brudt
        Scenarie: precise
          Givet et udfyldt skema for en brystkræft
          Og feltet "lateralitet" er tomt
          Når skemaet valideres
          Så har feltet "lateralitet" fejlen "Lateralitet skal angives ved diagnoser i parrede organer." (F11)
        """
    )
    assert assertion_problems(scenarios) == [
        "prøve.feature:5: »vague« is @brudt but names no error (»har fejlen …« or »netop disse fejl:«)"
    ]


def test_feature_tags_count_for_every_scenario() -> None:
    text = "# language: da\n@F07\nEgenskab: Prøve\n  @brudt\n  Scenarie: a\n    Givet et tomt skema\n"
    (scenario,) = parse_scenarios(text, "prøve.feature")
    assert scenario.tags == {"F07", "brudt"}
    assert tag_problems([scenario], outcome_required=True) == []
