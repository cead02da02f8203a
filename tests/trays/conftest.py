"""The service layer's tests: the two-step approval form of tests/fixtures/specs/godkendelse.yaml stored on
both backends (SQLite in a temporary directory, PostgreSQL in a fresh schema), with a clock that ticks."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from engine.form import load_form
from engine.store import Store, open_store
from engine.trays import Actor, StoredForm, Trays
from engine.workflow import CompiledWorkflow, compile_workflow
from tests.store.conftest import store_url

APPROVAL = Path(__file__).resolve().parents[1] / "fixtures" / "specs" / "godkendelse.yaml"
__all__ = ["store_url"]  # every test here runs on both backends (the store's own fixture)

T0 = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC)

# The users of the tests: roles per group (g1, g2).
SKRIBENT = Actor.of("skribent", {"g1": ["skribent"]}, client="10.0.0.1")
GODKENDER = Actor.of("godkender", {"g1": ["godkender"], "g2": ["godkender"]})
CHEF = Actor.of("chef", {"g1": ["chef", "godkender"]})
LAESER = Actor.of("laeser", {"g1": []})  # a member without roles: sees the group's forms, does nothing
FREMMED = Actor.of("fremmed", {"g2": ["skribent", "godkender", "chef"]})
ADMIN = Actor.of("admin", {}, administrator=True)


@pytest.fixture(scope="session")
def sag_workflow() -> CompiledWorkflow:
    return compile_workflow(load_form(APPROVAL))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def ticking() -> Callable[[], datetime.datetime]:
    """A clock that moves a minute each time it is read."""
    minutes = itertools.count()
    return lambda: T0 + datetime.timedelta(minutes=next(minutes))


@pytest.fixture
def trays(store: Store, sag_workflow: CompiledWorkflow) -> Trays:
    return Trays(store, [sag_workflow], clock=ticking())


def made(trays: Trays, payload: dict[str, object] | None = None, actor: Actor = SKRIBENT) -> StoredForm:
    form = trays.create(actor, "sag", "g1" if actor.member_of("g1") else None, payload)
    assert isinstance(form, StoredForm), form
    return form
