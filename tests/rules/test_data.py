"""Reading the data: var, missing, missing_some."""

from collections import OrderedDict
from types import MappingProxyType
from typing import Any

import pytest

from engine.rules import RuleCompileError, compile_rule
from engine.rules.data import split_name

DATA = {
    "a": {"b": [10, {"c": "deep"}], "empty": None},
    "list": ["x", "y"],
    "text": "h\U0001f600",
    "zero": 0,
    "blank": "",
    "1": "one",
    "": "empty key",
}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"var": "zero"}, 0),
        ({"var": "a.b.0"}, 10),
        ({"var": "a.b.1.c"}, "deep"),
        ({"var": "a.b.2"}, None),
        ({"var": "a.b.01"}, None),  # not how JavaScript writes an index
        ({"var": "a.b.-1"}, None),
        ({"var": "a.b.length"}, 2),  # JavaScript's length, the one property kept
        ({"var": "text.length"}, 3),  # in UTF-16 code units
        ({"var": "text.0"}, "h"),
        ({"var": "list.1"}, "y"),
        ({"var": "list.toString"}, None),
        ({"var": "a.nope"}, None),
        ({"var": "a.empty.x"}, None),
        ({"var": "zero.x"}, None),
        ({"var": 1}, "one"),
        ({"var": "1"}, "one"),
        ({"var": [["a", "b", "0"]]}, None),  # a list name is read as text: "a,b,0"
        ({"var": ["nope", "default"]}, "default"),
        ({"var": ["a.empty", "default"]}, None),  # a null value is found: no default
        ({"var": ["a.empty.x", "default"]}, "default"),
        ({"var": ["nope", {"var": "zero"}]}, 0),  # the default is a rule
        ({"var": [{"cat": ["a.b.", 0]}]}, 10),  # so is the name
        ({"var": [{"cat": ["no", "pe"]}, 5]}, 5),
    ],
)
def test_var(rule: Any, expected: Any) -> None:
    assert compile_rule(rule)(DATA) == expected


@pytest.mark.parametrize("rule", [{"var": ""}, {"var": None}, {"var": []}, {"var": ["", 1]}, {"var": [None]}])
def test_an_empty_name_is_the_whole_data(rule: Any) -> None:
    assert compile_rule(rule)(DATA) is DATA
    assert compile_rule(rule)(None) is None  # and the default is not used for it


@pytest.mark.parametrize(
    "data",
    [
        None,
        5,
        "text",
        True,
        [1, 2],
        ("t", "u"),
        {"k": 1},
        OrderedDict(k=1),
        MappingProxyType({"k": 1}),
        {"k": None},
    ],
)
def test_var_never_raises(data: Any) -> None:
    for name in ("k", "k.x", "0", "1", "length", "k.0.k"):
        compile_rule({"var": name})(data)
        compile_rule({"var": [name, 1]})(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"k": 1}, 1),
        (OrderedDict(k=2), 2),
        (MappingProxyType({"k": 3}), 3),
        ([7], None),
        ("k", None),
        (None, None),
    ],
)
def test_var_reads_any_mapping(data: Any, expected: Any) -> None:
    assert compile_rule({"var": "k"})(data) == expected


def test_var_reads_list_and_tuple_items() -> None:
    assert compile_rule({"var": 1})(["a", "b"]) == "b"
    assert compile_rule({"var": "1"})(("a", "b")) == "b"


def test_var_arity() -> None:
    with pytest.raises(RuleCompileError) as caught:
        compile_rule({"var": ["a", 1, 2]})
    assert [problem.message for problem in caught.value.problems] == ['"var" takes 0 to 2 arguments, got 3']


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("a.b", ("a", "b")),
        ("", None),
        (None, None),
        (1, ("1",)),
        (1.5, ("1", "5")),
        (True, ("true",)),
        ([], ("",)),
    ],
)
def test_split_name(name: Any, parts: tuple[str, ...] | None) -> None:
    assert split_name(name) == parts


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"missing": ["a", "b", "c"]}, {"a": 0, "b": "", "c": None}, ["b", "c"]),
        ({"missing": ["a"]}, {"a": []}, []),  # an empty list is not missing (see semantics.is_missing)
        ({"missing": ["a"]}, {"a": False}, []),
        ({"missing": [["a", "b"]]}, {"a": 1}, ["b"]),
        ({"missing": ["x.y"]}, {"x": {"y": "v"}}, []),
        ({"missing": ["x.y"]}, {"x": "text"}, ["x.y"]),
        ({"missing": [1]}, ["a"], [1]),
        ({"missing": [0]}, ["a"], []),
        ({"missing": {"var": "names"}}, {"names": ["p", "q"], "q": 1}, ["p"]),
        ({"missing": {"var": "name"}}, {"name": "p"}, ["p"]),
        ({"missing": [{"var": "name"}, "q"]}, {"name": "p", "p": 1}, ["q"]),
        ({"missing": [["a", "d"]]}, {}, ["a", "d"]),
        ({"missing": [[["a", "d"]]]}, {}, []),  # a key [name, default] is read as var reads it
        ({"missing": [""]}, "", [""]),
        ({"missing": []}, None, []),
    ],
)
def test_missing(rule: Any, data: Any, expected: Any) -> None:
    assert compile_rule(rule)(data) == expected


@pytest.mark.parametrize(
    ("rule", "data", "expected"),
    [
        ({"missing_some": [1, ["a", "b"]]}, {"b": 1}, []),
        ({"missing_some": [2, ["a", "b", "c"]]}, {"b": 1}, ["a", "c"]),
        ({"missing_some": [0, ["a"]]}, {}, []),
        ({"missing_some": ["1", ["a", "b"]]}, {"b": 1}, []),  # compared as JavaScript does
        ({"missing_some": [1, {"var": "names"}]}, {"names": ["a", "b"], "a": 1}, []),
        ({"missing_some": [1, {"var": "name"}]}, {"name": 5}, [5]),  # a number has no length: never enough
        ({"missing_some": [1, {"var": "name"}]}, {"name": "ab", "ab": 1}, []),
    ],
)
def test_missing_some(rule: Any, data: Any, expected: Any) -> None:
    assert compile_rule(rule)(data) == expected


def test_missing_some_arity() -> None:
    with pytest.raises(RuleCompileError) as caught:
        compile_rule({"missing_some": [["a"]]})
    assert [problem.message for problem in caught.value.problems] == [
        '"missing_some" takes 2 arguments, got 1'
    ]
