"""Properties of reading a form spec: whatever the text, ``lint_form`` answers with problems (each with a line
and column) or a form — never an exception, never unbounded work.

The texts are the shipped form mutated (lines dropped, repeated, cut, characters changed) and YAML-shaped
noise (anchors, aliases, brackets, tabs, odd characters). The alias bombs and self-referring aliases that
hypothesis may not reach by itself are tested by name below.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.form import default_form_path, lint_form
from engine.spec.yamlsource import MAX_DEPTH, load_yaml
from tests.properties import PROFILE  # the hypothesis profile (derandomized in CI)

SHIPPED = default_form_path().read_text(encoding="utf-8")
LINES = SHIPPED.splitlines()
YAML_BITS = [
    "- ",
    ": ",
    "&a ",
    "*a",
    "<<: *a",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "\t",
    "  ",
    "? ",
    "|",
    ">",
    "!!python/object ",
    "%YAML 1.1",
    "---",
    "...",
    "\udcff",
    "\x00",
    "\u2028",
    "æ",
    "#",
]


@st.composite
def mutated_specs(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "repeat", "cut", "insert", "indent"]))
        if kind == "drop":
            del lines[at]
        elif kind == "repeat":
            lines.insert(at, lines[at])
        elif kind == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif kind == "insert":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.sampled_from(YAML_BITS)) + lines[at][column:]
        else:
            lines[at] = " " + lines[at]
    return "\n".join(lines)


yaml_noise = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=5), max_size=40).map("".join)


def assert_reported(path: Path) -> None:
    linted = lint_form(path)
    assert (linted.form is None) == bool(linted.problems)
    for found in linted.problems:
        assert found.line >= 1 and found.column >= 1
        assert found.message and found.hint is not None
        assert len(found.detailed()) < 2_000


def write(tmp_path: Path, text: str) -> Path:
    """The spec beside the shipped code lists, so its ``../codelists/`` references resolve."""
    folder = tmp_path / "forms"
    folder.mkdir(exist_ok=True)
    codelists = tmp_path / "codelists"
    if not codelists.exists():
        codelists.symlink_to(default_form_path().parent.parent / "codelists")
    spec = folder / "spec.yaml"
    spec.write_bytes(text.encode("utf-8", "surrogatepass"))
    return spec


@settings(PROFILE, max_examples=min(PROFILE.max_examples, 60))  # each example lints a whole form
@given(mutated_specs())
def test_a_mutated_spec_is_reported_never_raised(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        assert_reported(write(Path(folder), text))


@given(yaml_noise)
def test_yaml_noise_is_reported_never_raised(text: str) -> None:
    _, _, problems = load_yaml(text, "noise.yaml")
    for found in problems:
        assert found.line >= 1


def test_a_self_referring_alias_is_a_problem(tmp_path: Path) -> None:
    linted = lint_form(write(tmp_path, "form: &a {id: x, more: *a}\nsections: []\n"))
    assert "yaml-recursive-alias" in [p.code for p in linted.problems]


def test_an_alias_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    rows = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    rows += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    linted = lint_form(write(tmp_path, "\n".join(rows) + "\n"))
    assert [p.code for p in linted.problems] == ["yaml-too-large"]


def test_nesting_beyond_the_depth_limit_is_a_problem(tmp_path: Path) -> None:
    depth = 100  # deeper still, the YAML parser itself refuses (a syntax problem)
    linted = lint_form(write(tmp_path, "form: " + "[" * depth + "]" * depth + "\n"))
    (too_deep,) = [p for p in linted.problems if p.code == "yaml-too-deep"]
    assert str(MAX_DEPTH) in too_deep.message
    deeper = lint_form(write(tmp_path, "form: " + "[" * 50_000 + "]" * 50_000 + "\n"))
    assert [p.code for p in deeper.problems] == ["yaml-syntax"]


def test_a_spec_file_larger_than_the_limit_is_not_read(tmp_path: Path) -> None:
    spec = tmp_path / "huge.yaml"
    spec.write_bytes(b"# " + b"x" * 6_000_000 + b"\n")
    (found,) = lint_form(spec).problems
    assert found.code == "file-too-large"
