"""Logging: keep CPR numbers out of uvicorn's access log (``GET /api/cpr/…`` carries one in its path)."""

from __future__ import annotations

import logging
import re

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
