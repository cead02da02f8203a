"""The look-up answers (engine/web/registers.py): every register outcome as a status and a Danish message."""

from __future__ import annotations

import pytest

from engine.lookups import CprAnswer, NotLookupable, Unavailable
from engine.web.error_answers import ApiError
from engine.web.registers import SOR_COLUMNS, Registers, lookup_cpr, search_sor


class Stub:
    def __init__(self, answer: CprAnswer) -> None:
        self.answer = answer

    def lookup(self, cpr: str) -> CprAnswer:
        return self.answer


@pytest.mark.parametrize(
    ("answer", "status", "error"),
    [
        (None, 404, "cpr_unknown"),
        (NotLookupable("020329-1WQ3", "substitute"), 422, "cpr_substitute"),
        (NotLookupable("x", "malformed"), 400, "cpr_malformed"),
        (Unavailable("timeout"), 503, "cpr_unavailable"),
    ],
)
def test_each_outcome_has_its_status(answer: CprAnswer, status: int, error: str) -> None:
    with pytest.raises(ApiError) as raised:
        lookup_cpr(Stub(answer), "120355-1009")
    assert (raised.value.status, raised.value.error) == (status, error)


def test_an_unavailable_register_says_to_try_again() -> None:
    with pytest.raises(ApiError) as raised:
        lookup_cpr(Stub(Unavailable("error", "HTTP 502")), "120355-1009")
    assert raised.value.message == "CPR-registeret svarer ikke lige nu. Prøv igen om lidt."


def test_the_demo_registers() -> None:
    registers = Registers.demo()
    assert lookup_cpr(registers.cpr, "120355-1009")["name"] == "Jens Erik Fiktivsen"
    assert Registers() == Registers(cpr=None, sor=None)


def test_the_look_ups_offered_in_the_specs_words() -> None:
    assert Registers.demo().offered == {"cpr", "sor"}
    assert Registers().offered == {"cpr"}  # its answer says no register is configured


def test_mit_cvr_needs_a_cvr_number() -> None:
    with pytest.raises(ApiError) as raised:
        search_sor(Registers.demo().sor, {"scope": "mit_cvr_si"}, None, 10)
    assert (raised.value.status, raised.value.message) == (
        400,
        "Der er intet CVR-nummer knyttet til brugeren.",
    )


def test_the_sor_columns_end_with_niveau() -> None:
    assert SOR_COLUMNS[-1] == ("level", "Niveau")
