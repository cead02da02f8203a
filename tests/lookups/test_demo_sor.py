from collections import Counter
from pathlib import Path

import pytest

from engine.lookups.datafile import DataFileError
from engine.lookups.demo_sor import DEFAULT_PATH, DEMO_CVR, load_demo_sor
from engine.lookups.sor import SorTable, SorUnit


@pytest.fixture(scope="module")
def register() -> SorTable:
    return load_demo_sor()


def test_the_sor_code_of_the_examples_is_an_oncology_department(register: SorTable) -> None:
    assert register.get("276231000016004") == SorUnit(
        sor_kode="276231000016004",
        name="Onkologisk Afdeling",
        unit_type="Sygehusafdeling",
        level="OE",
        sector="Regional",
        cvr=DEMO_CVR,
        ydernummer="",
        address="Sygehusvej Fiktiv 45",
        postcode="8990",
        city="Fiktivby",
        parent="37772941000016009",
        parent_name="Fiktivby Universitetshospital",
    )


def test_mit_cvr_si_of_the_demo_region(register: SorTable) -> None:
    result = register.search("mit_cvr_si", cvr=DEMO_CVR, filters={}, limit=20)

    assert [(unit.name, unit.unit_type, unit.ydernummer) for unit in result.rows] == [
        ("Fiktivby Universitetshospital", "Hospital", ""),
        ("Demoby Regionshospital", "Hospital", ""),
        ("Skemaby Sygehus", "Hospital", ""),
        ("Regionsklinikken Skemaby", "Almen praksis", "036465"),
    ]
    assert {unit.parent_name for unit in result.rows} == {"Region Nordfiktiv"}


def test_mit_cvr_alle_of_the_demo_region_adds_its_organisational_units(register: SorTable) -> None:
    result = register.search("mit_cvr_alle", cvr=DEMO_CVR, filters={}, limit=100)

    assert result.total == 47
    assert Counter(unit.level for unit in result.rows) == Counter({"OE": 43, "SI": 4})
    assert [unit.name for unit in result.rows[:4]] == [
        "Fiktivby Universitetshospital",
        "Onkologisk Afdeling",
        "Onkologisk dagafsnit",
        "Onkologisk sengeafsnit",
    ]
    assert register.search("mit_cvr_alle", cvr=DEMO_CVR, filters={"level": "si"}, limit=100).total == 4


def test_every_sector_has_units_and_a_limit_truncates(register: SorTable) -> None:
    totals = {
        scope: register.search(scope, cvr=None, filters={}, limit=10).total
        for scope in ("statslig", "regional", "kommunal", "privat")
    }
    assert totals == {"statslig": 11, "regional": 80, "kommunal": 36, "privat": 71}

    result = register.search("regional", cvr=None, filters={}, limit=10)
    assert len(result.rows) == 10
    assert result.truncated


def test_a_search_like_the_manuals_by_unit_type_and_ydernummer(register: SorTable) -> None:
    found = register.search("privat", cvr=None, filters={"unit_type": "speciallæge", "name": "hud"}, limit=20)
    assert found.total == 0  # the private specialists are named by field, not by "hud"

    found = register.search("privat", cvr=None, filters={"name": "dermato-venerologi"}, limit=20)
    assert {unit.unit_type for unit in found.rows} == {"Speciallægepraksis"}
    assert all(len(unit.ydernummer) == 6 for unit in found.rows)

    one = found.rows[0]
    by_number = register.search("privat", cvr=None, filters={"ydernummer": one.ydernummer}, limit=20)
    assert by_number.rows == (one,)


def test_the_demo_has_sors_shape(register: SorTable) -> None:
    units = register.units
    assert 200 <= len(units) <= 400
    assert len({unit.sor_kode for unit in units}) == len(units)
    assert all(unit.sor_kode.isdigit() and len(unit.sor_kode) >= 11 for unit in units)
    assert len({unit.cvr for unit in units}) > 10
    assert {unit.sector for unit in units} == {"Statslig", "Regional", "Kommunal", "Privat"}
    assert {unit.level for unit in units} == {"Ejer", "SI", "OE"}
    types = {unit.unit_type for unit in units}
    assert {"Hospital", "Sygehusafdeling", "Almen praksis", "Speciallægepraksis", "Privathospital"} <= types
    assert "Kommunal sundhedsordning" in types
    assert sum(1 for unit in units if unit.ydernummer) > 20
    for unit in units:
        parent = register.get(unit.parent)
        if unit.level == "Ejer":
            assert parent is None and unit.parent == ""
        else:
            assert parent is not None and parent.name == unit.parent_name
            assert (parent.cvr, parent.sector) == (unit.cvr, unit.sector)


def test_the_file_says_that_its_units_are_fictitious() -> None:
    first_line = DEFAULT_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# Demo-SOR: FIKTIVE sundhedsenheder")


def test_every_problem_in_a_sor_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sor.csv"
    path.write_text(
        "# fiktive\n"
        "sor_kode;name;unit_type;level;sector;cvr;ydernummer;address;postcode;city;parent\n"
        "10000000000001;Region;Region;Ejer;Regional;11111111;;Vej 1;8990;By;\n"
        "10000000000002;Hospital;Hospital;SI;Regional;11111111;;Vej 2;8990;By;10000000000001\n"
        "10000000000003;Afdeling;Sygehusafdeling;OE;Regional;22222222;;Vej 2;8990;By;10000000000002\n"
        "10000000000004;Forkert;Sygehusafdeling;OE;Regional;11111111;;Vej 2;8990;By;10000000000001\n"
        "10000000000005;Forældreløs;Klinik;SI;Privat;11111111;12345;Vej 3;8990;By;99999999999999\n"
        "123;Kort;Klinik;Niveau;Halvoffentlig;1111;;;899;;\n"
        "10000000000002;Igen;Hospital;SI;Regional;11111111;;Vej 2;8990;By;10000000000001\n"
        "10000000000001;Ejer med forælder;Region;Ejer;Regional;11111111;;Vej 1;8990;By;10000000000002\n",
        encoding="utf-8",
    )

    with pytest.raises(DataFileError) as caught:
        load_demo_sor(path)

    assert caught.value.problems == [
        f"{path}:5: cvr 22222222 differs from the parent's (11111111)",
        f"{path}:6: the parent of an OE must be OE or SI, not 10000000000001",
        f'{path}:7: ydernummer "12345" is not 6 digits or empty',
        f'{path}:7: parent "99999999999999" is not a SOR code in the file',
        f"{path}:8: address is empty",
        f"{path}:8: city is empty",
        f'{path}:8: sor_kode "123" is not at least 11 digits',
        f'{path}:8: cvr "1111" is not 8 digits',
        f'{path}:8: postcode "899" is not 4 digits',
        f'{path}:8: level "Niveau" is not one of Ejer, SI, OE',
        f'{path}:8: sector "Halvoffentlig" is not one of Statslig, Regional, Kommunal, Privat',
        f"{path}:9: SOR code 10000000000002 is given twice (first on line 4)",
        f"{path}:10: SOR code 10000000000001 is given twice (first on line 3)",
        f"{path}:10: an owner has no parent, but 10000000000002 is given",
    ]
