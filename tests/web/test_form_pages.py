"""The pages of stored forms (engine/web/form_pages.py) on a form of their own with a workflow of its own
(tests/fixtures/specs/godkendelse.yaml: a two-step approval): Opret skema, Mine bakker, the save, the actions
with their refusals and confirmations, and another group's form answering 404 on every route."""

from __future__ import annotations

import datetime
import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.routing import Route

from engine.web.app import create_app
from engine.web.settings import Settings
from tests.web.accounts import TEST_PASSWORD, add_user, csrf_token, sign_in
from tests.web.conftest import TestClient

APPROVAL = Path(__file__).resolve().parents[1] / "fixtures" / "specs" / "godkendelse.yaml"


@pytest.fixture
def app(tmp_path: Path) -> Starlette:
    made = create_app(Settings(form_path=APPROVAL, data_dir=tmp_path / "data"))
    add_user(made, "skriver", {"test": ["skribent"]})
    add_user(made, "chefen", {"test": ["skribent", "godkender", "chef"]})
    made.state.indberet.accounts.create_group("Anden", by=None, id="anden")
    add_user(made, "fremmed", {"anden": ["skribent", "godkender", "chef"]})
    return made


def _client(app: Starlette, user: str) -> TestClient:
    client = TestClient(app)
    sign_in(client, user, TEST_PASSWORD)
    return client


@pytest.fixture
def writer(app: Starlette) -> Iterator[TestClient]:
    with _client(app, "skriver") as client:
        yield client


def _create(client: TestClient) -> str:
    made = client.post("/skema", data={"csrf_token": csrf_token(client)}, follow_redirects=False)
    assert made.status_code == 303, made.text[:300]
    found = re.fullmatch(r"/skema/([\w-]+)", made.headers["location"])
    assert found
    return found.group(1)


def _revision(page: str) -> int:
    found = re.search(r'data-revision="(\d+)"', page)
    assert found
    return int(found.group(1))


def _act(client: TestClient, form_id: str, action: str, **extra: str) -> object:
    revision = _revision(client.get(f"/skema/{form_id}").text)
    data = {"action": action, "revision": str(revision), "csrf_token": csrf_token(client), **extra}
    return client.post(f"/skema/{form_id}/handling", data=data)


def test_a_new_form_is_a_draft_of_the_users_group_with_its_actions(writer: TestClient) -> None:
    form_id = _create(writer)
    page = writer.get(f"/skema/{form_id}")
    assert page.status_code == 200
    assert '<span id="form-state">Udkast</span>' in page.text
    assert re.findall(r'name="action" value="(\w+)"', page.text) == ["skriv", "indsend", "kasser", "vis"]
    trays = writer.get("/bakker").text
    assert "Udkast (1)" in trays and f'href="/skema/{form_id}"' in trays


def test_a_save_keeps_the_values_and_a_stale_save_is_refused(writer: TestClient) -> None:
    form_id = _create(writer)
    saved = writer.post(f"/api/skemaer/{form_id}", json={"payload": {"titel": "Sag 1"}, "revision": 1})
    assert saved.status_code == 200 and saved.json()["revision"] == 2
    assert 'value="Sag 1"' in writer.get(f"/skema/{form_id}").text
    stale = writer.post(f"/api/skemaer/{form_id}", json={"payload": {"titel": "Sag 2"}, "revision": 1})
    assert stale.status_code == 409
    assert stale.json() == {"error": "stale", "message": "forældet"}
    assert writer.post(f"/api/skemaer/{form_id}", json={"payload": [], "revision": 2}).status_code == 400


def test_an_action_refused_says_why_and_one_done_says_where_the_form_is(writer: TestClient) -> None:
    form_id = _create(writer)
    refused = _act(writer, form_id, "indsend")
    assert refused.status_code == 409
    assert "sagen har 1 fejl" in refused.text
    writer.post(f"/api/skemaer/{form_id}", json={"payload": {"titel": "Sag"}, "revision": 1})
    done = _act(writer, form_id, "indsend")
    assert done.status_code == 200
    assert "»Indsend« er udført. Skemaet ligger nu i Til godkendelse." in done.text
    assert '<fieldset class="read-only" disabled' in done.text  # not editable in that tray
    assert re.findall(r'name="action" value="(\w+)"', done.text) == ["vis"]  # not approve: no role


