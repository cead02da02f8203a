"""The filled-in forms the scenarios start from: ``features/skemaer.yaml``, beside the feature files.

They are the cancer form's data, so they live where an analyst edits the scenarios, not in Python. Each is
valid as it stands (``test_skemaer.py`` keeps it so); a scenario then changes the fields it is about.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "features"
BASES_FILE = FEATURES / "skemaer.yaml"


def payload_features() -> list[Path]:
    """The features that judge payloads: the manual's sections (``<afsnit>-*.feature``) and the examples;
    not the web pages' (``sider*.feature``) nor the stored forms' trays and actions (tests/acceptance/
    arbejdsgang/ has their steps)."""
    return sorted([*FEATURES.glob("[0-9]*.feature"), *FEATURES.glob("eksempler.feature")])


Payload = dict[str, Any]


@cache
def bases() -> dict[str, Payload]:
    """Every base form by its name in the steps (»Givet et udfyldt skema for <navn>«).

    Read with YAML's base loader: every value stays text, as a payload writes it (no dates, no numbers).
    """
    loaded = yaml.load(BASES_FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    if not isinstance(loaded, dict) or not all(isinstance(form, dict) for form in loaded.values()):
        raise ValueError(f"{BASES_FILE}: write each base form as a name followed by its fields")
    return loaded


def base(name: str) -> Payload:
    """A fresh copy of the named base form."""
    known = bases()
    if name not in known:
        raise KeyError(f"no base form {name!r} in {BASES_FILE.name}; known: {', '.join(known)}")
    return copy.deepcopy(known[name])
