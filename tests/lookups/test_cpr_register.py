import pytest

from engine.form.fieldtypes import coerce_cpr
from engine.lookups.cpr_register import (
    CprAnswer,
    CprRegister,
    NotLookupable,
    Person,
    Unavailable,
    normalise_cpr,
)


def test_a_number_is_normalised_with_or_without_the_hyphen() -> None:
    assert normalise_cpr("120355-1009") == "120355-1009"
    assert normalise_cpr("1203551009") == "120355-1009"
    assert normalise_cpr("  1203551009 ") == "120355-1009"


def test_a_substitute_number_cannot_be_looked_up_and_says_so() -> None:
    assert normalise_cpr("020329-1WQ3") == NotLookupable("020329-1WQ3", "substitute")
    assert normalise_cpr("0203291wq3") == NotLookupable("020329-1WQ3", "substitute")
    assert normalise_cpr("010180-0AB4") == NotLookupable("010180-0AB4", "substitute")


def test_a_number_of_the_wrong_shape_cannot_be_looked_up() -> None:
    for typed in [
        "",
        "12035510",
        "120355-10090",
        "120355 1009",
        "A20355-1009",
        "020329-1W23",
        "120355--1009",
    ]:
        assert normalise_cpr(typed) == NotLookupable(typed.strip(), "malformed"), typed


# One table, two readers: the validator's ``cpr`` field type and the look-up must classify alike.
# number typed → (the validator's finding, what the look-up does with it)
CPR_TABLE: list[tuple[str, str | None, str]] = [
    ("120355-1009", None, "120355-1009"),
    ("1203551009", None, "120355-1009"),
    ("120355-1008", "cpr_modulus11", "120355-1008"),  # issued since 2007 numbers may fail modulus 11
    ("020329-1WQ3", "cpr_substitute", "substitute"),
    ("0203291wq3", "cpr_substitute", "substitute"),
    ("020329-2WQ3", "cpr_format", "malformed"),  # a substitute number's 7th character is 0, 1, 5, 6 or 7
    ("320329-1009", "cpr_date", "date"),
    ("290201-1005", "cpr_date", "date"),  # 29 February 1901 did not exist
    ("310429-1WQ3", "cpr_date", "date"),  # no 31 April in any year
    ("120355-¹⁰⁰⁹", "cpr_format", "malformed"),  # superscript digits are not digits of a CPR number
    ("١٢٠٣٥٥-١٠٠٩", "cpr_format", "malformed"),  # nor are Arabic-Indic digits
    ("１２０３５５-１００９", "cpr_format", "malformed"),  # nor full-width ones
    ("120355-1009\udcff", "cpr_format", "malformed"),
    ("abc", "cpr_format", "malformed"),
    ("", "cpr_format", "malformed"),
]


@pytest.mark.parametrize(("typed", "finding", "looked_up"), CPR_TABLE)
def test_the_validator_and_the_look_up_classify_a_number_alike(
    typed: str, finding: str | None, looked_up: str
) -> None:
    stored, found = coerce_cpr(typed)
    assert found == finding
    answer = normalise_cpr(typed)
    if isinstance(answer, NotLookupable):
        assert answer.reason == looked_up
        assert stored is None or finding == "cpr_substitute"  # never a number the validator accepts
    else:
        assert answer == looked_up == stored  # looked up exactly as the validator stores it


class Unanswering:
    """A register whose service times out, as a real provider reports it: a value, not an exception."""

    def lookup(self, cpr: str) -> CprAnswer:
        number = normalise_cpr(cpr)
        return number if isinstance(number, NotLookupable) else Unavailable("timeout", "no answer in 2.0 s")


def test_a_provider_reports_an_unanswered_look_up_as_a_value() -> None:
    register: CprRegister = Unanswering()

    assert register.lookup("1203551009") == Unavailable("timeout", "no answer in 2.0 s")
    assert register.lookup("020329-1WQ3") == NotLookupable("020329-1WQ3", "substitute")


def test_answers_can_be_told_apart_with_match() -> None:
    def said(answer: CprAnswer) -> str:
        match answer:
            case Person(name=name):
                return name
            case NotLookupable(reason=reason):
                return f"not lookupable: {reason}"
            case Unavailable(reason=reason):
                return f"unavailable: {reason}"
            case None:
                return "unknown"

    person = Person("120355-1009", "Jens Erik Fiktivsen", "mand", ("Eksempelvej 12",), "8990", "Fiktivby")
    assert said(person) == "Jens Erik Fiktivsen"
    assert said(NotLookupable("020329-1WQ3", "substitute")) == "not lookupable: substitute"
    assert said(Unavailable("error")) == "unavailable: error"
    assert said(None) == "unknown"
