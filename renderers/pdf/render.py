"""The print of a form, W11 »Print«: the compiled form, a payload, its judgement and metadata → PDF bytes.

The pipeline: ``build_document`` (what is shown, bounded: document.py) → ``typeset`` (Typst lays it out:
typeset.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from engine.form import CompiledForm, Result
from renderers.pdf.document import PrintMeta, build_document
from renderers.pdf.typeset import typeset


def render_pdf(form: CompiledForm, payload: Mapping[str, Any], result: Result, meta: PrintMeta) -> bytes:
    """The PDF of ``payload`` as ``form`` shows it, with the judgement ``result`` (``engine.form.validate``)
    and the stored form's ``meta``.

    >>> pdf = render_pdf(form, payload, validate(form, payload), PrintMeta("kladde", 0, "Kirurgi",
    ...                  created=datetime.date(2024, 3, 4)))  # doctest: +SKIP
    """
    when = meta.printed if isinstance(meta.printed, datetime.datetime) else None
    return typeset(build_document(form, payload, result, meta), when)
