"""The build script of the shipped lists: restoring æ, ø, å, and a full build where the domain data is."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).parents[2] / "codelists" / "build" / "make_lists.py"


@pytest.fixture(scope="module")
def make_lists() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_lists", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_restores_danish_letters_word_by_word(make_lists: ModuleType) -> None:
    restore = make_lists.restore_danish_letters

    assert restore("Excision af patologisk vaev i hud og underhud paa hoved eller hals") == (
        "Excision af patologisk væv i hud og underhud på hoved eller hals",
        [("vaev", "væv"), ("paa", "på")],
    )
    assert restore("Subkutan mastektomi med bevarelse af papilla mammae") == (
        "Subkutan mastektomi med bevarelse af papilla mammae",
        [],
    )
    assert restore("Enkeltsidig lobektomi af skjoldbruskkirtel") == (
        "Enkeltsidig lobektomi af skjoldbruskkirtel",
        [],
    )


def test_an_unknown_transliterated_word_stops_the_build(make_lists: ModuleType) -> None:
    with pytest.raises(SystemExit, match="add 'haandled' to RESTORED_WORDS or KEPT_WORDS"):
        make_lists.restore_danish_letters("Amputation gennem haandled")


@pytest.mark.skipif(not Path("/work/shared/domain/data").is_dir(), reason="the domain data is not here")
def test_builds_every_list_with_its_expected_count(make_lists: ModuleType, tmp_path: Path) -> None:
    assert make_lists.main(["--out", str(tmp_path)]) == 0

    assert sorted(path.stem for path in tmp_path.glob("*.csv")) == sorted(make_lists.EXPECTED_COUNTS)
