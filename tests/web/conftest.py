"""The web app for the tests: made by the factory, with the demo registers, in a temporary data directory."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from starlette.applications import Starlette
from starlette.exceptions import StarletteDeprecationWarning

from engine.form import CompiledForm, lint_form, load_form
from engine.web.app import create_app
from engine.web.settings import Settings
from tests.conftest import write_spec
from tests.web.accounts import TEST_PASSWORD, add_user, sign_in

with warnings.catch_warnings():
    # Starlette 1.x asks for the httpx2 package; with plain httpx it warns once, on import.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette import testclient


class TestClient(testclient.TestClient):
    """Starlette's test client, asking for ``localhost`` (one of the hosts the app answers by default)
    rather than ``testserver``."""

    def __init__(self, app: Any, base_url: str = "http://localhost", **options: Any) -> None:
        super().__init__(app, base_url=base_url, **options)


CSV_HEADER = "code;text;valid_from;valid_to\n"
ONE_CODE_FIELD = """\
sections:
  - id: s
    title: S
    fields:
      - {id: farve, type: code, label: Farve, codelist: farver}
"""


def form_with_neighbours(tmp_path: Path) -> CompiledForm:
    """A form binding farver.csv, beside two lists it does not bind (and a file that is not a list)."""
    (tmp_path / "dyr.csv").write_text(CSV_HEADER + "HUND;Hund;;\nKAT;Kat;;\nHEST;Hest;;\n", encoding="utf-8")
    (tmp_path / "fugle.csv").write_text(CSV_HEADER + "SOLSORT;Solsort;;\n", encoding="utf-8")
    (tmp_path / "noter.txt").write_text("ikke en liste\n", encoding="utf-8")
    (tmp_path / "under").mkdir()
    (tmp_path / "under" / "skjult.csv").write_text(CSV_HEADER + "X;X;;\n", encoding="utf-8")
    linted = lint_form(write_spec(tmp_path, ONE_CODE_FIELD, {"farver": "R;Rød;;\nG;Grøn;;\n"}))
    assert linted.form is not None, linted.problems
    return linted.form


@pytest.fixture(scope="session")
def form() -> CompiledForm:
    return load_form()


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Starlette:
    # One client makes all the session's look-ups: the rate limit is tested on apps of its own.
    return create_app(Settings(data_dir=tmp_path_factory.mktemp("data"), demo=True, cpr_burst=1_000_000))


@pytest.fixture(scope="session")
def client(demo_app: Starlette) -> Iterator[TestClient]:
    """A client signed in as the demo user ``laege`` (every role in both demo groups)."""
    with TestClient(demo_app) as test_client:
        sign_in(test_client, "laege")
        yield test_client


@pytest.fixture
def anonymous(demo_app: Starlette) -> Iterator[TestClient]:
    """A client nobody signed in with."""
    with TestClient(demo_app) as test_client:
        yield test_client


@pytest.fixture
def bare_client(tmp_path: Path) -> Iterator[TestClient]:
    """The app without ``--demo`` (no CPR or SOR register, no demo accounts), signed in as a user made
    for the test."""
    app = create_app(Settings(data_dir=tmp_path / "data"))
    add_user(app)
    with TestClient(app) as test_client:
        sign_in(test_client, "tester", TEST_PASSWORD)
        yield test_client


__all__ = ["CSV_HEADER", "ONE_CODE_FIELD", "TestClient", "form_with_neighbours"]


T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end on an event loop of its own, in a thread: the browser tests' sync
    Playwright leaves an event loop running in the main thread, where ``asyncio.run`` refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
