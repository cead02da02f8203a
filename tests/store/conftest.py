"""Every store test runs on both backends: SQLite in a temporary directory, PostgreSQL in a fresh schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres import postgres_schema


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'indberet.sqlite3'}"
    else:
        with postgres_schema() as url:
            yield url
