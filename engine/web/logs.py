"""Logging: keep CPR numbers out of uvicorn's access log, and write it from a thread of its own, not from
the event loop.

The look-up posts its number in the body (``POST /api/cpr``), but a number typed into a URL by hand,
``/api/cpr/120355-1009``, would still be logged with its path: such paths are masked.
"""

from __future__ import annotations

import logging
import queue
import re
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import QueueHandler, QueueListener

_CPR_PATH = re.compile(r"(/api/cpr/)[^/?\s]*")


class MaskCpr(logging.Filter):
    """``GET /api/cpr/120355-1009`` is logged as ``GET /api/cpr/…``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _CPR_PATH.sub(r"\1…", arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def mask_cpr_in_access_log() -> None:
    """Install :class:`MaskCpr` on uvicorn's access logger, once per process."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(found, MaskCpr) for found in access.filters):
        access.addFilter(MaskCpr())


class _PassOn(QueueHandler):
    """Queue the record as it is: uvicorn's access formatter needs its arguments, which the stock
    QueueHandler would merge into the message first."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        return record


@contextmanager
def access_log_off_the_loop() -> Iterator[None]:
    """uvicorn writes one access-log line per request, synchronously on the event loop (a slow terminal
    or disk then delays every answer); while this is open, a thread writes them instead.

    Use it where logging is already set up (uvicorn sets it up before the app's lifespan starts).
    Filters on the logger, such as :class:`MaskCpr`, still run first, on the event loop.
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
