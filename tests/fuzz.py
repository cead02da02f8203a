"""The long fuzz run: many generated and mutated payloads through the real ``indberet validate`` and the API.

    .venv/bin/python -m tests.fuzz [--payloads 100000] [--seed 1] [--form PATH] [--api 10000]

Each line is a payload made from the form's spec with a seeded random generator (the same kinds of values
as the hypothesis strategies in tests/properties.py: plausible values, values of another kind, odd text,
unknown keys, oversized groups), sometimes mutated as JSON text or replaced by random bytes. The lines go
through the real command in chunks; every chunk must give one result line per non-blank input line, each
equal to judging that line alone in this process, an exit status of 0, 1 or 2, and no traceback. With
``--api N``, N of the payloads are also posted to ``/api/v1/validate`` of the app (in process, through
Starlette's test client): never a 5xx, and the same result as the CLI's. Prints a JSON summary; exit 1 on
any crash. A run's figures are in tests/README.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from engine.form import CompiledForm, load_form
from engine.form.jsontext import json_text
from engine.form.payload import PayloadError, parse_payload, unusable_result
from engine.form.validate import validate
from engine.spec.model import Field
from tests.cli import run_indberet

ODD = ["", "\udcff", "\u2028", "\u0085", "¹⁰⁰⁹", "١٢٠٣", "２０２４", "\u202e", "\x00", "æøå", "-", "{", '"']


def _odd_text(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return "9" * rng.randint(500, 3000)
    return "".join(rng.choice(ODD) if rng.random() < 0.5 else chr(rng.randint(32, 0x2FFF)) for _ in range(8))


def _junk(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randint(0, 7 if depth < 2 else 4)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.randint(-(2**70), 2**70)
    if kind == 3:
        return rng.uniform(-1e308, 1e308)
    if kind == 4:
        return _odd_text(rng)
    if kind in (5, 6):
        return [_junk(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {_odd_text(rng): _junk(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def _value(form: CompiledForm, f: Field, rng: random.Random) -> Any:
    if rng.random() < 0.25:
        return _junk(rng)
    codes = list(form.codelists[f.codelist].codes) if f.codelist in form.codelists else ["X"]
    if f.type == "text":
        return _odd_text(rng) if rng.random() < 0.3 else "tekst"
    if f.type == "date":
        return f"{rng.randint(1890, 2040)}-{rng.randint(1, 13):02d}-{rng.randint(1, 31):02d}"
    if f.type == "code":
        return rng.choice(codes)
    if f.type == "codes":
        return [rng.choice(codes) for _ in range(rng.randint(0, 5 if rng.random() < 0.95 else 500))]
    if f.type == "cpr":
        digits = "".join(str(rng.randint(0, 9)) for _ in range(10))
        return rng.choice([f"{digits[:6]}-{digits[6:]}", digits, "120355-1009", "020329-1WQ3", "120355-¹⁰⁰⁹"])
    count = rng.randint(0, 4 if rng.random() < 0.95 else 400)
    return [_item(form, f, rng) for _ in range(count)]


def _item(form: CompiledForm, group: Field, rng: random.Random) -> Any:
    if rng.random() < 0.1:
        return _junk(rng)
    return {f.id: _value(form, f, rng) for f in group.fields if rng.random() < 0.7}


def random_payload(form: CompiledForm, rng: random.Random) -> dict[str, Any]:
    payload: dict[str, Any] = {f.id: _value(form, f, rng) for f in form.spec.fields if rng.random() < 0.7}
    for _ in range(rng.choice([0, 0, 0, 1, 2, 150])):
        payload[_odd_text(rng)] = _junk(rng)
    return payload


def random_line(form: CompiledForm, rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.05:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 60))).replace(b"\n", b" ")
    body = json.dumps(random_payload(form, rng)).encode("ascii")
    if roll < 0.35 and body:
        at = rng.randrange(len(body))
        mutation = rng.choice([body[:at], body[:at] + body[at + 1 :], body[:at] + b'"' + body[at:]])
        return mutation.replace(b"\n", b" ")
    return body


def judged(form: CompiledForm, line: bytes) -> dict[str, Any]:
    try:
        payload = parse_payload(line, form.spec.limits.payload_bytes)
    except PayloadError as error:
        return unusable_result(form, error)
    return validate(form, payload).as_json()


def run_cli(form: CompiledForm, form_path: Path | None, lines: list[bytes]) -> list[str]:
    """Problems found running ``lines`` through the real command (empty: none)."""
    args = ["validate", "-", *(["--form", str(form_path)] if form_path else [])]
    ran = run_indberet(*args, stdin=b"\n".join(lines) + b"\n", timeout=600)
    problems = []
    if ran.returncode not in (0, 1, 2):
        problems.append(f"exit status {ran.returncode}")
    if b"Traceback" in ran.stderr:
        problems.append("a traceback on stderr: " + ran.stderr.decode("utf-8", "replace")[-2000:])
    results = [json.loads(line) for line in ran.stdout.decode("utf-8").split("\n") if line]
    numbers = [number for number, line in enumerate(lines, 1) if line.strip()]
    expected = [{"source": f"<stdin>:{number}", **judged(form, lines[number - 1])} for number in numbers]
    if len(results) != len(expected):
        problems.append(f"{len(results)} result lines for {len(expected)} payloads")
    else:
        problems += [
            f"line {i}: differs from judging it alone"
            for i, (got, want) in enumerate(zip(results, expected, strict=True))
            if got != want
        ]
    return problems


def run_api(form_path: Path | None, lines: list[bytes]) -> list[str]:
    from engine.web.app import create_app
    from engine.web.settings import Settings
    from tests.web.conftest import TestClient  # asks for localhost, a host the app answers

    problems = []
    import tempfile

    with (
        tempfile.TemporaryDirectory() as data,
        TestClient(create_app(Settings(form_path=form_path, data_dir=Path(data)))) as client,
    ):
        form = client.app.state.indberet.form  # type: ignore[attr-defined]
        for index, line in enumerate(lines):
            response = client.post(
                "/api/v1/validate", content=line, headers={"content-type": "application/json"}
            )
            if response.status_code >= 500:
                problems.append(f"payload {index}: status {response.status_code}")
            elif response.json() != judged(form, line):
                problems.append(f"payload {index}: the API's answer differs from the CLI's")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--payloads", type=int, default=100_000, help="how many payloads (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="the random generator's seed (default 1)")
    parser.add_argument("--chunk", type=int, default=10_000, help="payloads per run of the command")
    parser.add_argument("--api", type=int, default=0, help="how many of them also to post to the API")
    parser.add_argument("--form", type=Path, help="the form spec (default: the shipped form)")
    args = parser.parse_args(argv)
    form = load_form(args.form)
    rng = random.Random(args.seed)
    started, problems, done = time.monotonic(), [], 0
    while done < args.payloads:
        lines = [random_line(form, rng) for _ in range(min(args.chunk, args.payloads - done))]
        problems += run_cli(form, args.form, lines)
        if done < args.api:
            problems += run_api(args.form, lines[: args.api - done])
        done += len(lines)
        print(f"{done} payloads, {len(problems)} problems", file=sys.stderr)
    summary = {
        "payloads": done,
        "api": min(args.api, done),
        "seed": args.seed,
        "problems": problems[:20],
        "crashes": len(problems),
        "seconds": round(time.monotonic() - started, 1),
    }
    print(json_text(summary))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
