"""Time the lists of stored forms at 100,000 forms in one group: Skemaer (A06) in every order, filtered
and deep in the list, a tray, the tray counters, and CPR søgning (A05) — on SQLite and on PostgreSQL.

    .venv/bin/python -m benchmarks.stored_forms [--forms 100000] [--others 20000] [--repeat 300]
                                                 [--backend sqlite|postgresql|both] [--no-analyze]
                                                 [--postgres shared|own]

Every call goes through the service layer (engine.trays.Trays) as the web pages will, in this process:
server-side time, without HTTP. Beside each backend's figures, in the same run and in turns with them, the
baseline: reading one form by its id (a primary-key look-up and the JSON of its payload); the machine's
load average before and after is printed too, since other work on it shows in every p99.

The forms are the cancer form's realistic payloads (tests/cancer_corpus.py) with random CPR numbers,
trays, versions and dates over three years; ``--others`` forms live in other groups. After loading, the
forms table is analysed (SQLite ANALYZE; PostgreSQL VACUUM ANALYZE, as its autovacuum soon would —
measuring while autovacuum works on a freshly loaded table measures autovacuum); ``--no-analyze`` leaves
that out. Prints one JSON object. Goal: p99 ≤ 50 ms for Skemaer and CPR søgning. ``save_draft`` (judging,
writing and syncing a draft's save with its audit line) is measured beside them for the web layer's save
round trip.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.form import load_form, validate
from engine.store import FormRow, Store, open_store
from engine.trays import Actor, Done, Page, Trays
from engine.trays.cpr import stored_cpr
from engine.workflow import CompiledWorkflow, compile_workflow
from tests.cancer_corpus import corpus

GROUP = "Onkologisk Afdeling"
STATES = (("kladde", 40), ("udbakke", 10), ("indberettet", 45), ("annulleret", 5))
START = datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)
BATCH = 10_000


def cpr_number(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 99)
    return f"{day:02d}{month:02d}{year:02d}-{rng.randint(0, 9999):04d}"


def rows(
    workflow: CompiledWorkflow, count: int, group: str, rng: random.Random, numbers: list[str]
) -> Iterator[FormRow]:
    payloads = list(corpus(400, seed=7))
    judged = [validate(workflow.form, p) for p in payloads]
    states = [state for state, weight in STATES for _ in range(weight)]
    for n in range(count):
        k = rng.randrange(len(payloads))
        number = rng.choice(numbers) if numbers and rng.random() < 0.3 else cpr_number(rng)
        payload = {**payloads[k], "cpr": number}
        state = rng.choice(states)
        created = START + datetime.timedelta(seconds=rng.randrange(3 * 365 * 86400))
        changed = created + datetime.timedelta(seconds=rng.randrange(30 * 86400))
        yield FormRow(
            id=f"{group[:3]}{n:07d}{rng.getrandbits(40):010x}",
            form_type="cancer",
            group=group,
            state=state,
            payload=payload,
            version=0 if state in ("kladde", "udbakke") and rng.random() < 0.8 else rng.randint(1, 3),
            revision=1,
            created_at=created,
            created_by="u",
            changed_at=changed,
            changed_by="u",
            spec_version="x",
            errors=len(judged[k].errors),
            warnings=len(judged[k].warnings),
            cpr=stored_cpr(workflow, payload),
        )


def fill(
    store: Store,
    workflow: CompiledWorkflow,
    forms: int,
    others: int,
    rng: random.Random,
    groups: tuple[str, str] = (GROUP, "Kirurgisk Afdeling"),
) -> tuple[list[str], list[str]]:
    """Load the forms (``forms`` in the first of ``groups``, ``others`` in the second); the CPR numbers that
    have several forms (30 % of the forms share 2,000 numbers), and the ids of the first group's forms."""
    numbers = [cpr_number(rng) for _ in range(2_000)]
    ids: list[str] = []
    for group, count in ((groups[0], forms), (groups[1], others)):
        made = rows(workflow, count, group, rng, numbers)
        while batch := [row for _, row in zip(range(BATCH), made, strict=False)]:
            store.insert_forms(batch)
            ids += [row.id for row in batch] if group == groups[0] else []
    return numbers, ids


def analyze(url: str) -> None:
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute("ANALYZE")
    else:
        import psycopg

        with psycopg.connect(url, autocommit=True) as db:
            db.execute("VACUUM ANALYZE forms")


