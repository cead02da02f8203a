"""Benchmark: the cost of the worst payloads at the size limit, beside ``json.loads`` of the same bytes.

Run: ``.venv/bin/python -m benchmarks.worst_case [--runs 7]`` from the repository root. Prints one JSON
object: per worst case (tests/form/worst_case.py, derived from the shipped form's spec), its size, the CPU
milliseconds of reading, judging and writing the answer as the CLI and the API do (best of ``--runs``),
those of ``json.loads`` of the same text (the floor), and the answer's size. benchmarks/robustness.md
shows a run. The bound (< 50 ms, < 100 kB) is asserted by tests/form/test_worst_case.py.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

import engine
from engine.form import load_form
from tests.form.worst_case import judge, worst_cases


def best_ms(work: Callable[[], Any], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return round(best * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per case; the best is shown (default 7)")
    args = parser.parse_args()
    form = load_form()
    cases = []
    for name, text in worst_cases(form):
        answer = judge(form, text)

        def floor(text: str = text) -> Any:
            try:
                return json.loads(text)
            except (ValueError, RecursionError):
                return None

        cases.append(
            {
                "case": name,
                "bytes": len(text.encode("utf-8", "surrogatepass")),
                "judge_ms": best_ms(lambda text=text: judge(form, text), args.runs),  # type: ignore[misc]
                "json_loads_ms": best_ms(floor, args.runs),
                "answer_bytes": len(answer),
            }
        )
    summary = {
        "accelerated": engine.ACCELERATED,
        "payload_bytes": form.spec.limits.payload_bytes,
        "worst_judge_ms": max(case["judge_ms"] for case in cases),
        "largest_answer_bytes": max(case["answer_bytes"] for case in cases),
        "cases": cases,
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
