"""Render a whole form page: the Skemainformation section, then every section of the spec with its fields.

The Jinja environment is made once; autoescaping is on for every template, so a label or a value holding
``<script>`` is shown as text. The page carries no inline script (the Content-Security-Policy forbids it):
its behaviour is in ``static/*.js``, and the data those scripts need travels in ``data-`` attributes and
one ``application/json`` block.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from engine.form import CompiledForm, validate
from renderers.html.texts import TEXTS, text
from renderers.html.view import LookupName, build_sections, danish_date, text_blocks

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"

_ENVIRONMENT = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENVIRONMENT.globals["t"] = text
_ENVIRONMENT.filters["danish_date"] = danish_date


def danish_time(moment: datetime.datetime) -> str:
    """A stored time as Danes read it, in Danish time: ``05-12-2026 14:03``."""
    with contextlib.suppress(ZoneInfoNotFoundError):  # no time-zone data on this machine: UTC
        moment = moment.astimezone(ZoneInfo("Europe/Copenhagen"))
    return moment.strftime("%d-%m-%Y %H:%M")


_ENVIRONMENT.filters["danish_time"] = danish_time


@pass_context
def csrf_field(jinja: Context) -> Markup:
    """The hidden field with the session's CSRF token, for every form that posts (``{{ csrf_field() }}``)."""
    account = jinja["context"].account
    token = account.csrf if account is not None else ""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(escape(token))


_ENVIRONMENT.globals["csrf_field"] = csrf_field


@dataclass(frozen=True)
class ActionButton:
    """An action of the form's workflow as the page offers it."""

    id: str
    label: str
    confirm: str = ""  # the question answered »Ja« first; empty: none
    saves: bool = False  # the action that stores the typed values (the page sends them first)
    allowed: bool = True
    reason: str = ""  # why a guard refuses it now
    produces: str = ""  # what it gives the user ("pdf", "validation"); the form stays where it is


@dataclass(frozen=True)
class AccountView:
    """The signed-in user as the page's header shows them."""

    username: str
    name: str
    csrf: str  # the session's CSRF token, for the forms and the scripts' requests
    group: str | None  # the current group's id
    groups: tuple[tuple[str, str], ...] = ()  # the user's groups: (id, name)
    unread: int = 0
    administrator: bool = False

    @property
    def group_name(self) -> str | None:
        return dict(self.groups).get(self.group) if self.group is not None else None


@dataclass(frozen=True)
class PageContext:
    """What the page shows besides the form: the day, the user's group, the look-ups offered, the URLs."""

    today: datetime.date
    payload: Mapping[str, Any] = field(default_factory=dict)
    group: str | None = None  # None until accounts and groups exist
    lookups: frozenset[str] = frozenset()  # the register look-ups offered ("cpr", "sor"); fields say where
    static_url: str = "/static"
    api_url: str = "/api"
    sor_scopes: tuple[tuple[str, str], ...] = ()  # the SOR search's choices: (id, label)
    sor_columns: tuple[tuple[str, str], ...] = ()  # the SOR results' columns: (id, heading)
    # Per look-up ("sor"): the register's text of a value, drawn beside a value the page is loaded with.
    lookup_names: Mapping[str, LookupName] = field(default_factory=dict)
    demo_registers: bool = False  # the look-ups answer from the fictitious demo registers
    # The action bar: the form's state and version ("Ny kladde", no version until the form is stored).
    state_label: str = ""
    version: int | None = None
    # Where the page keeps typed values that are not stored yet (static/drafts.js): one key per form,
    # "ny" for a new draft; ``stored`` once the form is stored (leaving then warns of nothing unsaved).
    draft_key: str = "ny"
    stored: bool = False
    account: AccountView | None = None  # the signed-in user (None on the login page)
    read_only: bool = False  # the user may only read forms in this group (role laese alone)
    read_only_reason: str = ""  # why else the form cannot be changed (its tray: Indberettet, Annulleret)
    # A stored form: its id and revision (sent back with every change), the actions offered to the user
    # (W01: id, label, confirmation question), and what the last action came to (a notice or a refusal).
    form_id: str | None = None
    revision: int = 0
    actions: tuple[ActionButton, ...] = ()
    notice: str = ""
    refusal: str = ""
    confirm: ActionButton | None = None  # an action waiting for the user's »Ja«
    # The errors that refused an action (Indberet with errors: W04), or that an action producing the
    # validation found: (severity, payload path, message).
    findings: tuple[tuple[str, str, str], ...] = ()
    # Skemainformation of a stored form: (id, term, value) rows after the creation date and group.
    details: tuple[tuple[str, str, str], ...] = ()
    locked: frozenset[str] = frozenset()  # fields that can no longer change (W06: after the first report)
    # The person the form's CPR look-up found, for the number the form holds (F03): name, address …
    person: Mapping[str, Any] | None = None
    history_url: str = ""  # an administrator's link to the form's history (its audit)
    move_groups: tuple[tuple[str, str], ...] = ()  # an administrator may move the form to these groups
    # A new form: the groups where »Gem« may store it (the first is the current group); none: no »Gem«.
    create_groups: tuple[tuple[str, str], ...] = ()


def render_error(
    status: int, message: str, static_url: str = "/static", account: AccountView | None = None
) -> str:
    """A short error page: the message as its heading, and the status code."""
    template = _ENVIRONMENT.get_template("error.html")
    context = PageContext(datetime.date.min, static_url=static_url, account=account)
    return template.render(context=context, status=status, message=message)


def render_page(template: str, context: PageContext, **values: Any) -> str:
    """One of the pages around the forms (``login.html``, ``roles.html`` …) with ``values``."""
    return _ENVIRONMENT.get_template(template).render(context=context, **values)


def render_form(form: CompiledForm, context: PageContext) -> str:
    """The HTML page of ``form`` filled with ``context.payload`` (a new, empty form by default)."""
    payload = dict(context.payload)
    result = validate(form, payload)
    sections = build_sections(form, payload, result, context.lookups, context.lookup_names)
    template = _ENVIRONMENT.get_template("form.html")
    return template.render(
        form=form.spec,
        info=form.spec.info,
        sections=sections,
        context=context,
        created=context.today.strftime("%d-%m-%Y"),
        texts=dict(TEXTS),
        has_values=any(value not in (None, "", []) for value in payload.values()),
        guidance=text_blocks(form.spec.info.guidance or ""),
        state_label=context.state_label or text("new_draft"),
    )