def timed(calls: dict[str, Callable[[], Any]], repeat: int) -> dict[str, dict[str, float]]:
    """Each call ``repeat`` times, in turns (every case once per turn), so that a moment the machine is busy
    with something else falls on all cases alike, the baseline included."""
    for call in calls.values():
        for _ in range(5):
            call()
    times: dict[str, list[int]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            started = time.perf_counter_ns()
            call()
            times[name].append(time.perf_counter_ns() - started)
    return {name: _stats(sorted(found)) for name, found in times.items()}


def _stats(times: list[int]) -> dict[str, float]:
    return {
        "p50_ms": round(times[len(times) // 2] / 1e6, 2),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))] / 1e6, 2),
        "max_ms": round(times[-1] / 1e6, 2),
    }


def cases(
    trays: Trays, actor: Actor, numbers: list[str], ids: list[str], rng: random.Random
) -> dict[str, Callable[[], Any]]:
    def forms(**options: Any) -> Callable[[], Any]:
        def call() -> Any:
            page = trays.forms(actor, GROUP, "cancer", **options)
            assert isinstance(page, Page) and page.rows, page
            return page

        return call

    def deep(sort: str) -> Callable[[], Any]:
        return lambda: forms(sort=sort, after=rng.choice(ids))()

    found: dict[str, Callable[[], Any]] = {
        "baseline_get_form": lambda: trays.store.get_form(rng.choice(ids)),
    }
    for sort in ("cpr", "state", "version", "created", "changed"):
        found[f"skemaer_{sort}_asc"] = forms(sort=sort, descending=False)
        found[f"skemaer_{sort}_desc"] = forms(sort=sort, descending=True)
        found[f"skemaer_{sort}_deep_page"] = deep(sort)
    found["skemaer_state_filter_by_cpr"] = forms(sort="cpr", states=("annulleret",))
    found["skemaer_two_states_by_changed"] = forms(sort="changed", states=("udbakke", "annulleret"))
    found["skemaer_version_filter_by_created"] = forms(sort="created", version=3)
    found["skemaer_cpr_prefix"] = lambda: trays.forms(actor, GROUP, "cancer", cpr=rng.choice(numbers)[:4])
    found["skemaer_created_range"] = forms(
        sort="changed",
        created_from=START + datetime.timedelta(days=500),
        created_to=START + datetime.timedelta(days=530),
    )
    found["tray_kladde"] = lambda: trays.tray(actor, GROUP, "kladde")
    found["tray_counters"] = lambda: trays.counters(actor, GROUP)
    found["cpr_search_shared_number"] = lambda: trays.search_cpr(actor, rng.choice(numbers).replace("-", ""))
    found["cpr_search_unknown_number"] = lambda: trays.search_cpr(actor, cpr_number(rng))
    found["save_draft"] = saving(trays, actor, rng)
    return found


def saving(trays: Trays, actor: Actor, rng: random.Random) -> Callable[[], Any]:
    """Saving a draft of the group (W02): judged, written with its revision and its audit line, synced."""
    page = trays.tray(actor, GROUP, "kladde", limit=500)
    assert isinstance(page, Page)
    revisions = {row.id: 1 for row in page.rows}
    payloads = list(corpus(50, seed=9))

    def call() -> Any:
        form_id = rng.choice(list(revisions))
        done = trays.save(actor, form_id, rng.choice(payloads), revisions[form_id])
        assert isinstance(done, Done) and done.form is not None, done
        revisions[form_id] = done.form.revision
        return done

    return call


@contextmanager
def backend_url(name: str, postgres: str) -> Iterator[str]:
    if name == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'indberet.sqlite3'}"
    elif postgres == "own":
        from benchmarks.durability import own_server

        with own_server() as server:
            if isinstance(server, str):
                raise SystemExit(f"--postgres own {server}")
            yield server.url
    else:
        from tests.postgres import postgres_schema

        with postgres_schema() as url:
            yield url


def measure(name: str, args: argparse.Namespace, workflow: CompiledWorkflow) -> dict[str, Any]:
    rng = random.Random(args.seed)
    with backend_url(name, args.postgres) as url:
        store = open_store(url)
        try:
            started = time.perf_counter()
            numbers, ids = fill(store, workflow, args.forms, args.others, rng)
            loaded = time.perf_counter() - started
            if args.analyze:
                analyze(url)
            trays = Trays(store, [workflow])
            actor = Actor.of("bench", {GROUP: ["laese", "indtaste"]})
            load_before = os.getloadavg()[0]
            results = timed(cases(trays, actor, numbers, ids, rng), args.repeat)
            load_after = os.getloadavg()[0]
        finally:
            store.close()
    worst = max(v["p99_ms"] for k, v in results.items() if k.startswith(("skemaer", "cpr_search")))
    return {
        "load_s": round(loaded, 1),
        "loadavg_1min": [round(load_before, 2), round(load_after, 2)],  # other work on the machine meanwhile
        "worst_p99_ms": worst,
        "cases": results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=100_000)
    parser.add_argument("--others", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--no-analyze", dest="analyze", action="store_false")
    parser.add_argument(
        "--postgres",
        choices=("shared", "own"),
        default="shared",
        help="the machine's server (tests/postgres.py), or one of our own started for the run (as root): "
        "it runs with this process's priority, so under `nice` both backends are measured alike",
    )
    args = parser.parse_args()
    workflow = compile_workflow(load_form())
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    report = {
        "forms_in_group": args.forms,
        "forms_elsewhere": args.others,
        "repeat": args.repeat,
        "analyzed": args.analyze,
        "postgres": args.postgres,
        **{name: measure(name, args, workflow) for name in backends},
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
