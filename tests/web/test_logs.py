"""The access-log filter (engine/web/logs.py): no CPR number in the log."""

from __future__ import annotations

import logging

from engine.web.logs import MaskCpr, mask_cpr_in_access_log


def test_a_cpr_number_in_the_path_is_masked() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        "",
        0,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/api/cpr/120355-1009", "1.1", 200),
        None,
    )
    assert MaskCpr().filter(record) is True
    assert record.getMessage() == '127.0.0.1:5000 - "GET /api/cpr/… HTTP/1.1" 200'


def test_other_paths_are_kept() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "", 0, "%s", ("/api/codes/diagnoser?q=dc5",), None
    )
    MaskCpr().filter(record)
    assert record.getMessage() == "/api/codes/diagnoser?q=dc5"


def test_installed_once() -> None:
    mask_cpr_in_access_log()
    mask_cpr_in_access_log()
    filters = logging.getLogger("uvicorn.access").filters
    assert sum(isinstance(found, MaskCpr) for found in filters) == 1


def test_the_access_log_is_written_by_a_thread_and_still_masked() -> None:
    import io
    import logging
    import threading
    from logging.handlers import QueueHandler

    from engine.web.logs import MaskCpr, access_log_off_the_loop

    logger = logging.getLogger("uvicorn.access")
    saved_handlers, saved_filters, saved_level = logger.handlers[:], logger.filters[:], logger.level
    written = io.StringIO()
    writers: list[str] = []

    class Recording(logging.StreamHandler):  # type: ignore[type-arg]
        def emit(self, record: logging.LogRecord) -> None:
            writers.append(threading.current_thread().name)
            super().emit(record)

    handler = Recording(written)
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        logger.handlers, logger.filters = [handler], [MaskCpr()]
        logger.setLevel(logging.INFO)
        with access_log_off_the_loop():
            assert [type(found) for found in logger.handlers] != [Recording]
            assert isinstance(logger.handlers[0], QueueHandler)
            logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET", "/api/cpr/120355-1009", "1.1", 200)
        assert logger.handlers == [handler]  # put back when the app stops
    finally:
        logger.handlers, logger.filters = saved_handlers, saved_filters
        logger.setLevel(saved_level)
    assert writers and writers[0] != threading.current_thread().name
    assert written.getvalue() == '127.0.0.1:5 - "GET /api/cpr/… HTTP/1.1" 200\n'
