"""The filled-in forms the scenarios start from are valid as they stand, without warnings."""

from __future__ import annotations

import pytest

from engine.form import CompiledForm, validate
from tests.acceptance.skemaer import BASES, base


@pytest.mark.parametrize("navn", list(BASES))
def test_base_form_is_valid(form: CompiledForm, navn: str) -> None:
    result = validate(form, base(navn))
    assert result.errors == () and result.warnings == ()


def test_base_returns_a_copy() -> None:
    first = base("en brystkræft")
    first["behandlinger"].append({"kode": "BWG"})
    assert base("en brystkræft")["behandlinger"] == [{"kode": "BWHA", "startdato": "2024-04-15"}]


def test_unknown_base_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="en brystkræft"):
        base("en hudkræft")
