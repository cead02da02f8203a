"""YAML with locations: positions of every node, duplicate keys, YAML 1.2 scalars."""

from __future__ import annotations

from engine.spec.yamlsource import Location, load_yaml


def test_every_key_and_value_has_its_line_and_column() -> None:
    data, source, problems = load_yaml("a:\n  b: [1, x]\n  c: {d: e}\n", "f.yaml")
    assert problems == []
    assert data == {"a": {"b": [1, "x"], "c": {"d": "e"}}}
    assert source.at(("a", "b", 1)) == Location(2, 10)
    assert source.at(("a", "c"), at_key=True) == Location(3, 3)
    assert source.at(("a", "c", "d")) == Location(3, 10)
    assert source.at(("a", "nowhere", 5)) == Location(2, 3)  # the nearest ancestor that has one


def test_a_duplicate_key_is_a_problem_at_the_second_occurrence() -> None:
    data, _, problems = load_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert data == {"a": 1, "b": 2}
    assert [str(p) for p in problems] == [
        'f.yaml:3:1: duplicate key "a" (first on line 1) — remove or rename one of them; YAML keeps only one'
    ]


def test_scalars_follow_yaml_1_2_core() -> None:
    text = "d: 2004-01-01\nn: no\ny: yes\nt: true\nf: False\ni: 12\nx: 0x1f\nr: 1.5\nz: ~\ne:\nc: 012\n"
    data, _, problems = load_yaml(text, "f.yaml")
    assert problems == []
    assert data == {
        "d": "2004-01-01",
        "n": "no",
        "y": "yes",
        "t": True,
        "f": False,
        "i": 12,
        "x": 31,
        "r": 1.5,
        "z": None,
        "e": None,
        "c": 12,
    }


def test_merge_keys_are_expanded() -> None:
    data, _, problems = load_yaml("base: &b {x: 1}\nthing:\n  <<: *b\n  y: 2\n", "f.yaml")
    assert problems == []
    assert data["thing"] == {"x": 1, "y": 2}


def test_a_syntax_error_is_a_problem_with_its_line() -> None:
    data, _, problems = load_yaml("a: [1, 2\nb: 3\n", "f.yaml")
    assert data is None
    assert len(problems) == 1
    assert problems[0].code == "yaml-syntax"
    assert (problems[0].line, problems[0].column) == (2, 2)


def test_an_empty_document() -> None:
    assert [str(p) for p in load_yaml("# nothing\n", "f.yaml")[2]] == [
        "f.yaml:1:1: the file is empty — write a form spec; see forms/cancer.yaml for an example"
    ]
