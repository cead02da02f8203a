"""A pytest plugin for the runs of test_analyst_edits.py: every failed test with its markers, as JSON.

Loaded with ``-p tests.acceptance.failure_log`` into the suite run on an edited copy of the repository; it
writes ``$INDBERET_FAILURE_LOG`` when the run ends. The markers of a Gherkin scenario are its tags (pytest-bdd
makes each tag a marker), so the outer test can tell which rule a failed scenario is about.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_FAILURES: list[dict[str, Any]] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report: pytest.TestReport = yield
    if report.failed:
        _FAILURES.append(
            {
                "nodeid": item.nodeid,
                "when": report.when,
                "markers": sorted({marker.name for marker in item.iter_markers()}),
                "message": str(report.longrepr)[-4000:],
            }
        )
    return report  # type: ignore[return-value]


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        _FAILURES.append(
            {
                "nodeid": report.nodeid,
                "when": "collect",
                "markers": [],
                "message": str(report.longrepr)[-4000:],
            }
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = os.environ.get("INDBERET_FAILURE_LOG")
    if target:
        log = {"exitstatus": int(exitstatus), "collected": session.testscollected, "failures": _FAILURES}
        Path(target).write_text(json.dumps(log, ensure_ascii=False, indent=1), encoding="utf-8")
