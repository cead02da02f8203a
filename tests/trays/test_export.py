"""What the registry receives: every version that entered an exported tray, in the order written, as JSON
Lines; the same lines again from the same time."""

from __future__ import annotations

import json

from engine.store import Store
from engine.trays import Done, Trays, export_lines
from tests.trays.conftest import CHEF, GODKENDER, SKRIBENT, T0, made


def approve(trays: Trays, payload: dict[str, object]) -> str:
    form = made(trays, payload)
    for actor, action in ((SKRIBENT, "indsend"), (GODKENDER, "godkend"), (CHEF, "godkend_endeligt")):
        done = trays.perform(actor, form.id, action, form.revision, confirmed=True)
        assert isinstance(done, Done) and done.form is not None
        form = done.form
    return form.id


def test_every_version_received_in_order(trays: Trays, store: Store) -> None:
    first = approve(trays, {"titel": "Én"})
    second = approve(trays, {"titel": "To", "beskrivelse": "æøå"})
    lines = list(export_lines(store))
    assert [json.loads(line) for line in lines] == [
        {
            "form": first,
            "form_type": "sag",
            "version": 1,
            "state": "godkendt",
            "time": "2026-05-04T08:03:00+00:00",
            "group": "g1",
            "payload": {"titel": "Én"},
        },
        {
            "form": second,
            "form_type": "sag",
            "version": 1,
            "state": "godkendt",
            "time": "2026-05-04T08:07:00+00:00",
            "group": "g1",
            "payload": {"titel": "To", "beskrivelse": "æøå"},
        },
    ]
    assert "æøå" in lines[1]  # UTF-8, not escaped
    again = list(export_lines(store, T0.replace(minute=7)))
    assert again == lines[1:] == list(export_lines(store, T0.replace(minute=7)))
    assert list(export_lines(store, T0.replace(minute=8))) == []
