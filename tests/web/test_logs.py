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
