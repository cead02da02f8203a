"""The manual's rule ids (docs/rules.md) and the tags a Gherkin scenario in features/ may carry.

The conftest registers every tag as a pytest marker (the suite runs with ``--strict-markers``), and the
coverage test checks the feature files against these tables.
"""

from __future__ import annotations

from collections.abc import Mapping

# Every rule id of docs/rules.md, with a few words saying what it is about.
RULE_IDS: Mapping[str, str] = {
    **{f"A0{n}": "adgang og organisation (1, 2.1)" for n in range(1, 7)},
    **{f"T0{n}": "bakker, »Mine bakker« (2.1)" for n in range(1, 7)},
    "F01": "Opret skema → Cancer (3.1)",
    "F02": "Skemainformation: oprettelsesdato og gruppe (3.2)",
    "F03": "CPR-opslag før indberetning (3.2.1)",
    "F04": "netop ét af ydernummer og SOR-kode (3.2.2)",
    "F05": "ydernummer højst 6 tegn (3.2.2)",
    "F06": "SOR-kode: indtastning og søgning (3.2.2)",
    "F07": "dato for første kontakt er obligatorisk (3.2.2)",
    "F08": "ændret dato for første kontakt rydder felterne under den (3.2.2)",
    "F09": "diagnose fra listen over anmeldelsespligtige diagnoser (3.2.2)",
    "F10": "anatomisk lokalisation ved lymfom (3.2.2)",
    "F11": "lateralitet ved parrede organer (3.2.3)",
    "F12": "T, N og M sættes af brugeren for DC00–DC69 og DC73–DC76 (3.2.4)",
    "F13": "automatisk T (3.2.4)",
    "F14": "Ann Arbor ved lymfomdiagnoser (3.2.4)",
    "F15": "udbredelse før 01-01-2004 (3.2.4)",
    "F16": "mindst ét makro- og ét mikroskopisk grundlag (3.2.5)",
    "F17": "histologisk/cytologisk diagnose er valgfri (3.2.5)",
    "F18": "Anden morfologi cancer åbner Morfologi (3.2.5)",
    "F19": "operationsdato kræver Operation (AZCK0) og ligger efter første kontakt (3.2.6)",
    "F20": "operationskode kræver operationsdato (3.2.6)",
    "F21": "hver anden behandling har en påbegyndt dato (3.2.6)",
    "F22": "Anden behandling åbner et tekstfelt (3.2.6)",
    **{f"W{n:02d}": "handlinger på et skema (4)" for n in range(1, 12)},
}

# The rules a payload can show: each needs an @overholdt and a @brudt scenario.
PAYLOAD_RULES: tuple[str, ...] = (
    "F04",
    "F05",
    "F07",
    "F08",
    "F09",
    "F10",
    "F11",
    "F12",
    "F13",
    "F14",
    "F15",
    "F16",
    "F17",
    "F18",
    "F19",
    "F20",
    "F21",
    "F22",
    "W04",
)

OUTCOME_TAGS: Mapping[str, str] = {
    "overholdt": "reglen er overholdt: et skema, der følger den, går igennem",
    "brudt": "reglen er brudt: bruddet bliver fanget",
}

# Further tags, not about the manual's rules.
OTHER_TAGS: Mapping[str, str] = {
    "kommandolinje": "scenariet kører gennem `indberet validate -` (en underproces)",
}


def _own_rules() -> dict[str, str]:
    """The checks of the shipped form that are no rule of the manual (``manual: none``): plausibility
    warnings the form adds. Their scenarios are tagged with the check's id, read from the spec, so that an
    analyst who adds one tags its scenarios likewise."""
    from engine.form import load_form

    spec = load_form().spec
    fields = [*spec.fields, *(item for f in spec.fields for item in f.fields)]
    return {check.id: check.message for f in fields for check in f.checks if check.own_rule}


# The form's own rules (``manual: none`` in the spec), by check id: each needs an @overholdt and a @brudt
# scenario, like a rule of the manual.
OWN_RULES: Mapping[str, str] = _own_rules()

ALL_TAGS: Mapping[str, str] = {**RULE_IDS, **OUTCOME_TAGS, **OTHER_TAGS, **OWN_RULES}

# The rules of stored forms, trays and actions (features/opret-skema, mine-bakker, handlinger): each needs a
# scenario, run against the service layer (tests/acceptance/arbejdsgang).
WORKFLOW_RULES: tuple[str, ...] = (
    "F01",
    "F02",
    "F03",
    "A05",
    "A06",
    *(f"T0{n}" for n in range(2, 7)),
    *(f"W{n:02d}" for n in range(1, 12)),
)

# The rules of accounts (features/konti.feature): each needs a scenario, run through the web app
# (tests/acceptance/konti).
ACCOUNT_RULES: tuple[str, ...] = ("A01", "A02", "A03", "A04", "T01")
