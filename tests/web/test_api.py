"""The JSON endpoints (engine/web/api.py): exact answers, and a clear Danish 4xx for every bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.form import CompiledForm, validate
from engine.web.app import create_app
from engine.web.settings import Settings
from tests.conftest import write_spec
from tests.web.accounts import signed_in_client
from tests.web.conftest import TestClient

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
JUDGING = ["/api/evaluate", "/api/validate", "/api/v1/validate"]


def _post(client: TestClient, url: str, body: bytes, content_type: str = "application/json") -> Any:
    return client.post(url, content=body, headers={"content-type": content_type})


# -- ping -------------------------------------------------------------------------------------------------
def test_ping_answers_ok(client: TestClient) -> None:
    response = client.get("/api/ping")
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert response.headers["cache-control"] == "no-store"


# -- judging a payload ------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", JUDGING)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_the_verdict_is_exactly_the_engines(
    client: TestClient, form: CompiledForm, url: str, example: Path
) -> None:
    payload = json.loads(example.read_text(encoding="utf-8"))
    response = client.post(url, json=payload)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == validate(form, payload).as_json()


def test_the_page_and_the_api_give_the_same_verdict(client: TestClient, form: CompiledForm) -> None:
    payload = {"cpr": "020329-1WQ3", "diagnose": "DD051", "dato_foerste_kontakt": "2003-02-30"}
    answers = [client.post(url, json=payload).json() for url in JUDGING]
    assert answers[0] == answers[1] == answers[2] == validate(form, payload).as_json()
    # The verdict compared has errors, warnings and a derived value (what they say is the Gherkin's).
    assert answers[0]["errors"] and answers[0]["warnings"] and answers[0]["derived"]


def test_an_invalid_payload_is_still_answered_200(client: TestClient, form: CompiledForm) -> None:
    response = client.post("/api/v1/validate", json={})
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False and body["errors"]
    assert body == validate(form, {}).as_json()


@pytest.mark.parametrize("url", JUDGING)
def test_text_that_is_not_json_gets_the_engines_not_json_result(client: TestClient, url: str) -> None:
    response = _post(client, url, b'{"cpr": ')
    assert response.status_code == 400
    assert response.json() == {
        "valid": False,
        "errors": [
            {
                "field": "",
                "rule": "not_json",
                "manual": None,
                "message": "Input er ikke gyldig JSON (linje 1, kolonne 9).",
                "severity": "error",
            }
        ],
        "warnings": [],
        "derived": {},
        "open": [],
        "required": [],
        "normalized": {},
        "items": {},
    }


def test_a_key_given_twice_is_not_json(client: TestClient) -> None:
    response = _post(client, "/api/v1/validate", b'{"cpr": "120355-1009", "cpr": "x"}')
    assert response.status_code == 400
    assert (
        response.json()["errors"][0]["message"]
        == "Feltet »cpr« er angivet mere end én gang (linje 1, kolonne 24)."
    )


def test_bytes_that_are_not_utf8_are_not_readable(client: TestClient) -> None:
    response = _post(client, "/api/v1/validate", b'{"cpr": "\xff"}')
    assert response.status_code == 400
    assert response.json()["errors"][0]["rule"] == "not_readable"


@pytest.mark.parametrize(("body", "actual"), [(b"[]", "array"), (b"42", "number"), (b"null", "null")])
def test_json_that_is_not_an_object_is_422(client: TestClient, body: bytes, actual: str) -> None:
    response = _post(client, "/api/v1/validate", body)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "",
            "rule": "not_object",
            "manual": None,
            "message": f"Et skema skal være et JSON-objekt, ikke {actual}.",
            "severity": "error",
        }
    ]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_another_content_type_is_415(client: TestClient, content_type: str) -> None:
    response = _post(client, "/api/v1/validate", b"{}", content_type)
    assert response.status_code == 415
    received = f" (modtaget: {content_type})." if content_type else "."
    assert response.json() == {
        "error": "unsupported_media_type",
        "message": "Send skemaet som JSON med Content-Type: application/json" + received,
    }


def test_json_with_a_charset_is_accepted(client: TestClient) -> None:
    response = _post(client, "/api/v1/validate", b"{}", "application/json; charset=utf-8")
    assert response.status_code == 200


def test_a_body_above_the_limit_is_413(client: TestClient) -> None:
    body = json.dumps({"anden_behandling_tekst": "x" * 1_000_000}).encode()
    response = _post(client, "/api/v1/validate", body)
    assert response.status_code == 413
    assert [e["rule"] for e in response.json()["errors"]] == ["too_large"]  # the form's own result


def test_a_streamed_body_above_the_limit_is_413(client: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(300):
            yield b" " * 4096

    response = client.post("/api/v1/validate", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["rule"] == "too_large"


def test_a_wrong_method_is_405_in_danish(client: TestClient) -> None:
    response = client.get("/api/v1/validate")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json() == {
        "error": "method_not_allowed",
        "message": "Metoden GET kan ikke bruges på denne adresse.",
    }


def test_an_unknown_api_address_is_404_json(client: TestClient) -> None:
    response = client.get("/api/v2/validate")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "message": "Adressen findes ikke."}


# -- code search ------------------------------------------------------------------------------------------
# A form of its own binding two lists, beside a third list it does not bind: the answers below are these
# lists', whatever the cancer form's lists hold.
DIAGNOSES = [
    ("DC50", "Brystkræft"),
    ("DC500", "Kræft i brystvorte eller areola mammae"),
    ("DC501", "Brystkræft i den centrale del af mamma"),
    ("DC506", "Brystkræft i processus axillaris mammae"),
    ("DC509", "Brystkræft UNS"),
    *[(f"DC{n}9", f"Kræft i organ nummer {n}") for n in range(10, 32)],
]
STAGES = [
    ("AZCC1", "Ann Arbor stadium I"),
    ("AZCC1A", "Ann Arbor stadium IA"),
    ("AZCC2", "Ann Arbor stadium II"),
]
NEIGHBOUR = [
    ("DA000", "Kolera forårsaget af Vibrio cholerae"),
    ("DJ45", "Astma"),
    ("DJ450", "Allergisk astma"),
    ("DJ451", "Ikke-allergisk astma"),
    ("DJ459", "Astma UNS"),
]
LISTS_FORM = """
codelists:
  diagnoser: {file: diagnoser.csv, title: Diagnoser}
  stadier: {file: stadier.csv, title: Stadier}