def test_an_action_with_a_question_asks_first(app: Starlette, writer: TestClient) -> None:
    form_id = _create(writer)
    writer.post(f"/api/skemaer/{form_id}", json={"payload": {"titel": "Sag"}, "revision": 1})
    _act(writer, form_id, "indsend")
    with _client(app, "chefen") as boss:
        _act(boss, form_id, "godkend")
        asked = _act(boss, form_id, "godkend_endeligt")
        assert "Er sagen færdig?" in asked.text and 'id="action-confirm"' in asked.text
        assert '<span id="form-state">Halvt godkendt</span>' in asked.text
        done = _act(boss, form_id, "godkend_endeligt", confirmed="ja")
        assert '<span id="form-state">Godkendt</span>' in done.text
        assert '<span id="form-version">1</span>' in done.text


def test_another_groups_form_answers_404_on_every_route(app: Starlette, writer: TestClient) -> None:
    form_id = _create(writer)
    with _client(app, "fremmed") as stranger:
        token = csrf_token(stranger)
        routes = [r for r in app.routes if isinstance(r, Route) and "{form_id}" in r.path]
        assert len(routes) >= 3
        for route in routes:
            path = route.path.replace("{form_id}", form_id)
            for method in sorted((route.methods or set()) - {"HEAD"}):
                if method == "GET":
                    answer = stranger.get(path)
                elif path.startswith("/api/"):
                    answer = stranger.post(path, json={"payload": {}, "revision": 1})
                else:
                    answer = stranger.post(
                        path, data={"action": "skriv", "revision": "1", "csrf_token": token}
                    )
                assert answer.status_code == 404, (method, path, answer.status_code)
        assert f'href="/skema/{form_id}"' not in stranger.get("/bakker").text


def test_print_gives_a_pdf_of_the_form(tmp_path: Path) -> None:
    """An action that produces a PDF (W11 »Print«) answers with the print; the form stays where it is."""
    spec = APPROVAL.read_text(encoding="utf-8").replace(
        "  actions:\n",
        "  actions:\n    - {id: udskriv, label: Udskriv, from: [udkast], role: skribent, produces: pdf}\n",
        1,
    )
    (tmp_path / "sag.yaml").write_text(spec, encoding="utf-8")
    app = create_app(Settings(form_path=tmp_path / "sag.yaml", data_dir=tmp_path / "data"))
    add_user(app, "skriver", {"test": ["skribent"]})
    with _client(app, "skriver") as client:
        form_id = _create(client)
        client.post(
            f"/api/skemaer/{form_id}", json={"payload": {"titel": "Sagen om æ, ø og å"}, "revision": 1}
        )
        printed = _act(client, form_id, "udskriv")
        assert printed.status_code == 200
        assert printed.headers["content-type"] == "application/pdf"
        assert printed.content.startswith(b"%PDF")
        text = " ".join(
            " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(printed.content)).pages
        )
        assert "Sagen om æ, ø og å" in text and "Udkast" in text
        assert '<span id="form-state">Udkast</span>' in client.get(f"/skema/{form_id}").text


def test_skemaer_lists_sorts_filters_and_pages(writer: TestClient) -> None:
    ids = [_create(writer) for _ in range(3)]
    for number, form_id in enumerate(ids):
        payload = {"titel": f"Sag {number}", "borger": f"12035{5 + number}-1009"[:11]}
        writer.post(f"/api/skemaer/{form_id}", json={"payload": payload, "revision": 1})
    page = writer.get("/skemaer?sorter=cpr&orden=stigende").text
    shown = re.findall(r'href="/skema/([\w-]+)">Åbn', page)
    assert sorted(shown) == sorted(ids) and len(shown) == 3
    cprs = re.findall(r"<td>(\d{6}-\d{4})</td>", page)
    assert cprs == sorted(cprs)
    assert 'aria-sort="ascending"' in page
    assert "Udkast" in page
    none = writer.get("/skemaer?bakke=godkendt").text
    assert re.findall(r'href="/skema/([\w-]+)">Åbn', none) == []
    odd = writer.get("/skemaer?sorter=%3Cscript%3E&orden=x&bakke=y&efter=z").status_code
    assert odd == 200


