"""How long typical form rules take to evaluate: engine.rules against panzi-json-logic (not a test).

Run from the repository root: .venv/bin/python -m tests.rules.timing_rules
"""

import timeit
from typing import Any

from json_logic import jsonLogic

from engine.rules import compile_rule

RULES: list[Any] = [
    {"==": [{"var": "diagnose_type"}, "ANDEN"]},
    {"!=": [{"var": "status"}, "AFSLUTTET"]},
    {"in": [{"var": "kode"}, ["DC50", "DC51", "DC52", "DC53", "DC54", "DC55"]]},
    {"and": [{"==": [{"var": "metastaser"}, "JA"]}, {"!": {"var": "metastase_lokalisation"}}]},
    {"or": [{"==": [{"var": "stadie"}, "III"]}, {"==": [{"var": "stadie"}, "IV"]}]},
    {"if": [{"==": [{"var": "koen"}, "K"]}, "kvinde", "mand"]},
    {"some": [{"var": "behandlinger"}, {"==": [{"var": "kode"}, "ANDEN"]}]},
    {"<": [{"var": "diagnosedato"}, {"var": "indberetningsdato"}]},
    {"<=": [0, {"var": "alder"}, 120]},
    {">": [{"var": "tumor_stoerrelse"}, 0]},
    {"!": {"var": "cpr"}},
    {"and": [{"var": "samtykke"}, {"in": [{"var": "region"}, ["H", "SJ", "SD", "MJ", "N"]]}]},
    {"<": [{"var": "diagnosedato"}, "2024-01-01"]},
    {"all": [{"var": "behandlinger"}, {"!!": {"var": "dato"}}]},
    {"==": [{"var": "henvisning.type"}, "PAKKEFORLOEB"]},
    {"in": ["KEMO", {"var": "behandlingstyper"}]},
    {"or": [{"!": {"var": "doedsdato"}}, {">=": [{"var": "doedsdato"}, {"var": "diagnosedato"}]}]},
    {"if": [{"in": [{"var": "kode"}, ["DC61"]]}, {"!!": {"var": "psa"}}, True]},
    {"none": [{"var": "behandlinger"}, {"==": [{"var": "kode"}, "UKENDT"]}]},
    {"and": [{"==": [{"var": "recidiv"}, "JA"]}, {"<": [{"var": "recidivdato"}, {"var": "diagnosedato"}]}]},
]
DATA = {
    "diagnose_type": "PRIMAER",
    "status": "KLADDE",
    "kode": "DC61",
    "metastaser": "JA",
    "metastase_lokalisation": "LUNGE",
    "stadie": "IV",
    "koen": "M",
    "behandlinger": [{"kode": "KIR", "dato": "2024-02-01"}, {"kode": "ANDEN", "dato": "2024-03-01"}],
    "diagnosedato": "2024-01-15",
    "indberetningsdato": "2024-04-01",
    "alder": 67,
    "tumor_stoerrelse": 23,
    "cpr": "0101801234",
    "samtykke": True,
    "region": "H",
    "henvisning": {"type": "PAKKEFORLOEB"},
    "behandlingstyper": ["KIR", "KEMO"],
    "doedsdato": None,
    "psa": 4.2,
    "recidiv": "NEJ",
    "recidivdato": None,
}


def main() -> None:
    evaluators = [compile_rule(rule) for rule in RULES]
    for rule, evaluator in zip(RULES, evaluators, strict=True):
        if evaluator(DATA) != jsonLogic(rule, DATA):
            raise SystemExit(f"the two disagree on {rule}")

    def ours() -> None:
        for evaluator in evaluators:
            evaluator(DATA)

    def theirs() -> None:
        for rule in RULES:
            jsonLogic(rule, DATA)

    for name, run, number in (("engine.rules", ours, 20_000), ("panzi-json-logic", theirs, 2_000)):
        seconds = min(timeit.repeat(run, number=number, repeat=7)) / number
        per_rule = seconds * 1e9 / len(RULES)
        print(f"{name:18} {seconds * 1e6:7.2f} µs for {len(RULES)} rules, {per_rule:5.0f} ns a rule")


if __name__ == "__main__":
    main()
