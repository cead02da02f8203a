"""Memory (engine/web/memory.py): what lives as long as the process is frozen out of full collections."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.web.app import create_app
from engine.web.codes import CodeLists
from engine.web.memory import freeze_long_lived
from engine.web.settings import Settings
from tests.web.conftest import TestClient, form_with_neighbours, run_async


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_what_exists_is_frozen() -> None:
    kept = [object()]
    freeze_long_lived()
    assert gc.get_freeze_count() >= len(kept)


@pytest.mark.usefixtures("unfrozen")
def test_the_app_freezes_what_it_made_when_it_starts(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data"))
    assert gc.get_freeze_count() == 0
    with TestClient(app) as client:
        assert client.get("/api/ping").status_code == 200
        assert gc.get_freeze_count() > 0


@pytest.mark.usefixtures("unfrozen")
def test_a_list_indexed_on_first_use_is_frozen(tmp_path: Path) -> None:
    codes = CodeLists.of_form(form_with_neighbours(tmp_path))
    assert gc.get_freeze_count() == 0
    run_async(codes.index("dyr"))
    assert gc.get_freeze_count() > 0
