"""Operators that read the data (rules layer): var, missing, missing_some.

A name is a dotted path, "a.b.0": object keys, and list (or text) indexes written as digits, as
json-logic-js does with `data[part]`. "" (or null, or no name at all) is the whole data. Nothing here
raises on odd data: a path that leads nowhere gives the default, or null.
"""

from collections.abc import Mapping
from typing import Any

from engine.rules.evaluators import constant_of, key_read
from engine.rules.rule_problems import check_arity
from engine.rules.semantics import (
    greater_equal,
    is_array,
    is_missing,
    js_length,
    js_slice,
    to_js_string,
)
from engine.rules.types import CompileArg, Evaluator, Operator, Path

_ABSENT: Any = object()  # not found: JavaScript's undefined, which becomes the default

_VAR = '[name, default?] gives the value at name ("a.b.0"); "" is the whole data'
_MISSING = '[name, ...] or [[name, ...]] gives the names whose value is null or ""'
_MISSING_SOME = "[count, [name, ...]] gives [] if at least count names have values, else the missing names"


def split_name(name: Any) -> tuple[str, ...] | None:
    """The parts of a var name, or None for the whole data.

    json-logic-js: `if (a === undefined || a === "" || a === null) return data;` then
    `String(a).split(".")`, so 1 reads "1" and 1.5 reads "1" then "5".
    """
    if name is None or (isinstance(name, str) and not name):
        return None
    return tuple(to_js_string(name).split("."))


def lookup(data: Any, parts: tuple[str, ...] | None) -> Any:
    """The value at `parts` in data, or _ABSENT."""
    if parts is None:
        return data
    for part in parts:
        data = data.get(part, _ABSENT) if type(data) is dict else _step(data, part)
        if data is _ABSENT:
            return _ABSENT
    return data


def _step(data: Any, part: str) -> Any:
    # json-logic-js: `if (data === null || data === undefined) return not_found; data = data[part]`.
    # JavaScript's own properties of arrays and strings are not data; only `length` is kept.
    if isinstance(data, str):
        size = js_length(data)
        if part == "length":
            return size
        index = _index(part)
        return js_slice(data, index, index + 1) if index is not None and index < size else _ABSENT
    if is_array(data):
        if part == "length":
            return len(data)
        index = _index(part)
        return data[index] if index is not None and index < len(data) else _ABSENT
    if isinstance(data, Mapping):
        return data.get(part, _ABSENT)
    return _ABSENT  # null, numbers, booleans have no parts


def _index(part: str) -> int | None:
    """An array index as JavaScript spells it: "0", "12"; not "01", "-1" or "1.0"."""
    if part.isascii() and part.isdigit() and (part == "0" or part[0] != "0"):
        return int(part)
    return None


def _compile_var(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    check_arity("var", len(args), 0, 2, _VAR)
    if not args:
        return lambda data: data
    name = compile_arg(args[0], (*path, 0))
    default = compile_arg(args[1], (*path, 1)) if len(args) == 2 else None
    known = constant_of(name)
    if known is None:  # the name is itself computed
        return lambda data: _found(data, lookup(data, split_name(name(data))), default)
    parts = split_name(known.value)
    if parts is None:
        return lambda data: data  # the default is never used for the whole data
    if len(parts) == 1 and default is None:
        (key,) = parts

        def read_key(data: Any) -> Any:
            if type(data) is dict:
                return data.get(key)  # absent and null are both null here
            return _found(data, _step(data, key), None)

        return key_read(key, read_key)
    return lambda data: _found(data, lookup(data, parts), default)


def _found(data: Any, value: Any, default: Evaluator | None) -> Any:
    # json-logic-js's default replaces only a value not found (undefined), never a null one.
    if value is not _ABSENT:
        return value
    return None if default is None else default(data)


def _var_value(data: Any, key: Any) -> Any:
    """What `{"var": key}` gives, as json-logic-js's missing computes it."""
    if is_array(key):  # {"var": [name, default]}
        name = key[0] if key else None
        default = key[1] if len(key) > 1 else None
        value = lookup(data, split_name(name))
        return default if value is _ABSENT else value
    value = lookup(data, split_name(key))
    return None if value is _ABSENT else value


def _keys(values: list[Any]) -> list[Any]:
    # json-logic-js: `Array.isArray(arguments[0]) ? arguments[0] : arguments`.
    return list(values[0]) if values and is_array(values[0]) else values


def missing_names(data: Any, keys: list[Any]) -> list[Any]:
    return [key for key in keys if is_missing(_var_value(data, key))]


def _compile_missing(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    evaluators = [compile_arg(arg, (*path, i)) for i, arg in enumerate(args)]
    known = [constant_of(evaluator) for evaluator in evaluators]
    if all(value is not None for value in known):
        keys = _keys([value.value for value in known if value is not None])
        if all(isinstance(key, str) for key in keys):  # the usual case: names read as in var
            names = [(key, split_name(key)) for key in keys]
            return lambda data: [
                key for key, parts in names if is_missing(_found(data, lookup(data, parts), None))
            ]
        return lambda data: missing_names(data, keys)
    return lambda data: missing_names(data, _keys([evaluator(data) for evaluator in evaluators]))


def _compile_missing_some(args: list[Any], compile_arg: CompileArg, path: Path) -> Evaluator:
    check_arity("missing_some", len(args), 2, 2, _MISSING_SOME)
    need, options = compile_arg(args[0], (*path, 0)), compile_arg(args[1], (*path, 1))

    def missing_some(data: Any) -> list[Any]:
        wanted = options(data)
        absent = missing_names(data, _keys(list(wanted) if is_array(wanted) else [wanted]))
        # json-logic-js: `if (options.length - are_missing.length >= need_count) return []`;
        # a non-array has no length (undefined - n is NaN), except text.
        if is_array(wanted) or isinstance(wanted, str):
            size = len(wanted) if is_array(wanted) else js_length(wanted)
            if greater_equal(size - len(absent), need(data)):
                return []
        return absent

    return missing_some


OPERATORS: tuple[Operator, ...] = (
    Operator("var", _compile_var, description=_VAR),
    Operator("missing", _compile_missing, description=_MISSING),
    Operator("missing_some", _compile_missing_some, description=_MISSING_SOME),
)
