"""CPR numbers: format, date with the century rule, modulus 11, substitute numbers."""

from __future__ import annotations

import datetime

import pytest

from engine.form.cpr_number import analyse, birth_date_iso, century, modulus11


@pytest.mark.parametrize(
    ("text", "value", "finding"),
    [
        ("120355-1009", "120355-1009", None),
        ("1203551009", "120355-1009", None),
        (" 150772-2004 ", "150772-2004", None),
        ("230847-1007", "230847-1007", None),
        ("120355-1008", "120355-1008", "cpr_modulus11"),
        ("320155-1009", "320155-1009", "cpr_date"),
        ("121355-1009", "121355-1009", "cpr_date"),
        ("290201-1234", "290201-1234", "cpr_date"),  # 1901 is not a leap year
        ("290200-4231", "290200-4231", "cpr_modulus11"),  # 2000 is: the date is fine
        ("020329-1WQ3", "020329-1WQ3", "cpr_substitute"),  # X-eCPR
        ("0203297AB4", "020329-7AB4", "cpr_substitute"),
        ("020329-0AB4", "020329-0AB4", "cpr_substitute"),  # D-eCPR
        ("020329-5xy2", "020329-5XY2", "cpr_substitute"),
        ("020329-2WQ3", "020329-2WQ3", "cpr_format"),  # 2 is neither X- nor D-eCPR
        ("020329-1W33", "020329-1W33", "cpr_format"),
        ("310229-1WQ3", "310229-1WQ3", "cpr_date"),
        ("290229-1WQ3", "290229-1WQ3", "cpr_substitute"),  # 29 February exists in some year
        ("12035-1009", "12035-1009", "cpr_format"),
        ("120355--1009", "120355--1009", "cpr_format"),
        ("", "", "cpr_format"),
        ("abcdefghij", "abcdefghij", "cpr_format"),
    ],
)
def test_analyse(text: str, value: str, finding: str | None) -> None:
    number = analyse(text)
    assert (number.value, number.finding) == (value, finding)


def test_usable_numbers_and_remarks() -> None:
    assert analyse("120355-1008").usable
    assert analyse("020329-1WQ3").usable
    assert not analyse("320155-1009").usable
    assert not analyse("12").usable


@pytest.mark.parametrize(
    ("year", "seventh", "expected"),
    [(55, 0, 1900), (55, 3, 1900), (36, 4, 2000), (37, 4, 1900), (10, 9, 2000), (57, 5, 2000), (58, 8, 1800)],
)
def test_century(year: int, seventh: int, expected: int) -> None:
    assert century(year, seventh) == expected


def test_birth_date() -> None:
    assert analyse("120355-1009").birth_date == datetime.date(1955, 3, 12)
    assert analyse("010105-4001").birth_date == datetime.date(2005, 1, 1)
    assert analyse("020329-1WQ3").birth_date is None


def test_modulus11() -> None:
    assert modulus11("1203551009")
    assert not modulus11("1203551008")


def test_birth_date_iso_agrees_with_the_full_analysis() -> None:
    """The quick reading the date checks use gives the birth date ``analyse`` gives, for every kind of text."""
    texts = [
        "120355-1009",
        "1203551009",
        " 150772-2004 ",
        "290200-4231",
        "290201-1234",
        "320155-1009",
        "020329-1WQ3",
        "010100-4000",
        "010158-5000",
        "010137-9000",
        "010199-9000",
        "١٢٠٣٥٥-١٠٠٩",
        "120355-¹⁰⁰⁹",
        "12035-51009",
        "",
        "abcdef-ghij",
    ]
    texts += [
        f"{day:02d}{month:02d}{year:02d}-{seventh}000"
        for day in (1, 29, 31)
        for month in (2, 12)
        for year in (0, 37, 57, 99)
        for seventh in range(10)
    ]
    for text in texts:
        born = analyse(text).birth_date
        assert birth_date_iso(text) == (born.isoformat() if born is not None else None), text
