"""Build the frozen model from a spec that has passed the schema check: stage 3 of the spec pipeline.

The builder is forgiving on purpose: a node the schema already reported as malformed is skipped, so the
later cross-checks can still report every other problem in the same run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path as FilePath
from typing import Any, TypeVar, cast

from engine.spec.constants import fill_constants
from engine.spec.model import (
    NO_MANUAL_RULE,
    Action,
    Check,
    CodeListRef,
    CodeSet,
    CodeTable,
    CodeTableRow,
    Constant,
    ConstantType,
    Definition,
    Field,
    FieldType,
    FormInfo,
    FormSpec,
    ItemName,
    Limits,
    MessageSpec,
    Normalize,
    OnChange,
    Role,
    SearchSettings,
    Section,
    Severity,
    State,
    Workflow,
)
from engine.spec.yamlsource import Path, SourceMap

T = TypeVar("T")
_MALFORMED = (TypeError, KeyError, AttributeError, ValueError)


def build_form(data: Any, source: SourceMap, file: FilePath) -> FormSpec:
    data = data if isinstance(data, dict) else {}
    info = data.get("form") if isinstance(data.get("form"), dict) else {}
    sections = tuple(_each(data.get("sections"), ("sections",), _section))
    sections = _expand_clears(sections)
    constants = _named(data.get("constants"), ("constants",), _constant)
    spec = FormSpec(
        info=FormInfo(
            id=str(info.get("id", "")),
            version=str(info.get("version", "")),
            title=str(info.get("title", "")),
            manual=str(info.get("manual", "")),
            guidance=str(info.get("guidance", "")),
            reference_date=info.get("reference_date"),
        ),
        sections=sections,
        source=source,
        file=file,
        messages=_messages(data.get("messages"), ("messages",)),
        codelists=_named(data.get("codelists"), ("codelists",), lambda n, d, p: _codelist(n, d, p, file)),
        code_sets=_named(data.get("code_sets"), ("code_sets",), _code_set),
        code_tables=_named(data.get("code_tables"), ("code_tables",), _code_table),
        definitions=_named(data.get("definitions"), ("definitions",), _definition),
        constants=constants,
        workflow=_workflow(data["workflow"]) if isinstance(data.get("workflow"), dict) else None,
        limits=_limits(data.get("limits")),
        search=_search(data.get("search")),
    )
    return cast(FormSpec, fill_constants(spec, constants))


def _each(items: Any, path: Path, make: Callable[[Any, Path], T]) -> Iterator[T]:
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            yield make(item, (*path, index))
        except _MALFORMED:
            continue  # reported by the schema check


def _named(items: Any, path: Path, make: Callable[[str, Any, Path], T]) -> dict[str, T]:
    result: dict[str, T] = {}
    for name, item in (items if isinstance(items, dict) else {}).items():
        try:
            result[str(name)] = make(str(name), item, (*path, name))
        except _MALFORMED:
            continue
    return result


def _message(spec: Any, path: Path) -> MessageSpec:
    if isinstance(spec, str):
        return MessageSpec(spec, path=path)
    return MessageSpec(
        message=str(spec.get("message", "")),
        severity=cast(Severity, spec.get("severity", "error")),
        manual=_manual(spec),
        path=path,
    )


def _messages(data: Any, path: Path) -> dict[str, MessageSpec]:
    return _named(data, path, lambda name, spec, p: _message(spec, p))


def _codelist(name: str, data: Mapping[str, Any], path: Path, spec_file: FilePath) -> CodeListRef:
    return CodeListRef(
        name=name,
        file=(spec_file.parent / str(data["file"])).resolve(),
        title=str(data["title"]),
        path=path,
        note=str(data.get("note", "")),
    )


def _code_set(name: str, data: Mapping[str, Any], path: Path) -> CodeSet:
    return CodeSet(
        name=name,
        path=path,
        codes=tuple(str(code) for code in data.get("codes", ())),
        codelist=data.get("codelist"),
        title=str(data.get("title", "")),
        manual=_manual(data),
        note=str(data.get("note", "")),
    )


def _code_table(name: str, data: Mapping[str, Any], path: Path) -> CodeTable:
    rows = tuple(
        _each(
            data["rows"],
            (*path, "rows"),
            lambda row, p: CodeTableRow(
                tuple(map(str, row["codes"])), row["value"], p, str(row.get("note", ""))
            ),
        )
    )
    return CodeTable(
        name, rows, path, str(data.get("title", "")), data.get("manual"), str(data.get("note", ""))
    )


def _definition(name: str, data: Mapping[str, Any], path: Path) -> Definition:
    return Definition(name, data["rule"], path, data.get("manual"), str(data.get("note", "")))


def _constant(name: str, data: Mapping[str, Any], path: Path) -> Constant:
    value = data["value"]
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise TypeError(value)  # reported by the schema check
    kind = data.get("type", "number" if isinstance(value, (int, float)) else "text")
    return Constant(
        name,
        value,
        path,
        cast(ConstantType, kind),
        str(data.get("title", "")),
        data.get("manual"),
        str(data.get("note", "")),
    )


def _limits(data: Any) -> Limits:
    """The form's limits: the defaults, with those the spec gives (the schema has checked their types)."""
    if not isinstance(data, dict):
        return Limits()
    given = {f.name: data[f.name] for f in dataclasses.fields(Limits) if type(data.get(f.name)) is int}
    return dataclasses.replace(Limits(), **given)


