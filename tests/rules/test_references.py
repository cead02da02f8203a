"""references(): which data names a rule reads, and where."""

from typing import Any

import pytest

from engine.rules import STANDARD_OPERATORS, Operator, Reference, constant, references

BEHANDLINGER = {"var": "behandlinger"}


def test_top_level_names() -> None:
    assert references({"and": [{"==": [{"var": "diagnose"}, "C50"]}, {"<": [{"var": ["a.b", 0]}, 3]}]}) == [
        Reference("diagnose", ("and", 0, "==", 0, "var"), None),
        Reference("a.b", ("and", 1, "<", 0, "var", 0), None),
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"var": ""}, [Reference("", ("var",), None)]),
        ({"var": []}, [Reference("", ("var",), None)]),
        ({"var": None}, [Reference("", ("var",), None)]),
        ({"var": 1}, [Reference("1", ("var",), None)]),
        (
            {"var": ["x", {"var": "y"}]},
            [Reference("x", ("var", 0), None), Reference("y", ("var", 1, "var"), None)],
        ),
    ],
)
def test_var_forms(rule: Any, expected: list[Reference]) -> None:
    assert references(rule) == expected


def test_a_computed_name_is_a_star_and_what_it_reads() -> None:
    rule = {"var": {"cat": ["felt_", {"var": "nummer"}]}}
    assert references(rule) == [
        Reference("*", ("var",), None),
        Reference("nummer", ("var", "cat", 1, "var"), None),
    ]


def test_names_read_per_item_carry_their_source() -> None:
    rule = {"some": [BEHANDLINGER, {"==": [{"var": "kode"}, "ANDEN"]}]}
    assert references(rule) == [
        Reference("behandlinger", ("some", 0, "var"), None),
        Reference("kode", ("some", 1, "==", 0, "var"), BEHANDLINGER),
    ]


def test_the_innermost_source_wins() -> None:
    inner_source = {"var": "doser"}
    rule = {
        "all": [
            BEHANDLINGER,
            {"and": [{"var": "kode"}, {"map": [inner_source, {"+": [{"var": "mg"}, {"var": ""}]}]}]},
        ]
    }
    assert references(rule) == [
        Reference("behandlinger", ("all", 0, "var"), None),
        Reference("kode", ("all", 1, "and", 0, "var"), BEHANDLINGER),
        Reference("doser", ("all", 1, "and", 1, "map", 0, "var"), BEHANDLINGER),
        Reference("mg", ("all", 1, "and", 1, "map", 1, "+", 0, "var"), inner_source),
        Reference("", ("all", 1, "and", 1, "map", 1, "+", 1, "var"), inner_source),
    ]


def test_reduce_reads_current_and_accumulator_from_its_source() -> None:
    rule = {
        "reduce": [BEHANDLINGER, {"+": [{"var": "current.dosis"}, {"var": "accumulator"}]}, {"var": "start"}]
    }
    assert references(rule) == [
        Reference("behandlinger", ("reduce", 0, "var"), None),
        Reference("current.dosis", ("reduce", 1, "+", 0, "var"), BEHANDLINGER),
        Reference("accumulator", ("reduce", 1, "+", 1, "var"), BEHANDLINGER),
        Reference("start", ("reduce", 2, "var"), None),
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            {"missing": ["a", "b.c"]},
            [Reference("a", ("missing", 0), None), Reference("b.c", ("missing", 1), None)],
        ),
        ({"missing": "a"}, [Reference("a", ("missing",), None)]),
        (
            {"missing": [["a", "b"]]},
            [Reference("a", ("missing", 0, 0), None), Reference("b", ("missing", 0, 1), None)],
        ),
        (
            {"missing_some": [1, ["a", "b"]]},
            [Reference("a", ("missing_some", 1, 0), None), Reference("b", ("missing_some", 1, 1), None)],
        ),
        (
            {"missing_some": [{"var": "n"}, "a"]},
            [Reference("n", ("missing_some", 0, "var"), None), Reference("a", ("missing_some", 1), None)],
        ),
        (
            {"missing": {"merge": ["vin", {"if": [{"var": "financing"}, ["apr"], []]}]}},
            [
                Reference("*", ("missing",), None),
                Reference("financing", ("missing", "merge", 1, "if", 0, "var"), None),
            ],
        ),
    ],
)
def test_missing_names(rule: Any, expected: list[Reference]) -> None:
    assert references(rule) == expected


def test_literal_arguments_of_a_custom_operator_are_skipped() -> None:
    in_set = Operator("in_set", lambda args, compile_arg, path: constant(True), literal_args=frozenset({1}))
    table = {**STANDARD_OPERATORS, "in_set": in_set}
    # Argument 1 is the name of a code list, though it looks like a rule.
    rule = {"in_set": [{"var": "region"}, {"var": "not read"}]}
    assert references(rule, table) == [Reference("region", ("in_set", 0, "var"), None)]


def test_scoped_arguments_of_a_custom_operator_read_their_first_argument() -> None:
    every = Operator("every", lambda args, compile_arg, path: constant(True), scoped_args=frozenset({1}))
    table = {**STANDARD_OPERATORS, "every": every}
    assert references({"every": [{"var": "l"}, {"var": "x"}]}, table) == [
        Reference("l", ("every", 0, "var"), None),
        Reference("x", ("every", 1, "var"), {"var": "l"}),
    ]


def test_every_occurrence_is_listed_and_data_objects_are_not_read() -> None:
    rule = [{"var": "a"}, {"if": [{"var": "a"}, {"x": {"var": "no"}, "y": 1}]}, {"unknown": [{"var": "b"}]}]
    assert [(r.name, r.path) for r in references(rule)] == [
        ("a", (0, "var")),
        ("a", (1, "if", 0, "var")),
        ("b", (2, "unknown", 0, "var")),
    ]
