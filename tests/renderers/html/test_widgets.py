"""The widget table (renderers/html/widgets.py): each type's ways of being drawn, and its default."""

from __future__ import annotations

import pytest

from engine.spec.model import Field
from renderers.html.widgets import WIDGETS, widget_of


@pytest.mark.parametrize(
    ("type_", "widget", "macro"),
    [
        ("text", None, "text"),
        ("text", "textarea", "textarea"),
        ("date", None, "date"),
        ("code", None, "select"),
        ("code", "radio", "radio"),
        ("code", "search", "search"),
        ("codes", "checkboxes", "checkboxes"),
        ("cpr", None, "cpr"),
        ("group", "checkboxes", "group"),
        ("codes", "radio", "checkboxes"),  # does not fit the type: the type's default
        ("date", "select", "date"),
    ],
)
def test_widget_of(type_: str, widget: str | None, macro: str) -> None:
    assert widget_of(Field("f", type_, "F", (), widget=widget)) == macro  # type: ignore[arg-type]


def test_every_field_type_has_a_default() -> None:
    assert set(WIDGETS) == {"text", "date", "code", "codes", "cpr", "group"}
