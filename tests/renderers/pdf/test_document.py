"""What the print shows (renderers/pdf/document.py): values as stored, odd values, and the bounds."""

from __future__ import annotations

import datetime
import json
from dataclasses import replace
from typing import Any

from engine.form import CompiledForm, validate
from renderers.pdf.document import (
    MAX_LINES,
    SHORT,
    Document,
    FieldEntry,
    build_document,
    printable,
    shown_time,
)
from tests.renderers.pdf.conftest import FILLED, META


def _document(form: CompiledForm, payload: dict[str, Any]) -> Document:
    return build_document(form, payload, validate(form, payload), META)


def _fields(document: Document) -> dict[str, FieldEntry]:
    return {f["label"]: f for section in document["sections"] for f in section["fields"]}


def test_printable_text_is_cut_at_the_limit() -> None:
    assert printable("Ærøskøbing", 10) == "Ærøskøbing"
    assert printable("Ærøskøbing", 3) == "Ærø…"


def test_control_characters_surrogates_and_bidi_controls_become_replacement_characters() -> None:
    assert printable("a\x00b\x1bc\x7fd\x85e", 99) == "a\ufffdb\ufffdc\ufffdd\ufffde"
    assert printable("\ud800x\udfff", 99) == "\ufffdx\ufffd"
    assert printable("CPR \u202e9001-553021", 99) == "CPR \ufffd9001-553021"
    assert printable("\u2066a\u2069\u200e\u200f\u061c", 99) == "\ufffda" + "\ufffd" * 4


def test_a_value_is_one_line_and_free_text_keeps_its_lines_within_bounds() -> None:
    assert printable("a\r\nb\rc\td", 99) == "a b c d"
    assert printable("a\r\nb\n\n\n\n  c", 99, multiline=True) == "a\nb\n\nc"
    many = printable("\n".join("x" * (MAX_LINES + 20)), 999, multiline=True)
    assert many.count("\n") == MAX_LINES - 1
    assert many.endswith("x " * 20 + "x")


def test_a_long_run_without_spaces_gets_a_break_opportunity_every_30_characters() -> None:
    shown = printable("x" * 95 + " kort", 999)
    assert shown == "\u200b".join(["x" * 30, "x" * 30, "x" * 30, "x" * 5]) + " kort"


def test_dates_and_times_are_shown_the_danish_way() -> None:
    assert shown_time(datetime.date(2024, 3, 4)) == "04-03-2024"
    assert shown_time(datetime.datetime(2024, 3, 4, 9, 5)) == "04-03-2024 09:05"


def test_values_are_shown_as_stored(small: CompiledForm) -> None:
    fields = _fields(_document(small, FILLED))
    assert fields["CPR-nummer"]["values"] == [("120355-1009", "")]  # normalised: with its hyphen
    assert fields["Modsat farve"]["values"] == [("ROD", "Rød")]  # derived
    assert fields["Modsat farve"]["notes"] == ["Udfyldt automatisk"]
    table = fields["Behandlinger givet"]["table"]
    assert table is not None
    assert table["columns"] == ["Behandlingsfarve", "Påbegyndt", "Begrundelse for blåt"]
    assert [cell["values"] for cell in table["rows"][0]] == [[("ROD", "Rød")], [("11-03-2024", "")], []]


def test_values_of_the_wrong_kind_are_shown_without_a_crash(small: CompiledForm) -> None:
    payload = {
        "navn": 7,
        "cpr": {"a": 1},
        "dato": "31-02-2024",
        "farve": "X" * 5000,
        "toner": "ROD",
        "behandlinger": [5, {"kode": ["ROD"], "start": True}],
    }
    fields = _fields(_document(small, payload))
    assert fields["Fulde navn"]["values"] == [("7", "")]
    assert fields["CPR-nummer"]["values"] == [("", "Ugyldig værdi – se valideringsresultatet.")]
    assert fields["Første kontakt"]["values"] == [("31-02-2024", "")]
    assert fields["Øjenfarve"]["values"] == [
        (printable("X" * SHORT, SHORT) + "…", "Koden findes ikke i kodelisten.")
    ]
    assert fields["Toner i øjet"]["notes"] == ["Ugyldig værdi – se valideringsresultatet."]
    table = fields["Behandlinger givet"]["table"]
    assert table is not None
    assert table["rows"][0][0]["notes"] == ["Ugyldig værdi – se valideringsresultatet."]
    assert [cell["values"] for cell in table["rows"][1][:2]] == [
        [("", "Ugyldig værdi – se valideringsresultatet.")],
        [("true", "")],
    ]


def test_a_closed_group_holding_items_is_printed_as_given_with_one_note(small: CompiledForm) -> None:
    entry = _fields(_document(small, {**FILLED, "dato": None}))["Behandlinger givet"]  # opens with a date
    assert entry["notes"] == ["Feltet er ikke åbent for indtastning; værdien indgår ikke i skemaet."]
    table = entry["table"]
    assert table is not None
    assert table["rows"][1] == [
        {"values": [("BLA", "Blå")], "notes": []},
        {"values": [("02-04-2024", "")], "notes": []},
        {"values": [("Blåt lys på øjets forside", "")], "notes": []},
    ]


def test_keys_that_are_not_fields_are_not_printed(small: CompiledForm) -> None:
    document = _document(small, {**FILLED, "ukendt": "Hemmeligt"})
    assert "Hemmeligt" not in json.dumps(document, ensure_ascii=False)


def test_an_unknown_state_is_shown_by_its_id(small: CompiledForm) -> None:
    document = build_document(small, FILLED, validate(small, FILLED), replace(META, state="ukendt"))
    assert document["info"][0] == ("Status", "ukendt")


def _strings_and_lists(value: Any) -> tuple[list[str], list[list[Any]]]:
    strings: list[str] = []
    lists: list[list[Any]] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            if isinstance(node, list):
                lists.append(node)
            stack.extend(node)
    return strings, lists


def test_whatever_the_payload_holds_the_document_is_bounded_by_the_form_s_limits(small: CompiledForm) -> None:
    huge = "å" * 100_000
    payload = {
        **{f.id: huge for f in small.spec.fields},
        "toner": [huge] * 10_000,
        "behandlinger": [{"kode": huge, "start": huge, "hvorfor": huge}] * 10_000,
        **{f"ukendt{i}": huge for i in range(1_000)},
    }
    document = _document(small, payload)
    limits = small.spec.limits
    strings, lists = _strings_and_lists(document)
    longest_text = limits.text_length + 1 + limits.text_length // 30  # "…" and the break opportunities
    assert max(map(len, strings)) <= longest_text
    assert max(map(len, lists)) <= max(limits.items, limits.codes, limits.messages) + 1  # "… og N mere"
    assert len(json.dumps(document, ensure_ascii=False)) < 1_000_000
