"""Logging: no CPR number in any line the server writes, and uvicorn's access log written from a thread of
its own, not from the event loop.

The look-up posts its number in the body (``POST /api/cpr``), but a number can still reach a log line: typed
into a URL by hand (``/api/CPR/120355-1009``, ``?cpr=…``), into a code search (``?q=120355-1009``), or
quoted in an exception's traceback. So every line is masked as it is written, whatever wrote it:
:func:`log_config` gives uvicorn formatters that mask the whole formatted line (message, traceback and all),
and sends the app's own loggers (and any other's warnings) through the same handler.

What looks like a CPR number: six digits, then up to three separators of any kind (none, ``-``, a space,
``.``, ``/``, ``+``, a Unicode dash …), then four characters of which the first and last are digits (a
substitute number has letters between, in either case); the six may be split into pairs (``12.03.55``).
Digits of any script count (``١``, ``¹``, ``①``), and percent-escapes are read as what they encode
(``%2D``, ``%31``), since uvicorn writes a path percent-encoded.
"""

from __future__ import annotations

import codecs
import copy
import logging
import queue
import re
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import QueueHandler, QueueListener
from typing import Any

from uvicorn.config import LOGGING_CONFIG
from uvicorn.logging import AccessFormatter, DefaultFormatter

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


class MaskedDefaultFormatter(DefaultFormatter):
    """uvicorn's formatter for its own lines (and, here, the app's), with CPR numbers masked."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_cpr(super().format(record))


class MaskedAccessFormatter(AccessFormatter):
    """uvicorn's access-log formatter, with CPR numbers masked (paths and query strings)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_cpr(super().format(record))


def log_config() -> dict[str, Any]:
    """uvicorn's logging set-up with every line masked, for ``uvicorn.run(log_config=…)``.

    uvicorn's own loggers keep their handlers (errors to stderr, the access log to stdout); the root
    logger, where the app's loggers (``indberet.web``, ``engine.web.…``) and asyncio's end up, writes its
    warnings and errors through the same stderr handler, so they are masked too.
    """
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["default"]["()"] = f"{__name__}.MaskedDefaultFormatter"
    config["formatters"]["access"]["()"] = f"{__name__}.MaskedAccessFormatter"
    config["root"] = {"handlers": ["default"], "level": "WARNING"}
    return config


class _PassOn(QueueHandler):
    """Queue the record as it is: uvicorn's access formatter needs its arguments, which the stock
    QueueHandler would merge into the message first."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        return record


@contextmanager
def access_log_off_the_loop() -> Iterator[None]:
    """uvicorn writes one access-log line per request, synchronously on the event loop (a slow terminal
    or disk then delays every answer); while this is open, a thread writes them instead — and masks
    them, since the masking is the handler's formatter.

    Use it where logging is already set up (uvicorn sets it up before the app's lifespan starts).
    """
    logger = logging.getLogger("uvicorn.access")
    handlers = [handler for handler in logger.handlers if not isinstance(handler, QueueHandler)]
    if not handlers:
        yield
        return
    lines: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
    listener = QueueListener(lines, *handlers, respect_handler_level=True)
    passer = _PassOn(lines)
    for handler in handlers:
        logger.removeHandler(handler)
    logger.addHandler(passer)
    listener.start()
    try:
        yield
    finally:
        listener.stop()  # writes what is still queued
        logger.removeHandler(passer)
        for handler in handlers:
            logger.addHandler(handler)
