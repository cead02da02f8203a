from datetime import date
from pathlib import Path

import pytest

from engine.codelists.model import Code, CodeList

BREAST = Code("DC50", "Brystkræft", None, None)
BREAST_UNS = Code("DC509", "Brystkræft UNS", date(1994, 1, 1), date(2019, 1, 1), "lukket")


def test_a_code_without_dates_is_always_valid() -> None:
    assert BREAST.valid_on(date(1900, 1, 1))
    assert BREAST.valid_on(date(2999, 12, 31))


def test_both_ends_of_the_validity_are_inclusive() -> None:
    assert not BREAST_UNS.valid_on(date(1993, 12, 31))
    assert BREAST_UNS.valid_on(date(1994, 1, 1))
    assert BREAST_UNS.valid_on(date(2019, 1, 1))
    assert not BREAST_UNS.valid_on(date(2019, 1, 2))


def test_a_code_list_looks_codes_up_and_keeps_the_file_order() -> None:
    codes = CodeList.of("diagnoser", Path("codelists/diagnoser.csv"), [BREAST_UNS, BREAST])

    assert "DC50" in codes
    assert "DC5" not in codes
    assert 509 not in codes
    assert codes.get("DC509") is BREAST_UNS
    assert codes.get("DC99") is None
    assert len(codes) == 2
    assert [code.code for code in codes] == ["DC509", "DC50"]


def test_a_code_list_cannot_be_changed_after_loading() -> None:
    source = {"DC50": BREAST}
    codes = CodeList("diagnoser", Path("codelists/diagnoser.csv"), source)
    source["DC509"] = BREAST_UNS

    assert "DC509" not in codes
    with pytest.raises(TypeError):
        codes.codes["DC509"] = BREAST_UNS  # type: ignore[index]


def test_a_code_given_twice_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match='code "DC50" is given twice'):
        CodeList.of("diagnoser", Path("x.csv"), [BREAST, BREAST])
