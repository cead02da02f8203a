"""The HTML renderer: any form spec as one accessible page (Jinja templates, autoescaped; static JS and CSS).

>>> html = render_form(load_form(), PageContext(today=date(2024, 3, 4)))   # doctest: +SKIP
"""

from renderers.html.page import (
    STATIC_DIR,
    AccountView,
    ActionButton,
    PageContext,
    danish_time,
    render_error,
    render_form,
    render_page,
)
from renderers.html.texts import TEXTS

__all__ = [
    "STATIC_DIR",
    "TEXTS",
    "AccountView",
    "ActionButton",
    "PageContext",
    "danish_time",
    "render_error",
    "render_form",
    "render_page",
]
