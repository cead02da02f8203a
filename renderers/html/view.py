"""What the templates draw: each section and field of a spec with its value and state for one payload.

The state (open, closed, mandatory, derived) comes from the engine's judgement of the payload, the same
``validate()`` result the page's scripts ask the server for afterwards: the page never decides a rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass
from typing import Any, Literal

from engine.form import CompiledForm, Result
from engine.spec.model import Field, Section
from renderers.html.widgets import FIELDSETS, LOOKUP_WIDGETS, widget_of

State = Literal["open", "closed", "derived"]
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Option:
    code: str
    text: str


@dataclass(frozen=True)
class OptionGroup:
    """Options drawn together: a run of options whose texts end alike (``cT1: Samme tekst``, ``cT1a: Samme
    tekst``, …) has that shared text once, as its ``label``, and each option only its own ``head``.
    An option in no run is a group of its own without a label."""

    label: str
    options: tuple[Option, ...]
    heads: tuple[str, ...]


@dataclass(frozen=True)
class TextBlock:
    """A paragraph (``kind`` "p", one line) or a bulleted list (``kind`` "ul", one line per item)."""

    kind: Literal["p", "ul"]
    lines: tuple[str, ...]


# The text of a register look-up's value (a SOR code's unit name); None when the register does not know a
# well-formed value, "" when the value is not one it looks up. The web layer gives one per look-up it
# offers (PageContext.lookup_names).
LookupName = Callable[[str], str | None]
_BULLET = re.compile(r"^\s*[•*\-–]\s+")
_SHARED_TAIL = re.compile(r"^(?P<head>[^:]{1,40}):\s+(?P<tail>\S.*)$")
MIN_RUN = 3  # options in a run before their shared text is drawn once


@dataclass(frozen=True)
class FieldView:
    """One field as drawn: ``dom_id`` is its control's id; item fields of a group get one per row."""

    field: Field
    dom_id: str
    widget: str
    label: str
    value: str = ""
    values: tuple[str, ...] = ()  # a codes field's ticked codes
    value_text: str = ""  # the text of the chosen code (search widget)
    options: tuple[Option, ...] = ()
    rows: tuple[GroupRow, ...] = ()  # a group's rows, one per code of its key field's list
    state: State = "open"
    required: bool = False
    lookup: str | None = None  # the spec's ``lookup`` ("cpr", "sor") when the page draws its button
    clears: tuple[str, ...] = ()
    confirm: str = ""
    key: str = ""  # a group's key item field (its rows' codes)
    item: bool = False  # an item field of a group row (its payload key is ``field.id`` inside the item)
    label_suffix: str = ""  # read by screen readers after the label (which row of a group)
    lookup_name: str = ""  # what the look-up's register calls the value (a SOR unit's name)
    lookup_unknown: bool = False  # a value the register does not know

    @property
    def option_groups(self) -> tuple[OptionGroup, ...]:
        return group_options(self.options)

    @property
    def fieldset(self) -> bool:
        return self.widget in FIELDSETS

    @property
    def disabled(self) -> bool:
        return self.state != "open"


@dataclass(frozen=True)
class GroupRow:
    """A group row: its key code (a treatment), whether it is ticked, and its other item fields."""

    key: str
    text: str
    dom_id: str
    checked: bool
    items: tuple[FieldView, ...]


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    help: str
    fields: tuple[FieldView, ...]

    @property
    def help_blocks(self) -> tuple[TextBlock, ...]:
        return text_blocks(self.help)


def danish_date(value: Any) -> str:
    """An ISO date as the page shows it (DD-MM-ÅÅÅÅ); anything else as it is.

    >>> danish_date("2024-03-04"), danish_date("4/3")
    ('04-03-2024', '4/3')
    """
    if not isinstance(value, str):
        return "" if value is None else str(value)
    match = _ISO_DATE.match(value)
    return f"{match[3]}-{match[2]}-{match[1]}" if match else value


def text_blocks(text: str) -> tuple[TextBlock, ...]:
    r"""A spec's text (guidance, help) as paragraphs and lists: a blank line starts a new paragraph, a line
    starting with a bullet (•, -, *, –) a list item; any other line continues the one before it (YAML's
    wrapping is not a line break).

    >>> [(b.kind, b.lines) for b in text_blocks("Om skemaet\nfortsat.\n\nSådan:\n• Et\n  to\n• Tre")]
    [('p', ('Om skemaet fortsat.',)), ('p', ('Sådan:',)), ('ul', ('Et to', 'Tre'))]
    """
    blocks: list[TextBlock] = []
    kind: Literal["p", "ul"] | None = None
    lines: list[str] = []

    def flush() -> None:
        nonlocal kind, lines
        if kind and lines:
            blocks.append(TextBlock(kind, tuple(lines)))
        kind, lines = None, []

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif _BULLET.match(raw):
            if kind != "ul":
                flush()
                kind = "ul"
            lines.append(_BULLET.sub("", raw).strip())
        elif kind is None:
            kind, lines = "p", [line]
        else:
            lines[-1] = f"{lines[-1]} {line}"
    flush()
    return tuple(blocks)


