"""The catalogue of spec problems: one stable code each, with what is wrong and how to fix it.

These messages are for the people who write form specs (registry analysts), so they are kept in one place
with stable codes; the clinicians' Danish messages live in the form spec next to their rules.
Every problem renders as ``forms/cancer.yaml:LINE:COL: what is wrong — how to fix``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

# code: (what is wrong, how to fix). Parameters in braces are filled in by problem().
CATALOGUE: dict[str, tuple[str, str]] = {
    "file-unreadable": ("cannot read the file: {detail}", "check the path and the file's permissions"),
    "file-encoding": ("the file is not UTF-8: {detail}", "save the file as UTF-8"),
    "yaml-syntax": (
        "YAML syntax error: {detail}",
        "fix the YAML at this place (indentation, quotes, colons)",
    ),
    "yaml-empty": ("the file is empty", "write a form spec; see forms/cancer.yaml for an example"),
    "yaml-duplicate-key": (
        'duplicate key "{key}" (first on line {first_line})',
        "remove or rename one of them; YAML keeps only one",
    ),
    "yaml-complex-key": ("a mapping key must be a plain value", "write the key as a plain word"),
    "yaml-recursive-alias": (
        "an alias (*name) here refers to the node it stands in, so the value would never end",
        "write the value out instead of the alias",
    ),
    "yaml-too-large": (
        "the document expands to more than {limit:,} values: aliases (*name) repeat whole nodes",
        "write the values out, or use fewer aliases",
    ),
    "yaml-too-deep": (
        "the document nests deeper than {limit} levels",
        "a form spec needs only a few levels: check the indentation and the brackets",
    ),
    "file-too-large": (
        "the file is {size:,} bytes; a form spec may be at most {limit:,}",
        "move code lists into CSV files under codelists/",
    ),
    "schema-type": ("{what} must be {expected}, not {actual}", "write {expected} here"),
    "schema-required": ('{what} lacks the required key "{key}"', 'add "{key}:"'),
    "schema-unknown-key": ('unknown key "{key}" in {what}', "{suggestion}"),
    "schema-enum": ('"{value}" is not allowed for {what}', "use one of: {allowed}"),
    "schema-pattern": ('"{value}" is not a valid {what}', "{pattern_hint}"),
    "schema-other": ("{what}: {detail}", "see engine/spec/form.schema.json for the format"),
    "duplicate-id": (
        'duplicate {kind} id "{id}" (first on line {first_line})',
        "give each {kind} its own id",
    ),
    "unknown-field": ('the rule reads "{name}", which is not a field of this form', "{suggestion}"),
    "unknown-item-field": (
        'the rule reads "{name}", which is not a field of the items of "{group}"',
        "{suggestion}",
    ),
    "dynamic-reference": (
        "the rule computes the name of a field it reads",
        "name the field literally, so that the engine can check it and order the rules",
    ),
    "unknown-operator": ("{detail}", "{suggestion}"),
    "rule-problem": ("{detail}", "{suggestion}"),
    "unknown-codelist": ('unknown code list "{name}"', "{suggestion}"),
    "unknown-code-set": ('unknown code set "{name}"', "{suggestion}"),
    "unknown-code-table": ('unknown code table "{name}"', "{suggestion}"),
    "unknown-definition": ('unknown definition "{name}"', "{suggestion}"),
    "unknown-field-ref": ('"{name}" is not a field of this form', "{suggestion}"),
    "unknown-state": ('unknown tray state "{name}"', "{suggestion}"),
    "unknown-role": ('unknown role "{name}"', "{suggestion}"),
    "unknown-guard": ('the guard reads "{name}", which the workflow does not provide', "{suggestion}"),
    "missing-workflow-message": (
        'no text for the workflow\'s refusal "{kind}"{why}',
        'add "{kind}:" under workflow.messages: (placeholders: {allowed})',
    ),
    "guard-message-missing": (
        'the action "{action}" has a guard but no guard_message',
        "add guard_message: the Danish text a user sees when the guard refuses the action",
    ),
    "guard-uses-definition": (
        "a guard cannot use a definition: definitions read the payload's fields by name, a guard reads "
        "the form's facts",
        'write the condition out, reading a field as {{"var": "form.FIELD"}}',
    ),
    "unreachable-state": (
        'tray state "{name}" cannot be reached: no action leads there from the initial state "{initial}"',
        "add an action with to: {name}, or remove the state",
    ),
    "initial-not-editable": (
        'the initial state "{state}" is not editable, so a new form could never be saved',
        "make it editable: true, and let an action that saves be offered there",
    ),
    "save-not-editable": (
        'the action "{action}" saves, but the state "{state}" is not editable',
        'make the state editable: true, or remove "{state}" from the action\'s from:',
    ),
    "save-twice": (
        'the actions "{first}" and "{second}" both save in the state "{state}"',
        "let one action save per state",
    ),
    "no-save-action": (
        'the state "{state}" is editable, but no action saves there, so its forms cannot be changed',
        'add saves: true to the action that stores the form in "{state}", or make the state editable: false',
    ),
    "produces-moves": (
        'the action "{action}" produces something and stays where it is, so it cannot have "{key}:"',
        'remove "{key}:", or make it a separate action',
    ),
    "locks-no-effect": (
        'the action "{action}" locks fields, but from "{to}" the form never comes back to an editable state',
        "remove locks:, or let an action lead the form back to an editable state",
    ),
    "cycle": (
        "the fields' conditions and derived values depend on each other in a circle: {cycle}",
        "break the circle: a field's condition or derived value may not depend on itself",
    ),
    "definition-cycle": (
        "definitions use each other in a circle: {cycle}",
        "break the circle: a definition may not use itself",
    ),
    "codelist-file": ("code list {name}: {detail}", "{hint}"),
    "code-pattern": ("bad code pattern: {detail}", "{hint}"),
    "code-not-in-list": (
        'code "{code}" is not in the code list "{list}"',
        "use a code from codelists/{list}.csv, or add the code there",
    ),
    "bad-regex": ('"{pattern}" is not a valid regular expression: {detail}', "fix the pattern"),
    "unknown-placeholder": (
        'the message uses "{{{name}}}", which is not known here',
        "use one of: {allowed}, or the name of a constant under constants:",
    ),
    "unknown-constant": (
        'the text uses "{{{name}}}", but no constant has that name',
        "{suggestion} (a text may name a constant of constants: as {{NAME}})",
    ),
    "constant-value": ('constant "{name}" is a {type}, but its value "{value}" is not', "{fix}"),
    "constant-name-taken": (
        'constant "{name}" has the name of a message placeholder',
        "rename the constant; these names are taken: {taken}",
    ),
    "missing-message": (
        'no message for "{kind}", which field "{field}" can produce',
        "add \"{kind}:\" under the form's messages (or the field's)",
    ),
    "group-field-type": (
        'field "{field}" of type group needs "fields:"',
        "list the items' fields under fields:",
    ),
    "not-group-field": (
        '"{key}:" only applies to fields of type group',
        "remove it, or make the field a group",
    ),
    "note-needed": (
        'the check "{check}" is a rule of the form\'s own (manual: none), but no note says why',
        "add a note: where the rule comes from and why it is a {severity}",
    ),
    "item-name-placeholder": (
        'the item name uses "{{{name}}}", which is not known here',
        "use {allowed}",
    ),
    "codelist-needed": ('field "{field}" of type {type} needs a code list', 'add "codelist: NAME"'),
    "codelist-not-allowed": ('field "{field}" of type {type} takes no code list', 'remove "codelist:"'),
    "max-items-not-allowed": (
        'field "{field}" of type {type} takes no "max_items:" (only codes and group fields hold several)',
        'remove "max_items:"',
    ),
    "limit-below-fields": (
        "limits.keys is {limit}, but {owner} has {count} fields: a payload holding them all would break it",
        "raise limits.keys to at least {count}",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a spec, where it is, and how to fix it."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str
    source: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message} — {self.hint}"

    def detailed(self) -> str:
        """The one-line form, followed by the offending source line and a caret under the column."""
        if not self.source.strip():
            return str(self)
        # A long line is shown as a window around the column, so the answer stays short.
        start = max(0, self.column - 1 - _SHOWN // 2) if len(self.source) > _SHOWN else 0
        shown = self.source[start : start + _SHOWN]
        lead, tail = ("…" if start else ""), ("…" if start + _SHOWN < len(self.source) else "")
        caret = " " * (len(lead) + self.column - 1 - start) + "^"
        return f"{self}\n    {lead}{shown}{tail}\n    {caret}"


_SHOWN = 160  # characters of a source line shown under a problem


def problem(file: str, line: int, column: int, code: str, *, source: str = "", **params: object) -> Problem:
    message, hint = CATALOGUE[code]
    return Problem(file, line, column, code, message.format(**params), hint.format(**params), source)


def did_you_mean(name: str, candidates: Iterable[str], *, what: str = "") -> str:
    """A "did you mean …?" hint, or the list of what is known when nothing is close."""
    known = sorted(set(candidates))
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    if not known:
        return f"define the {what} first" if what else "define it first"
    shown = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
    return f"known {what + 's' if what else 'names'}: {shown}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order, each reported once."""
    unique = {(p.file, p.line, p.column, p.code, p.message): p for p in problems}
    return sorted(unique.values(), key=lambda p: (p.file, p.line, p.column, p.code))
