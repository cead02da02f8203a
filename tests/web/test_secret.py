"""The session secret (engine/web/secret.py): made once, kept with mode 0600."""

from __future__ import annotations

import stat
from pathlib import Path

from engine.web.secret import SECRET_FILE, session_secret


def test_made_once_and_kept(tmp_path: Path) -> None:
    first = session_secret(tmp_path / "data")
    assert len(first) >= 64
    assert session_secret(tmp_path / "data") == first
    assert stat.S_IMODE((tmp_path / "data" / SECRET_FILE).stat().st_mode) == 0o600
    assert [path.name for path in (tmp_path / "data").iterdir()] == [SECRET_FILE]  # no temporary left


def test_looser_rights_are_tightened(tmp_path: Path) -> None:
    (tmp_path / SECRET_FILE).write_text("kept\n")
    (tmp_path / SECRET_FILE).chmod(0o644)
    assert session_secret(tmp_path) == "kept"
    assert stat.S_IMODE((tmp_path / SECRET_FILE).stat().st_mode) == 0o600
