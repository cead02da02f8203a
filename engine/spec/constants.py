"""Constants: a value the spec names once and uses in rules and texts (``constants:``).

    constants:
      udbredelse_graense: {value: "2004-01-01", type: date, title: Skæringsdato for Udbredelse}

A rule reads it as ``{"const": "udbredelse_graense"}`` (ISO for a date, so it compares with date fields);
a text — label, help, guidance, section title, confirmation or message — writes ``{udbredelse_graense}``
and shows the value as a user reads it (a date as DD-MM-ÅÅÅÅ). Texts are filled in when the spec is
built: moving a cut-off date is one edit, and costs nothing when a payload is judged.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass, replace
from typing import Any

from engine.spec.model import Constant
from engine.spec.yamlsource import Path

PLACEHOLDER = re.compile(r"\{([^\W\d]\w*)\}")  # {name}: a word, Danish letters included
# Texts shown to users as they are, and message templates (filled in again per message, so braces in a
# constant's value are doubled there).
PLAIN_TEXTS = frozenset({"title", "guidance", "help", "label", "confirm", "guard_message"})
TEMPLATES = frozenset({"message"})
# Model attributes whose YAML key is another word.
YAML_KEYS = {"info": "form"}


def iso_date(value: Any) -> datetime.date | None:
    """The date ``value`` writes as ``YYYY-MM-DD``; None when it is no such date."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def shown(constant: Constant) -> str:
    """The constant as a text shows it: a date as DD-MM-ÅÅÅÅ, a number or text as written."""
    if constant.type == "date":
        day = iso_date(constant.value)
        return day.strftime("%d-%m-%Y") if day else str(constant.value)
    return str(constant.value)


def fill(text: str, constants: Mapping[str, Constant], *, template: bool) -> str:
    """``text`` with every ``{name}`` of a constant replaced by its shown value; other braces untouched."""
    if "{" not in text:
        return text

    def value(match: re.Match[str]) -> str:
        constant = constants.get(match.group(1))
        if constant is None:
            return match.group(0)
        found = shown(constant)
        return found.replace("{", "{{").replace("}", "}}") if template else found

    return PLACEHOLDER.sub(value, text)


def fill_constants(spec: Any, constants: Mapping[str, Constant]) -> Any:
    """``spec`` (a frozen model) with the constants filled into its texts and message templates."""
    if not constants:
        return spec
    return _fill(spec, constants)


def _fill(node: Any, constants: Mapping[str, Constant]) -> Any:
    """``node`` with its texts filled in; ``node`` itself when none of them changed."""
    if isinstance(node, tuple):
        items = tuple(_fill(item, constants) for item in node)
        return node if all(new is old for new, old in zip(items, node, strict=True)) else items
    if isinstance(node, Mapping):
        entries = {key: _fill(value, constants) for key, value in node.items()}
        return node if all(entries[key] is value for key, value in node.items()) else entries
    if not is_dataclass(node) or isinstance(node, type):
        return node
    changes: dict[str, Any] = {}
    for attribute in fields(node):
        if attribute.name == "source":
            continue
        value = getattr(node, attribute.name)
        if isinstance(value, str):
            filled: Any = value
            if attribute.name in PLAIN_TEXTS or attribute.name in TEMPLATES:
                filled = fill(value, constants, template=attribute.name in TEMPLATES)
        else:
            filled = _fill(value, constants)
        if filled is not value and filled != value:
            changes[attribute.name] = filled
    return replace(node, **changes) if changes else node


def unfilled(spec: Any) -> Iterator[tuple[Path, str]]:
    """``(path, name)`` for every ``{name}`` left in a plain text: it names no constant.

    Message templates are not searched: their placeholders are checked against the message kinds.
    """
    yield from _unfilled(spec, ())


def _unfilled(node: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(node, tuple):
        for index, item in enumerate(node):
            yield from _unfilled(item, (*path, index))
        return
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _unfilled(value, (*path, key))
        return
    if not is_dataclass(node) or isinstance(node, type):
        return
    own = getattr(node, "path", None)
    base: Path = own if isinstance(own, tuple) else path
    for attribute in fields(node):
        if attribute.name in ("source", "path"):
            continue
        value = getattr(node, attribute.name)
        where: Path = (*base, YAML_KEYS.get(attribute.name, attribute.name))
        if isinstance(value, str):
            if attribute.name in PLAIN_TEXTS:
                for match in PLACEHOLDER.finditer(value):
                    yield where, match.group(1)
        elif isinstance(value, (tuple, Mapping)) or is_dataclass(value):
            yield from _unfilled(value, where)
