"""The one JSON response of the web layer: compact, always UTF-8 encodable, one line per line.

A client may send a lone surrogate escape (``"\\udcff"``) or a line separator (U+2028) that an answer
quotes back (the engine's messages name unknown keys); Starlette's ``JSONResponse`` would fail to encode
the first (a 500) and write the second raw. ``engine.form.jsontext.json_text`` writes both as JSON escapes,
as the CLI does, so every answer of ``engine.web`` goes through it — but only when the answer holds one of
them: looking for the line breaks one character at a time, and for a surrogate by encoding, costs a
fraction of a microsecond, where ``json_text``'s search through the text costs some 6 ns a character
(8 µs for a code search's answer), on every answer.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import JSONResponse

from engine.form.jsontext import json_text


def json_bytes(value: Any) -> bytes:
    """``value`` as the body of a JSON answer: exactly ``json_text(value, compact=True)`` in UTF-8."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    # Line breaks to many readers, though JSON lets them stand raw in a string. A one-character search is
    # a memchr, and none at all when the text cannot hold the character.
    if not ("\u2028" in text or "\u2029" in text or "\x85" in text):
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            pass
    return json_text(value, compact=True).encode("utf-8")


class JsonAnswer(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json_bytes(content)
