"""The form's ``limits:``: beyond a limit the excess is not judged, one finding says so; the answer stays small.

Each of these failed before the limits existed: a group of 333,315 items was judged item by item (31 s and
a 120 MB answer in the server), and so were 125,000 codes and 92,000 unknown keys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.form import CompiledForm, lint_form, validate
from engine.form.payload import PayloadError, parse_payload, unusable_result
from tests.cli import run_indberet
from tests.conftest import Build, problems_of, write_spec

COLOURS = "ROD;Rød;;\nBLA;Blå;;\n"

FORM = """
limits: {keys: 6, items: 3, codes: 2, text_length: 10, messages: 50, payload_bytes: 2048}
sections:
  - id: s
    title: S
    fields:
      - {id: navn, type: text, label: Navn}
      - {id: kopi, type: text, label: Kopi, open_if: {"!!": [{var: navn}]}}
      - {id: farver, type: codes, label: Farver, codelist: farver}
      - {id: mange, type: codes, label: Mange, codelist: farver, max_items: 4}
      - id: ting
        type: group
        label: Ting
        fields:
          - {id: kode, type: code, label: Kode, codelist: farver, required: true}
"""


@pytest.fixture
def form(build: Build) -> CompiledForm:
    return build(FORM, {"farver": COLOURS})


def errors(result: Any) -> list[tuple[str, str, str]]:
    return [(f.field, f.rule, f.message) for f in result.errors]


def test_a_group_with_more_items_than_the_limit_is_one_error_and_counts_as_not_given(
    form: CompiledForm,
) -> None:
    result = validate(form, {"ting": [{}, {}, {}, {}]})
    assert errors(result) == [("ting", "ting.too_many_items", "too_many_items Ting 4 3")]
    assert result.items == {}  # the items were not judged one by one


def test_a_group_at_the_limit_is_judged_item_by_item(form: CompiledForm) -> None:
    result = validate(form, {"ting": [{}, {}, {}]})
    assert [field for field, _, _ in errors(result)] == ["ting[0].kode", "ting[1].kode", "ting[2].kode"]


def test_codes_beyond_the_form_limit_or_the_fields_own(form: CompiledForm) -> None:
    assert errors(validate(form, {"farver": ["ROD", "BLA", "ROD"]})) == [
        ("farver", "farver.too_many_items", "too_many_items Farver 3 2")
    ]
    # max_items on the field overrides the form's limit: four codes are judged (and one is repeated)
    assert [rule for _, rule, _ in errors(validate(form, {"mange": ["ROD", "BLA", "ROD", "BLA"]}))] == [
        "mange.unique",
        "mange.unique",
    ]
    assert errors(validate(form, {"mange": ["ROD"] * 5})) == [
        ("mange", "mange.too_many_items", "too_many_items Mange 5 4")
    ]


def test_a_text_beyond_the_limit_is_one_error_and_counts_as_not_given(form: CompiledForm) -> None:
    result = validate(form, {"navn": "x" * 11})
    assert errors(result) == [("navn", "navn.too_long", "too_long Navn 11 10")]
    assert "kopi" not in result.open  # the rule reading navn saw no value
    assert validate(form, {"navn": "x" * 10}).valid


def test_a_code_too_long_in_a_codes_field(form: CompiledForm) -> None:
    assert errors(validate(form, {"farver": ["ROD", "R" * 40]})) == [
        ("farver", "farver.too_long", "too_long Farver 40 10")
    ]


def test_more_keys_than_the_limit_is_one_error_and_the_unknown_keys_are_not_listed(
    form: CompiledForm,
) -> None:
    payload: dict[str, Any] = {f"ukendt{i}": i for i in range(10)} | {"farver": ["GUL"]}
    result = validate(form, payload)
    assert errors(result) == [
        ("", "too_many_keys", "too_many_keys  11 6"),
        ("farver[0]", "farver.codelist", "codelist Farver GUL"),  # the form's own fields are still judged
    ]


def test_an_item_with_more_keys_than_the_limit(form: CompiledForm) -> None:
    item = {f"k{i}": i for i in range(7)}
    assert errors(validate(form, {"ting": [item]}))[0] == (
        "ting[0]",
        "too_many_keys",
        "too_many_keys ting[0] 7 6",
    )


def test_a_long_unknown_key_is_named_shortened(form: CompiledForm) -> None:
    (finding,) = validate(form, {"k" * 5000: 1}).errors
    assert finding.field == "k" * 79 + "…"
    assert len(finding.message) < 200


def test_findings_beyond_the_message_limit_are_counted_in_one_last_error(build: Build) -> None:
    capped = build(FORM.replace("messages: 50", "messages: 2"), {"farver": COLOURS})
    result = validate(capped, {"a": 1, "b": 2, "c": 3, "farver": ["GUL"]})
    assert len(result.errors) == 3
    assert result.errors[-1].rule == "too_many_messages"
    assert result.errors[-1].message == "too_many_messages 2 2"
    assert not result.valid


def test_when_only_warnings_are_left_out_the_summary_is_a_warning(build: Build) -> None:
    body = FORM.replace("messages: 50", "messages: 1").replace(
        "      - {id: navn, type: text, label: Navn}",
        "      - id: navn\n        type: text\n        label: Navn\n        checks:\n"
        "          - {id: w1, when: true, severity: warning, message: første}\n"
        "          - {id: w2, when: true, severity: warning, message: anden}\n"
        "          - {id: w3, when: true, severity: warning, message: tredje}",
    )
    result = validate(build(body, {"farver": COLOURS}), {"navn": "x"})
    assert result.valid
    assert [w.message for w in result.warnings] == ["første", "too_many_messages 2 1"]
    assert result.warnings[-1].severity == "warning"


def test_a_payload_larger_than_the_limit_is_not_parsed(form: CompiledForm) -> None:
    text = json.dumps({"navn": "x" * 3000})
    with pytest.raises(PayloadError) as raised:
        parse_payload(text, form.spec.limits.payload_bytes)
    assert raised.value.kind == "too_large"
    result = unusable_result(form, raised.value)
    assert result["errors"][0]["message"] == "too_large 2.048 3.012"
    assert parse_payload(text) == {"navn": "x" * 3000}  # without a limit, as before


def test_the_limit_is_measured_in_utf8_bytes(form: CompiledForm) -> None:
    text = json.dumps({"navn": "æ" * 1100}, ensure_ascii=False)  # 1,100 characters, 2,200 bytes
    with pytest.raises(PayloadError):
        parse_payload(text, form.spec.limits.payload_bytes)


def test_limits_have_defaults(build: Build) -> None:
    limits = build(FORM.split("\n", 2)[2], {"farver": COLOURS}).spec.limits
    assert (limits.payload_bytes, limits.keys, limits.items, limits.codes) == (262_144, 100, 100, 100)
    assert (limits.text_length, limits.messages) == (1_000, 200)


def test_lint_keys_below_the_number_of_fields(tmp_path: Path) -> None:
    body = FORM.replace("keys: 6", "keys: 4")
    assert problems_of(tmp_path, body, {"farver": COLOURS}) == [
        "36:16: limits.keys is 4, but the form has 5 fields: a payload holding them all would break it"
        " — raise limits.keys to at least 5"
    ]


def test_lint_max_items_on_a_field_of_one_value(tmp_path: Path) -> None:
    body = FORM.replace(
        "{id: navn, type: text, label: Navn}", "{id: navn, type: text, label: Navn, max_items: 3}"
    )
    assert problems_of(tmp_path, body, {"farver": COLOURS}) == [
        '41:45: field "navn" of type text takes no "max_items:" (only codes and group fields hold several)'
        ' — remove "max_items:"'
    ]


def test_the_cli_reports_a_line_over_the_limit_and_goes_on(tmp_path: Path, build: Build) -> None:
    spec = write_spec(tmp_path, FORM, {"farver": COLOURS})
    assert lint_form(spec).form is not None
    lines = b'{"navn": "a"}\n{"navn": "' + b"x" * 5000 + b'"}\n{"navn": "b"}\n'
    ran = run_indberet("validate", "-", "--form", spec, stdin=lines)
    results = [json.loads(line) for line in ran.stdout.decode("utf-8").splitlines()]
    assert [r["valid"] for r in results] == [True, False, True]
    assert results[1]["errors"][0]["message"] == "too_large 2.048 > 2.048"
    assert ran.returncode == 2
    assert b"<stdin>:2: too large: more than 2.048 bytes" in ran.stderr


def test_the_cli_reads_no_more_of_a_large_file_than_the_limit(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, FORM, {"farver": COLOURS})
    big = tmp_path / "stor.json"
    big.write_text(json.dumps({"navn": "x" * 100_000}), encoding="utf-8")
    ran = run_indberet("validate", big, "--form", spec)
    (result,) = [json.loads(line) for line in ran.stdout.decode("utf-8").splitlines()]
    assert result["errors"][0]["message"] == "too_large 2.048 100.012"
    assert ran.returncode == 2
