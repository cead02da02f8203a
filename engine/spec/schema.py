"""Check a parsed spec against the format's JSON Schema: stage 2 of the spec pipeline.

The schema (``form.schema.json``, beside this module) is also what an editor uses to validate and complete
while an analyst types; here its errors are turned into problems that say where and how to fix them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path as FilePath
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from engine.spec.spec_problems import Problem, did_you_mean
from engine.spec.yamlsource import Path, SourceMap

SCHEMA_PATH = FilePath(__file__).with_name("form.schema.json")

_KINDS = {
    "sections": "section",
    "fields": "field",
    "checks": "check",
    "actions": "action",
    "states": "state",
    "roles": "role",
    "rows": "row",
}
_JSON_TYPES = {
    "object": "a mapping (key: value)",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}
_NAME_HINT = "write it in lower case: letters, digits and _, starting with a letter"


@cache
def form_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = form_schema()
    # The schema itself is checked against its meta-schema in the tests, not at every load.
    return jsonschema.validators.validator_for(schema)(schema)


def check_schema(data: Any, source: SourceMap) -> list[Problem]:
    """Every place where ``data`` breaks the form format."""
    problems: list[Problem] = []
    for error in _validator().iter_errors(data):
        problems.extend(_problems_for(error, data, source))
    return problems


def describe(path: Path, data: Any) -> str:
    """A readable name for the node at ``path``: 'field "diagnose"', 'form', 'form.version'."""
    if not path:
        return "the spec"
    node = _node(data, path)
    last = path[-1]
    container = path[-2] if len(path) >= 2 and isinstance(last, int) else None
    if isinstance(container, str) and container in _KINDS and isinstance(last, int):
        ident = node.get("id") if isinstance(node, dict) else None
        kind = _KINDS[container]
        return f'{kind} "{ident}"' if isinstance(ident, str) else f"{kind} {last + 1}"
    parent = describe(path[:-1], data)
    if isinstance(last, int):
        return f"item {last + 1} of {parent}"
    return f'"{last}" of {parent}' if path[:-1] else str(last)


def _node(data: Any, path: Path) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _actual(value: Any) -> str:
    for name, kind in (("boolean", bool), ("integer", int), ("number", float), ("string", str)):
        if isinstance(value, kind):
            return _JSON_TYPES[name]
    if isinstance(value, list):
        return _JSON_TYPES["array"]
    if isinstance(value, dict):
        return _JSON_TYPES["object"]
    return _JSON_TYPES["null"]


def _problems_for(error: ValidationError, data: Any, source: SourceMap) -> Iterator[Problem]:
    path: Path = tuple(error.absolute_path)
    what = describe(path, data)
    keyword = error.validator
    deeper = _deeper(error) if keyword in ("oneOf", "anyOf") else None
    if "propertyNames" in error.schema_path:
        yield from _property_name_problems(error, path, what, source)
    elif deeper is not None:
        yield from _problems_for(deeper, data, source)
    elif keyword == "additionalProperties" and isinstance(error.instance, dict):
        known: dict[str, Any] = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        for key in error.instance:
            if key not in known:
                hint = did_you_mean(str(key), known, what="key")
                yield source.problem(
                    (*path, key), "schema-unknown-key", at_key=True, key=key, what=what, suggestion=hint
                )
    elif keyword == "required" and isinstance(error.instance, dict):
        for key in _as_list(error.validator_value):
            if key not in error.instance:
                yield source.problem(path, "schema-required", at_key=True, what=what, key=key)
    else:
        yield _simple_problem(error, path, what, source)


def _deeper(error: ValidationError) -> ValidationError | None:
    """The most relevant error among the alternatives of a oneOf/anyOf, when it lies deeper."""
    deepest = best_match(error.context or [])
    return (
        deepest
        if deepest is not None and tuple(deepest.absolute_path) != tuple(error.absolute_path)
        else None
    )


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _simple_problem(error: ValidationError, path: Path, what: str, source: SourceMap) -> Problem:
    keyword = error.validator
    if keyword == "type":
        words = " or ".join(_JSON_TYPES.get(name, name) for name in _as_list(error.validator_value))
        return source.problem(path, "schema-type", what=what, expected=words, actual=_actual(error.instance))
    if keyword in ("enum", "const"):
        allowed = _as_list(error.validator_value) if keyword == "enum" else [error.validator_value]
        return source.problem(
            path, "schema-enum", what=what, value=error.instance, allowed=", ".join(map(str, allowed))
        )
    if keyword == "pattern":
        hint = (
            _NAME_HINT if error.validator_value == "^[a-z][a-z0-9_]*$" else f"match {error.validator_value}"
        )
        return source.problem(path, "schema-pattern", what=what, value=error.instance, pattern_hint=hint)
    return source.problem(path, "schema-other", what=what, detail=error.message)


def _property_name_problems(
    error: ValidationError, path: Path, what: str, source: SourceMap
) -> Iterator[Problem]:
    """A key that is not an allowed name: an unknown message kind, or a badly written name."""
    key = str(error.instance)
    if error.validator == "enum":
        allowed = _as_list(error.validator_value)
        yield source.problem(
            (*path, key),
            "schema-unknown-key",
            at_key=True,
            key=key,
            what=what,
            suggestion=did_you_mean(key, allowed, what="kind"),
        )
    else:
        yield source.problem(
            (*path, key),
            "schema-pattern",
            at_key=True,
            what=what,
            value=error.instance,
            pattern_hint=_NAME_HINT,
        )
