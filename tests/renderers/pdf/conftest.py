"""A small form of the print tests' own (YAML and a CSV code list), and reading a PDF back as text."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from engine.form import CompiledForm, lint_form
from renderers.pdf import PrintMeta
from tests.conftest import write_spec

# Three sections: one always open, one whose fields open with the colour BLA, and one that holds a codes
# field, a derived code and a group (open once the date is given) whose item fields open by the item's
# own code. Danish letters
# everywhere, so that æ, ø and å must survive the print.
SMALL = """
sections:
  - id: patient
    title: Patientens data
    fields:
      - id: navn
        type: text
        label: Fulde navn
        required: true
        checks:
          - id: navn_kort
            severity: warning
            when: {"<": [{var: navn}, "B"]}
            message: "Navnet »{value}« står først i alfabetet – kontrollér stavningen."
      - {id: cpr, type: cpr, label: CPR-nummer}
      - {id: dato, type: date, label: Første kontakt, required: true}
      - {id: farve, type: code, label: Øjenfarve, codelist: farver, required: true}
  - id: blaa
    title: Kun for blå øjne
    fields:
      - {id: nuance, type: text, label: Nuance af blåt, open_if: {"==": [{var: farve}, BLA]}}
  - id: fund
    title: Fund og behandling
    fields:
      - {id: toner, type: codes, label: Toner i øjet, codelist: farver, max_items: 3}
      - id: modsat
        type: code
        label: Modsat farve
        codelist: farver
        derive: {if: [{"==": [{var: farve}, GRO]}, ROD, null]}
      - id: behandlinger
        type: group
        label: Behandlinger givet
        open_if: {"!!": [{var: dato}]}
        unique_by: kode
        fields:
          - {id: kode, type: code, label: Behandlingsfarve, codelist: farver, required: true}
          - {id: start, type: date, label: Påbegyndt, required: true}
          - id: hvorfor
            type: text
            label: Begrundelse for blåt
            open_if: {"==": [{var: kode}, BLA]}
            required: true
workflow:
  roles:
    - {id: skriver, label: Skriver}
  states:
    - {id: kladde, label: Kladde, editable: true}
    - {id: sendt, label: Sendt til Ærø, editable: false}
  initial: kladde
  messages:
    unknown_action: "ukendt {action}"
    not_in_state: "ikke i {state}: {action}"
    no_role: "mangler {role} til {action}"
    has_errors: "{count} fejl før {action}"
    not_editable: "låst bakke {state}"
    locked: "{label} ({field}) låst af {action}"
    stale: "forældet"
    admin_only: "kun admin"
  actions:
    - {id: gem, label: Gem, from: [kladde], to: kladde, role: skriver, saves: true}
    - {id: send, label: Send, from: [kladde], to: sendt, role: skriver}
"""
FARVER = "ROD;Rød;;\nGRO;Grøn;;\nBLA;Blå;;\n"

# A form filled in as a user would: every value, code and item, with æ, ø and å.
FILLED = {
    "navn": "Søren Ærøe Åberg",
    "cpr": "1203551009",
    "dato": "2024-03-04",
    "farve": "GRO",
    "toner": ["ROD", "BLA"],
    "behandlinger": [
        {"kode": "ROD", "start": "2024-03-11"},
        {"kode": "BLA", "start": "2024-04-02", "hvorfor": "Blåt lys på øjets forside"},
    ],
}

META = PrintMeta(
    state="sendt",
    version=3,
    group="Øjenafdelingen, Århus",
    created=datetime.datetime(2024, 3, 4, 9, 30),
    created_by="sekretær Bødker",
    changed=datetime.datetime(2024, 4, 2, 14, 5),
    changed_by="læge Ågård",
    printed=datetime.datetime(2024, 5, 6, 7, 8),
    printed_by="læge Æbelø",
)


@pytest.fixture
def small(tmp_path: Path) -> CompiledForm:
    return build_small(tmp_path)


def build_small(tmp_path: Path, extra: str = "") -> CompiledForm:
    linted = lint_form(write_spec(tmp_path, SMALL + extra, {"farver": FARVER}))
    assert linted.form is not None, "\n".join(map(str, linted.problems))
    return linted.form


def pdf_text(pdf: bytes) -> str:
    """Every page's text, each run of white space one space (a line may wrap anywhere)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def pdf_lines(pdf: bytes) -> list[str]:
    """Every page's text lines, white space inside a line made single."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return [" ".join(line.split()) for page in pages for line in page.extract_text().splitlines()]


__all__ = ["FILLED", "META", "SMALL", "build_small", "pdf_lines", "pdf_text"]
