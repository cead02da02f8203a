"""Logging: no CPR number in any line the server writes, and uvicorn's access log written from a thread of
its own, not from the event loop.

The look-up posts its number in the body (``POST /api/cpr``), but a number can still reach a log line: typed
into a URL by hand (``/api/CPR/120355-1009``, ``?cpr=…``), into a code search (``?q=120355-1009``), or
quoted in an exception's traceback. So every line is masked as it is written, whatever wrote it:
:func:`log_config` gives uvicorn formatters that mask the whole formatted line (message, traceback and all),
and sends the app's own loggers (and any other's warnings) through the same handler.

What looks like a CPR number is decided in ``engine.web.cpr_mask``.
"""

from __future__ import annotations

import copy
import logging
import queue
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import QueueHandler, QueueListener
from typing import Any

from uvicorn.config import LOGGING_CONFIG
from uvicorn.logging import AccessFormatter, DefaultFormatter

from engine.web.cpr_mask import mask_cpr


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