def test_skemaer_filters_by_version_and_creation_date(app: Starlette, writer: TestClient) -> None:
    """A06 "filterable": beside the tray, the version and the days of creation (Danish, both included); a
    value that cannot be read is said so, and that filter is left out."""
    ids = [_create(writer) for _ in range(2)]
    writer.post(f"/api/skemaer/{ids[0]}", json={"payload": {"titel": "Sag"}, "revision": 1})
    _act(writer, ids[0], "indsend")
    with _client(app, "chefen") as boss:
        _act(boss, ids[0], "godkend")
        _act(boss, ids[0], "godkend_endeligt", confirmed="ja")

    def listed(query: str) -> list[str]:
        return re.findall(r'<tr data-form-id="([\w-]+)"', writer.get(f"/skemaer?{query}").text)

    assert listed("version=1") == [ids[0]]
    assert listed("version=0") == [ids[1]]
    today = datetime.datetime.now(ZoneInfo("Europe/Copenhagen")).date()  # the day as the page reads it
    assert sorted(listed(f"oprettet_fra={today:%d-%m-%Y}&oprettet_til={today:%d-%m-%Y}")) == sorted(ids)
    assert listed(f"oprettet_til={today - datetime.timedelta(days=2):%Y-%m-%d}") == []
    assert listed(f"oprettet_fra={today + datetime.timedelta(days=2):%d-%m-%Y}") == []
    page = writer.get("/skemaer?version=en&oprettet_fra=31-02-2026").text
    assert "»en« er ikke en version" in page and "»31-02-2026« er ikke en dato" in page
    assert sorted(re.findall(r'<tr data-form-id="([\w-]+)"', page)) == sorted(ids)
    assert 'href="/skemaer?sorter=cpr&amp;orden=stigende&amp;version=en' in page  # kept in the links


def test_cpr_search_finds_the_groups_forms_and_never_puts_the_number_in_a_url(
    app: Starlette, writer: TestClient
) -> None:
    form_id = _create(writer)
    writer.post(
        f"/api/skemaer/{form_id}", json={"payload": {"titel": "S", "borger": "120355-1009"}, "revision": 1}
    )
    token = csrf_token(writer)
    found = writer.post("/cpr-soegning", data={"cpr": "1203551009", "csrf_token": token})
    assert found.status_code == 200
    assert f'href="/skema/{form_id}"' in found.text
    assert found.url.path == "/cpr-soegning" and not found.url.query  # the number was posted
    wrong = writer.post("/cpr-soegning", data={"cpr": "12-03", "csrf_token": token})
    assert wrong.status_code == 400 and "Skriv et helt CPR-nummer" in wrong.text
    with _client(app, "fremmed") as stranger:
        other = stranger.post(
            "/cpr-soegning", data={"cpr": "120355-1009", "csrf_token": csrf_token(stranger)}
        )
        assert f'href="/skema/{form_id}"' not in other.text
        assert "Ingen skemaer i dine grupper" in other.text