sections:
  - id: s
    title: S
    fields:
      - {id: diagnose, type: code, label: Diagnose, codelist: diagnoser, widget: search}
      - {id: stadie, type: code, label: Stadie, codelist: stadier, widget: search}
"""


@pytest.fixture(scope="module")
def lists_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("lists")
    for name, rows in (("diagnoser", DIAGNOSES), ("stadier", STAGES), ("sks", NEIGHBOUR)):
        lines = "".join(f"{code};{text};;\n" for code, text in rows)
        (folder / f"{name}.csv").write_text("code;text;valid_from;valid_to\n" + lines, encoding="utf-8")
    form = write_spec(folder, LISTS_FORM)
    with signed_in_client(create_app(Settings(form_path=form, data_dir=folder / "data"))) as client:
        yield client


def test_code_search_finds_part_of_a_text(lists_client: TestClient) -> None:
    response = lists_client.get("/api/codes/diagnoser", params={"q": "brystkræft u"})
    assert response.status_code == 200
    assert response.json() == {
        "codelist": "diagnoser",
        "query": "brystkræft u",
        "results": [
            {"code": "DC509", "text": "Brystkræft UNS"},
            {"code": "DC506", "text": "Brystkræft i processus axillaris mammae"},
        ],
        "more": False,
    }


def test_code_search_finds_part_of_a_code_and_says_when_there_are_more(lists_client: TestClient) -> None:
    body = lists_client.get("/api/codes/diagnoser", params={"q": "dc50", "limit": "3"}).json()
    assert body["results"] == [
        {"code": "DC50", "text": "Brystkræft"},
        {"code": "DC500", "text": "Kræft i brystvorte eller areola mammae"},
        {"code": "DC501", "text": "Brystkræft i den centrale del af mamma"},
    ]
    assert body["more"] is True


def test_code_search_never_sends_more_than_the_limit(lists_client: TestClient) -> None:
    body = lists_client.get("/api/codes/diagnoser", params={"q": "kræft"}).json()
    assert len(body["results"]) == 20
    assert body["more"] is True


def test_an_empty_query_browses_the_list_from_its_start(lists_client: TestClient) -> None:
    body = lists_client.get("/api/codes/stadier", params={"limit": "2"}).json()
    assert body["results"] == [
        {"code": "AZCC1", "text": "Ann Arbor stadium I"},
        {"code": "AZCC1A", "text": "Ann Arbor stadium IA"},
    ]
    assert body["more"] is True


def test_code_search_without_matches(lists_client: TestClient) -> None:
    body = lists_client.get("/api/codes/diagnoser", params={"q": "zzzz"}).json()
    assert body == {"codelist": "diagnoser", "query": "zzzz", "results": [], "more": False}


@pytest.mark.parametrize("limit", ["0", "51", "x", "-1"])
def test_a_bad_limit_is_400(client: TestClient, limit: str) -> None:
    response = client.get("/api/codes/diagnoser", params={"q": "a", "limit": limit})
    assert response.status_code == 400
    assert response.json() == {"error": "bad_limit", "message": "limit skal være et helt tal fra 1 til 50."}


def test_a_very_long_query_is_400(client: TestClient) -> None:
    response = client.get("/api/codes/diagnoser", params={"q": "a" * 201})
    assert response.status_code == 400
    assert response.json() == {"error": "query_too_long", "message": "Søgeteksten må højst være 200 tegn."}


def test_an_unknown_codelist_is_404(lists_client: TestClient) -> None:
    response = lists_client.get("/api/codes/ingen", params={"q": "a"})
    assert response.status_code == 404
    assert response.json()["error"] == "codelist_unknown"
    assert response.json()["message"].startswith("Kodelisten »ingen« findes ikke. Kendte lister: diagnoser, ")


def test_a_list_beside_the_forms_lists_is_searchable(lists_client: TestClient) -> None:
    body = lists_client.get("/api/codes/sks", params={"q": "DJ45", "limit": "3"}).json()
    assert body == {
        "codelist": "sks",
        "query": "DJ45",
        "results": [
            {"code": "DJ45", "text": "Astma"},
            {"code": "DJ450", "text": "Allergisk astma"},
            {"code": "DJ451", "text": "Ikke-allergisk astma"},
        ],
        "more": True,
    }
    assert lists_client.get("/api/codes/sks/da000").json()["text"] == "Kolera forårsaget af Vibrio cholerae"
    response = lists_client.get("/api/codes/sks/DQQ99")
    assert response.status_code == 404
    assert response.json() == {"error": "code_unknown", "message": "Koden »DQQ99« findes ikke i listen sks."}


def test_an_unknown_codelist_names_the_known_ones(lists_client: TestClient) -> None:
    message = lists_client.get("/api/codes/ingen").json()["message"]
    assert message == "Kodelisten »ingen« findes ikke. Kendte lister: diagnoser, sks, stadier."


def test_the_cancer_forms_lists_and_those_beside_them_are_offered(
    client: TestClient, form: CompiledForm
) -> None:
    """The shipped app offers every list of its form, and the whole SKS D file beside them."""
    message = client.get("/api/codes/ingen").json()["message"]
    offered = message.removesuffix(".").split("Kendte lister: ", 1)[1].split(", ")
    assert set(form.codelists) | {"sks_d_koder"} <= set(offered)


def test_a_code_typed_in_full_gives_its_text(lists_client: TestClient) -> None:
    response = lists_client.get("/api/codes/diagnoser/dc509")
    assert response.status_code == 200
    assert response.json() == {
        "code": "DC509",
        "text": "Brystkræft UNS",
        "valid_from": None,
        "valid_to": None,
    }


def test_an_unknown_code_is_404(lists_client: TestClient) -> None:
    response = lists_client.get("/api/codes/diagnoser/DX999")
    assert response.status_code == 404
    assert response.json() == {
        "error": "code_unknown",
        "message": "Koden »DX999« findes ikke i listen Diagnoser.",
    }


# -- CPR look-up (F03) ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("number", "name", "sex", "address"),
    [
        ("120355-1009", "Jens Erik Fiktivsen", "Mand", ["Eksempelvej 12", "8990 Fiktivby"]),
        ("1507722004", "Karen Margrethe Demosen", "Kvinde", ["Fiktivgade 3, 2. th.", "7990 Demoby"]),
        ("230847-1007", "Poul Henning Prøvesen", "Mand", ["Opdigtet Allé 45", "4990 Prøvsted"]),
    ],
)
def test_a_known_number_gives_name_sex_and_address(
    client: TestClient, number: str, name: str, sex: str, address: list[str]
) -> None:
    response = client.post("/api/cpr", json={"cpr": number})
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["sex_text"], body["address"]) == (name, sex, address)
    assert body["cpr"] == number if "-" in number else f"{number[:6]}-{number[6:]}"


def test_an_unknown_number_says_so(client: TestClient) -> None:
    response = client.post("/api/cpr", json={"cpr": "010101-1234"})
    assert response.status_code == 404
    assert response.json() == {
        "error": "cpr_unknown",
        "message": "CPR-nummeret findes ikke i CPR-registeret.",
    }


def test_a_substitute_number_cannot_be_looked_up(client: TestClient) -> None:
    response = client.post("/api/cpr", json={"cpr": "020329-1wq3"})
    assert response.status_code == 422
    assert response.json() == {
        "error": "cpr_substitute",
        "message": "CPR-nummeret er et erstatnings-CPR-nummer og kan ikke slås op i CPR.",
    }


def test_text_that_is_no_cpr_number_is_400(client: TestClient) -> None:
    response = client.post("/api/cpr", json={"cpr": "abc"})
    assert response.status_code == 400
    assert response.json() == {
        "error": "cpr_malformed",
        "message": "Det indtastede er ikke et CPR-nummer. Skriv det som DDMMÅÅ-SSSS.",
    }


def test_without_demo_no_cpr_look_up_is_configured(bare_client: TestClient) -> None:
    response = bare_client.post("/api/cpr", json={"cpr": "120355-1009"})
    assert response.status_code == 503
    assert response.json() == {
        "error": "cpr_not_configured",
        "message": "Der er ikke sat et CPR-opslag op på denne server. Skemaet kan udfyldes og gemmes uden "
        "opslag, men opslaget skal foretages, før skemaet indberettes.",
    }


@pytest.mark.parametrize(
    "body",
    [b"", b"120355-1009", b"[]", b'{"cpr": 1203551009}', b'{"nummer": "120355-1009"}', b"{"],
)
def test_a_look_up_without_a_number_in_json_says_how_to_send_it(client: TestClient, body: bytes) -> None:
    response = client.post("/api/cpr", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {
        "error": "cpr_request",
        "message": 'Send CPR-nummeret som JSON: {"cpr": "DDMMÅÅ-SSSS"}.',
    }


def test_a_cpr_number_is_never_looked_up_from_a_url(client: TestClient) -> None:
    """The number belongs in the body: in a URL it would reach logs, proxies and the browser's history."""
    assert client.get("/api/cpr/120355-1009").status_code == 404
    assert client.get("/api/cpr", params={"cpr": "120355-1009"}).status_code == 405