def group_options(options: tuple[Option, ...]) -> tuple[OptionGroup, ...]:
    """Runs of at least MIN_RUN options whose texts share what follows ``head:`` as one group each.

    >>> opts = tuple(Option(c, f"{c}: Samme") for c in ("a", "b", "c")) + (Option("d", "Anden"),)
    >>> [(g.label, g.heads) for g in group_options(opts)]
    [('Samme', ('a', 'b', 'c')), ('', ('Anden',))]
    """
    parts = [_SHARED_TAIL.match(option.text) for option in options]
    groups: list[OptionGroup] = []
    start = 0
    while start < len(options):
        first = parts[start]
        tail = first["tail"] if first else None
        end = start + 1
        while tail and end < len(options) and (m := parts[end]) is not None and m["tail"] == tail:
            end += 1
        run = options[start:end]
        if tail and len(run) >= MIN_RUN:
            heads = tuple(m["head"] for m in parts[start:end] if m)
            groups.append(OptionGroup(tail, run, heads))
        else:
            groups.extend(OptionGroup("", (option,), (option.text,)) for option in run)
        start = end
    return tuple(groups)


class _Builder:
    def __init__(
        self,
        form: CompiledForm,
        payload: Mapping[str, Any],
        result: Result,
        lookups: Set[str],
        names: Mapping[str, LookupName],
    ) -> None:
        self.form = form
        self.payload = payload
        self.result = result
        self.lookups = lookups
        self.names = names
        self.open = set(result.open)
        self.required = set(result.required)
        self.items = result.items

    def section(self, section: Section) -> SectionView:
        return SectionView(
            section.id, section.title, section.help, tuple(self.field(f) for f in section.fields)
        )

    def field(self, f: Field) -> FieldView:
        derived = f.id in self.result.derived
        value = self.result.derived[f.id] if derived else self.payload.get(f.id)
        state: State = "derived" if derived else "open" if f.id in self.open else "closed"
        lookup = self.lookup(f)
        name = self.names.get(lookup) if lookup else None
        known = name(value) if name and isinstance(value, str) and value.strip() else ""
        return self.view(
            f,
            f"f-{f.id}",
            value,
            state=state,
            required=f.id in self.required,
            lookup=lookup,
            clears=self.form.clears(f.id),
            confirm=f.on_change.confirm if f.on_change else "",
            lookup_name=known or "",
            lookup_unknown=known is None,
        )

    def lookup(self, f: Field) -> str | None:
        """The field's look-up, if the server offers that register and the widget has room for a button."""
        if f.lookup in self.lookups and widget_of(f) in LOOKUP_WIDGETS:
            return f.lookup
        return None

    def view(self, f: Field, dom_id: str, value: Any, **extra: Any) -> FieldView:
        widget = widget_of(f)
        options = self.options(f)
        texts = {option.code: option.text for option in options}
        if f.type == "group":
            key = _group_key(f)
            extra["key"] = key.id if key else ""
            extra["rows"] = self.rows(f, key, dom_id, value) if key else ()
        elif f.type == "codes":
            extra["values"] = tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()
        else:
            shown = danish_date(value) if f.type == "date" else "" if value is None else str(value)
            extra["value"] = shown
            extra["value_text"] = texts.get(shown, "")
        label = extra.pop("label", f.label)
        return FieldView(f, dom_id, widget, label, options=options, **extra)

    def options(self, f: Field) -> tuple[Option, ...]:
        codelist = self.form.codelists.get(f.codelist) if f.codelist else None
        if codelist is None:
            return ()
        if widget_of(f) == "search":  # a search list stays on the server; only the chosen code is drawn
            value = self.payload.get(f.id, self.result.derived.get(f.id))
            code = codelist.get(value) if isinstance(value, str) else None
            return (Option(code.code, code.text),) if code else ()
        return tuple(Option(code.code, code.text) for code in codelist)

    def rows(self, f: Field, key: Field, dom_id: str, value: Any) -> tuple[GroupRow, ...]:
        """One row per code of the key's list; a row is ticked when the payload has an item with its code,
        and that item's fields are open and mandatory as the server's judgement of the item says."""
        given = {
            item[key.id]: (index, item)
            for index, item in enumerate(value if isinstance(value, list) else ())
            if isinstance(item, dict) and isinstance(item.get(key.id), str)
        }
        states = self.items.get(f.id, [])
        rows = []
        for option in self.options(key):
            row_id = f"{dom_id}-{option.code}"
            index, item = given.get(option.code, (-1, None))
            judged = states[index] if 0 <= index < len(states) else None
            open_ids = set(judged["open"]) if judged else set()
            required_ids = set(judged["required"]) if judged else set()
            items = tuple(
                self.view(
                    inner,
                    f"{row_id}-{inner.id}",
                    item.get(inner.id) if item else None,
                    label_suffix=f" – {option.text}",
                    item=True,
                    state="open" if inner.id in open_ids else "closed",
                    required=inner.id in required_ids,
                )
                for inner in f.fields
                if inner.id != key.id
            )
            rows.append(GroupRow(option.code, option.text, row_id, item is not None, items))
        return tuple(rows)


def _group_key(f: Field) -> Field | None:
    """The item field whose code list gives a group its rows: ``unique_by``, else the first coded item."""
    by_id = {item.id: item for item in f.fields}
    key = by_id.get(f.unique_by) if f.unique_by else None
    return key if key is not None and key.codelist else next((i for i in f.fields if i.codelist), None)


def build_sections(
    form: CompiledForm,
    payload: Mapping[str, Any],
    result: Result,
    lookups: Set[str] = frozenset(),
    names: Mapping[str, LookupName] | None = None,
) -> tuple[SectionView, ...]:
    """The sections of ``form`` with the values of ``payload`` and the state ``result`` gives them.

    ``lookups`` are the register look-ups the server offers ("cpr", "sor"); a field whose spec names
    one of them (``lookup: sor``) gets its button, whatever the field is called. ``names`` give, per
    look-up, the register's text of a value (a SOR unit's name), drawn beside a stored value.
    """
    builder = _Builder(form, payload, result, lookups, names or {})
    return tuple(builder.section(section) for section in form.spec.sections)