def test_the_cpr_look_up_is_made_for_the_form_and_kept_on_it(tmp_path: Path) -> None:
    """F03: the look-up happens on the server, for the form; its answer carries the form's new revision,
    and the page shows the person and the look-up in Skemainformation. The number never in a URL."""
    app = create_app(Settings(form_path=APPROVAL, data_dir=tmp_path / "demo", demo=True))
    add_user(app, "skriver", {"test": ["skribent"]})
    with _client(app, "skriver") as writer:
        _look_up(writer)
    accesses = app.state.indberet.store.cpr_accesses(limit=20)  # newest first
    outcomes = [(access.outcome, access.user is not None) for access in accesses]
    assert ("found", True) in outcomes and ("cpr_request", True) in outcomes
    assert ("unsupported_media_type", True) in outcomes  # a refused request is kept too
    rate = create_app(
        Settings(form_path=APPROVAL, data_dir=tmp_path / "rate", demo=True, cpr_burst=1, cpr_rate=0.01)
    )
    add_user(rate, "skriver", {"test": ["skribent"]})
    with _client(rate, "skriver") as writer:
        form_id = _create(writer)
        assert writer.post(f"/api/skemaer/{form_id}/cpr", json={"cpr": "120355-1009"}).status_code == 200
        held = writer.post(f"/api/skemaer/{form_id}/cpr", json={"cpr": "150772-2004"})
        assert held.status_code == 429 and held.headers["Retry-After"]
    newest = rate.state.indberet.store.cpr_accesses(limit=1)[0]
    assert (newest.outcome, newest.cpr) == ("rate_limited", "150772-2004")


def _look_up(writer: TestClient) -> None:
    form_id = _create(writer)
    found = writer.post(f"/api/skemaer/{form_id}/cpr", json={"cpr": "1203551009"})
    assert found.status_code == 200, found.text
    assert found.json()["cpr"] == "120355-1009" and found.json()["revision"] == 2
    writer.post(f"/api/skemaer/{form_id}", json={"payload": {"borger": "120355-1009"}, "revision": 2})
    page = writer.get(f"/skema/{form_id}").text
    assert f'id="info-cpr-navn">{found.json()["name"]}<' in page  # the person found
    assert re.search(r'id="info-cpr-opslag">\d\d-\d\d-\d{4} \d\d:\d\d af [^<]*skriver\)?<', page)
    unknown = writer.post(f"/api/skemaer/{form_id}/cpr", json={"cpr": "010203-0004"})
    assert unknown.status_code in (400, 404) and unknown.json()["revision"] == 4
    assert unknown.json()["message"]
    assert writer.post(f"/api/skemaer/{form_id}/cpr", json={"nummer": "x"}).status_code == 400
    assert writer.post(f"/api/skemaer/{form_id}/cpr", content=b"[").status_code in (400, 415)
    assert (
        writer.post(
            f"/api/skemaer/{form_id}/cpr", content=b"x", headers={"Content-Type": "text/plain"}
        ).status_code
        == 415
    )


def test_a_locked_field_is_read_only_and_a_refusal_lists_the_errors(
    app: Starlette, writer: TestClient
) -> None:
    """W06: after the action that locks it, the CPR field cannot be changed (readonly, no »Opslag«); W04:
    a refused action lists the errors that refused it."""
    form_id = _create(writer)
    writer.post(f"/api/skemaer/{form_id}", json={"payload": {"beskrivelse": "x" * 50}, "revision": 1})
    refused = _act(writer, form_id, "indsend")
    assert refused.status_code == 409
    assert re.search(
        r'<ul id="action-refusal-errors">\s*<li class="finding-error" data-field="titel">required Titel</li>',
        refused.text,
    )
    payload = {"titel": "Sag", "borger": "120355-1009"}
    writer.post(f"/api/skemaer/{form_id}", json={"payload": payload, "revision": 2})
    _act(writer, form_id, "indsend")
    with _client(app, "chefen") as boss:
        _act(boss, form_id, "godkend")
        _act(boss, form_id, "godkend_endeligt", confirmed="ja")
    admin = app.state.indberet.accounts
    assert admin is not None
    page = writer.get(f"/skema/{form_id}").text
    assert re.search(r'name="borger" value="120355-1009"[^>]*readonly aria-readonly="true"', page)
    assert "kan ikke ændres, efter at skemaet er indberettet" in page


