"""Cross-checks of a built spec: names that must exist, ids that must be unique, circles, messages.

Each check is a small function yielding problems; :func:`cross_check` runs them all, so an analyst sees
every problem of a spec in one run.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

from engine.form.dependencies import dependencies, evaluation_order, top_name, uses
from engine.form.fieldtypes import TYPE_KINDS
from engine.form.workflow_checks import check_workflow
from engine.rules import Operator, references
from engine.spec.constants import iso_date, unfilled
from engine.spec.model import (
    CHECK_PLACEHOLDERS,
    FORM_KINDS,
    ITEM_NAME_PLACEHOLDERS,
    MESSAGE_PLACEHOLDERS,
    Field,
    FormSpec,
    MessageSpec,
    placeholders,
)
from engine.spec.spec_problems import Problem, did_you_mean
from engine.spec.yamlsource import Path

Check = Callable[[FormSpec, Mapping[str, Operator]], Iterator[Problem]]

CODE_TYPES = frozenset({"code", "codes"})


def all_fields(spec: FormSpec) -> Iterator[tuple[Field, Field | None]]:
    """Every field with its group (None for top-level fields)."""
    for f in spec.fields:
        yield f, None
        for item in f.fields:
            yield item, f


def rules_of(spec: FormSpec) -> Iterator[tuple[Any, Path, Field | None]]:
    """Every JsonLogic rule of the form's fields, with its path and the group whose items it judges."""
    for f, group in all_fields(spec):
        for key in ("open_if", "required", "derive"):
            value = getattr(f, key)
            if value is not None and not isinstance(value, bool):
                yield value, (*f.path, key), group
        for check in f.checks:
            yield check.when, (*check.path, "when"), group


