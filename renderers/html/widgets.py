"""Which template macro draws a field: a table keyed by the spec's field types and widget names.

A field's ``widget`` (spec words: input, textarea, select, search, radio, checkboxes) chooses among the
ways its type can be drawn; without one, the type's first way is used. A widget that does not fit the type
falls back to that default too, so any spec the engine accepts renders.
"""

from __future__ import annotations

from collections.abc import Mapping

from engine.spec.model import Field

# field type → {spec widget name → macro in templates/_widgets.html}; the first entry is the default.
WIDGETS: Mapping[str, Mapping[str, str]] = {
    "text": {"input": "text", "textarea": "textarea"},
    "date": {"input": "date"},
    "code": {"select": "select", "radio": "radio", "search": "search", "input": "search"},
    "codes": {"checkboxes": "checkboxes"},
    "cpr": {"input": "cpr"},
    "group": {"checkboxes": "group"},
}

# Macros whose controls sit in a <fieldset> with a <legend> rather than behind one <label>.
FIELDSETS = frozenset({"radio", "checkboxes", "group"})

# Macros with one text input that a register look-up button (spec ``lookup:``) can stand beside; a look-up
# on a field drawn otherwise is not drawn.
LOOKUP_WIDGETS = frozenset({"text", "cpr"})


def widget_of(field: Field) -> str:
    """The macro that draws ``field``.

    >>> widget_of(Field("lateralitet", "code", "Lateralitet", (), widget="radio"))
    'radio'
    """
    ways = WIDGETS[field.type]
    chosen = ways.get(field.widget) if field.widget is not None else None
    return chosen or next(iter(ways.values()))
