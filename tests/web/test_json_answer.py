"""Every JSON answer is encodable and one line per line (engine/web/json_answer.py): a lone surrogate or a
line separator that the client sent comes back as its JSON escape, never as a 500 or a raw line break."""

from __future__ import annotations

import json

import pytest

from engine.form.jsontext import json_text
from engine.web.json_answer import json_bytes
from tests.web.conftest import TestClient

JUDGING = ["/api/evaluate", "/api/validate", "/api/v1/validate"]


def _post(client: TestClient, url: str, body: str) -> object:
    return client.post(url, content=body.encode("ascii"), headers={"content-type": "application/json"})


@pytest.mark.parametrize("url", JUDGING)
def test_a_lone_surrogate_in_a_key_is_answered_with_its_escape(client: TestClient, url: str) -> None:
    response = client.post(url, content=b'{"\\udcff": 1}', headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert b"\\udcff" in response.content
    response.content.decode("utf-8")  # strict: encodable, so decodable
    unknown = [e for e in json.loads(response.content)["errors"] if e["rule"] == "unknown_field"]
    assert unknown[0]["field"] == "\udcff"  # the same JSON value, written as its escape


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_line_separators_in_an_answer_are_escaped(client: TestClient, separator: str) -> None:
    key = json.dumps(f"a{separator}b")  # ASCII-only JSON: "a\u2028b"
    response = client.post(
        "/api/v1/validate", content=f"{{{key}: 1}}".encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200
    assert separator.encode("utf-8") not in response.content
    assert f"\\u{ord(separator):04x}".encode() in response.content
    assert len(response.content.decode("utf-8").splitlines()) == 1


def test_answers_are_compact_json(client: TestClient) -> None:
    assert client.get("/api/ping").content == b'{"ok":true}'


@pytest.mark.parametrize(
    "value",
    [
        {"a": "æøå", "b": [1, 2.5, None, True]},
        {"\udcff": "x"},
        {"x": "a\u2028b\u2029c\u0085d"},
        ["\ud800", "\u2028"],
        "plain",
    ],
)
def test_the_answers_bytes_are_json_text_in_utf8(value: object) -> None:
    assert json_bytes(value) == json_text(value, compact=True).encode("utf-8")
