"""Read YAML into plain Python values and remember where every node stood: stage 1 of the spec pipeline.

PyYAML's own loader forgets positions, silently keeps the last of two duplicate keys and reads YAML 1.1
(``no`` becomes ``False``, ``2004-01-01`` becomes a ``date``). A form spec is written by hand, so here:

- every mapping key, mapping value and list item gets a :class:`Location` (1-based line and column),
  looked up by its path from the document root, e.g. ``("sections", 2, "fields", 0, "id")``;
- a duplicate key is a problem, reported at the second occurrence;
- scalars follow the YAML 1.2 core schema: only ``true``/``false`` are booleans, dates stay strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from engine.spec.spec_problems import Problem, problem

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Location:
    line: int
    column: int


@dataclass
class SourceMap:
    """Where each node of a YAML document stood, by path; ``keys`` holds the position of mapping keys."""

    filename: str
    text: str
    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)

    def at(self, path: Path, *, at_key: bool = False) -> Location:
        """The location of ``path`` (of its key, with ``at_key``), or of its nearest ancestor that has one."""
        table = self.keys if at_key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.values.get(path[:end])
            if found is not None:
                return found
        return Location(1, 1)

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def problem(self, path: Path, code: str, *, at_key: bool = False, **params: object) -> Problem:
        where = self.at(path, at_key=at_key)
        return problem(
            self.filename, where.line, where.column, code, source=self.line_text(where.line), **params
        )


_BaseLoader: Any = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)  # libyaml's parser when installed: 10× faster


class _CoreLoader(_BaseLoader):  # type: ignore[misc]
    """A loader whose implicit scalar types are the YAML 1.2 core schema."""


_CoreLoader.yaml_implicit_resolvers = {}
_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _CoreLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        if value.startswith("0o"):
            return int(value[2:], 8)
        return int(value, 0) if value.startswith("0x") else int(value)
    if tag == "tag:yaml.org,2002:float":
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        return float("nan") if lowered == ".nan" else float(value)
    return value


def _location(node: yaml.Node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


# Bounds on what a document may expand to: aliases (``*anchor``) repeat whole nodes, so a few lines can
# stand for billions of values ("billion laughs"), and a node may even contain its own alias.
MAX_VALUES = 1_000_000
MAX_DEPTH = 64


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Builder:
    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.values = 0
        self.open: set[int] = set()  # the collection nodes being built, outermost first: an alias of one
        # of them inside itself would never end

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooLarge(node)
        self.source.values.setdefault(path, _location(node))
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if id(node) in self.open:
            self.problems.append(self.node_problem(node, "yaml-recursive-alias"))
            return None
        if len(path) > MAX_DEPTH:
            self.problems.append(self.node_problem(node, "yaml-too-deep", limit=MAX_DEPTH))
            return None
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            assert isinstance(node, yaml.SequenceNode)  # the composer makes nothing else
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def node_problem(self, node: yaml.Node, code: str, **params: object) -> Problem:
        where = _location(node)
        line = self.source.line_text(where.line)
        return problem(self.source.filename, where.line, where.column, code, source=line, **params)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Location] = {}
        for key_node, value_node in _merged_pairs(node):
            key = self.build(key_node, (*path, "<key>"))
            self.source.values.pop((*path, "<key>"), None)
            if isinstance(key, list | dict):
                self.problems.append(self.source.problem(path, "yaml-complex-key"))
                continue
            where = _location(key_node)
            if key in first_seen:
                seen = first_seen[key]
                self.problems.append(
                    problem(
                        self.source.filename,
                        where.line,
                        where.column,
                        "yaml-duplicate-key",
                        source=self.source.line_text(where.line),
                        key=key,
                        first_line=seen.line,
                    )
                )
                continue
            first_seen[key] = where
            self.source.keys[(*path, key)] = where
            result[key] = self.build(value_node, (*path, key))
        return result


def _merged_pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """Key/value node pairs, with YAML merge keys (``<<: *anchor``) expanded in place."""
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    yield from _merged_pairs(source)
        else:
            yield key_node, value_node


def load_yaml(text: str, filename: str) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse ``text``; returns the plain value, where each node stood, and the problems found.

    A syntax error is a problem (with its line), not an exception: the caller reports it with the rest.
    """
    source = SourceMap(filename, text)
    try:
        root = yaml.compose(text, Loader=_CoreLoader)
    except RecursionError:  # the parser recurses per level: brackets nested thousands deep
        return None, source, [problem(filename, 1, 1, "yaml-too-deep", limit=MAX_DEPTH)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(part for part in (error.context, error.problem) if part)
        return (
            None,
            source,
            [problem(filename, line, column, "yaml-syntax", source=source.line_text(line), detail=detail)],
        )
    except (yaml.YAMLError, UnicodeEncodeError) as error:  # a character YAML (or UTF-8) does not allow
        return None, source, [problem(filename, 1, 1, "yaml-syntax", detail=str(error))]
    if root is None:
        return None, source, [problem(filename, 1, 1, "yaml-empty")]
    builder = _Builder(source)
    try:
        value = builder.build(root, ())
    except _TooLarge as too_large:
        return None, source, [builder.node_problem(too_large.node, "yaml-too-large", limit=MAX_VALUES)]
    return value, source, builder.problems
