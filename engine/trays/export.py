"""What the registry receives (``indberet export``): every version a form entered a tray the spec marks
``exported`` with (each report, each cancellation), as JSON Lines, in the order they were written.

Versions are never changed once written, and their times never go back in that order
(``engine.store.forms``), so exporting again from the same time gives the same lines, and a registry that
loads from the time of the last line it has misses none.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from engine.form.jsontext import json_text
from engine.store import FormStore, VersionRow


def version_json(version: VersionRow) -> dict[str, object]:
    return {
        "form": version.form_id,
        "form_type": version.form_type,
        "version": version.version,
        "state": version.state,
        "time": version.at.isoformat(),
        "group": version.group,
        "payload": version.payload,
    }


def export_lines(store: FormStore, since: datetime.datetime | None = None) -> Iterator[str]:
    """One JSON line (without its line end) per version written at or after ``since``."""
    for version in store.versions_since(since):
        yield json_text(version_json(version))
