"""The session secret: made once per data directory, kept in a file only its owner may read (0600)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_FILE = "session-secret"


def session_secret(data_dir: Path) -> str:
    """The secret in ``data_dir``, made (and the directory with it) on first use.

    The file is written under a temporary name and then hard-linked into place, which fails when the file
    exists: two processes starting at once (uvicorn ``--reload``) both end up with the one, complete file.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SECRET_FILE
    if not path.exists():
        temporary = data_dir / f".{SECRET_FILE}.{secrets.token_hex(8)}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    if path.stat().st_mode & 0o077:  # made or copied with looser rights: tighten them
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()
