"""The examples in the docstrings of engine.rules run and give what they show."""

import doctest
import importlib
import pkgutil

import pytest

import engine.rules

MODULES = [
    "engine.rules",
    *(f"engine.rules.{info.name}" for info in pkgutil.iter_modules(engine.rules.__path__)),
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    globs = {**vars(module), **vars(engine.rules)}
    failures, _ = doctest.testmod(module, globs=globs, optionflags=doctest.ELLIPSIS)
    assert failures == 0
