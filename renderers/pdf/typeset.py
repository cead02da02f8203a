"""Lay the print's document out as a PDF with Typst: stage 2 of the print (``document`` is stage 1).

Why Typst (the ``typst`` package, Python bindings to the Typst compiler) and not xhtml2pdf — both install
from PyPI with no system library, both Apache-2.0. Measured on this project's 2-core machine, on the
same 40-row table of Danish text with an embedded font:

- **speed**: Typst 9–12 ms, xhtml2pdf 47–52 ms;
- **dependencies**: Typst is one self-contained wheel (34 MB download, 84 MB installed, nothing else);
  xhtml2pdf brings ten packages (reportlab, lxml, Pillow, html5lib, svglib, …; 60 MB installed);
- **Danish text**: Typst hyphenates Danish (``lang: "da"``), embeds subsets of its fonts by default and
  writes a tagged PDF (read aloud in order by screen readers); xhtml2pdf falls back to the unembedded
  Helvetica unless each font is declared and allowed by path, and writes no tags;
- **safety**: the template is a fixed file and the data reaches it as JSON in ``sys.inputs``, drawn as
  text: no value is ever markup, so there is no escaping to get wrong (with xhtml2pdf every value would
  be escaped into HTML).

The font is Libertinus Serif, which the ``typst`` package carries (its NOTICE: SIL Open Font License
1.1, which allows embedding and says the licence does not extend to documents made with the font); it
has æ, ø, å and every other Latin letter. System fonts are ignored, so the PDF is the same on every
machine, and with the same input and timestamp byte for byte.
"""

from __future__ import annotations

import datetime
import json
import threading
from pathlib import Path

import typst

from renderers.pdf.document import Document

TEMPLATE = Path(__file__).resolve().parent / "templates" / "form.typ"


class PrintError(RuntimeError):
    """The template could not lay the document out: a fault in the template, never in the payload."""


# One compiler, made once: it keeps the parsed template and fonts, and Typst's caches make the next
# print of a similar document cheaper. It cannot run two compilations at once ("Already borrowed"), so
# prints take turns; each one releases the GIL while Typst works.
_COMPILER = typst.Compiler(TEMPLATE, root=TEMPLATE.parent, ignore_system_fonts=True)
_TURN = threading.Lock()


def typeset(document: Document, when: datetime.datetime | None = None) -> bytes:
    """The PDF of ``document``; ``when`` is its creation time in the PDF's metadata (default: now)."""
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    stamp = None if when is None else int(when.timestamp())  # a naive time is the machine's local time
    try:
        with _TURN:
            pdf = _COMPILER.compile(sys_inputs={"document": data}, format="pdf", timestamp=stamp)
    except typst.TypstError as error:
        raise PrintError(f"{TEMPLATE.name}: {error.message}") from None
    if not isinstance(pdf, bytes):  # one PDF file; a list only for image formats (one per page)
        raise PrintError(f"{TEMPLATE.name}: Typst gave {type(pdf).__name__}, not one PDF")
    return pdf
