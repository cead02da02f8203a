"""The shipped lists in codelists/: each loads without problems, and they agree with each other, with the
README, and with the codes the manual and the payload contract name. These are checks of the lists' data
and provenance; what the form does with the codes is asserted in features/."""

import re
from pathlib import Path

import pytest

from engine.codelists import CodeList, compile_patterns, read_codelist

CODELISTS = Path(__file__).parents[2] / "codelists"
SHIPPED = sorted(CODELISTS.glob("*.csv"))

# The reconstructed notifiable set (docs/domain.md, "Notifiable diagnoses").
NOTIFIABLE = [
    "DB211-DB213",
    "DC00*-DC96*",
    "DD05*",
    "DD06*",
    "DD090",
    "DD091",
    "DD095",
    "DD096",
    "DD301-DD309",
    "DD32*",
    "DD33*",
    "DD352-DD354",
    "DD37*-DD48*",
]


def load(name: str) -> CodeList:
    return read_codelist(CODELISTS / f"{name}.csv")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_shipped_list_loads_without_problems(path: Path) -> None:
    codes = read_codelist(path)

    assert len(codes) > 0
    assert re.fullmatch(r"[a-z][a-z0-9_]*", path.stem)


def test_the_readme_names_every_list() -> None:
    """Every list has its row in the README's table. Its count of codes is the count when the README was
    written: an analyst who adds a code to a list need not change the README (no test holds the count)."""
    readme = (CODELISTS / "README.md").read_text(encoding="utf-8")
    rows = [line.split("|") for line in readme.splitlines() if line.startswith("| `")]

    assert sorted(cells[1].strip(" `") for cells in rows) == sorted(path.stem for path in SHIPPED)


def test_the_notifiable_diagnoses_are_exactly_the_reconstructed_set() -> None:
    notifiable = compile_patterns(NOTIFIABLE)
    diagnoser, sks = load("diagnoser"), load("sks_d_koder")

    assert [code.code for code in diagnoser if not notifiable.matches(code.code)] == []
    assert [code.code for code in sks if notifiable.matches(code.code) and code.code not in diagnoser] == []


def test_diagnosis_texts_are_the_sks_texts_except_the_noted_db21_codes() -> None:
    sks = load("sks_d_koder")
    differing = [code for code in load("diagnoser") if sks.get(code.code) != code]

    assert [code.code for code in differing] == ["DB211", "DB212", "DB213"]
    assert all(code.note.startswith("gyldig: nævnt i manualen") for code in differing)


def test_laterality_holds_the_2004_rule_and_breast_in_situ_with_its_sub_codes() -> None:
    laterality, sks = load("laterality_diagnoser"), load("sks_d_koder")

    assert [code.code for code in laterality if code.code not in sks] == []
    assert [code.code for code in laterality if code.code.startswith("DD05")] == [
        "DD05",
        "DD050",
        "DD051",
        "DD056",
        "DD057",
        "DD059",
    ]
    assert {"DC50", "DC509", "DC349", "DC64", "DD300"} <= set(laterality.codes)


def test_tnm_holds_the_codes_the_form_derives_and_leaves_out_mx() -> None:
    t, n, m = load("tnm_t"), load("tnm_n"), load("tnm_m")

    # automatic T (manual 3.2.4, F13) and "unknown"
    assert [t.get(code).text for code in ("AZCD10", "AZCD11", "AZCD12", "AZCD19")] == [  # type: ignore[union-attr]
        "cT0: Primær tumor ikke påvist",
        "cTa: Non-invasiv papillær tumor",
        "cTis: Carcinoma in situ",
        "cTx: Oplysning om tumors størrelse foreligger ikke i afd.",
    ]
    assert "AZCD39" in n
    assert "AZCD49" not in m
    assert [list(codes.codes) == sorted(codes.codes) for codes in (t, n, m)] == [True, True, True]
    assert {code.code[:5] for code in t} == {"AZCD1"}
    assert {code.code[:5] for code in n} == {"AZCD3"}
    assert {code.code[:5] for code in m} == {"AZCD4"}


def test_operation_codes_are_well_formed_and_fully_restored() -> None:
    operations = load("operationskoder")
    leftovers = {
        word
        for code in operations
        for word in re.findall(r"[A-Za-z]+", code.text)
        if re.search(r"ae|oe|aa", word, re.IGNORECASE)
    }

    assert [c.code for c in operations if not re.fullmatch(r"K[A-Z]{3}\d{2}[A-Z0-9]{0,2}", c.code)] == []
    assert leftovers == {"mammae"}  # Latin: papilla mammae
    assert [operations.get(c).text for c in ("KGDC00", "KJFB30", "KPJD42C")] == [  # type: ignore[union-attr]
        "Lobektomi på lunge",
        "Højresidig hemikolektomi",
        "Excision af sentinel node i aksil",
    ]


def test_pick_lists_hold_the_codes_of_the_payload_contract() -> None:
    assert list(load("lateralitet").codes) == ["TUL1", "TUL2", "TUL3"]
    assert list(load("behandlinger").codes) == ["BWG", "BWHA", "BWHB", "BWHC", "BOHJ", "ANDEN"]
    histologi = load("histologi")
    assert [c.code for c in histologi if not re.fullmatch(r"M\d{5}", c.code)] == ["ANDEN"]
    assert histologi.get("ANDEN").text == "Anden morfologi cancer"  # type: ignore[union-attr]
    assert "AZCK0" in load("makroskopisk_grundlag")


def test_the_example_payload_of_payload_md_uses_only_shipped_codes() -> None:
    example = {
        "diagnose": ("diagnoser", "DC509"),
        "lateralitet": ("lateralitet", "TUL2"),
        "t_stadie": ("tnm_t", "AZCD13"),
        "n_stadie": ("tnm_n", "AZCD30"),
        "m_stadie": ("tnm_m", "AZCD40"),
        "makroskopisk_grundlag": ("makroskopisk_grundlag", "AZCK0"),
        "mikroskopisk_grundlag": ("mikroskopisk_grundlag", "AZCL0"),
        "histologi": ("histologi", "M81403"),
        "operationskode": ("operationskoder", "KHAC20"),
        "behandlinger": ("behandlinger", "BWHA"),
    }

    assert [field for field, (name, code) in example.items() if code not in load(name)] == []


@pytest.mark.parametrize("name", ["ann_arbor", "lymfom_lokalisation", "udbredelse", "mikroskopisk_grundlag"])
def test_provisional_lists_say_so_in_every_row(name: str) -> None:
    assert [code.code for code in load(name) if "foreløbig" not in code.note] == []
