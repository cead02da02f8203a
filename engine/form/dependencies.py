"""Which fields each rule reads, and the order in which fields' openness and derived values are decided.

A field's condition (``open_if``) and derived value (``derive``) may read other fields; a closed field counts
as not given for every rule that reads it. So fields are decided in dependency order, and a circle of such
dependencies is a spec problem (reported by the cross-checks), never an endless loop.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from engine.rules import Operator, Path, Reference, references
from engine.spec.model import Field, FormSpec


def uses(rule: Any, path: Path = ()) -> Iterator[tuple[str, Path]]:
    """Every ``{"use": NAME}`` inside ``rule``, with its path."""
    if isinstance(rule, dict):
        for key, value in rule.items():
            if key == "use" and len(rule) == 1 and isinstance(value, str):
                yield value, (*path, key)
            else:
                yield from uses(value, (*path, key))
    elif isinstance(rule, list):
        for index, value in enumerate(rule):
            yield from uses(value, (*path, index))


def operator_names(rule: Any, spec: FormSpec, _seen: frozenset[str] = frozenset()) -> Iterator[str]:
    """The names of the operators ``rule`` uses, including those inside the definitions it uses."""
    if isinstance(rule, dict):
        for key, value in rule.items():
            yield key
            if key == "use" and isinstance(value, str) and value in spec.definitions and value not in _seen:
                yield from operator_names(spec.definitions[value].rule, spec, _seen | {value})
            else:
                yield from operator_names(value, spec, _seen)
    elif isinstance(rule, list):
        for value in rule:
            yield from operator_names(value, spec, _seen)


def rule_references(
    rule: Any, spec: FormSpec, operators: Mapping[str, Operator], _seen: frozenset[str] = frozenset()
) -> list[Reference]:
    """The data names ``rule`` reads, including those read through the definitions it uses."""
    found = list(references(rule, operators))
    for name, _path in uses(rule):
        definition = spec.definitions.get(name)
        if definition is not None and name not in _seen:
            found.extend(rule_references(definition.rule, spec, operators, _seen | {name}))
    return found


def rule_reads(rule: Any, spec: FormSpec, operators: Mapping[str, Operator]) -> set[str]:
    """The fields ``rule`` reads from its own data (not from the items it iterates over): the first part
    of each dotted name, ``*`` for a computed name. A plain true/false or absent rule reads nothing."""
    if rule is None or isinstance(rule, bool):
        return set()
    return {top_name(ref) for ref in rule_references(rule, spec, operators) if ref.source is None}


def top_name(reference: Reference) -> str:
    """The field a reference reads: the first segment of a dotted name (``behandlinger.0.kode``)."""
    return reference.name.split(".", 1)[0]


def field_rules(f: Field, *, judging: bool = False) -> Iterator[tuple[str, Any]]:
    """The rules that decide whether ``f`` is open and what it holds; with ``judging``, also the rules
    that judge its value (mandatory, checks)."""
    if f.open_if is not None:
        yield "open_if", f.open_if
    if f.derive is not None:
        yield "derive", f.derive
    if judging:
        if f.required is not None and not isinstance(f.required, bool):
            yield "required", f.required
        for check in f.checks:
            yield "when", check.when


def dependencies(spec: FormSpec, operators: Mapping[str, Operator]) -> dict[str, set[str]]:
    """For each top-level field, the top-level fields its openness or derived value depends on.

    A group depends on everything its items' rules read outside the item: the items are settled and
    judged together, when the group is settled.
    """
    field_ids = {f.id for f in spec.fields}
    result: dict[str, set[str]] = {}
    for f in spec.fields:
        needed: set[str] = set()
        item_ids = {item.id for item in f.fields}
        for owner in (f, *f.fields):
            own_scope = item_ids if owner is not f else set()
            for _, rule in field_rules(owner, judging=owner is not f):
                needed |= (rule_reads(rule, spec, operators) & field_ids) - own_scope
        result[f.id] = needed
    return result


def judging_reads(spec: FormSpec, operators: Mapping[str, Operator]) -> dict[str, set[str]]:
    """For each top-level field, the other top-level fields its mandatory rule and checks read."""
    field_ids = {f.id for f in spec.fields}
    result: dict[str, set[str]] = {}
    for f in spec.fields:
        names = set().union(
            *(rule_reads(rule, spec, operators) for rule in (f.required, *(c.when for c in f.checks)))
        )
        result[f.id] = (names & field_ids) - {f.id}
    return result


def evaluation_order(
    spec: FormSpec, depends_on: Mapping[str, set[str]], prefer_after: Mapping[str, set[str]] | None = None
) -> tuple[list[str], list[str] | None]:
    """Field ids so that each comes after what it depends on (form order otherwise); and a cycle, if any.

    ``prefer_after`` are softer wishes — what a field's judging rules read — kept where they make no
    circle, so that the field can be judged as soon as it is settled (engine.form.steps).
    """
    order: list[str] = []
    state: dict[str, str] = {}  # "visiting" or "done"
    cycle: list[str] | None = None
    stack: list[str] = []
    position = form_position(spec)

    def visit(name: str) -> None:
        nonlocal cycle
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            if cycle is None:
                cycle = [*stack[stack.index(name) :], name]
            return
        state[name] = "visiting"
        stack.append(name)
        for dependency in sorted(depends_on.get(name, ()), key=position):
            visit(dependency)
        for wish in sorted((prefer_after or {}).get(name, ()), key=position):
            if state.get(wish) is None and not reaches(depends_on, wish, name):
                visit(wish)
        stack.pop()
        state[name] = "done"
        order.append(name)

    for f in spec.fields:
        visit(f.id)
    return order, cycle


def reaches(depends_on: Mapping[str, set[str]], start: str, goal: str) -> bool:
    """Whether ``start`` depends on ``goal``, directly or through others."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name == goal:
            return True
        if name not in seen:
            seen.add(name)
            todo.extend(depends_on.get(name, ()))
    return False


def form_position(spec: FormSpec) -> Any:
    positions = {f.id: index for index, f in enumerate(spec.fields)}
    return lambda name: positions.get(name, len(positions))
