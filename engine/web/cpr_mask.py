"""Find what looks like a CPR number in text, to mask it: in every log line (``engine.web.logs``) and in
text an answer repeats (``engine.web.error_answers.echo``).

What looks like a CPR number: six digits, then up to three separators of any kind (none, ``-``, a space,
``.``, ``/``, ``+``, a Unicode dash …), then four characters of which the first and last are digits (a
substitute number has letters between, in either case); the six may be split into pairs (``12.03.55``).
Digits of any script count (``١``, ``¹``, ``①``), and percent-escapes are read as what they encode
(``%2D``, ``%31``), since uvicorn writes a path percent-encoded. Masking more than a CPR number (a
ten-digit timestamp) costs a log reader little; masking less would leak one.
"""

from __future__ import annotations

import codecs
import re

MASK = "******-****"

_DIGIT = "[\\d\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u24ea]"
_SEPARATOR = r"[\W_]"
_CPR_LIKE = re.compile(
    f"(?<!{_DIGIT}){_DIGIT}{{2}}{_SEPARATOR}?{_DIGIT}{{2}}{_SEPARATOR}?{_DIGIT}{{2}}"
    f"{_SEPARATOR}{{0,3}}{_DIGIT}(?:{_DIGIT}|[A-Za-z]){{2}}{_DIGIT}(?!{_DIGIT})"
)
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def mask_cpr(text: str) -> str:
    """``text`` with everything that looks like a CPR number replaced by :data:`MASK`.

    >>> mask_cpr("GET /api/codes/diagnoser?q=120355%2D1009 HTTP/1.1")
    'GET /api/codes/diagnoser?q=******-**** HTTP/1.1'
    """
    if "%" not in text:
        return _CPR_LIKE.sub(MASK, text)
    decoded, spans = _decoded(text)
    found = [(spans[m.start()][0], spans[m.end() - 1][1]) for m in _CPR_LIKE.finditer(decoded)]
    for start, end in reversed(found):
        text = text[:start] + MASK + text[end:]
    return text


def _decoded(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with its percent-escapes decoded (UTF-8), and for each character of it the span of
    ``text`` it came from."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    done = 0
    for run in _ESCAPES.finditer(text):
        for at in range(done, run.start()):
            chars.append(text[at])
            spans.append((at, at + 1))
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        begun = run.start()
        for at in range(run.start(), run.end(), 3):
            out = decoder.decode(bytes([int(text[at + 1 : at + 3], 16)]))
            for char in out:
                chars.append(char)
                spans.append((begun, at + 3))
            if out:
                begun = at + 3
        for char in decoder.decode(b"", final=True):
            chars.append(char)
            spans.append((begun, run.end()))
        done = run.end()
    for at in range(done, len(text)):
        chars.append(text[at])
        spans.append((at, at + 1))
    return "".join(chars), spans
