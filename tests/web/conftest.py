"""The web app for the tests: made by the factory, with the demo registers, in a temporary data directory."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.exceptions import StarletteDeprecationWarning

from engine.form import CompiledForm, load_form
from engine.web.app import create_app
from engine.web.settings import Settings

with warnings.catch_warnings():
    # Starlette 1.x asks for the httpx2 package; with plain httpx it warns once, on import.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient


@pytest.fixture(scope="session")
def form() -> CompiledForm:
    return load_form()


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Starlette:
    return create_app(Settings(data_dir=tmp_path_factory.mktemp("data"), demo=True))


@pytest.fixture(scope="session")
def client(demo_app: Starlette) -> Iterator[TestClient]:
    with TestClient(demo_app) as test_client:
        yield test_client


@pytest.fixture
def bare_client(tmp_path: Path) -> Iterator[TestClient]:
    """The app without ``--demo``: no CPR or SOR register."""
    with TestClient(create_app(Settings(data_dir=tmp_path / "data"))) as test_client:
        yield test_client


__all__ = ["TestClient"]
