"""JSON text of results that every consumer can take: encodable as UTF-8, and one line per line.

The CLI prints one result per line and the HTTP API answers with the same JSON, so both write it here:

- A payload may hold a lone surrogate (``"\\udcff"`` is valid JSON text, but no UTF-8 can carry the
  character); quoted back in a message, it would make the answer unencodable. It is written as its
  JSON escape instead.
- U+2028, U+2029 and U+0085 are line breaks to many readers (Python's ``str.splitlines``, JavaScript
  before ES2019), though JSON lets them stand raw in a string; a consumer that splits lines would count
  one result as two. They are written as JSON escapes too.

Each of these characters can only stand inside a JSON string (``json.dumps`` writes nothing else raw
outside ASCII), so replacing it by its ``\\uXXXX`` escape gives the same JSON value.

    >>> json_text({"message": "a\\u2028b"})
    '{"message": "a\\\\u2028b"}'
"""

from __future__ import annotations

import json
import re
from typing import Any

_UNSAFE = re.compile("[\u0085\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def json_text(value: Any, *, compact: bool = False) -> str:
    """``value`` as JSON text (non-ASCII kept readable), safe to encode as UTF-8 and to split on lines."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":") if compact else None)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
