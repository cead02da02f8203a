"""What the print shows: a form's sections, fields, values, code texts, state and judgement as plain data.

Stage 1 of the print (``typeset`` is stage 2): from the compiled form, a payload, the engine's judgement
of it and the stored form's metadata, build the JSON-ready document the Typst template lays out. All the
deciding happens here, in Python, where it is tested; the template only draws.

Decided here, once:

- **Closed fields are left out.** A field the judgement closes, holding no value, is not a fact about the
  patient but about the form's rules: printing each as an empty row is noise (the cancer form's examples
  close 5 to 9 of its 20 fields). A section whose every field is left out keeps its heading and
  one line saying so, so the print still shows the form's whole outline. A closed field that *holds* a
  value is printed, with a note: the value is there, and the validation result speaks of it. An open field
  without a value is printed as "Ikke udfyldt": that it is empty is a fact.
- **Values are shown as stored**: the normalised value where the engine normalised it (a CPR number with
  its hyphen), the derived value where the engine derives one, a date as DD-MM-ÅÅÅÅ, a code with its
  text from the field's code list (or a note that the list does not have it).
- **Bounded.** Whatever the payload holds, the print holds at most what the form's ``limits`` allow:
  each free text at most ``limits.text_length`` characters on at most ``MAX_LINES`` lines; every other
  value (a code, a date, a CPR number, and a text in a closed field, which the engine ignores) at most
  ``SHORT`` characters, as the messages quote values; each codes field or group at most its
  ``max_items`` (the rest counted in one line); at most ``limits.messages`` messages of each kind; only
  the form's own fields (unknown keys are in the validation result). Control characters, lone
  surrogates and bidirectional overrides (which could show a number reversed on paper) become U+FFFD,
  and a long run without spaces gets break opportunities so it wraps instead of running off the page.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from engine.form import CompiledForm, Finding, Result
from engine.form.compiled import FieldPlan
from engine.form.fieldtypes import not_given
from engine.spec.constants import iso_date
from engine.spec.model import Field, Section
from renderers.pdf.texts import LANGUAGE, TEXTS, text


@dataclass(frozen=True)
class PrintMeta:
    """What the print says about the stored form besides its content (the web layer knows it).

    ``state`` is the workflow state's id (``kladde``); the print shows the spec's label for it.
    A ``datetime`` is shown with its time, a ``date`` without; an empty or absent value is left out,
    except the state, version and group.
    """

    state: str
    version: int
    group: str
    created: datetime.date
    created_by: str = ""
    changed: datetime.date | None = None
    changed_by: str = ""
    printed: datetime.date | None = None
    printed_by: str = ""


Piece = tuple[str, str]  # a value as shown, and its code text ("" for anything but a code)


class Cell(TypedDict):
    values: list[Piece]
    notes: list[str]


class Table(TypedDict):
    columns: list[str]
    rows: list[list[Cell]]


class FieldEntry(Cell):
    label: str
    table: Table | None


class SectionEntry(TypedDict):
    title: str
    fields: list[FieldEntry]
    note: str


class Box(TypedDict):
    kind: str  # "error" or "warning"
    title: str
    messages: list[str]


class Validation(TypedDict):
    title: str
    ok: str  # "Valideret uden fejl" when there are no errors, else ""
    boxes: list[Box]


class Document(TypedDict):
    lang: str
    title: str
    subtitle: str
    info_title: str
    info: list[Piece]  # (label, value)
    footer: str
    page: str
    sections: list[SectionEntry]
    validation: Validation


# Characters never drawn as they are: C0 and C1 controls (a tab is a space, line ends are line breaks:
# ``printable``), lone surrogates (they cannot even be handed to Typst), and the bidirectional controls
# that reorder what is printed.
_UNPRINTABLE = dict.fromkeys(
    [
        *(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)),
        *range(0x7F, 0xA0),
        *range(0xD800, 0xE000),
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ],
    "\ufffd",
)
_LONG_RUN = re.compile(r"\S{30}(?=\S)")  # 30 characters without a space: a break opportunity after them
_ZERO_WIDTH_SPACE = "\u200b"
_BLANK_LINES = re.compile(r"\n\s*\n\s*")  # blank lines in a row: one
SHORT = 80  # characters shown of a value that is no free text (a code, a date): as messages quote values
MAX_LINES = 30  # lines shown of one free text; its further line breaks are spaces


def printable(value: str, limit: int, *, multiline: bool = False) -> str:
    """``value`` as the print may show it: at most ``limit`` characters (then "…"), every character
    drawable, able to wrap, on one line — or, with ``multiline`` (free text), on at most ``MAX_LINES``.

    >>> printable("Ærø\\x00", 10), printable("abcdef", 3), printable("a\\r\\nb", 9)
    ('Ærø\\ufffd', 'abc…', 'a b')
    """
    shown = value[:limit] + "…" if len(value) > limit else value
    shown = shown.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").translate(_UNPRINTABLE)
    if not multiline:
        shown = shown.replace("\n", " ")
    elif "\n" in shown:
        lines = _BLANK_LINES.sub("\n\n", shown).split("\n")
        if len(lines) > MAX_LINES:
            lines[MAX_LINES - 1 :] = [" ".join(lines[MAX_LINES - 1 :])]
        shown = "\n".join(lines)
    return _LONG_RUN.sub(lambda run: run[0] + _ZERO_WIDTH_SPACE, shown)


def shown_time(moment: datetime.date) -> str:
    """A date as DD-MM-ÅÅÅÅ, a datetime with its time (HH:MM) too."""
    if isinstance(moment, datetime.datetime):
        return moment.strftime("%d-%m-%Y %H:%M")
    return moment.strftime("%d-%m-%Y")


def _given(value: Any) -> bool:
    return not not_given(value)  # the payload contract's one definition: absent, null, "" and [] are not


class _Builder:
    def __init__(self, form: CompiledForm, payload: Mapping[str, Any], result: Result) -> None:
        self.form = form
        self.payload = payload
        self.result = result
        self.limit = form.spec.limits.text_length
        self.open = frozenset(result.open)
        self.plans = {plan.id: plan for plan in form.plans}

    def text(self, value: str) -> str:
        return printable(value, self.limit)

    def section(self, section: Section) -> SectionEntry:
        fields = [entry for f in section.fields if (entry := self.field(f)) is not None]
        note = "" if fields else text("section_closed")
        return {"title": self.text(section.title), "fields": fields, "note": note}

    def field(self, f: Field) -> FieldEntry | None:
        """A top-level field as printed; None for a closed field without a value."""
        plan = self.plans[f.id]
        derived = f.id in self.result.derived
        if derived:
            value = self.result.derived[f.id]
        else:
            value = self.result.normalized.get(f.id, self.payload.get(f.id))
        is_open = derived or f.id in self.open
        if not is_open and not _given(value):
            return None
        entry: FieldEntry = {"label": self.text(f.label), "values": [], "notes": [], "table": None}
        if f.type == "group" and isinstance(value, list) and value:
            entry["table"] = self.table(plan, value, judged=is_open)
        else:
            cell = self.cell(plan, value, free=is_open)
            entry["values"], entry["notes"] = cell["values"], cell["notes"]
        if derived:
            entry["notes"].append(text("derived"))
        elif not is_open:
            entry["notes"].append(text("closed_given"))
        return entry

    def cell(self, plan: FieldPlan, value: Any, *, free: bool = True) -> Cell:
        """A value of ``plan``'s field as lines of (value, code text), with notes; never a crash.
        ``free`` False: a value the engine ignores (a closed field's), shown short whatever its type."""
        if not _given(value):
            return {"values": [], "notes": [text("empty")]}
        f = plan.field
        # A group's list is drawn as a table (``table``); here it is no list, as is a codes field's at times.
        if f.type == "group" or (f.type == "codes" and not isinstance(value, list)):
            return {"values": [], "notes": [text("invalid")]}
        if f.type == "codes":
            shown = value[: self.max_items(plan)]
            notes = [text("more", count=len(value) - len(shown))] if len(value) > len(shown) else []
            return {"values": [self.piece(f, code) for code in shown], "notes": notes}
        return {"values": [self.piece(f, value, free=free)], "notes": []}

    def piece(self, f: Field, value: Any, *, free: bool = True) -> Piece:
        """A value and its code text. Free text is shown up to the form's text limit; any other value (a
        code, a date, a CPR number — short when right), and a text the engine ignores (``free`` False),
        up to ``SHORT`` characters, as the messages quote values."""
        if isinstance(value, str):
            shown = value
        elif isinstance(value, bool):
            shown = "true" if value else "false"
        elif isinstance(value, int | float):
            shown = str(value)
        else:
            return "", text("invalid")
        if f.type == "text" and free:
            return printable(shown, self.limit, multiline=True), ""
        if f.type == "date" and (day := iso_date(value)) is not None:
            return shown_time(day), ""
        code = self.form.codelists[f.codelist].get(value) if f.codelist and isinstance(value, str) else None
        if code is not None:
            return printable(shown, SHORT), self.text(code.text)
        return printable(shown, SHORT), text("code_unknown") if f.codelist else ""

    def max_items(self, plan: FieldPlan) -> int:
        limits = self.form.spec.limits
        return plan.max_items or (limits.items if plan.field.type == "group" else limits.codes)

    def table(self, plan: FieldPlan, items: Sequence[Any], judged: bool) -> Table:
        """A group's items, a row each; a column per item field that is open or given in any row.

        ``judged``: the group is open, so the engine judged its items (within the limits) and says which
        item fields are open in each; a closed group's items were not, and the field carries the note.
        """
        shown = items[: self.max_items(plan)]
        # Per item its open item fields; None for an item the engine did not judge (the group closed or
        # beyond its limit, the item no object): its values are shown as given, without notes.
        states = self.result.items.get(plan.id, [])[: len(shown)] if judged else []
        opens: list[frozenset[str] | None] = [frozenset(s["open"]) if s else None for s in states]
        opens += [None] * (len(shown) - len(opens))
        columns = [
            inner
            for inner in plan.items
            if any(
                inner.id in (opens[index] or ()) or (isinstance(item, dict) and _given(item.get(inner.id)))
                for index, item in enumerate(shown)
            )
        ] or list(plan.items[:1])  # a spec's group has at least one item field
        rows = [
            self.row(plan, columns, index, item, opens[index], judged) for index, item in enumerate(shown)
        ]
        if len(items) > len(shown):
            rows.append(self.first_cell(text("more", count=len(items) - len(shown)), len(columns)))
        return {"columns": [self.text(inner.field.label) for inner in columns], "rows": rows}

    def row(
        self,
        plan: FieldPlan,
        columns: list[FieldPlan],
        index: int,
        item: Any,
        open_ids: frozenset[str] | None,
        free: bool,
    ) -> list[Cell]:
        """One item's cells. ``open_ids`` None: the item was not judged; ``free`` False: the group is
        closed, and its values are ignored by the engine."""
        if not isinstance(item, dict):
            return self.first_cell(text("invalid"), len(columns))
        cells: list[Cell] = []
        for inner in columns:
            value = self.result.normalized.get(f"{plan.id}[{index}].{inner.id}", item.get(inner.id))
            if open_ids is not None and inner.id in open_ids:
                cells.append(self.cell(inner, value))  # "Ikke udfyldt" when empty: a fact of the item
            elif _given(value) and open_ids is None:
                cells.append(self.cell(inner, value, free=free))
            elif _given(value):
                cell = self.cell(inner, value, free=False)
                cell["notes"].append(text("closed_given"))
                cells.append(cell)
            else:
                cells.append({"values": [], "notes": []})
        return cells

    @staticmethod
    def first_cell(note: str, width: int) -> list[Cell]:
        """A table row with ``note`` in its first cell and nothing in the others."""
        empty: list[Cell] = [{"values": [], "notes": []} for _ in range(width - 1)]
        return [{"values": [], "notes": [note]}, *empty]

    def validation(self) -> Validation:
        boxes: list[Box] = []
        for kind, findings, title in (
            ("error", self.result.errors, "errors_title"),
            ("warning", self.result.warnings, "warnings_title"),
        ):
            if findings:
                boxes.append(
                    {
                        "kind": kind,
                        "title": text(title, count=len(findings)),
                        "messages": self.messages(findings),
                    }
                )
        ok = text("validated_ok") if not self.result.errors else ""
        return {"title": text("validation"), "ok": ok, "boxes": boxes}

    def messages(self, findings: Sequence[Finding]) -> list[str]:
        limit = self.form.spec.limits.messages
        shown = [self.text(finding.message) for finding in findings[:limit]]
        return shown + ([text("more", count=len(findings) - limit)] if len(findings) > limit else [])


def _info(form: CompiledForm, meta: PrintMeta, limit: int) -> list[Piece]:
    """The Skemainformation lines: state (the spec's label for it), version, group, dates, who."""
    states = {state.id: state.label for state in form.spec.workflow.states} if form.spec.workflow else {}
    lines = [
        (text("state"), states.get(meta.state, meta.state)),
        (text("version"), str(meta.version)),
        (text("group"), meta.group or text("group_none")),
        (text("created"), shown_time(meta.created)),
        (text("created_by"), meta.created_by),
        (text("changed"), shown_time(meta.changed) if meta.changed else ""),
        (text("changed_by"), meta.changed_by),
    ]
    return [(label, printable(value, limit)) for label, value in lines if value]


def _footer(meta: PrintMeta, limit: int) -> str:
    if meta.printed is None:
        return ""
    when = shown_time(meta.printed)
    if meta.printed_by:
        return text("printed_by", when=when, user=printable(meta.printed_by, limit))
    return text("printed", when=when)


def build_document(
    form: CompiledForm, payload: Mapping[str, Any], result: Result, meta: PrintMeta
) -> Document:
    """The print of ``payload`` in ``form``, judged as ``result``, stored as ``meta`` says: plain data."""
    builder = _Builder(form, payload, result)
    limit = builder.limit
    return {
        "lang": LANGUAGE,
        "title": printable(form.spec.info.title, limit),
        "subtitle": text("spec_version", version=printable(form.spec.info.version, limit)),
        "info_title": text("form_info"),
        "info": _info(form, meta, limit),
        "footer": _footer(meta, limit),
        "page": TEXTS["page"],
        "sections": [builder.section(section) for section in form.spec.sections],
        "validation": builder.validation(),
    }
