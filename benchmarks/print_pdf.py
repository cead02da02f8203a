"""Benchmark: the print (renderers/pdf, W11) of typical cancer forms and of forms at the limits.

    .venv/bin/python -m benchmarks.print_pdf [--runs 5]

Prints one JSON object. Per case, milliseconds (wall clock: Typst works outside the GIL) of the print
(``render_pdf``: building the document and laying it out), median and slowest of ``--runs``, its size
and pages; beside it, in the same runs, interleaved: the judgement of the same payload
(``engine.form.validate``, the print's input), the HTML page of the same payload
(``renderers.html.render_form``), and the print of the empty form (the template's fixed cost, the
floor). Cases: the six payloads of ``examples/`` ("typical"), and payloads at the form's limits
(tests/renderers/pdf/at_limits.py) of each kind of text that costs Typst most per character, with real
codes and dates ("real": the fields they open are open, their texts printed whole) and with every value
the long text. Typst memoises layout between prints, so every run of a limits case prints new text (the
run's number is in every text) and no print repeats the one before; the first print of the process,
which loads fonts and hyphenation patterns, is reported apart (``first_print_ms``).
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from engine.form import CompiledForm, load_form, validate
from renderers.html import PageContext, render_form
from renderers.pdf import PrintMeta, render_pdf
from tests.renderers.pdf.at_limits import WORDS, at_limits

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DAY = datetime.date(2024, 3, 4)


def _meta(run: int) -> PrintMeta:
    return PrintMeta(
        state="indberettet",
        version=run,
        group="Kirurgisk afdeling, Aarhus Universitetshospital",
        created=datetime.datetime(2024, 3, 4, 9, 30),
        created_by="sekretær",
        changed=datetime.datetime(2024, 4, 2, 14, run % 60),
        changed_by="læge",
        printed=datetime.datetime(2024, 5, 6, 7, run % 60),
        printed_by=f"læge {run}",
    )


def _ms(work: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    answer = work(*args)
    return (time.perf_counter() - started) * 1000, answer


def measure(
    form: CompiledForm, payloads: Callable[[int], list[Mapping[str, Any]]], runs: int
) -> dict[str, Any]:
    """ms per print of each of ``payloads(run)``, beside the judgement, the page and the empty print."""
    times: dict[str, list[float]] = {"pdf": [], "validate": [], "html": [], "empty_pdf": []}
    sizes, pages = [], []
    empty = validate(form, {})
    for run in range(runs):
        meta = _meta(run)
        for payload in payloads(run):
            elapsed, result = _ms(validate, form, payload)
            times["validate"].append(elapsed)
            elapsed, pdf = _ms(render_pdf, form, payload, result, meta)
            times["pdf"].append(elapsed)
            sizes.append(len(pdf))
            pages.append(len(PdfReader(io.BytesIO(pdf)).pages))
            times["html"].append(_ms(render_form, form, PageContext(today=DAY, payload=payload))[0])
            times["empty_pdf"].append(_ms(render_pdf, form, {}, empty, meta)[0])
    summary: dict[str, Any] = {
        f"{name}_ms": {"median": round(statistics.median(values), 1), "max": round(max(values), 1)}
        for name, values in times.items()
    }
    summary["pdf_kib"] = round(max(sizes) / 1024)
    summary["pages"] = max(pages)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case (default 5)")
    args = parser.parse_args()
    form = load_form()
    examples = [json.loads(path.read_text("utf-8")) for path in sorted(EXAMPLES.glob("*.json"))]
    first_ms, _ = _ms(render_pdf, form, examples[0], validate(form, examples[0]), _meta(0))
    cases = [{"case": "typical (examples/*.json)", **measure(form, lambda run: examples, args.runs)}]
    for kind, word in WORDS.items():
        for real in (True, False):

            def limits(run: int, word: str = word, real: bool = real) -> list[Mapping[str, Any]]:
                return [at_limits(form, f"{word}{run}", real=real)]

            name = f"at the limits: {kind}, {'real codes and dates' if real else 'every value long'}"
            cases.append({"case": name, **measure(form, limits, args.runs)})
    at_the_limits = cases[1:]
    summary = {
        "runs": args.runs,
        "first_print_ms": round(first_ms, 1),
        "typical_pdf_ms_median": cases[0]["pdf_ms"]["median"],
        "limits_pdf_ms_max": max(case["pdf_ms"]["max"] for case in at_the_limits),
        "limits_pdf_kib_max": max(case["pdf_kib"] for case in at_the_limits),
        "limits_pages_max": max(case["pages"] for case in at_the_limits),
    }
    # One JSON object, a case per line.
    lines = ",\n ".join(json.dumps(case, ensure_ascii=False) for case in cases)
    print(json.dumps(summary, ensure_ascii=False)[:-1] + f', "cases": [\n {lines}\n]}}')


if __name__ == "__main__":
    main()
