"""Laying the document out with Typst (renderers/pdf/typeset.py): errors, time stamp, prints at once."""

from __future__ import annotations

import datetime
import io
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

import pytest
from pypdf import PdfReader

from engine.form import CompiledForm, validate
from renderers.pdf import PrintError
from renderers.pdf.document import Document, build_document
from renderers.pdf.typeset import typeset
from tests.renderers.pdf.conftest import FILLED, META


def _document(form: CompiledForm) -> Document:
    return build_document(form, FILLED, validate(form, FILLED), META)


def test_a_document_the_template_cannot_lay_out_is_a_print_error_naming_the_template(
    small: CompiledForm,
) -> None:
    broken = cast(dict[str, Any], _document(small))
    del broken["validation"]
    with pytest.raises(PrintError, match=r"^form\.typ: .*validation"):
        typeset(cast(Document, broken))


def test_the_pdf_is_stamped_with_the_time_given(small: CompiledForm) -> None:
    when = datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.UTC)
    metadata = PdfReader(io.BytesIO(typeset(_document(small), when))).metadata
    assert metadata is not None and metadata.creation_date == when


def test_prints_asked_for_at_once_take_turns_and_all_succeed(small: CompiledForm) -> None:
    document = _document(small)
    when = datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.UTC)
    alone = typeset(document, when)
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda _: typeset(document, when), range(8)))
    assert together == [alone] * 8
