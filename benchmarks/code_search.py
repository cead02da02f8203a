"""Time the code search (engine/codelists/search.py): build time, and µs per query at p50/p99/max.

    .venv/bin/python benchmarks/code_search.py [--queries 3000] [--seed 1]

Prints one JSON object. The queries are drawn from each list itself, the way users type: a code or its
first characters, a piece of a word of a text, a word prefix, two words of one text, a few letters, and
queries that match nothing. Timings are wall-clock in this one process (no HTTP), so run it on an idle
machine; the goal is p99 well under 1 ms on the 19,500-code SKS D list.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.codelists.csvfile import read_codelist
from engine.codelists.model import CodeList
from engine.codelists.search import CodeIndex

LISTS = {"notifiable": "codelists/diagnoser.csv", "sks_d": "codelists/sks_d_koder.csv"}


def queries(codelist: CodeList, count: int, rng: random.Random) -> list[str]:
    codes = list(codelist)
    made: list[str] = []
    while len(made) < count:
        code = rng.choice(codes)
        words = code.text.split()
        word = rng.choice(words)
        start = rng.randrange(len(word))
        kind = rng.randrange(8)
        if kind == 0:
            made.append(code.code)
        elif kind == 1:
            made.append(code.code[: rng.randint(1, len(code.code))].lower())
        elif kind == 2:
            made.append(word[start : start + rng.randint(1, 8)])
        elif kind == 3:
            made.append(word[: rng.randint(2, 6)].upper())
        elif kind == 4 and len(words) > 1:
            first, second = rng.sample(words, 2)
            made.append(f"{first[:5]} {second[:4]}")
        elif kind == 5:
            made.append(rng.choice("abcdefghijklmnoprstuvyæøå"))
        elif kind == 6:
            made.append(word[:4] + rng.choice("qxzw"))  # a typo: usually no match
        else:
            made.append(code.text[: rng.randint(3, 25)])
    return made


def measure(codelist: CodeList, count: int, rng: random.Random) -> dict[str, float | int]:
    builds = []
    for _ in range(5):
        started = time.perf_counter()
        index = CodeIndex.build(codelist)
        builds.append(time.perf_counter() - started)
    batch = queries(codelist, count, rng)
    for query in batch[:200]:  # warm up
        index.search(query)
    timings = []
    for _ in range(3):
        for query in batch:
            started = time.perf_counter_ns()
            index.search(query)
            timings.append(time.perf_counter_ns() - started)
    timings.sort()
    return {
        "codes": len(codelist),
        "build_ms_min": round(min(builds) * 1000, 1),
        "build_ms_median": round(statistics.median(builds) * 1000, 1),
        "queries": len(timings),
        "p50_us": round(timings[len(timings) // 2] / 1000, 1),
        "p99_us": round(timings[int(len(timings) * 0.99)] / 1000, 1),
        "max_us": round(timings[-1] / 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    results = {}
    for name, path in LISTS.items():
        codelist = read_codelist(root / path)
        results[name] = measure(codelist, arguments.queries, random.Random(arguments.seed))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
