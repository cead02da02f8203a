"""JSON text of results (engine/form/jsontext.py): always UTF-8 encodable, one line per line for every reader.

Before it, the CLI wrote U+2028 and U+0085 raw, so ``str.splitlines`` counted one result as two; and a lone
surrogate in a payload (valid JSON text: ``"\\udcff"``) made the answer unencodable.
"""

from __future__ import annotations

import json

import pytest

from engine.form.jsontext import json_text


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\u0085", "\udcff", "\ud800"])
def test_line_breaks_and_lone_surrogates_are_written_as_escapes(odd: str) -> None:
    value = {f"a{odd}": f"b{odd}c"}
    text = json_text(value)
    assert odd not in text
    assert len(text.splitlines()) == 1
    assert json.loads(text.encode("utf-8")) == value  # encodable, and the same value


def test_other_text_stays_readable() -> None:
    assert json_text({"tekst": "æøå »«"}) == '{"tekst": "æøå »«"}'
    assert json_text({"a": [1, 2]}, compact=True) == '{"a":[1,2]}'


def test_the_cli_writes_one_line_per_result(tmp_path: object) -> None:
    from tests.cli import run_indberet

    lines = b'{"ukendt\\u2028": "x\\u0085"}\n{"\\udcff": 1}\n{}\n'
    ran = run_indberet("validate", "-", stdin=lines)
    output = ran.stdout.decode("utf-8")
    assert len(output.splitlines()) == 3
    assert "\u2028" not in output and "\u0085" not in output
