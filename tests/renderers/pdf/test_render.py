"""The print, read back by its text (renderers/pdf/render.py): a small form of the tests' own, and the
cancer form's diagnosis text."""

from __future__ import annotations

import datetime
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from engine.form import CompiledForm, lint_form, load_form, validate
from renderers.pdf import PrintMeta, render_pdf
from tests.renderers.pdf.at_limits import WORDS, at_limits
from tests.renderers.pdf.conftest import FILLED, META, build_small, pdf_lines, pdf_text

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _print(form: CompiledForm, payload: dict[str, object], meta: PrintMeta = META) -> bytes:
    return render_pdf(form, payload, validate(form, payload), meta)


def test_the_print_shows_the_stored_form_and_every_label_value_and_code_text(small: CompiledForm) -> None:
    assert pdf_lines(_print(small, FILLED)) == [
        "Test",
        "Skemaversion 1",
        "Skemainformation",
        "Status Sendt til Ærø",  # the workflow's label for the state "sendt"
        "Version 3",
        "Gruppe Øjenafdelingen, Århus",
        "Oprettet 04-03-2024 09:30",
        "Oprettet af sekretær Bødker",
        "Senest ændret 02-04-2024 14:05",
        "Senest ændret af læge Ågård",
        "Patientens data",
        "Fulde navn Søren Ærøe Åberg",
        "CPR-nummer 120355-1009",  # as the engine stores it: with its hyphen
        "Første kontakt 04-03-2024",
        "Øjenfarve GRO – Grøn",
        "Kun for blå øjne",
        "Ingen af afsnittets felter er åbne for dette skema.",  # its one field is closed
        "Fund og behandling",
        "Toner i øjet ROD – Rød",
        "BLA – Blå",
        "Modsat farve ROD – Rød",
        "Udfyldt automatisk",
        "Behandlinger givet Behandlingsfarve Påbegyndt Begrundelse for blåt",
        "ROD – Rød 11-03-2024",  # its closed item field: an empty cell
        "BLA – Blå 02-04-2024 Blåt lys på øjets forside",
        "Valideringsresultat",
        "Valideret uden fejl",
        "Udskrevet 06-05-2024 07:08 af læge Æbelø Side 1 af 1",
    ]


def test_errors_and_warnings_are_printed_with_their_messages(small: CompiledForm) -> None:
    payload = {
        **FILLED,
        "navn": "Anders",
        "farve": "LILLA",
        "nuance": "Dybblå",
        "behandlinger": [{"kode": "ROD"}],
    }
    text = pdf_text(_print(small, payload))
    assert (
        "Valideringsresultat Fejl (3) "
        "• codelist Øjenfarve LILLA "
        "• closed Nuance af blåt Dybblå "
        "• required Påbegyndt "
        "Advarsler (1) "
        "• Navnet »Anders« står først i alfabetet – kontrollér stavningen."
    ) in text
    assert "Valideret uden fejl" not in text
    assert "Behandlinger givet Behandlingsfarve Påbegyndt ROD – Rød Ikke udfyldt" in text


def test_warnings_alone_are_printed_below_validated_without_errors(small: CompiledForm) -> None:
    text = pdf_text(_print(small, {**FILLED, "navn": "Anders"}))
    assert "Valideret uden fejl Advarsler (1) • Navnet »Anders« står først" in text


def test_closed_fields_are_left_out(small: CompiledForm) -> None:
    text = pdf_text(_print(small, FILLED))  # GRO: the blue fields are closed
    assert "Nuance af blåt" not in text
    assert "Begrundelse for blåt" in text  # open in the blue item


def test_an_open_field_without_a_value_is_printed_as_not_filled_in(small: CompiledForm) -> None:
    lines = pdf_lines(_print(small, {**FILLED, "farve": "BLA", "toner": []}))
    assert "Nuance af blåt Ikke udfyldt" in lines
    assert "Toner i øjet Ikke udfyldt" in lines


def test_a_value_in_a_closed_field_is_printed_with_a_note(small: CompiledForm) -> None:
    text = pdf_text(_print(small, {**FILLED, "nuance": "Dybblå"}))
    assert (
        "Nuance af blåt Dybblå Feltet er ikke åbent for indtastning; værdien indgår ikke i skemaet." in text
    )


