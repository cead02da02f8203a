"""The rendered page (renderers/html/page.py): any spec, autoescaped, the Skemainformation section."""

from __future__ import annotations

import datetime
import re
import textwrap
from pathlib import Path

import pytest

from engine.form import CompiledForm, lint_form
from renderers.html import PageContext, render_error, render_form
from tests.conftest import MESSAGES

DAY = datetime.date(2024, 3, 4)


def _loaded(spec: Path) -> CompiledForm:
    linted = lint_form(spec)
    assert linted.form is not None, linted.problems
    return linted.form


def _small_form(tmp_path: Path, label: str, guidance: str = "") -> CompiledForm:
    (tmp_path / "farver.csv").write_text("code;text;valid_from;valid_to\nR;<b>Rød</b>;;\nG;Grøn;;\n", "utf-8")
    spec = tmp_path / "form.yaml"
    spec.write_text(
        textwrap.dedent(
            f"""\
            form: {{id: lille, version: "1", title: "Lille <i>form</i>", guidance: "{guidance}"}}
            codelists:
              farver: {{file: farver.csv, title: Farver}}
            sections:
              - id: s
                title: "Sektion <u>1</u>"
                fields:
                  - {{id: navn, type: text, label: "{label}", help: "Hjælp <em>her</em>", required: true}}
                  - {{id: farve, type: code, label: Farve, codelist: farver, widget: radio}}
                  - id: kommentar
                    type: text
                    label: Kommentar
                    widget: textarea
                    open_if: {{"==": [{{var: farve}}, R]}}
            """
        )
        + MESSAGES,
        encoding="utf-8",
    )
    return _loaded(spec)


def test_any_form_renders_with_its_fields(tmp_path: Path) -> None:
    html = render_form(_small_form(tmp_path, "Navn"), PageContext(today=DAY))
    assert '<label for="f-navn">Navn<span class="req" aria-hidden="true"> *</span></label>' in html
    assert 'role="radiogroup"' in html
    assert '<textarea id="f-kommentar" name="kommentar" rows="3" data-value' in html
    assert re.search(r'id="field-f-kommentar"[^>]*data-state="closed"', html)


def test_labels_texts_and_values_are_escaped(tmp_path: Path) -> None:
    form = _small_form(tmp_path, "<script>alert(1)</script>", guidance="<script>x()</script>")
    payload = {"navn": '"><script>alert(2)</script>', "kommentar": "</textarea><script>3</script>"}
    html = render_form(form, PageContext(today=DAY, payload=payload))
    assert "<script>alert" not in html
    assert "<script>x()" not in html
    assert "</textarea><script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'value="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in html
    assert "&lt;b&gt;Rød&lt;/b&gt;" in html
    assert "Lille &lt;i&gt;form&lt;/i&gt;" in html
    assert "Hjælp &lt;em&gt;her&lt;/em&gt;" in html
    assert 'data-label="&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_a_page_with_values_asks_the_server_once_loaded(tmp_path: Path) -> None:
    form = _small_form(tmp_path, "Navn")
    assert 'data-has-values="false"' in render_form(form, PageContext(today=DAY))
    assert 'data-has-values="true"' in render_form(form, PageContext(today=DAY, payload={"navn": "x"}))