def test_a_look_up_must_be_sent_as_json(client: TestClient) -> None:
    response = client.post("/api/cpr", data={"cpr": "120355-1009"})  # a cross-site form could send this
    assert response.status_code == 415


# -- SOR search (F06) -------------------------------------------------------------------------------------
def test_mit_cvr_si_lists_the_institutions_of_the_users_cvr(client: TestClient) -> None:
    body = client.get("/api/sor", params={"scope": "mit_cvr_si"}).json()
    assert body["scope_label"] == "Mit CVR – SI"
    assert {row["level"] for row in body["rows"]} == {"SI"}
    assert [row["name"] for row in body["rows"]][:2] == [
        "Fiktivby Universitetshospital",
        "Demoby Regionshospital",
    ]


def test_mit_cvr_alle_tells_si_from_oe_in_the_niveau_column(client: TestClient) -> None:
    body = client.get("/api/sor", params={"scope": "mit_cvr_alle", "name": "onkologisk afd"}).json()
    assert [column["label"] for column in body["columns"]] == [
        "SOR-kode",
        "Navn",
        "Enhedstype",
        "Ydernummer",
        "Adresse",
        "Overordnet enhed",
        "Niveau",
    ]
    assert body["rows"][0] == {
        "sor_kode": "276231000016004",
        "name": "Onkologisk Afdeling",
        "unit_type": "Sygehusafdeling",
        "ydernummer": "",
        "address": "Sygehusvej Fiktiv 45, 8990 Fiktivby",
        "parent": "37772941000016009 Fiktivby Universitetshospital",
        "level": "OE",
    }
    assert (body["total"], body["truncated"]) == (3, False)


