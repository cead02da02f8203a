"""Generated and mutated requests to the code-search, look-up and judging routes: none gets a 5xx, every
answer has a status the OpenAPI document names for it, the documented JSON shape, the security headers
and no CPR number in a message; and every request to the CPR look-up is audited with its outcome.

hypothesis runs with a fixed seed (``derandomize=True``) and a bounded number of examples per route, so
the run is the same every time and takes some seconds; a longer run: ``INDBERET_PROPERTY_EXAMPLES=5000``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.lookups import SCOPES
from engine.web.app import create_app
from engine.web.cpr_mask import mask_cpr
from engine.web.openapi import openapi_document
from engine.web.registers import SOR_COLUMNS
from engine.web.security import HEADERS
from engine.web.settings import Settings
from tests.cancer_corpus import corpus
from tests.web.accounts import signed_in_client
from tests.web.conftest import TestClient

EXAMPLES = int(os.environ.get("INDBERET_PROPERTY_EXAMPLES", "200"))
BOUNDED = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
DOCUMENT = openapi_document()
RESULT_KEYS = {"valid", "errors", "warnings", "derived", "open", "required", "normalized", "items"}
ERROR_KEYS = {"error", "message"}


@pytest.fixture(scope="module")
def app_client() -> Iterator[tuple[Any, TestClient]]:
    data = Path(tempfile.mkdtemp(prefix="indberet-properties-"))
    app = create_app(Settings(data_dir=data, demo=True, cpr_burst=1_000_000))
    with signed_in_client(app) as client:
        yield app, client


# -- what is sent ---------------------------------------------------------------------------------------------
CODELISTS = ["diagnoser", "sks_d_koder", "histologi", "tnm_t", "findes_ikke", "DIAGNOSER", "..", "%2e%2e"]
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
cpr_like = st.from_regex(r"\A[0-9]{6}[-. ]?[0-9A-Za-z]{4}\Z") | st.sampled_from(
    ["120355-1009", "1203551009", "020329-1WQ3", "010101-1234", "310299-1000", "120355-¹⁰⁰⁹", "١٢٠٣٥٥-١٠٠٩"]
)
raw = st.binary(max_size=60).map(lambda b: quote_from_bytes(b, safe=""))
query_values = texts | cpr_like | raw.map(lambda text: text)
limits = st.integers(-5, 80).map(str) | st.sampled_from(["²", "①", "١", "5" * 5000, "", "1e1", " 3"]) | texts
hosts = st.sampled_from(["localhost", "127.0.0.1:8000", "[::1]", "rebind.attacker.example", ""])


def json_values(depth: int = 2) -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts | cpr_like
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
        max_leaves=12,
    )


def mutated(body: bytes, data: st.DataObject) -> bytes:
    """``body`` with a few bytes inserted, dropped or changed."""
    edited = bytearray(body)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(edited)))
        what = data.draw(st.sampled_from(["insert", "drop", "change"]))
        if what == "insert" or not edited:
            edited[at:at] = data.draw(st.binary(min_size=1, max_size=4))
        elif what == "drop":
            del edited[min(at, len(edited) - 1)]
        else:
            edited[min(at, len(edited) - 1)] = data.draw(st.integers(0, 255))
    return bytes(edited)


CORPUS = [json.dumps(payload).encode() for payload in corpus(50)]


# -- what every answer is ---------------------------------------------------------------------------------------
def documented(path: str, method: str) -> set[int]:
    operation = DOCUMENT["paths"][path].get(method.lower())
    return {int(status) for status in operation["responses"]} if operation else {405}


def check_answer(response: Any, path: str, method: str = "GET") -> Any:
    where = f"{response.request.method} {response.request.url}"
    assert response.status_code < 500, (where, response.text)
    assert response.status_code in documented(path, method), (response.status_code, response.text)
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"] == "application/json", where
    text = response.content.decode("utf-8")  # strict: every answer is UTF-8
    assert len(text.splitlines()) == 1
    body = json.loads(text)
    if set(body) == ERROR_KEYS:
        assert response.status_code != 200
        assert body["message"] and mask_cpr(body["message"]) == body["message"]  # never a CPR number
    elif response.status_code != 200:
        assert path.startswith("/api/") and set(body) == RESULT_KEYS  # the judging routes' 400 and 422
    return body


def sent_to(response: Any, prefix: str) -> bool:
    """Whether the request went to the route at all: the client resolves ``..`` in a path first."""
    return str(response.request.url.raw_path.decode("ascii")).startswith(prefix)


# -- the routes -------------------------------------------------------------------------------------------------
@BOUNDED
@given(codelist=st.sampled_from(CODELISTS) | texts, q=query_values, limit=limits | st.none(), host=hosts)
def test_code_search(
    app_client: tuple[Any, TestClient], codelist: str, q: str, limit: str | None, host: str
) -> None:
    _, client = app_client
    query = f"q={quote(q, safe='%')}" + ("" if limit is None else f"&limit={quote(limit, safe='')}")
    response = client.get(f"/api/codes/{quote(codelist, safe='%')}?{query}", headers={"host": host})
    if not sent_to(response, "/api/codes/"):
        return
    body = check_answer(response, "/api/codes/{codelist}")
    if response.status_code == 200:
        assert set(body) == {"codelist", "query", "results", "more"}
        assert len(body["results"]) <= 50
        assert all(set(found) == {"code", "text"} for found in body["results"])


@BOUNDED
@given(
    codelist=st.sampled_from(CODELISTS), code=texts | cpr_like | st.sampled_from(["DC509", "dc509", " DC50 "])
)
def test_code_get(app_client: tuple[Any, TestClient], codelist: str, code: str) -> None:
    _, client = app_client
    response = client.get(f"/api/codes/{codelist}/{quote(code, safe='')}")
    if not sent_to(response, f"/api/codes/{codelist}/") or (response.status_code == 404 and "/" in code):
        return  # an encoded slash is decoded into the path: no such route
    body = check_answer(response, "/api/codes/{codelist}/{code}")
    if response.status_code == 200:
        assert set(body) == {"code", "text", "valid_from", "valid_to"}


@BOUNDED
@given(data=st.data())
def test_cpr_look_up_is_answered_and_audited(app_client: tuple[Any, TestClient], data: st.DataObject) -> None:
    app, client = app_client
    body = data.draw(
        st.one_of(
            cpr_like.map(lambda number: json.dumps({"cpr": number}).encode()),
            json_values().map(lambda value: json.dumps({"cpr": value}).encode()),
            json_values().map(lambda value: json.dumps(value).encode()),
            st.binary(max_size=80),
            st.just(b'{"cpr": "120355-1009", "x": "' + b"x" * 1200 + b'"}'),
        )
    )
    if data.draw(st.booleans()):
        body = mutated(body, data)
    content_type = data.draw(
        st.sampled_from(["application/json", "application/json; charset=utf-8", "text/plain"])
    )
    method = data.draw(st.sampled_from(["POST"] * 8 + ["GET", "PUT", "DELETE"]))
    store = app.state.indberet.store
    before = store.cpr_accesses(limit=1)
    response = client.request(method, "/api/cpr", content=body, headers={"content-type": content_type})
    answer = check_answer(response, "/api/cpr", method)
    (audited,) = store.cpr_accesses(limit=1)
    assert not before or audited.at > before[0].at  # a row of its own ...
    assert audited.outcome == (
        "found" if response.status_code == 200 else answer["error"]
    )  # ... with the outcome
    assert (audited.cpr is None) != (audited.not_a_number is None)
    assert audited.not_a_number is None or audited.not_a_number.isascii()
    if response.status_code == 200:
        assert set(answer) == {"cpr", "name", "sex", "sex_text", "address"}


@BOUNDED
@given(
    scope=st.sampled_from([*SCOPES, "", "ukendt"]) | texts,
    filters=st.dictionaries(st.sampled_from([c for c, _ in SOR_COLUMNS]) | texts, query_values, max_size=3),
)
def test_sor_search(app_client: tuple[Any, TestClient], scope: str, filters: dict[str, str]) -> None:
    _, client = app_client
    params = {"scope": scope, **filters}
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='%')}" for k, v in params.items())
    body = check_answer(client.get(f"/api/sor?{query}"), "/api/sor")
    if "rows" in body:
        assert set(body) == {"scope", "scope_label", "columns", "rows", "total", "truncated"}


@BOUNDED
@given(code=texts | cpr_like | st.sampled_from(["123456789012", "468031000016004"]))
def test_sor_unit(app_client: tuple[Any, TestClient], code: str) -> None:
    _, client = app_client
    response = client.get(f"/api/sor/{quote(code, safe='')}")
    if not sent_to(response, "/api/sor/") or (response.status_code == 404 and "/" in code):
        return  # an encoded slash is decoded into the path: no such route
    check_answer(response, "/api/sor/{sor_kode}")


@BOUNDED
@given(data=st.data(), path=st.sampled_from(["/api/v1/validate", "/api/evaluate"]))
def test_judging(app_client: tuple[Any, TestClient], data: st.DataObject, path: str) -> None:
    _, client = app_client
    body = data.draw(
        st.one_of(
            st.sampled_from(CORPUS).map(lambda payload: mutated(payload, data)),
            json_values().map(lambda value: json.dumps(value).encode()),
            st.dictionaries(texts, json_values(), max_size=6).map(lambda value: json.dumps(value).encode()),
        )
    )
    response = client.post(path, content=body, headers={"content-type": "application/json"})
    answer = check_answer(response, path, "POST")
    if response.status_code == 200:
        assert set(answer) == RESULT_KEYS
