"""The PDF renderer: any form spec, filled in and judged, as a printable PDF (manual W11 »Print«).

- ``document.py`` decides what the print shows, from the compiled form: each section and field with its
  label and value, codes with their texts from the code lists, groups as tables, the state (the spec's
  tray label), version, group, dates, who, and the validation result; closed fields left out; bounded.
- ``typeset.py`` lays it out with Typst (why Typst: its docstring) and ``templates/form.typ``.
- ``texts.py`` holds the print's own Danish words.

>>> pdf = render_pdf(load_form(), payload, validate(form, payload), PrintMeta(...))   # doctest: +SKIP
"""

from renderers.pdf.document import PrintMeta
from renderers.pdf.render import render_pdf
from renderers.pdf.texts import TEXTS
from renderers.pdf.typeset import PrintError

__all__ = ["TEXTS", "PrintError", "PrintMeta", "render_pdf"]
