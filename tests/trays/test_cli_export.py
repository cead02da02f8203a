"""``indberet export``: the versions the registry receives, as JSON Lines, from SQLite or PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from engine.store import Store
from engine.trays import Done, Trays, export_lines
from tests.cli import run_indberet
from tests.trays.conftest import CHEF, GODKENDER, SKRIBENT, made


def approve(trays: Trays, titel: str) -> None:
    form = made(trays, {"titel": titel})
    for actor, action in ((SKRIBENT, "indsend"), (GODKENDER, "godkend"), (CHEF, "godkend_endeligt")):
        done = trays.perform(actor, form.id, action, form.revision, confirmed=True)
        assert isinstance(done, Done) and done.form is not None
        form = done.form


def where(store_url: str) -> list[str]:
    if store_url.startswith("sqlite:///"):
        return ["--data-dir", str(Path(store_url.removeprefix("sqlite:///")).parent)]
    return ["--database", store_url]


def test_export_writes_every_version_received(trays: Trays, store: Store, store_url: str) -> None:
    approve(trays, "Én – æøå")
    approve(trays, "To")
    done = run_indberet("export", *where(store_url))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert lines == list(export_lines(store))
    assert [json.loads(line)["payload"]["titel"] for line in lines] == ["Én – æøå", "To"]
    second = json.loads(lines[1])["time"]
    since = run_indberet("export", "--since", second, *where(store_url))
    assert since.stdout.decode("utf-8").splitlines() == lines[1:]
    again = run_indberet("export", "--since", second, *where(store_url))
    assert again.stdout == since.stdout
    naive = run_indberet("export", "--since", "2026-05-04", *where(store_url))  # a date: midnight UTC
    assert naive.stdout.decode("utf-8").splitlines() == lines


def test_export_of_nothing_and_of_bad_input(tmp_path: Path) -> None:
    missing = run_indberet("export", "--data-dir", tmp_path / "nothing")
    assert (missing.returncode, missing.stdout) == (2, b"")
    assert missing.stderr.decode() == (
        f"indberet: no stored forms in {tmp_path / 'nothing'}: it has no indberet.sqlite3 (give --data-dir)\n"
    )
    bad = run_indberet("export", "--since", "i går", "--data-dir", tmp_path)
    assert (bad.returncode, bad.stderr.decode()) == (
        2,
        "indberet: --since 'i går' is not a time: write e.g. 2026-05-01T08:00:00Z\n",
    )
