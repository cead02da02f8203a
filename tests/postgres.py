"""PostgreSQL for the tests: a schema of its own per test in the database of ``INDBERET_TEST_POSTGRES``
(default ``postgresql://127.0.0.1:5432/test``, the machine's server with trust authentication).

Where no server answers, the PostgreSQL tests are skipped and say why — unless
``INDBERET_REQUIRE_POSTGRES=1`` (CI sets it), when they fail instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

DEFAULT = "postgresql://127.0.0.1:5432/test"


def server_url() -> str:
    return os.environ.get("INDBERET_TEST_POSTGRES", DEFAULT)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """The URL of a fresh, empty schema (dropped afterwards): the store sees only its own tables."""
    import psycopg

    base = server_url()
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        if os.environ.get("INDBERET_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL at {base} does not answer: {error}")
        pytest.skip(f"PostgreSQL at {base} does not answer (set INDBERET_REQUIRE_POSTGRES=1 to fail)")
    schema = f"indberet_test_{secrets.token_hex(6)}"
    with admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            separator = "&" if "?" in base else "?"
            yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
