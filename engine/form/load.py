"""The whole pipeline in one place: read YAML → check the format → build the model → load code lists →
cross-check → compile.

>>> form = load_form(default_form_path())          # doctest: +SKIP
>>> validate(form, {"diagnose": "DC509"}).valid     # doctest: +SKIP
False
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import engine
from engine.codelists.csvfile import CodeListError, read_codelist
from engine.codelists.model import CodeList
from engine.form.compile import compile_form
from engine.form.compiled import CompiledForm
from engine.form.crosscheck import cross_check
from engine.spec.build import build_form
from engine.spec.model import FormSpec
from engine.spec.schema import check_schema
from engine.spec.spec_problems import Problem, problem, sort_problems
from engine.spec.yamlsource import load_yaml


class FormUnreadable(Exception):
    """The spec file cannot be read at all (missing, a directory, no permission)."""


class SpecError(Exception):
    """The spec has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the form spec")
        self.problems = problems


@dataclass(frozen=True)
class Linted:
    form: CompiledForm | None
    problems: tuple[Problem, ...]


def default_form_path() -> Path:
    """The cancer form that ships with the package (installed), or the repository's (editable install)."""
    package = Path(engine.__file__).resolve().parent
    installed = package / "_data" / "forms" / "cancer.yaml"
    return installed if installed.exists() else package.parent / "forms" / "cancer.yaml"


def display_path(path: Path) -> str:
    """``path`` as the user would write it: relative to the working directory when it lies below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive (Windows)
        return str(path)


MAX_SPEC_BYTES = 5_000_000  # a form spec is tens of kB; its code lists live in CSV files


def lint_form(path: Path, **options: Any) -> Linted:
    """Run the whole pipeline and report every problem; raises FormUnreadable only when there is no text.

    ``options`` go to :func:`compile_form` (``rule_compiler``, ``memo``).
    """
    name = display_path(path)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_SPEC_BYTES + 1)
    except OSError as error:
        raise FormUnreadable(f"{name}: cannot read the file: {error.strerror or error}") from error
    if len(raw) > MAX_SPEC_BYTES:
        size = path.stat().st_size
        return Linted(None, (problem(name, 1, 1, "file-too-large", size=size, limit=MAX_SPEC_BYTES),))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Linted(None, (problem(name, 1, 1, "file-encoding", detail=str(error)),))
    data, source, problems = load_yaml(text, name)
    if data is None:
        return Linted(None, tuple(problems))
    problems += check_schema(data, source)
    spec = build_form(data, source, path.resolve())
    codelists, list_problems = load_codelists(spec)
    compiled, compile_problems = compile_form(spec, codelists, **options)
    problems += list_problems + compile_problems + cross_check(spec, compiled.operators)
    found = tuple(sort_problems(problems))
    return Linted(None if found else compiled, found)


def load_form(path: Path | None = None, **options: Any) -> CompiledForm:
    """The compiled form at ``path`` (default: the shipped cancer form); SpecError when it has problems."""
    linted = lint_form(path or default_form_path(), **options)
    if linted.form is None:
        raise SpecError(linted.problems)
    return linted.form


def load_codelists(spec: FormSpec) -> tuple[Mapping[str, CodeList], list[Problem]]:
    lists: dict[str, CodeList] = {}
    problems: list[Problem] = []
    for name, ref in spec.codelists.items():
        try:
            lists[name] = read_codelist(ref.file)
        except CodeListError as error:
            for found in error.problems:
                problems.append(
                    problem(
                        display_path(found.path),
                        found.line,
                        1,
                        "codelist-file",
                        name=name,
                        detail=found.message,
                        hint=found.hint,
                    )
                )
        except OSError as error:
            where = spec.source.at((*ref.path, "file"))
            problems.append(
                problem(
                    spec.source.filename,
                    where.line,
                    where.column,
                    "codelist-file",
                    name=name,
                    detail=f"cannot read {display_path(ref.file)}: {error.strerror or error}",
                    hint="check the file name under codelists:",
                    source=spec.source.line_text(where.line),
                )
            )
    return lists, problems
