"""Properties of judging any payload: never an exception, always one well-formed, encodable, bounded result.

Payloads are generated from the shipped form's spec (tests/properties.py): plausible values, values of
another kind, odd text; and mutated JSON text. ``HYPOTHESIS_PROFILE=long`` runs 100,000 of each.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from engine.form import load_form, validate
from engine.form.jsontext import json_text
from engine.form.payload import PayloadError, parse_payload, unusable_result
from tests.properties import as_json_bytes, json_values, mutate, payloads

FORM = load_form()
FINDING_KEYS = {"field", "rule", "manual", "message", "severity"}
RESULT_KEYS = {"valid", "errors", "warnings", "derived", "open", "required", "normalized", "items"}


def assert_well_formed(result: dict[str, Any]) -> None:
    assert set(result) == RESULT_KEYS
    assert result["valid"] == (not result["errors"])
    for severity in ("errors", "warnings"):
        for finding in result[severity]:
            assert set(finding) == FINDING_KEYS
            assert isinstance(finding["field"], str) and isinstance(finding["message"], str)
            assert finding["severity"] == severity.removesuffix("s")
    limits = FORM.spec.limits
    assert len(result["errors"]) + len(result["warnings"]) <= limits.messages + 1
    text = json_text(result)
    assert len(text.splitlines()) == 1
    assert json.loads(text.encode("utf-8")) == result
    assert len(text.encode("utf-8")) < 100_000


def judged(body: bytes) -> dict[str, Any]:
    try:
        payload = parse_payload(body, FORM.spec.limits.payload_bytes)
    except PayloadError as error:
        return unusable_result(FORM, error)
    return validate(FORM, payload).as_json()


@given(payloads(FORM))
def test_any_payload_of_the_forms_fields_is_judged(payload: dict[str, Any]) -> None:
    assert_well_formed(validate(FORM, payload).as_json())


@given(json_values)
def test_any_json_value_is_judged(value: Any) -> None:
    result = validate(FORM, value).as_json()
    assert_well_formed(result)
    if not isinstance(value, dict):
        assert [e["rule"] for e in result["errors"]] == ["not_object"]


@given(payloads(FORM), st.data())
def test_mutated_json_text_is_judged_or_refused_with_one_result(
    payload: dict[str, Any], data: st.DataObject
) -> None:
    body = mutate(as_json_bytes(payload), data)
    result = judged(body)
    assert_well_formed(result)


@given(st.binary(max_size=200))
def test_any_bytes_are_judged_or_refused_with_one_result(body: bytes) -> None:
    assert_well_formed(judged(body))
