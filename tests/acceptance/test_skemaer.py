"""The filled-in forms the scenarios start from (features/skemaer.yaml) are valid as they stand, without
warnings; when an edit of the form breaks one, the failure names the form and the rules it no longer meets."""

from __future__ import annotations

from typing import Any

import pytest

from engine.form import CompiledForm, validate
from tests.acceptance.skemaer import base, bases
from tests.broken_rules import unmet


@pytest.mark.parametrize("navn", list(bases()))
def test_base_form_meets_every_rule(form: CompiledForm, navn: str) -> None:
    result = validate(form, base(navn)).as_json()
    assert not unmet(result), unmet(result, f"the base form »{navn}« (features/skemaer.yaml)")


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def test_the_base_forms_hold_text_as_a_payload_does() -> None:
    """No date or number slips in as YAML would read it: every value is text."""
    assert {type(leaf) for form in bases().values() for leaf in _leaves(form)} == {str}


def test_base_returns_a_copy() -> None:
    name = next(iter(bases()))
    first = base(name)
    first.clear()
    assert base(name) == bases()[name] != {}


def test_unknown_base_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match=next(iter(bases()))):
        base("en form, der ikke findes")