@pytest.mark.parametrize(
    "column", ["sor_kode", "name", "unit_type", "ydernummer", "address", "parent", "level"]
)
def test_every_column_can_be_filtered(client: TestClient, column: str) -> None:
    everything = client.get("/api/sor", params={"scope": "privat"}).json()["rows"]
    value = next(row[column] for row in everything if row[column])
    body = client.get("/api/sor", params={"scope": "privat", column: value}).json()
    assert body["rows"]
    assert all(value.casefold() in row[column].casefold() for row in body["rows"])


@pytest.mark.parametrize("scope", ["statslig", "regional", "kommunal", "privat"])
def test_a_sector_scope_lists_that_sectors_units(client: TestClient, scope: str) -> None:
    body = client.get("/api/sor", params={"scope": scope}).json()
    assert body["total"] > 0
    assert {row["level"] for row in body["rows"]} <= {"SI", "OE"}


def test_an_unknown_scope_is_400(client: TestClient) -> None:
    response = client.get("/api/sor", params={"scope": "alle"})
    assert response.status_code == 400
    assert response.json() == {
        "error": "sor_scope",
        "message": "Ukendt udvalg »alle«. Vælg et af: mit_cvr_si (Mit CVR – SI), "
        "mit_cvr_alle (Mit CVR – Alle), statslig (Statslig), regional (Regional), kommunal (Kommunal), "
        "privat (Privat).",
    }