def test_an_administrator_reads_the_history_and_moves_the_form(app: Starlette, writer: TestClient) -> None:
    """The audit per form (who did what, which fields changed from what to what) is the administrator's;
    so is moving a form to another group (F02): its members get 403 for the history, and cannot move it."""
    form_id = _create(writer)
    writer.post(f"/api/skemaer/{form_id}", json={"payload": {"titel": "Sag 1"}, "revision": 1})
    assert writer.get(f"/skema/{form_id}/historik").status_code == 403
    token = csrf_token(writer)
    refused = writer.post(
        f"/skema/{form_id}/flyt", data={"gruppe": "anden", "revision": "2", "csrf_token": token}
    )
    assert refused.status_code == 409 and "kun admin" in refused.text
    add_user(app, "admin", {"test": []}, administrator=True)
    with _client(app, "admin") as admin:
        page = admin.get(f"/skema/{form_id}").text
        assert 'id="history-link"' in page and 'id="move-form"' in page
        history = admin.get(f"/skema/{form_id}/historik")
        assert history.status_code == 200
        assert re.search(r"<td>[^<]*skriver\)?</td><td>Skriv</td><td>Titel: – → Sag 1", history.text)
        assert re.search(r"<td>[^<]*skriver\)?</td><td>Oprettet</td>", history.text)
        token = csrf_token(admin)
        moved = admin.post(
            f"/skema/{form_id}/flyt",
            data={"gruppe": "anden", "revision": str(_revision(page)), "csrf_token": token},
            follow_redirects=False,
        )
        assert moved.status_code == 303 and moved.headers["location"] == "/bakker"
    assert writer.get(f"/skema/{form_id}").status_code == 404  # gone from the writer's group
    with _client(app, "fremmed") as stranger:
        assert stranger.get(f"/skema/{form_id}").status_code == 200


def test_opret_skema_offers_the_groups_where_the_user_may_create(app: Starlette) -> None:
    """F01: a user with one group gets it; with several, chooses (the current group first)."""
    add_user(app, "begge", {"test": ["skribent"], "anden": ["skribent"]})
    with _client(app, "begge") as both:
        page = both.get("/bakker").text
        assert re.search(r'<select id="create-group" name="gruppe">', page)
        made = both.post(
            "/skema", data={"gruppe": "anden", "csrf_token": csrf_token(both)}, follow_redirects=False
        )
        assert made.status_code == 303
        form_page = both.get(made.headers["location"]).text
        assert re.search(r'id="gruppe">Anden<', form_page)
        elsewhere = both.post("/skema", data={"gruppe": "ingen", "csrf_token": csrf_token(both)})
        assert elsewhere.status_code == 404


def test_a_new_forms_values_are_stored_as_a_draft(app: Starlette, writer: TestClient) -> None:
    """»Gem« on the new form page (``POST /api/skemaer``): the typed values become a stored draft, errors
    and all (W02), in the user's group; a user in several groups names one (F02)."""
    page = writer.get("/skema/ny").text
    assert 'id="save-new" data-group="test"' in page and 'id="save-new-group"' not in page
    made = writer.post("/api/skemaer", json={"payload": {"beskrivelse": "uden titel"}})
    assert made.status_code == 201, made.text
    form_id = made.json()["id"]
    assert made.json()["url"] == f"/skema/{form_id}"
    stored = writer.get(made.json()["url"]).text
    assert 'value="uden titel"' in stored and 'id="gruppe">Test<' in stored
    assert writer.post("/api/skemaer", json={"payload": []}).status_code == 400
    assert writer.post("/api/skemaer", json={"payload": {}, "gruppe": "anden"}).status_code == 404
    add_user(app, "begge", {"test": ["skribent"], "anden": ["skribent"]})
    with _client(app, "begge") as both:
        assert 'id="save-new-group"' in both.get("/skema/ny").text
        refused = both.post("/api/skemaer", json={"payload": {}})
        assert refused.status_code == 409
        assert refused.json() == {"error": "no_group", "message": "Vælg den gruppe, skemaet skal gemmes i."}
        chosen = both.post("/api/skemaer", json={"payload": {}, "gruppe": "anden"})
        assert chosen.status_code == 201
    with _client(app, "fremmed") as stranger:  # a user who may create nowhere here has no »Gem«
        assert stranger.get(f"/skema/{form_id}").status_code == 404