def test_the_page_texts_block_cannot_end_its_script(tmp_path: Path) -> None:
    html = render_form(_small_form(tmp_path, "Navn"), PageContext(today=DAY))
    block = html.split('<script type="application/json" id="page-texts">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block


def test_the_skemainformation_section(form: CompiledForm) -> None:
    html = render_form(form, PageContext(today=DAY))
    assert '<h2 id="sec-skemainformation" tabindex="-1">Skemainformation</h2>' in html
    assert '<dd id="oprettelsesdato">04-03-2024</dd>' in html
    assert '<dd id="gruppe">Ingen gruppe valgt.</dd>' in html
    assert "Prøveskemaet for sidernes tests." in html  # the form's guidance
    grouped = render_form(form, PageContext(today=DAY, group="Onkologi, Fiktivby"))
    assert '<dd id="gruppe">Onkologi, Fiktivby</dd>' in grouped


def test_a_form_has_its_widgets(form: CompiledForm) -> None:
    html = render_form(
        form,
        PageContext(today=DAY, lookups=frozenset({"cpr", "sor"}), sor_scopes=(("regional", "Regional"),)),
    )
    assert '<button type="button" class="secondary" data-cpr-lookup="f-cpr">Opslag</button>' in html
    assert 'data-sor-open="f-enhed"' in html
    assert 'id="f-farve" name="farve" value="" role="combobox"' in html
    assert 'aria-controls="f-farve-listbox"' in html
    assert '<input type="checkbox" id="f-behandlinger-ANDEN" value="ANDEN" data-item-key>' in html
    assert f'data-clears="{" ".join(form.clears("start"))}"' in html
    assert '<dialog id="sor-dialog"' in html
    assert '<dialog id="confirm-dialog"' in html


def test_without_sor_there_is_no_sor_dialog(form: CompiledForm) -> None:
    html = render_form(form, PageContext(today=DAY))
    assert "sor-dialog" not in html
    assert "data-sor-open" not in html


def _lookup_form(tmp_path: Path) -> CompiledForm:
    spec = tmp_path / "form.yaml"
    spec.write_text(
        textwrap.dedent(
            """\
            form: {id: opslag, version: "1", title: Opslag}
            sections:
              - id: s
                title: Sektion
                fields:
                  - {id: patient, type: cpr, label: Patient, lookup: cpr}
                  - {id: paaroerende, type: cpr, label: Pårørende}
                  - {id: enhed, type: text, label: Enhed, lookup: sor}
                  - {id: sor_kode, type: text, label: SOR-kode}
                  - {id: noter, type: text, label: Noter, widget: textarea, lookup: sor}
            """
        )
        + MESSAGES,
        encoding="utf-8",
    )
    return _loaded(spec)


def test_a_look_up_button_stands_where_the_spec_says_whatever_the_field_is_called(tmp_path: Path) -> None:
    form = _lookup_form(tmp_path)
    html = render_form(form, PageContext(today=DAY, lookups=frozenset({"cpr", "sor"})))
    assert re.findall(r"data-(cpr-lookup|sor-open)=\"([^\"]+)\"", html) == [
        ("cpr-lookup", "f-patient"),
        ("sor-open", "f-enhed"),
    ]
    assert '<div class="lookup-result" id="f-patient-lookup" role="status"></div>' in html
    assert "f-paaroerende-lookup" not in html


def test_a_look_up_the_server_does_not_offer_has_no_button(tmp_path: Path) -> None:
    html = render_form(_lookup_form(tmp_path), PageContext(today=DAY, lookups=frozenset({"cpr"})))
    assert 'data-cpr-lookup="f-patient"' in html
    assert "data-sor-open" not in html
    assert "data-cpr-lookup" not in render_form(_lookup_form(tmp_path), PageContext(today=DAY))


def test_every_id_is_unique(form: CompiledForm) -> None:
    html = render_form(
        form,
        PageContext(today=DAY, lookups=frozenset({"cpr", "sor"}), sor_scopes=(("regional", "Regional"),)),
    )
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_the_error_page() -> None:
    html = render_error(404, "<Væk>")
    assert "<h1>&lt;Væk&gt;</h1>" in html
    assert '<html lang="da">' in html


def _names(code: str) -> str | None:
    return {"276231000016004": "Onkologisk Afdeling"}.get(code, "" if not code.isdigit() else None)


@pytest.mark.parametrize(
    ("code", "demo", "shown"),
    [
        (
            "276231000016004",
            False,
            'Enhed:</span> <span class="lookup-name-value">Onkologisk Afdeling</span>',
        ),
        ("123456789012345", True, "SOR-koden 123456789012345 findes ikke i demo-registret"),
        (
            "123456789012345",
            False,
            "SOR-koden 123456789012345 findes ikke i SOR-registret. Kontrollér koden.",
        ),
    ],
)
def test_a_stored_sor_code_is_drawn_with_its_units_name(
    tmp_path: Path, code: str, demo: bool, shown: str
) -> None:
    """The page a stored form is loaded into draws the name itself (the server asks its register)."""
    context = PageContext(
        today=DAY,
        payload={"enhed": code},
        lookups=frozenset({"sor"}),
        lookup_names={"sor": _names},
        demo_registers=demo,
    )
    html = render_form(_lookup_form(tmp_path), context)
    line = re.search(r'<p class="lookup-name[^"]*" id="f-enhed-name"[^>]*>(.*?)</p>', html, re.S)
    assert line is not None and shown in line[1]
    assert ("is-unknown" in line[0]) is (code != "276231000016004")
    assert 'aria-describedby="f-enhed-state f-enhed-msg f-enhed-name"' in html


@pytest.mark.parametrize("code", ["", "abc"])
def test_no_name_line_without_a_code_to_look_up(tmp_path: Path, code: str) -> None:
    context = PageContext(
        today=DAY, payload={"enhed": code}, lookups=frozenset({"sor"}), lookup_names={"sor": _names}
    )
    html = render_form(_lookup_form(tmp_path), context)
    assert re.search(r'id="f-enhed-name" role="status" data-lookup-name hidden></p>', html)


def test_guidance_and_help_are_paragraphs_and_lists_not_wrapped_lines(tmp_path: Path) -> None:
    guidance = "Første afsnit\\nfortsætter her.\\n\\nSådan:\\n• Et punkt\\n  der fortsætter\\n• Andet punkt"
    html = render_form(_small_form(tmp_path, "Navn", guidance=guidance), PageContext(today=DAY))
    text = re.search(r'<div class="guidance-text">(.*?)</div>', html, re.S)
    assert text is not None
    assert re.sub(r"\s*\n\s*", "", text[1]) == (
        "<p>Første afsnit fortsætter her.</p><p>Sådan:</p><ul><li>Et punkt der fortsætter</li><li>Andet punkt</li></ul>"
    )
    assert '<details class="guidance" id="guidance" open>' in html


def test_options_that_share_their_text_show_it_once(tmp_path: Path) -> None:
    rows = "".join(f"T{i};t{i}: Samme lange tekst;;\n" for i in range(4))
    (tmp_path / "t.csv").write_text(
        f"code;text;valid_from;valid_to\nT0X;t0: Ingen;;\n{rows}TX;tX: Ukendt;;\n", "utf-8"
    )
    (tmp_path / "form.yaml").write_text(
        textwrap.dedent(
            """\
            form: {id: valg, version: "1", title: Valg}
            codelists:
              t: {file: t.csv, title: T}
            sections:
              - id: s
                title: Sektion
                fields:
                  - {id: t, type: code, label: T, codelist: t, widget: select}
                  - {id: r, type: code, label: R, codelist: t, widget: radio}
            """
        )
        + MESSAGES,
        encoding="utf-8",
    )
    html = render_form(_loaded(tmp_path / "form.yaml"), PageContext(today=DAY))
    assert html.count("Samme lange tekst") == 2  # once in the select, once in the radio group
    assert '<optgroup label="Samme lange tekst">' in html
    assert '<option value="T2">t2 (T2)</option>' in html
    assert '<option value="T0X">t0: Ingen (T0X)</option>' in html  # alone: its whole text
    assert '<fieldset class="choice-group"><legend>Samme lange tekst</legend>' in html
    assert '<label for="f-r-T3">t3 (T3)</label>' in html


def test_a_code_fields_text_line_is_hidden_while_there_is_no_text(form: CompiledForm) -> None:
    html = render_form(form, PageContext(today=DAY, payload={"farve": "ROD"}))
    assert re.search(
        r'<p class="code-text" hidden><span class="code-text-label">Tekst:</span>\s*<span class="code-text-value" id="f-nuance-text"',
        html,
    )
    assert re.search(
        r'<p class="code-text"><span class="code-text-label">Tekst:</span>\s*<span class="code-text-value" id="f-farve-text" title="Rød">Rød',
        html,
    )


def test_the_action_bar_shows_state_and_version_and_keeps_a_block_for_actions(form: CompiledForm) -> None:
    html = render_form(form, PageContext(today=DAY))
    assert '<span id="form-state">Ny kladde</span>' in html
    assert '<span id="form-version">ikke gemt endnu</span>' in html
    assert 'data-draft-key="side:ny" data-stored="false"' in html
    stored = render_form(
        form, PageContext(today=DAY, state_label="Kladde", version=3, draft_key="f-17", stored=True)
    )
    assert '<span id="form-state">Kladde</span>' in stored and '<span id="form-version">3</span>' in stored
    assert 'data-draft-key="side:f-17" data-stored="true"' in stored