def test_an_unknown_filter_is_400(client: TestClient) -> None:
    response = client.get("/api/sor", params={"scope": "regional", "farve": "blå"})
    assert response.status_code == 400
    assert response.json()["error"] == "sor_filter"
    assert response.json()["message"].startswith("Ukendt filter »farve«. Der kan filtreres på: ")


def test_a_filter_given_twice_is_400(client: TestClient) -> None:
    response = client.get("/api/sor?scope=regional&name=a&name=b")
    assert response.status_code == 400
    assert response.json() == {"error": "sor_filter", "message": "Hvert filter må kun angives én gang."}


def test_one_sor_unit_by_code(client: TestClient) -> None:
    assert client.get("/api/sor/276231000016004").json()["name"] == "Onkologisk Afdeling"
    response = client.get("/api/sor/123")
    assert response.status_code == 404
    assert response.json() == {"error": "sor_unknown", "message": "SOR-koden »123« findes ikke i SOR."}


def test_without_demo_no_sor_search_is_configured(bare_client: TestClient) -> None:
    response = bare_client.get("/api/sor", params={"scope": "regional"})
    assert response.status_code == 503
    assert response.json() == {
        "error": "sor_not_configured",
        "message": "Der er ikke sat en SOR-søgning op på denne server.",
    }


@pytest.mark.parametrize("limit", ["²", "①", "١", "٣", "5" * 5000, "1" + "0" * 30])
def test_a_limit_in_other_digits_or_too_long_is_400(client: TestClient, limit: str) -> None:
    response = client.get("/api/codes/diagnoser", params={"q": "a", "limit": limit})
    assert response.status_code == 400
    assert response.json()["error"] == "bad_limit"