def test_the_validation_action_lists_the_findings_and_is_kept_in_the_history(
    app: Starlette, writer: TestClient
) -> None:
    """W04: the spec's action that produces the validation is the page's Valider; posted (as the page does
    beside showing the result, and as a browser without scripts does), it answers with the findings and
    leaves the form where it is; the history keeps who validated it."""
    form_id = _create(writer)
    page = writer.get(f"/skema/{form_id}").text
    assert re.search(
        r'data-produces="validation">.*?<button type="submit" class="primary" id="validate-button"',
        page,
        re.S,
    )
    assert page.count('id="validate-button"') == 1  # the page's own Valider gives way to the spec's
    judged = _act(writer, form_id, "vis")
    assert judged.status_code == 200
    assert "Skemaet er valideret: 1 fejl og 0 advarsler." in judged.text
    assert re.search(r'<li class="finding-error" data-field="titel">required Titel</li>', judged.text)
    assert '<span id="form-state">Udkast</span>' in judged.text
    add_user(app, "revisor", {"test": []}, administrator=True)
    with _client(app, "revisor") as auditor:
        history = auditor.get(f"/skema/{form_id}/historik").text
        assert re.search(r"<td>[^<]*skriver\)?</td><td>Vis fejl</td>", history)


@pytest.mark.parametrize(
    ("kind", "body", "status"),
    [
        ("multipart/form-data; boundary=x", b"--x\r\n" + b"a" * 2_000_000, 413),
        ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', 415),
        ("application/x-www-form-urlencoded", b"action=" + b"a" * 2_000_000, 413),
        ("application/x-www-form-urlencoded", b"action=\xff\xfe&revision=1", 400),
        ("application/x-www-form-urlencoded", b"&".join(b"f%d=1" % n for n in range(500)), 400),
        ("application/x-www-form-urlencoded", b"action=skriv&revision=%C2%B2", 400),
        ("text/plain", b"action=skriv&revision=1", 415),
    ],
)
def test_a_post_of_the_pages_that_is_none_gets_a_clear_answer(
    writer: TestClient, kind: str, body: bytes, status: int
) -> None:
    """Whatever arrives at a page's form route — another kind of body, too large (also without a declared
    length), not UTF-8, too many fields, a revision that is no number — a bounded Danish answer, never a
    500; the form is as it was."""
    form_id = _create(writer)

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 65_536):
            yield body[start : start + 65_536]

    paths = [f"/skema/{form_id}/handling", f"/skema/{form_id}/flyt"]
    if b"revision=%C2%B2" not in body:  # (the other routes take no revision)
        paths += ["/skema", "/cpr-soegning"]
    for path in paths:
        answer = writer.post(path, content=chunks(), headers={"Content-Type": kind})
        expected = 404 if path.endswith("/flyt") and status == 400 else status
        assert answer.status_code in (status, expected), (path, answer.status_code, answer.text[:200])
        assert "<h1>" in answer.text
    assert _revision(writer.get(f"/skema/{form_id}").text) == 1


def test_a_full_tray_is_shown_a_page_at_a_time(writer: TestClient) -> None:
    """Mine bakker: a tray of more forms than a page holds pages on (keyset), and back."""
    ids = {_create(writer) for _ in range(53)}
    first = writer.get("/bakker?bakke=udkast").text
    shown = re.findall(r'<tr data-form-id="([\w-]+)"', first)
    assert len(shown) == 50 and 'rel="prev"' not in first
    found = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert found
    second = writer.get(html.unescape(found.group(1))).text
    rest = re.findall(r'<tr data-form-id="([\w-]+)"', second)
    assert len(rest) == 3 and set(shown) | set(rest) == ids and 'rel="next"' not in second
    back = re.search(r'<a href="([^"]+)" rel="prev">', second)
    assert (
        back
        and re.findall(r'<tr data-form-id="([\w-]+)"', writer.get(html.unescape(back.group(1))).text)[-1]
        == shown[-1]
    )
