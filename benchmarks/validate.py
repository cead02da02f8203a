"""Benchmark: µs per full validation of realistic cancer payloads, beside its floor and a reference.

Run: ``.venv/bin/python -m benchmarks.validate [--payloads 2000] [--rounds 7]`` from the repository root.
Prints one JSON object. In one process, interleaved round by round so that machine noise hits all alike:

- ``json_loads``: ``json.loads`` of the same payloads serialised — the floor;
- ``engine``: ``validate(form, payload)`` with the engine's compiled rules (as shipped: rules over code
  fields remember their results, see engine/form/memo.py);
- ``engine_no_memo``: the same with that memo turned off;
- ``panzi``: the same validation, every rule interpreted per call by panzi-json-logic (the reference
  interpreter), with the form's named operators registered in it; memo off, like for like with
  ``engine_no_memo``;
and, each in a fresh process, the time to load and compile the form with its code lists.
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
from json_logic.builtins import BUILTINS

from engine.codelists.patterns import compile_patterns
from engine.form import CompiledForm, load_form, validate
from engine.form.operators import CodeTableMatcher
from engine.rules import Evaluator
from tests.cancer_corpus import corpus


def panzi_compiler(form: CompiledForm) -> Callable[[Any], Evaluator]:
    """A rule compiler that hands each rule to panzi-json-logic, interpreted anew at every call."""
    spec = form.spec
    sets = {}
    for name, code_set in spec.code_sets.items():
        listed = tuple(form.codelists[code_set.codelist].codes) if code_set.codelist else ()
        sets[name] = compile_patterns(code_set.codes + listed)
    tables = {
        name: CodeTableMatcher(tuple((compile_patterns(row.codes), row.value) for row in table.rows))
        for name, table in spec.code_tables.items()
    }
    import re

    operations: dict[str, Any] = dict(BUILTINS)

    def in_codes(data: Any, value: Any = None, named: Any = None, *_: Any) -> bool:
        matcher = compile_patterns(named) if isinstance(named, list) else sets[named]
        return isinstance(value, str) and matcher.matches(value)

    operations.update(
        in_codes=in_codes,
        lookup=lambda data, table=None, value=None, *_: tables[table](value),
        in_codelist=lambda data, value=None, name=None, *_: (
            isinstance(value, str) and value in form.codelists[name].codes
        ),
        matches=lambda data, value=None, pattern=None, *_: (
            isinstance(value, str) and re.fullmatch(pattern, value) is not None
        ),
        use=lambda data, name=None, *_: jsonLogic(spec.definitions[name].rule, data, operations),
        today=lambda data, *_: time.strftime("%Y-%m-%d"),
    )

    def compile_with_panzi(rule: Any) -> Evaluator:
        return lambda data: jsonLogic(rule, data, operations)

    return compile_with_panzi


def _time_round(function: Callable[[Any], Any], items: list[Any]) -> float:
    start = time.perf_counter()
    for item in items:
        function(item)
    return (time.perf_counter() - start) / len(items) * 1e6


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
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payloads", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--load-runs", type=int, default=5)
    args = parser.parse_args()

    payloads = list(corpus(args.payloads))
    texts = [json.dumps(payload, ensure_ascii=False) for payload in payloads]
    form = load_form()
    plain = load_form(memo=False)
    panzi = load_form(rule_compiler=panzi_compiler(form), memo=False)

    verdicts = {name: [validate(f, p).as_json() for p in payloads] for name, f in (("e", form), ("p", panzi))}
    assert verdicts["e"] == verdicts["p"], "the reference interpreter judges differently"

    contenders: dict[str, tuple[Callable[[Any], Any], list[Any]]] = {
        "json_loads": (json.loads, texts),
        "engine": (lambda p: validate(form, p), payloads),
        "engine_no_memo": (lambda p: validate(plain, p), payloads),
        "panzi": (lambda p: validate(panzi, p), payloads[: max(200, len(payloads) // 5)]),
    }
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.rounds):
        for name, (function, items) in contenders.items():
            samples[name].append(_time_round(function, items))
    us = {name: round(statistics.median(values), 2) for name, values in samples.items()}
    valid = sum(verdict["valid"] for verdict in verdicts["e"])
    result = {
        "payloads": len(payloads),
        "valid": valid,
        "invalid": len(payloads) - valid,
        "rounds": args.rounds,
        "us_per_payload_median": us,
        "engine_over_floor": round(us["engine"] / us["json_loads"], 2),
        "engine_no_memo_over_floor": round(us["engine_no_memo"] / us["json_loads"], 2),
        "panzi_over_engine_no_memo": round(us["panzi"] / us["engine_no_memo"], 1),
        "panzi_over_engine": round(us["panzi"] / us["engine"], 1),
        **_load_times(args.load_runs),
        "python": sys.version.split()[0],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
