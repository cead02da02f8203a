"""The searchable code lists (engine/web/codes.py): the form's own at start-up, their neighbours on first use."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from engine.codelists import CodeListError
from engine.form import lint_form
from engine.web.app import create_app
from engine.web.codes import CodeLists
from engine.web.settings import Settings
from tests.conftest import write_spec
from tests.web.accounts import signed_in_client
from tests.web.conftest import CSV_HEADER, ONE_CODE_FIELD, form_with_neighbours, run_async


def test_the_forms_lists_and_their_neighbours(tmp_path: Path) -> None:
    codes = CodeLists.of_form(form_with_neighbours(tmp_path))
    assert codes.names == ["dyr", "farver", "fugle"]
    assert codes.others == {"dyr": tmp_path / "dyr.csv", "fugle": tmp_path / "fugle.csv"}
    assert (codes.title("farver"), codes.title("dyr")) == ("Farver", "dyr")


def test_a_neighbour_is_indexed_on_its_first_search_only(tmp_path: Path) -> None:
    codes = CodeLists.of_form(form_with_neighbours(tmp_path))
    assert codes.indexed == ["farver"]

    async def twice() -> list[object]:
        return list(await asyncio.gather(codes.index("dyr"), codes.index("dyr")))

    first, second = run_async(twice())
    assert first is second
    assert first is not None and [match.code for match in first.search("h")] == ["HUND", "HEST"]
    assert codes.indexed == ["dyr", "farver"]
    assert run_async(codes.index("ingen")) is None


def test_a_list_bound_under_another_name_is_not_offered_twice(tmp_path: Path) -> None:
    form_with_neighbours(tmp_path)
    spec = write_spec(tmp_path, ONE_CODE_FIELD.replace("codelist: farver", "codelist: kulor"))
    spec.write_text(
        spec.read_text(encoding="utf-8") + "codelists:\n  kulor: {file: farver.csv, title: Kulør}\n",
        encoding="utf-8",
    )
    linted = lint_form(spec)
    assert linted.form is not None, linted.problems
    assert CodeLists.of_form(linted.form).names == ["dyr", "fugle", "kulor"]


def test_an_unreadable_neighbour_raises_each_time_it_is_asked_for(tmp_path: Path) -> None:
    codes = CodeLists.of_form(form_with_neighbours(tmp_path))
    (tmp_path / "fugle.csv").write_text(CSV_HEADER + "solsort;Solsort;;\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CodeListError):
            run_async(codes.index("fugle"))
    assert codes.indexed == ["farver"]


def test_an_unreadable_neighbour_is_a_danish_500_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    form_path = write_spec(tmp_path, ONE_CODE_FIELD, {"farver": "R;Rød;;\n"})
    (tmp_path / "brudt.csv").write_text(CSV_HEADER + "r;Rød;;\n", encoding="utf-8")
    with signed_in_client(create_app(Settings(form_path=form_path, data_dir=tmp_path / "data"))) as client:
        response = client.get("/api/codes/brudt", params={"q": "r"})
        known = client.get("/api/codes/ingen").json()["message"]
    assert response.status_code == 500
    assert response.json() == {
        "error": "codelist_unreadable",
        "message": "Kodelisten »brudt« kan ikke læses. Kontakt support.",
    }
    assert "code list brudt cannot be read" in caplog.text
    assert known == "Kodelisten »ingen« findes ikke. Kendte lister: brudt, farver."


def test_the_forms_spellings_reach_every_list_it_searches(tmp_path: Path) -> None:
    """``search.spellings`` of the spec: the form's lists and their neighbours find another spelling."""
    (tmp_path / "dyr.csv").write_text(CSV_HEADER + "KAT;Kat;;\nHUND;Hund;;\n", encoding="utf-8")
    body = "search:\n  spellings: [[C, K]]\n" + ONE_CODE_FIELD
    linted = lint_form(write_spec(tmp_path, body, {"farver": "R;Karmin;;\nG;Grøn;;\n"}))
    assert linted.form is not None, linted.problems
    codes = CodeLists.of_form(linted.form)
    assert codes.spellings == (("c", "k"),)  # caseless, as every code and query
    farver = run_async(codes.index("farver"))
    dyr = run_async(codes.index("dyr"))
    assert farver is not None and [m.code for m in farver.search("carmin")] == ["R"]
    assert dyr is not None and [m.code for m in dyr.search("cat")] == ["KAT"]