def _section(data: Mapping[str, Any], path: Path) -> Section:
    return Section(
        id=str(data["id"]),
        title=str(data["title"]),
        fields=tuple(_each(data.get("fields"), (*path, "fields"), _field)),
        path=path,
        manual=_manual(data),
        help=str(data.get("help", "")),
        note=str(data.get("note", "")),
    )


def _field(data: Mapping[str, Any], path: Path) -> Field:
    on_change = data.get("on_change")
    return Field(
        id=str(data["id"]),
        type=cast(FieldType, data["type"]),
        label=str(data["label"]),
        path=path,
        help=str(data.get("help", "")),
        manual=_manual(data),
        note=str(data.get("note", "")),
        codelist=data.get("codelist"),
        unlisted=cast(Severity, data.get("unlisted", "error")),
        widget=data.get("widget"),
        lookup=data.get("lookup"),
        open_if=data.get("open_if"),
        required=data.get("required", False),
        derive=data.get("derive"),
        max_length=data.get("max_length"),
        max_items=data.get("max_items"),
        pattern=data.get("pattern"),
        normalize=tuple(Normalize(str(n["pattern"]), str(n["replace"])) for n in data.get("normalize", ())),
        unique_by=data.get("unique_by"),
        item_name=_item_name(data.get("item_name")),
        on_change=_on_change(on_change, (*path, "on_change")) if isinstance(on_change, dict) else None,
        messages=_messages(data.get("messages"), (*path, "messages")),
        checks=tuple(_each(data.get("checks"), (*path, "checks"), _check)),
        fields=tuple(_each(data.get("fields"), (*path, "fields"), _field)),
    )


def _search(data: Any) -> SearchSettings:
    pairs = data.get("spellings") if isinstance(data, dict) else None
    if not isinstance(pairs, list):
        return SearchSettings()
    return SearchSettings(
        tuple((str(pair[0]), str(pair[1])) for pair in pairs if isinstance(pair, list) and len(pair) == 2)
    )


def _manual(data: Mapping[str, Any]) -> str | None:
    """The manual's rule id a spec element names; ``none`` (a rule of the form's own) is no id."""
    manual = data.get("manual")
    return None if manual == NO_MANUAL_RULE else manual


def _item_name(data: Any) -> ItemName | None:
    if isinstance(data, str):
        return ItemName(data, data)
    if isinstance(data, dict):
        return ItemName(str(data.get("named", "")), str(data.get("unnamed", "")))
    return None


def _check(data: Mapping[str, Any], path: Path) -> Check:
    return Check(
        id=str(data["id"]),
        when=data["when"],
        message=str(data["message"]),
        severity=cast(Severity, data.get("severity", "error")),
        manual=_manual(data),
        always=bool(data.get("always", False)),
        note=str(data.get("note", "")),
        path=path,
        own_rule=data.get("manual") == NO_MANUAL_RULE,
    )


def _on_change(data: Mapping[str, Any], path: Path) -> OnChange:
    clears = data.get("clears", ())
    return OnChange(
        # "following" is expanded once the whole form is built (see _expand_clears).
        clears=("following",) if clears == "following" else tuple(map(str, clears)),
        keeps=tuple(map(str, data.get("keeps", ()))),
        confirm=str(data.get("confirm", "")),
        manual=_manual(data),
        note=str(data.get("note", "")),
        path=path,
    )


def _expand_clears(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """Turn ``clears: following`` into the ids of the fields after the field, minus those it keeps."""
    order = [f.id for section in sections for f in section.fields]

    def expand(f: Field) -> Field:
        if f.on_change is None:
            return f
        named = list(f.on_change.clears)
        if named == ["following"]:
            named = order[order.index(f.id) + 1 :]
        clears = tuple(name for name in named if name not in f.on_change.keeps)
        return replace(f, on_change=replace(f.on_change, clears=clears))

    return tuple(replace(s, fields=tuple(expand(f) for f in s.fields)) for s in sections)


def _workflow(data: Mapping[str, Any]) -> Workflow:
    path: Path = ("workflow",)
    return Workflow(
        roles=tuple(_each(data.get("roles"), (*path, "roles"), _role)),
        states=tuple(_each(data.get("states"), (*path, "states"), _state)),
        initial=str(data.get("initial", "")),
        actions=tuple(_each(data.get("actions"), (*path, "actions"), _action)),
        messages=_messages(data.get("messages"), (*path, "messages")),
        list_fields=tuple(map(str, data.get("list_fields", ()))),
    )


def _role(data: Mapping[str, Any], path: Path) -> Role:
    return Role(str(data["id"]), str(data["label"]), data.get("manual"), str(data.get("note", "")), path)


def _state(data: Mapping[str, Any], path: Path) -> State:
    return State(
        id=str(data["id"]),
        label=str(data["label"]),
        editable=bool(data.get("editable", True)),
        exported=bool(data.get("exported", False)),
        manual=_manual(data),
        note=str(data.get("note", "")),
        path=path,
    )


def _action(data: Mapping[str, Any], path: Path) -> Action:
    return Action(
        id=str(data["id"]),
        label=str(data["label"]),
        from_states=tuple(map(str, data["from"])),
        path=path,
        to=data.get("to"),
        role=data.get("role"),
        guard=data.get("guard"),
        guard_message=str(data.get("guard_message", "")),
        confirm=str(data.get("confirm", "")),
        validates=bool(data.get("validates", False)),
        saves=bool(data.get("saves", False)),
        counts_version=bool(data.get("counts_version", False)),
        locks=tuple(map(str, data.get("locks", ()))),
        produces=data.get("produces"),
        messages=_messages(data.get("messages"), (*path, "messages")),
        manual=_manual(data),
        note=str(data.get("note", "")),
    )
