"""A registry analyst changes the form by editing one place in the YAML or one CSV file – no Python.

Each test copies ``forms/cancer.yaml`` and ``codelists/`` to a temporary directory, makes the edit an analyst
would make in the copy, and shows a payload judged before and after with ``load_form(copy)``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from engine.form import CompiledForm, load_form, validate

ROOT = Path(__file__).resolve().parents[2]

Payload = dict[str, Any]


def copy_form(target: Path) -> Path:
    """A copy of the shipped form and its code lists, laid out as in the repository."""
    shutil.copytree(ROOT / "codelists", target / "codelists", ignore=shutil.ignore_patterns("build"))
    (target / "forms").mkdir()
    return Path(shutil.copy(ROOT / "forms" / "cancer.yaml", target / "forms" / "cancer.yaml"))


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old``: the edit is in one place, and the test says which."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"expected {old!r} once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors(form: CompiledForm, payload: Payload) -> list[tuple[str, str]]:
    return [(e.field, e.message) for e in validate(form, payload).errors]


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> CompiledForm:
    """The unedited copy: the form as shipped."""
    return load_form(copy_form(tmp_path_factory.mktemp("before")))


LYMFOM: Payload = {
    "cpr": "230847-1007",
    "sor_kode": "276231000016004",
    "dato_foerste_kontakt": "2024-09-02",
    "diagnose": "DC887",  # Anden malign immunoproliferativ sygdom: not on the manual's Ann Arbor list
    "makroskopisk_grundlag": ["AZCK2"],
    "mikroskopisk_grundlag": ["AZCL0"],
}

FOER_2005: Payload = {
    "cpr": "120355-1009",
    "ydernummer": "054321",
    "dato_foerste_kontakt": "2004-06-17",
    "diagnose": "DC189",
    "t_stadie": "AZCD15",
    "n_stadie": "AZCD31",
    "m_stadie": "AZCD40",
    "makroskopisk_grundlag": ["AZCK3"],
    "mikroskopisk_grundlag": ["AZCL0"],
}


def test_a_diagnosis_added_to_the_ann_arbor_set_needs_ann_arbor_and_localisation(
    tmp_path: Path, before: CompiledForm
) -> None:
    assert validate(before, LYMFOM).valid
    with_stage = {**LYMFOM, "ann_arbor": "AZCC2A", "anatomisk_lokalisation": "T000146"}
    assert errors(before, with_stage) == [
        (
            "anatomisk_lokalisation",
            "Anatomisk lokalisation kan kun angives ved en lymfomdiagnose (angivet: »T000146«).",
        ),
        ("ann_arbor", "Ann Arbor kan kun angives ved lymfomdiagnoser (angivet: »AZCC2A«)."),
    ]

    spec = copy_form(tmp_path)
    edit(
        spec,
        "codes: [DB211, DB212, DB213, DC81*-DC86*, DC884, DC902, DC903, DC923]",
        "codes: [DB211, DB212, DB213, DC81*-DC86*, DC884, DC887, DC902, DC903, DC923]",
    )
    after = load_form(spec)

    assert errors(after, LYMFOM) == [
        ("anatomisk_lokalisation", "Anatomisk lokalisation skal angives ved en lymfomdiagnose."),
        ("ann_arbor", "Ann Arbor-stadie skal angives ved denne diagnose."),
    ]
    assert validate(after, with_stage).valid


def test_moving_the_udbredelse_cut_off_date_opens_udbredelse_for_2004(
    tmp_path: Path, before: CompiledForm
) -> None:
    assert validate(before, FOER_2005).valid
    assert "udbredelse" not in validate(before, FOER_2005).open

    spec = copy_form(tmp_path)
    edit(spec, 'value: "2004-01-01"', 'value: "2005-01-01"')  # the constant udbredelse_til
    after = load_form(spec)

    judged = validate(after, FOER_2005)
    assert "udbredelse" in judged.open and "udbredelse" in judged.required
    assert [(e.field, e.rule, e.manual, e.message) for e in judged.errors] == [
        (
            "udbredelse",
            "udbredelse.required",
            "F15",
            "Udbredelse skal angives, når dato for første kontakt ligger før 01-01-2005.",
        )
    ]
    # The help text and the closed message follow the same one edit.
    assert after.spec.field("udbredelse").help.endswith("ligger før 01-01-2005.")
    closed = validate(after, {**FOER_2005, "dato_foerste_kontakt": "2005-01-01", "udbredelse": "U1"})
    assert [e.message for e in closed.errors] == [
        "Udbredelse kan kun angives, når dato for første kontakt ligger før 01-01-2005 (angivet: »U1«)."
    ]
    assert validate(after, {**FOER_2005, "udbredelse": "U1"}).valid
    # The day before the new cut-off still needs it; the cut-off day itself does not.
    assert not validate(after, {**FOER_2005, "dato_foerste_kontakt": "2004-12-31"}).valid
    assert validate(after, {**FOER_2005, "dato_foerste_kontakt": "2005-01-01"}).valid


def test_a_code_added_to_a_csv_list_is_accepted(tmp_path: Path, before: CompiledForm) -> None:
    payload = {**FOER_2005, "dato_foerste_kontakt": "2024-03-04", "histologi": "M85003"}
    assert errors(before, payload) == [
        ("histologi", "Histologisk/cytologisk diagnose: »M85003« findes ikke i kodelisten.")
    ]

    spec = copy_form(tmp_path)
    histologi = spec.parent.parent / "codelists" / "histologi.csv"
    with histologi.open("a", encoding="utf-8") as rows:
        rows.write("M85003;duktalt karcinom UNS;;;tilføjet af analytiker\n")
    after = load_form(spec)

    assert validate(after, payload).valid


def test_a_code_added_to_the_operation_codes_no_longer_warns(tmp_path: Path, before: CompiledForm) -> None:
    payload = {
        **FOER_2005,
        "dato_foerste_kontakt": "2024-03-04",
        "makroskopisk_grundlag": ["AZCK0"],
        "operationsdato": "2024-03-20",
        "operationskode": "KJFB33",
    }
    judged = validate(before, payload)
    assert judged.valid
    assert [(w.field, w.rule) for w in judged.warnings] == [("operationskode", "operationskode.unlisted")]

    spec = copy_form(tmp_path)
    codes = spec.parent.parent / "codelists" / "operationskoder.csv"
    with codes.open("a", encoding="utf-8") as rows:
        rows.write("KJFB33;Ny operationskode (eksempel);;;tilføjet af analytiker\n")
    after = load_form(spec)

    assert validate(after, payload).warnings == ()
    assert validate(after, payload).valid


def test_the_copy_is_the_shipped_form(before: CompiledForm) -> None:
    """The edits above start from exactly what ships (same fields, same code sets)."""
    shipped = load_form()
    assert before.plan_ids == shipped.plan_ids
    assert before.clears("dato_foerste_kontakt") == shipped.clears("dato_foerste_kontakt")
