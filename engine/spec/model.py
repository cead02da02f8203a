"""The typed, frozen model of a form spec: stage 3 of the spec pipeline builds it from the checked YAML.

Rules stay as their JsonLogic (JSON values); everything else is a frozen dataclass. Each element keeps the
``path`` it came from, so later stages can point at the YAML line of a problem.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, Literal

from engine.spec.yamlsource import Path, SourceMap

Severity = Literal["error", "warning"]
NO_MANUAL_RULE = "none"  # ``manual: none``: a rule of the form's own, not one of the manual's
FieldType = Literal["text", "date", "code", "codes", "cpr", "group"]
ConstantType = Literal["text", "date", "number"]

# Message kinds the engine itself generates, and the placeholders each one's text may use.
COMMON_PLACEHOLDERS = frozenset({"field", "label", "value"})
MESSAGE_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "not_readable": frozenset({"detail", "line", "column", "byte"}),
    "file_unreadable": frozenset({"detail", "source"}),  # finer: a file the CLI cannot open
    "not_json": frozenset({"detail", "line", "column"}),
    "duplicate_key": frozenset({"detail", "key", "line", "column"}),  # finer: an object names a key twice
    "not_object": frozenset({"actual", "detail"}),
    "unknown_field": frozenset({"field", "value", "suggestion"}),
    "closed": COMMON_PLACEHOLDERS,
    "required": COMMON_PLACEHOLDERS,
    "derived": COMMON_PLACEHOLDERS | {"expected"},
    "codelist": COMMON_PLACEHOLDERS | {"list"},
    "unlisted": COMMON_PLACEHOLDERS | {"list"},
    "code_not_valid": COMMON_PLACEHOLDERS | {"list", "date", "valid_from", "valid_to"},
    "max_length": COMMON_PLACEHOLDERS | {"max_length"},
    "pattern": COMMON_PLACEHOLDERS | {"pattern"},
    "unique": COMMON_PLACEHOLDERS | {"first"},
    "type_text": COMMON_PLACEHOLDERS,
    "type_date": COMMON_PLACEHOLDERS,
    "type_code": COMMON_PLACEHOLDERS,
    "type_codes": COMMON_PLACEHOLDERS,
    "type_cpr": COMMON_PLACEHOLDERS,
    "type_group": COMMON_PLACEHOLDERS,
    "type_item": COMMON_PLACEHOLDERS,
    "cpr_format": COMMON_PLACEHOLDERS,
    "cpr_date": COMMON_PLACEHOLDERS,
    "cpr_modulus11": COMMON_PLACEHOLDERS,
    "cpr_substitute": COMMON_PLACEHOLDERS,
    # the limits of one payload (``limits:``)
    "too_large": frozenset({"limit", "actual", "detail"}),
    "too_many_keys": frozenset({"field", "limit", "actual"}),
    "too_many_items": COMMON_PLACEHOLDERS | {"limit", "actual"},
    "too_long": COMMON_PLACEHOLDERS | {"limit", "actual"},
    "too_many_messages": frozenset({"limit", "actual"}),
}
# The kinds every form must have a text for: about the payload as a whole, not about one field.
FORM_KINDS = (
    "not_readable",
    "not_json",
    "not_object",
    "unknown_field",
    "too_large",
    "too_many_keys",
    "too_many_messages",
)
CHECK_PLACEHOLDERS = COMMON_PLACEHOLDERS

# The workflow's own refusals (``workflow.messages:``, or an action's ``messages:``), and the placeholders
# each one's text may use: {action} the action's label, {state} the tray's label, {role} the role's label,
# {count} how many errors, {label} and {field} a locked field's label and id.
WORKFLOW_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "unknown_action": frozenset({"action"}),  # an action the form's workflow does not have
    "not_in_state": frozenset({"action", "state"}),  # the action is not offered in the form's tray
    "no_role": frozenset({"action", "role"}),  # the user lacks the action's role in the form's group
    "has_errors": frozenset({"action", "count"}),  # an action that validates met errors
    "not_editable": frozenset({"state"}),  # a change to a form whose tray is not editable
    "locked": frozenset({"action", "field", "label"}),  # a change to a field an action has locked
    "stale": frozenset(),  # someone else changed the form since the user opened it
    "admin_only": frozenset(),  # only an administrator may do this (move a form, read its audit)
}
# The kinds every workflow needs a text for; the others only when an action can produce them.
WORKFLOW_KINDS = ("unknown_action", "not_in_state", "no_role", "not_editable", "stale", "admin_only")


def placeholders(template: str) -> set[str]:
    """The ``{name}`` placeholders a message template uses (``{{`` is a brace); ``{"{"}`` if it is broken."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        return {"{"}


@dataclass(frozen=True)
class MessageSpec:
    message: str
    severity: Severity = "error"
    manual: str | None = None
    path: Path = ()


@dataclass(frozen=True)
class Check:
    id: str
    when: Any
    message: str
    severity: Severity = "error"
    manual: str | None = None
    always: bool = False
    note: str = ""
    path: Path = ()
    own_rule: bool = False  # ``manual: none``: a rule of the form's own, not the manual's (a note says why)


@dataclass(frozen=True)
class OnChange:
    clears: tuple[str, ...]  # after building: the ids of the fields a change clears
    keeps: tuple[str, ...] = ()
    confirm: str = ""
    manual: str | None = None
    note: str = ""
    path: Path = ()


@dataclass(frozen=True)
class Normalize:
    pattern: str
    replace: str


@dataclass(frozen=True)
class ItemName:
    """How a message about one item of a group names it (``item_name:``): ``named`` when the item has a
    value of the group's ``unique_by`` field ({code}, {text}, {number}), else ``unnamed`` ({number})."""

    named: str
    unnamed: str


ITEM_NAME_PLACEHOLDERS = frozenset({"number", "code", "text"})


@dataclass(frozen=True)
class Field:
    id: str
    type: FieldType
    label: str
    path: Path
    help: str = ""
    manual: str | None = None
    note: str = ""
    codelist: str | None = None
    unlisted: Severity = "error"
    widget: str | None = None
    lookup: str | None = None  # "cpr" or "sor": a register the page offers to look the value up in
    open_if: Any = None  # None: always open
    required: Any = False
    derive: Any = None  # None: nothing derived
    max_length: int | None = None
    max_items: int | None = None  # codes and groups: the most codes or items (default: the form's limits)
    pattern: str | None = None
    normalize: tuple[Normalize, ...] = ()
    unique_by: str | None = None
    item_name: ItemName | None = None  # a group's: how a message names one of its items
    on_change: OnChange | None = None
    messages: Mapping[str, MessageSpec] = field(default_factory=dict)
    checks: tuple[Check, ...] = ()
    fields: tuple[Field, ...] = ()  # the item fields of a group

    @property
    def multiple(self) -> bool:
        return self.type in ("codes", "group")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    fields: tuple[Field, ...]
    path: Path
    manual: str | None = None
    help: str = ""
    note: str = ""


@dataclass(frozen=True)
class CodeListRef:
    name: str
    file: FilePath
    title: str
    path: Path
    note: str = ""


@dataclass(frozen=True)
class CodeSet:
    name: str
    path: Path
    codes: tuple[str, ...] = ()
    codelist: str | None = None
    title: str = ""
    manual: str | None = None
    note: str = ""


@dataclass(frozen=True)
class CodeTableRow:
    codes: tuple[str, ...]
    value: str | int | float | bool
    path: Path
    note: str = ""


@dataclass(frozen=True)
class CodeTable:
    name: str
    rows: tuple[CodeTableRow, ...]
    path: Path
    title: str = ""
    manual: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Definition:
    name: str
    rule: Any
    path: Path
    manual: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Constant:
    """A value named once in ``constants:``: ``{"const": name}`` in rules, ``{name}`` in texts."""

    name: str
    value: str | int | float
    path: Path
    type: ConstantType = "text"
    title: str = ""
    manual: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    manual: str | None = None
    note: str = ""
    path: Path = ()


@dataclass(frozen=True)
class State:
    """A tray. ``editable``: the form's fields may be changed here (by the action that ``saves``);
    ``exported``: a form that enters this tray is what the registry receives (``indberet export``)."""

    id: str
    label: str
    editable: bool = True
    exported: bool = False
    manual: str | None = None
    note: str = ""
    path: Path = ()


PRODUCES = ("pdf", "validation")  # what an action that does not move the form gives the user
DELETED = "deleted"  # the ``to:`` of an action that deletes the form


@dataclass(frozen=True)
class Action:
    id: str
    label: str
    from_states: tuple[str, ...]
    path: Path
    to: str | None = None
    role: str | None = None
    guard: Any = None
    guard_message: str = ""
    confirm: str = ""
    validates: bool = False
    saves: bool = False  # the action stores the payload the user sends (Gem): how a form is edited
    counts_version: bool = False
    locks: tuple[str, ...] = ()
    produces: str | None = None  # one of PRODUCES
    messages: Mapping[str, MessageSpec] = field(default_factory=dict)  # overrides of workflow.messages
    manual: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Workflow:
    roles: tuple[Role, ...]
    states: tuple[State, ...]
    initial: str
    actions: tuple[Action, ...]
    messages: Mapping[str, MessageSpec] = field(default_factory=dict)
    list_fields: tuple[str, ...] = ()  # the fields the lists of forms show beside CPR, state and dates
    path: Path = ("workflow",)


@dataclass(frozen=True)
class Limits:
    """The most one payload may hold (``limits:``); beyond a limit the excess is not judged, one message
    says so. The defaults keep any payload's judgement within milliseconds and its answer within kilobytes.
    """

    payload_bytes: int = 262_144  # bytes of one payload as received
    keys: int = 100  # keys of the payload or of one item
    items: int = 100  # items of a group, unless the field says max_items
    codes: int = 100  # codes of a codes field, unless the field says max_items
    text_length: int = 1_000  # characters of one text value
    messages: int = 200  # errors and warnings returned
    path: Path = ("limits",)


@dataclass(frozen=True)
class SearchSettings:
    """How the code search reads what is typed (``search:``): spellings it treats as the same."""

    spellings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FormInfo:
    id: str
    version: str
    title: str
    manual: str = ""
    guidance: str = ""
    reference_date: str | None = None


@dataclass(frozen=True)
class FormSpec:
    info: FormInfo
    sections: tuple[Section, ...]
    source: SourceMap
    file: FilePath
    messages: Mapping[str, MessageSpec] = field(default_factory=dict)
    codelists: Mapping[str, CodeListRef] = field(default_factory=dict)
    code_sets: Mapping[str, CodeSet] = field(default_factory=dict)
    code_tables: Mapping[str, CodeTable] = field(default_factory=dict)
    definitions: Mapping[str, Definition] = field(default_factory=dict)
    constants: Mapping[str, Constant] = field(default_factory=dict)
    workflow: Workflow | None = None
    limits: Limits = Limits()
    search: SearchSettings = SearchSettings()

    @property
    def fields(self) -> tuple[Field, ...]:
        """The top-level fields in form order."""
        return tuple(f for section in self.sections for f in section.fields)

    def field(self, field_id: str) -> Field:
        for candidate in self.fields:
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)
