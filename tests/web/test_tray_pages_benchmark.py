"""The benchmark of Skemaer, CPR søgning and saving over HTTP (``benchmarks/tray_pages.py``) still runs: its
measurement, on 200 forms, a real server of two processes and three users, gives a time for every case and no error."""

from __future__ import annotations

import argparse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.tray_pages import measure
from engine.form import load_form
from engine.workflow import compile_workflow


def test_the_benchmark_measures_every_case_on_a_small_store(tmp_path: Path) -> None:
    args = argparse.Namespace(
        forms=200, others=20, repeat=3, users=3, pace=0.1, duration=1.0, bursts=2, seed=1, workers=2
    )
    url = f"sqlite:///{tmp_path / 'store' / 'indberet.sqlite3'}"
    (tmp_path / "store").mkdir()
    # In a thread of its own: the benchmark runs its own event loop (asyncio.run), and the browser tests'
    # Playwright may have one running in this thread when the whole suite runs.
    with ThreadPoolExecutor(1) as worker:
        found = worker.submit(measure, url, args, compile_workflow(load_form()), tmp_path).result()
    pages = found["pages"]
    assert {case["count"] for case in pages.values()} == {3}
    assert pages["skemaer_default_changed_desc"]["rows"] == 50  # a full page of the group's 200 forms
    assert pages["skemaer_tray_kladde_by_cpr"]["rows"] > 0
    assert pages["cpr_search_unknown_number"]["rows"] == 0
    assert all(case["p50_ms"] > 0 for case in pages.values())
    assert found["paced"]["errors"] == {} and found["burst"]["errors"] == {}
    assert found["paced"]["save"]["count"] >= 3  # each user saved at least once in the second
    assert found["burst"]["save"]["count"] == 3 * 2
    assert found["paced"]["ping"]["count"] > 0 and found["burst"]["ping"]["count"] > 0
    assert found["paced"]["cpu"]["server_cpu_s"] > 0  # the workers' time, not only the idle parent's
