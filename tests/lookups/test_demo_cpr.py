from pathlib import Path

import pytest

from engine.lookups.cpr_register import NotLookupable, Person
from engine.lookups.datafile import DataFileError
from engine.lookups.demo_cpr import DEFAULT_PATH, DemoCprRegister


@pytest.fixture(scope="module")
def register() -> DemoCprRegister:
    return DemoCprRegister.load()


def test_the_three_people_of_the_examples(register: DemoCprRegister) -> None:
    assert register.lookup("120355-1009") == Person(
        "120355-1009", "Jens Erik Fiktivsen", "mand", ("Eksempelvej 12",), "8990", "Fiktivby"
    )
    assert register.lookup("150772-2004") == Person(
        "150772-2004", "Karen Margrethe Demosen", "kvinde", ("Fiktivgade 3, 2. th.",), "7990", "Demoby"
    )
    assert register.lookup("230847-1007") == Person(
        "230847-1007", "Poul Henning Prøvesen", "mand", ("Opdigtet Allé 45",), "4990", "Prøvsted"
    )


def test_a_number_without_the_hyphen(register: DemoCprRegister) -> None:
    assert register.lookup("1507722004") == register.lookup("150772-2004")
    assert register.lookup(" 2308471007 ") == register.lookup("230847-1007")


def test_a_person_with_a_c_o_line(register: DemoCprRegister) -> None:
    assert register.lookup("150186-3307") == Person(
        "150186-3307",
        "Peter Lyngfiktiv",
        "mand",
        ("Opslagsvej 101, 3. mf.", "c/o Fantasen"),
        "8990",
        "Fiktivby",
    )


def test_a_substitute_number_is_refused_with_its_reason(register: DemoCprRegister) -> None:
    assert register.lookup("020329-1WQ3") == NotLookupable("020329-1WQ3", "substitute")
    assert register.lookup("0203291wq3") == NotLookupable("020329-1WQ3", "substitute")


def test_an_unknown_number_is_none(register: DemoCprRegister) -> None:
    assert register.lookup("010101-1234") is None
    assert register.lookup("0101011234") is None


def test_a_malformed_number_is_refused(register: DemoCprRegister) -> None:
    assert register.lookup("12-03-55") == NotLookupable("12-03-55", "malformed")


def test_the_demo_has_enough_people_and_their_sex_fits_their_number(register: DemoCprRegister) -> None:
    assert len(register.persons) >= 30
    for number, person in register.persons.items():
        assert person.cpr == number
        assert person.sex == ("mand" if int(number[-1]) % 2 else "kvinde"), number
        assert person.name and person.address and len(person.postcode) == 4 and person.city
    assert {person.sex for person in register.persons.values()} == {"mand", "kvinde"}


def test_the_file_says_that_its_people_are_fictitious() -> None:
    first_line = DEFAULT_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# Demo-CPR-register: FIKTIVE personer")


def test_every_problem_in_a_register_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cpr.csv"
    path.write_text(
        "# fiktive\n"
        "cpr;name;sex;address_1;address_2;postcode;city\n"
        "120355-1009;Jens;mand;Vej 1;;8990;By\n"
        "120355-1008;Jens;mand;Vej 1;;899;By\n"
        "020329-1WQ3;Erstatning;mand;Vej 1;;8990;By\n"
        "150772-2004;;dame;Vej 1;;8990;By\n"
        "1203551009;Jens igen;mand;Vej 2;;8990;By\n",
        encoding="utf-8",
    )

    with pytest.raises(DataFileError) as caught:
        DemoCprRegister.load(path)

    assert caught.value.problems == [
        f"{path}:4: sex mand does not fit the last digit of 120355-1008",
        f'{path}:4: postcode "899" is not 4 digits',
        f'{path}:5: "020329-1WQ3" is not a CPR number that can be looked up',
        f'{path}:6: sex "dame" is neither "mand" nor "kvinde"',
        f"{path}:6: name is empty",
        f"{path}:7: CPR number 120355-1009 is given twice",
    ]
