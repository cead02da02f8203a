"""The renderer's tests draw the form of the page tests (tests/fixtures/forms/side/)."""

from __future__ import annotations

import pytest

from engine.form import CompiledForm, load_form
from tests.conftest import PAGE_FORM


@pytest.fixture(scope="session")
def form() -> CompiledForm:
    return load_form(PAGE_FORM)
