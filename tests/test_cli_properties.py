"""Properties of ``indberet validate``: every input line gets its result line, in order; exit 0, 1 or 2; never
a traceback — whatever the lines hold (generated payloads, mutated JSON, any bytes).
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from engine.cli import _validate
from engine.form import load_form
from tests.form.test_validate_properties import judged
from tests.fuzz import random_line, run_cli
from tests.properties import as_json_bytes, mutate, payloads

FORM = load_form()


@st.composite
def lines(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["payload", "mutated", "bytes", "blank"]))
    if kind == "bytes":
        return draw(st.binary(max_size=80)).replace(b"\n", b" ")
    if kind == "blank":
        return draw(st.sampled_from([b"", b"   ", b"\t", b"\r"]))
    body = as_json_bytes(draw(payloads(FORM)))
    return mutate(body, draw(st.data())).replace(b"\n", b" ") if kind == "mutated" else body


def run_in_process(stdin: bytes) -> tuple[int, list[dict[str, Any]], str]:
    out, err = io.BytesIO(), io.StringIO()
    text_out = io.TextIOWrapper(out, encoding="utf-8")
    with contextlib.redirect_stdout(text_out), contextlib.redirect_stderr(err):
        status = _validate(["-"], None, io.BytesIO(stdin))
        text_out.flush()
    results = [json.loads(line) for line in out.getvalue().decode("utf-8").split("\n") if line]
    return status, results, err.getvalue()


def expected_status(results: list[dict[str, Any]], unusable: int) -> int:
    if unusable:
        return 2
    return 0 if all(result["valid"] for result in results) else 1


@given(st.lists(lines(), max_size=8))
def test_every_line_gets_its_result_in_order(given_lines: list[bytes]) -> None:
    status, results, errors = run_in_process(b"\n".join(given_lines) + b"\n")
    judged_lines = [(number, line) for number, line in enumerate(given_lines, 1) if line.strip()]
    assert [result.pop("source") for result in results] == [f"<stdin>:{number}" for number, _ in judged_lines]
    assert results == [judged(line) for _, line in judged_lines]
    unusable = sum(
        1
        for r in results
        if r["errors"]
        and r["errors"][0]["field"] == ""
        and len(r["errors"]) == 1
        and r["errors"][0]["rule"] in ("not_readable", "not_json", "not_object", "too_large")
    )
    assert status == expected_status(results, unusable)
    assert "Traceback" not in errors
    assert errors.count("\n") == unusable  # one line on stderr per unusable input, naming where


def test_two_thousand_generated_lines_through_the_real_command() -> None:
    """The same, through the real command in a process of its own (tests/fuzz.py, seeded); the long run
    does this with 100,000 lines (tests/README.md)."""
    rng = random.Random(8)
    given_lines = [random_line(FORM, rng) for _ in range(2_000)]
    assert run_cli(FORM, None, given_lines) == []
