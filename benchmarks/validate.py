"""Benchmark: µs per full validation of realistic cancer payloads, beside its floor and a reference.

Run: ``.venv/bin/python -m benchmarks.validate [--payloads 2000] [--blocks 300]`` from the repository root.
Prints one JSON object (benchmarks/README.md shows a run). All in one process:

- ``json_loads``: ``json.loads`` of the same payloads serialised — the floor;
- ``engine``: ``validate(form, payload)`` as shipped (rules over code fields remember their results,
  engine/form/memo.py; the hot modules compiled by scripts/accelerate.py when ``accelerated`` is true);
- ``engine_no_memo``: the same with that memo turned off;
- ``panzi_full``: the same validation with every rule interpreted per call by panzi-json-logic (the
  reference interpreter, with the form's named operators registered in it), memo off;
- ``rules_engine`` / ``rules_panzi``: every JsonLogic rule of the form (each field's condition, mandatory
  rule, derived value and checks) evaluated on each payload's values by the engine's compiled closures
  and by panzi-json-logic — the same rules, the two evaluators, nothing else;
and, each in a fresh process, the time to load and compile the form with its code lists.

This machine's speed drifts by a factor of two within seconds, so the contenders are timed in small
interleaved blocks (loads, engine, loads, …) and each ratio is the median of the per-block ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from json_logic import jsonLogic

import engine
from engine.form import CompiledForm, load_form, validate
from engine.rules import compile_rule
from tests.cancer_corpus import corpus
from tests.reference_interpreter import panzi_operations, reference_form


def form_rules(form: CompiledForm) -> list[Any]:
    """Every JsonLogic rule of the form's fields (not the plain true/false ones)."""
    found = []
    for f in form.spec.fields:
        for owner in (f, *f.fields):
            for rule in (owner.open_if, owner.required, owner.derive, *(c.when for c in owner.checks)):
                if rule is not None and not isinstance(rule, bool):
                    found.append(rule)
    return found


def _interleaved(
    contenders: dict[str, tuple[Callable[[Any], Any], list[Any]]], blocks: int
) -> dict[str, Any]:
    """Median µs per item of each contender, and of each one's ratio to the first, over small blocks."""
    names = list(contenders)
    size = min(len(items) for _, items in contenders.values())
    block = max(10, min(100, size // 10))
    per_item: dict[str, list[float]] = {name: [] for name in names}
    ratios: dict[str, list[float]] = {name: [] for name in names[1:]}
    for number in range(blocks):
        start = (number * 97) % max(1, size - block)
        times = {}
        for name in names:
            function, items = contenders[name]
            chunk = items[start : start + block]
            began = time.perf_counter()
            for item in chunk:
                function(item)
            times[name] = (time.perf_counter() - began) / len(chunk) * 1e6
            per_item[name].append(times[name])
        for name in names[1:]:
            ratios[name].append(times[name] / times[names[0]])
    return {
        "us_median": {name: round(statistics.median(values), 2) for name, values in per_item.items()},
        f"over_{names[0]}_median": {
            name: round(statistics.median(values), 2) for name, values in ratios.items()
        },
    }


def _load_times(runs: int) -> dict[str, float]:
    code = (
        "import time; t0 = time.perf_counter(); from engine.form import load_form; t1 = time.perf_counter(); "
        "load_form(); t2 = time.perf_counter(); print((t1 - t0) * 1e3, (t2 - t1) * 1e3)"
    )
    imports, loads = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        first, second = map(float, out.split())
        imports.append(first)
        loads.append(second)
    return {
        "load_compile_ms_median": round(statistics.median(loads), 1),
        "load_compile_ms_max": round(max(loads), 1),
        "import_ms_median": round(statistics.median(imports), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payloads", type=int, default=2000)
    parser.add_argument("--broken-share", type=float, default=0.3, help="share of payloads with one mistake")
    parser.add_argument("--blocks", type=int, default=300)
    parser.add_argument("--load-runs", type=int, default=5)
    args = parser.parse_args()

    payloads = list(corpus(args.payloads, broken_share=args.broken_share))
    texts = [json.dumps(payload, ensure_ascii=False) for payload in payloads]
    form = load_form()
    plain = load_form(memo=False)
    operations = panzi_operations(form)
    panzi = reference_form()

    verdicts = [validate(form, p).as_json() for p in payloads]
    assert verdicts == [validate(panzi, p).as_json() for p in payloads], "panzi-json-logic judges differently"
    for payload in payloads:  # warm the memo, as a running server's would be
        validate(form, payload)

    full = _interleaved(
        {
            "json_loads": (json.loads, texts),
            "engine": (lambda p: validate(form, p), payloads),
            "engine_no_memo": (lambda p: validate(plain, p), payloads),
            "panzi_full": (lambda p: validate(panzi, p), payloads),
        },
        args.blocks,
    )

    # The rules alone: each payload's settled values (what rules see), every rule of the form on them.
    rules = form_rules(form)
    compiled = [compile_rule(rule, plain.operators, strict=True) for rule in rules]
    values = [{k: v for k, v in p.items() if k in form.field_ids} for p in payloads]

    def ours(data: Any) -> None:
        for evaluator in compiled:
            evaluator(data)

    def theirs(data: Any) -> None:
        for rule in rules:
            jsonLogic(rule, data, operations)

    only_rules = _interleaved(
        {"rules_engine": (ours, values), "rules_panzi": (theirs, values)}, args.blocks // 3
    )
    valid = sum(verdict["valid"] for verdict in verdicts)
    result = {
        "payloads": len(payloads),
        "valid": valid,
        "invalid": len(payloads) - valid,
        "rules_per_payload": len(rules),
        "accelerated": engine.ACCELERATED,
        **full,
        "rules_only": only_rules,
        **_load_times(args.load_runs),
        "python": sys.version.split()[0],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