def test_the_print_is_a_pdf_with_its_font_embedded(small: CompiledForm) -> None:
    pdf = _print(small, FILLED)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == "Test"
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        assert "LibertinusSerif" in font["/BaseFont"]
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)  # the glyphs are in the file


def test_the_same_form_printed_at_the_same_time_gives_the_same_bytes(small: CompiledForm) -> None:
    assert _print(small, FILLED) == _print(small, dict(FILLED))
    later = replace(META, printed=datetime.datetime(2025, 1, 1, 0, 0))
    assert _print(small, FILLED) != _print(small, FILLED, later)


def test_markup_in_a_value_is_printed_as_it_is(small: CompiledForm) -> None:
    markup = "#set page(width: 1cm) *fed* _skrå_ $x^2$ <b>&amp;</b> @ref // ]"
    pdf = _print(small, {**FILLED, "navn": markup})
    assert f"Fulde navn {markup}" in pdf_lines(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_unprintable_characters_do_not_stop_the_print(small: CompiledForm) -> None:
    odd = "A\x00B\x1b\u202eC\ud800D\r\nE"
    text = pdf_text(_print(small, {**FILLED, "navn": odd, "nuance": "\u2066x"}))
    assert "Fulde navn A" in text and "Første kontakt 04-03-2024" in text


def test_codes_and_items_beyond_the_limits_are_counted_not_printed(small: CompiledForm) -> None:
    items = [{"kode": "ROD", "start": "2024-03-11"}] * 105  # the form's default limit: 100 items
    toner = ["ROD", "GRO", "BLA", "ROD", "GRO"]  # its max_items: 3
    text = pdf_text(_print(small, {**FILLED, "toner": toner, "behandlinger": items}))
    assert "Toner i øjet ROD – Rød GRO – Grøn BLA – Blå … og 2 mere, som ikke er vist." in text
    # Beyond its limit the group is not judged: its items are printed as given, without notes.
    assert text.count("ROD – Rød 11-03-2024") == 100
    assert "ROD – Rød 11-03-2024 … og 5 mere, som ikke er vist." in text
    assert "Begrundelse for blåt" not in text  # no column for an item field that no item gives
    assert "Ikke udfyldt" not in text and "Feltet er ikke åbent" not in text


@pytest.mark.parametrize(("word", "real"), [*((word, True) for word in WORDS.values()), ("æ\n", False)])
def test_a_form_filled_to_its_limits_gives_a_bounded_print(
    small: CompiledForm, word: str, real: bool
) -> None:
    # Before free texts were held to 30 lines and other values to 80 characters, five of these six
    # failed (and the cancer form filled with line breaks printed as over 1,500 pages).
    pdf = _print(small, at_limits(small, word, real=real))
    assert len(pdf) < 1_000_000
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 60


def test_a_form_without_a_workflow_prints_the_state_as_given(tmp_path: Path) -> None:
    spec = tmp_path / "form.yaml"
    form = build_small(tmp_path)
    spec.write_text(spec.read_text("utf-8").split("workflow:")[0], "utf-8")
    linted = lint_form(spec)
    assert linted.form is not None and linted.form.spec.workflow is None and form.spec.workflow
    meta = PrintMeta(state="kladde", version=0, group="", created=datetime.date(2024, 3, 4))
    lines = pdf_lines(render_pdf(linted.form, {}, validate(linted.form, {}), meta))
    assert lines[3:7] == ["Status kladde", "Version 0", "Gruppe Ingen gruppe", "Oprettet 04-03-2024"]
    assert not any(line.startswith(("Oprettet af", "Senest", "Udskrevet")) for line in lines)


def test_the_cancer_form_prints_the_diagnosis_with_its_text() -> None:
    form = load_form()
    payload = json.loads((EXAMPLES / "bryst-tnm-lateralitet.json").read_text("utf-8"))
    diagnosis = form.spec.field("diagnose")
    assert diagnosis.codelist is not None
    code = form.codelists[diagnosis.codelist].get(payload["diagnose"])
    assert code is not None
    meta = PrintMeta(state="kladde", version=0, group="Kirurgi", created=datetime.date(2024, 3, 4))
    lines = pdf_lines(render_pdf(form, payload, validate(form, payload), meta))
    assert f"{diagnosis.label} {code.code} – {code.text}" in lines
    assert "Status Kladde" in lines
