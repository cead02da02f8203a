"""The repository stands on its own: what its files cite is in it.

No file names a document the repository does not hold (the reference files the code once cited) or a
path outside the repository; every ``docs/…`` path named anywhere exists; every relative link of a
Markdown file leads to a file of the repository, and to a heading there when it names one. The checks run
on the files git tracks, or on the working tree where there is no git.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.form.load import load_form
from tests.acceptance.regler import RULE_IDS

ROOT = Path(__file__).resolve().parents[1]

# Generated or local folders, for a tree without git.
UNTRACKED = {".git", ".venv", "build", "data", "test-artifacts", "node_modules", "__pycache__"}

# The patterns are written so that this file does not match itself (a grep for the names finds nothing).
GONE_DOCUMENTS = re.compile(r"\b(?:RULES|PAYLOAD|DOMAIN)\.md\b")
OUTSIDE = re.compile(r"/wor[k]/|\.\./share[d]\b")
DOCS_PATH = re.compile(r"(?<![\w./-])docs/[\w./-]*[\w]")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCED = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def tracked_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
        ).stdout
        names = [name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        names = [
            str(path.relative_to(ROOT))
            for path in ROOT.rglob("*")
            if path.is_file() and not UNTRACKED & set(path.relative_to(ROOT).parts)
        ]
    return [ROOT / name for name in sorted(names) if (ROOT / name).is_file()]


def texts() -> Iterator[tuple[Path, str]]:
    for path in tracked_files():
        try:
            yield path, path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not text


def found(pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """Every match in every text file: (FILE:LINE, the match)."""
    hits = []
    for path, text in texts():
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            hits.append((f"{path.relative_to(ROOT)}:{line}", match.group()))
    return hits


def test_the_files_are_found() -> None:
    names = {str(path.relative_to(ROOT)) for path in tracked_files()}

    assert {"README.md", "docs/README.md", "forms/cancer.yaml", "tests/test_repository.py"} <= names


def test_no_file_names_a_document_the_repository_lacks() -> None:
    assert found(GONE_DOCUMENTS) == [], "cite the repository's own documents in docs/ instead"


def test_no_file_names_a_path_outside_the_repository() -> None:
    assert found(OUTSIDE) == [], "the repository must stand on its own: cite what is in it"


def test_every_docs_path_named_exists() -> None:
    missing = [(where, name) for where, name in found(DOCS_PATH) if not (ROOT / name).exists()]

    assert missing == []


def heading_anchors(markdown: str) -> set[str]:
    """The anchors of a Markdown file's headings, as GitHub makes them."""
    anchors = set()
    for line in FENCED.sub("", markdown).splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return anchors


def link_problems(path: Path, text: str, root: Path = ROOT) -> Iterator[str]:
    """What is wrong with the relative links of one Markdown file."""
    for match in MARKDOWN_LINK.finditer(FENCED.sub("", text)):
        link = match.group(1)
        target, _, anchor = link.partition("#")
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto:
        if not target:
            if anchor not in heading_anchors(text):
                yield f"{path.relative_to(root)}: ({link}) names no heading of the file itself"
            continue
        resolved = (path.parent / target).resolve()
        if not resolved.is_relative_to(root) or not resolved.exists():
            yield f"{path.relative_to(root)}: ({link}) leads to no file of the repository"
        elif (
            anchor and resolved.suffix == ".md" and anchor not in heading_anchors(resolved.read_text("utf-8"))
        ):
            yield f"{path.relative_to(root)}: ({link}) names no heading of {target}"


def test_markdown_links_lead_to_files_and_headings_of_the_repository() -> None:
    problems = [
        problem for path, text in texts() if path.suffix == ".md" for problem in link_problems(path, text)
    ]

    assert problems == []


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("[a](docs/README.md) [b](docs) [c](https://example.org/x) [d](docs/README.md#documents)", []),
        ("[a](nowhere.md)", ["x.md: (nowhere.md) leads to no file of the repository"]),
        ("[a](../outside.md)", ["x.md: (../outside.md) leads to no file of the repository"]),
        (
            "[a](docs/README.md#no-such-heading)",
            ["x.md: (docs/README.md#no-such-heading) names no heading of docs/README.md"],
        ),
        ("# Links\n[a](#links) [b](#other)", ["x.md: (#other) names no heading of the file itself"]),
        ("```\n[a](nowhere.md)\n```", []),
    ],
)
def test_the_link_check_itself(text: str, problems: list[str], tmp_path: Path) -> None:
    root = tmp_path / "repository"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "README.md").write_text("# Documents\n", encoding="utf-8")
    (tmp_path / "outside.md").write_text("# Outside\n", encoding="utf-8")

    assert list(link_problems(root / "x.md", text, root)) == problems


def test_the_patterns_find_what_they_are_for() -> None:
    # The names are put together here, so that the repository's own check does not find them in this file.
    rules, outside_folder, shared = "RULES" + ".md", "/wo" + "rk/", "../sha" + "red"

    assert GONE_DOCUMENTS.findall(f"see {rules} and X{rules} and rules.md") == [rules]
    assert OUTSIDE.findall(f"{outside_folder}elsewhere/x, {shared}-y, ../codelists/z, /workspace/") == [
        outside_folder,
        shared,
    ]
    assert DOCS_PATH.findall("(docs/payload.md), docs/rules.md. and ../docs/x.md, mydocs/y") == [
        "docs/payload.md",
        "docs/rules.md",
    ]


# -- the documents agree with what they describe -----------------------------------------------------
def test_rules_md_describes_every_rule_id_and_no_other() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    described = re.findall(r"^(?:### |\| )([ATFW][0-9]{2})\b", text, re.MULTILINE)

    assert sorted(described) == sorted(RULE_IDS)


def test_payload_md_names_only_fields_of_the_form() -> None:
    # The field ids are a public contract: the form may add fields, but not rename or drop those documented.
    text = (ROOT / "docs" / "payload.md").read_text(encoding="utf-8")
    table = text.split("## The fields", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE)

    assert len(documented) > 10
    assert sorted(set(documented) - load_form(ROOT / "forms" / "cancer.yaml").field_ids) == []