def check_duplicate_ids(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    groups: list[tuple[str, list[tuple[str, Path]]]] = [
        ("section", [(s.id, s.path) for s in spec.sections]),
        ("field", [(f.id, f.path) for f in spec.fields]),
        ("check", [(c.id, c.path) for f, _ in all_fields(spec) for c in f.checks]),
    ]
    groups += [("item field", [(item.id, item.path) for item in f.fields]) for f in spec.fields]
    if spec.workflow:
        groups += [
            ("state", [(s.id, ("workflow", "states", i)) for i, s in enumerate(spec.workflow.states)]),
            ("role", [(r.id, ("workflow", "roles", i)) for i, r in enumerate(spec.workflow.roles)]),
            ("action", [(a.id, a.path) for a in spec.workflow.actions]),
        ]
    for kind, entries in groups:
        first: dict[str, Path] = {}
        for ident, path in entries:
            if ident in first:
                first_line = spec.source.at((*first[ident], "id")).line
                yield spec.source.problem(
                    (*path, "id"), "duplicate-id", kind=kind, id=ident, first_line=first_line
                )
            else:
                first[ident] = path


def check_references(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    """Every name a rule reads must be a field (of the form, or of the items it judges)."""
    field_ids = {f.id for f in spec.fields}
    groups = {f.id: f for f in spec.fields if f.type == "group"}
    located = [(rule, path, group) for rule, path, group in rules_of(spec)]
    located += [(d.rule, (*d.path, "rule"), None) for d in spec.definitions.values()]
    for rule, path, group in located:
        # Names read through a definition are checked where the definition stands, not at each use.
        for reference in references(rule, operators):
            name = top_name(reference)
            where = (*path, *reference.path)
            if reference.name == "*":
                yield spec.source.problem(where, "dynamic-reference")
            elif reference.source is None:
                known = field_ids | ({item.id for item in group.fields} if group else set())
                if name and name not in known:
                    yield spec.source.problem(
                        where, "unknown-field", name=name, suggestion=did_you_mean(name, known, what="field")
                    )
            elif isinstance(reference.source, dict) and set(reference.source) == {"var"}:
                source_name = str(reference.source["var"]).split(".", 1)[0]
                group_field = groups.get(source_name)
                item_ids = {item.id for item in group_field.fields} if group_field else set()
                if group_field and name not in item_ids and name not in ("current", "accumulator"):
                    yield spec.source.problem(
                        where,
                        "unknown-item-field",
                        name=name,
                        group=source_name,
                        suggestion=did_you_mean(name, item_ids, what="field"),
                    )


def _unknown(
    spec: FormSpec, path: Path, code: str, name: str | None, known: Collection[str], what: str
) -> Iterator[Problem]:
    """A problem at ``path`` when ``name`` is given but not one of ``known``."""
    if name is not None and name not in known:
        yield spec.source.problem(path, code, name=name, suggestion=did_you_mean(name, known, what=what))


def check_names(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    """Code lists, definitions and fields named outside rules must exist."""
    lists = set(spec.codelists)
    for f, _group in all_fields(spec):
        yield from _unknown(spec, (*f.path, "codelist"), "unknown-codelist", f.codelist, lists, "code list")
    for code_set in spec.code_sets.values():
        path = (*code_set.path, "codelist")
        yield from _unknown(spec, path, "unknown-codelist", code_set.codelist, lists, "code list")
    field_ids = {f.id for f in spec.fields}
    for f in spec.fields:
        for index, name in enumerate(f.on_change.clears if f.on_change else ()):
            path = (*f.on_change.path, "clears", index) if f.on_change else f.path
            yield from _unknown(spec, path, "unknown-field-ref", name, field_ids, "field")
    reference = spec.info.reference_date
    yield from _unknown(spec, ("form", "reference_date"), "unknown-field-ref", reference, field_ids, "field")


def check_field_shapes(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    for f, _group in all_fields(spec):
        if f.type == "group" and not f.fields:
            yield spec.source.problem(f.path, "group-field-type", field=f.id)
        if f.type != "group":
            for key, value in (("fields", f.fields), ("unique_by", f.unique_by), ("item_name", f.item_name)):
                if value:
                    yield spec.source.problem((*f.path, key), "not-group-field", at_key=True, key=key)
        if f.type in CODE_TYPES and f.codelist is None:
            yield spec.source.problem(f.path, "codelist-needed", field=f.id, type=f.type)
        if f.type not in CODE_TYPES and f.codelist is not None:
            yield spec.source.problem(
                (*f.path, "codelist"), "codelist-not-allowed", at_key=True, field=f.id, type=f.type
            )
        if f.max_items is not None and not f.multiple:
            yield spec.source.problem(
                (*f.path, "max_items"), "max-items-not-allowed", at_key=True, field=f.id, type=f.type
            )
        yield from _item_name_problems(spec, f)
        item_ids = {item.id for item in f.fields}
        if f.type == "group" and f.unique_by is not None and f.unique_by not in item_ids:
            yield spec.source.problem(
                (*f.path, "unique_by"),
                "unknown-field-ref",
                name=f.unique_by,
                suggestion=did_you_mean(f.unique_by, [i.id for i in f.fields], what="field"),
            )


def check_limits(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    """A payload (or an item) that gives every field must stay within ``limits.keys``."""
    limit = spec.limits.keys
    owners = [
        ("the form", spec.fields),
        *((f'group "{f.id}"', f.fields) for f, _ in all_fields(spec) if f.fields),
    ]
    for owner, fields in owners:
        if len(fields) > limit:
            yield spec.source.problem(
                (*spec.limits.path, "keys"), "limit-below-fields", limit=limit, owner=owner, count=len(fields)
            )


def check_own_rules(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    """A check that is no rule of the manual (``manual: none``) says why in a note."""
    for f, _group in all_fields(spec):
        for check in f.checks:
            if check.own_rule and not check.note.strip():
                yield spec.source.problem(
                    (*check.path, "manual"), "note-needed", check=check.id, severity=check.severity
                )


def _item_name_problems(spec: FormSpec, f: Field) -> Iterator[Problem]:
    """An item name uses {number}; {code} and {text} only where it names an item by its unique_by value."""
    if f.item_name is None or f.type != "group":
        return
    named = ITEM_NAME_PLACEHOLDERS if f.unique_by is not None else frozenset({"number"})
    for key, template, allowed in (
        ("named", f.item_name.named, named),
        ("unnamed", f.item_name.unnamed, {"number"}),
    ):
        for name in sorted(placeholders(template) - allowed):
            shown = ", ".join("{" + known + "}" for known in sorted(allowed))
            yield spec.source.problem(
                (*f.path, "item_name", key), "item-name-placeholder", name=name, allowed=shown
            )


def check_cycles(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    _order, cycle = evaluation_order(spec, dependencies(spec, operators))
    if cycle:
        first = spec.field(cycle[0])
        key = "open_if" if first.open_if is not None else "derive"
        yield spec.source.problem((*first.path, key), "cycle", cycle=" → ".join(cycle))
    yield from _definition_cycles(spec)


def _definition_cycles(spec: FormSpec) -> Iterator[Problem]:
    graph = {name: {used for used, _ in uses(d.rule)} for name, d in spec.definitions.items()}
    reported: set[frozenset[str]] = set()
    for start in graph:
        stack = [(start, [start])]
        while stack:
            name, trail = stack.pop()
            for used in graph.get(name, ()):
                if used == start:
                    members = frozenset(trail)
                    if members not in reported:
                        reported.add(members)
                        yield spec.source.problem(
                            (*spec.definitions[start].path, "rule"),
                            "definition-cycle",
                            cycle=" → ".join([*trail, start]),
                        )
                elif used not in trail:
                    stack.append((used, [*trail, used]))


def producible_kinds(f: Field) -> set[str]:
    """The message kinds the engine can produce for field ``f``."""
    kinds = set(TYPE_KINDS[f.type])
    if f.open_if is not None:
        kinds.add("closed")
    if f.required not in (None, False):
        kinds.add("required")
    if f.derive is not None:
        kinds.add("derived")
    if f.codelist is not None:
        kinds |= {"codelist", "code_not_valid"} | ({"unlisted"} if f.unlisted == "warning" else set())
    if f.max_length is not None:
        kinds.add("max_length")
    if f.pattern is not None:
        kinds.add("pattern")
    if f.unique_by is not None:
        kinds.add("unique")
    return kinds


def check_messages(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    """Every message the engine can produce exists, and uses only the placeholders its kind offers."""
    entries: list[tuple[MessageSpec, frozenset[str]]] = [
        (msg, MESSAGE_PLACEHOLDERS.get(kind, frozenset())) for kind, msg in spec.messages.items()
    ]
    for f, _group in all_fields(spec):
        entries += [(msg, MESSAGE_PLACEHOLDERS.get(kind, frozenset())) for kind, msg in f.messages.items()]
        entries += [(MessageSpec(c.message, path=(*c.path, "message")), CHECK_PLACEHOLDERS) for c in f.checks]
        for kind in sorted(producible_kinds(f)):
            if kind not in f.messages and kind not in spec.messages:
                yield spec.source.problem(f.path, "missing-message", kind=kind, field=f.id)
    for kind in FORM_KINDS:
        if kind not in spec.messages:
            yield spec.source.problem(("messages",), "missing-message", kind=kind, field="(the form)")
    for message, allowed in entries:
        for name in sorted(placeholders(message.message) - allowed):
            yield spec.source.problem(
                message.path, "unknown-placeholder", name=name, allowed=", ".join(sorted(allowed))
            )


def check_constants(spec: FormSpec, operators: Mapping[str, Operator]) -> Iterator[Problem]:
    """Constants hold values of their type, do not take a placeholder's name, and every ``{name}`` in a
    text names one."""
    taken = CHECK_PLACEHOLDERS.union(*MESSAGE_PLACEHOLDERS.values())
    for name, constant in spec.constants.items():
        if name in taken:
            yield spec.source.problem(
                constant.path, "constant-name-taken", at_key=True, name=name, taken=", ".join(sorted(taken))
            )
        fix = ""
        if constant.type == "date" and iso_date(constant.value) is None:
            fix = 'write the date as YYYY-MM-DD in quotes, e.g. "2004-01-01"'
        elif constant.type == "number" and not isinstance(constant.value, (int, float)):
            fix = "write a number without quotes, or make the constant type: text"
        if fix:
            yield spec.source.problem(
                (*constant.path, "value"),
                "constant-value",
                name=name,
                type=constant.type,
                value=constant.value,
                fix=fix,
            )
    for path, name in unfilled(spec):
        yield spec.source.problem(
            path,
            "unknown-constant",
            name=name,
            suggestion=did_you_mean(name, spec.constants, what="constant"),
        )


CHECKS: tuple[Check, ...] = (
    check_duplicate_ids,
    check_names,
    check_field_shapes,
    check_references,
    check_cycles,
    check_messages,
    check_constants,
    check_workflow,
    check_limits,
    check_own_rules,
)


def cross_check(spec: FormSpec, operators: Mapping[str, Operator]) -> list[Problem]:
    return [problem for check in CHECKS for problem in check(spec, operators)]
