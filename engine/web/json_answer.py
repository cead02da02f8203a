"""The one JSON response of the web layer: compact, always UTF-8 encodable, one line per line.

A client may send a lone surrogate escape (``"\\udcff"``) or a line separator (U+2028) that an answer
quotes back (the engine's messages name unknown keys); Starlette's ``JSONResponse`` would fail to encode
the first (a 500) and write the second raw. ``engine.form.jsontext.json_text`` writes both as JSON escapes,
as the CLI does, so every answer of ``engine.web`` goes through it.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from engine.form.jsontext import json_text


def json_bytes(value: Any) -> bytes:
    """``value`` as the body of a JSON answer."""
    return json_text(value, compact=True).encode("utf-8")


class JsonAnswer(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json_bytes(content)
