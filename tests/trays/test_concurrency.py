"""Two people save one form at the same moment, a thousand times over, through two connections (as two app
servers would): each time exactly one save is stored, the other is refused as stale, and no update is lost."""

from __future__ import annotations

import threading
from collections import Counter

from engine.store import open_store
from engine.trays import Done, Trays
from engine.workflow import CompiledWorkflow, Refusal
from tests.trays.conftest import SKRIBENT, made, ticking

ROUNDS = 1_000


def test_two_concurrent_saves_never_lose_an_update(store_url: str, sag_workflow: CompiledWorkflow) -> None:
    stores = [open_store(store_url), open_store(store_url)]
    sides = [Trays(store, [sag_workflow], clock=ticking()) for store in stores]
    form = made(sides[0], {"titel": "0"})
    barrier = threading.Barrier(2)
    outcomes: list[object] = [None, None]
    tally: Counter[str] = Counter()

    def save(side: int, text: str, revision: int) -> None:
        barrier.wait()
        outcomes[side] = sides[side].save(SKRIBENT, form.id, {"titel": text}, revision)

    try:
        for n in range(ROUNDS):
            row = stores[0].get_form(form.id)
            assert row is not None
            texts = (f"A{n}", f"B{n}")
            threads = [
                threading.Thread(target=save, args=(side, texts[side], row.revision)) for side in (0, 1)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            stored = [o for o in outcomes if isinstance(o, Done)]
            refused = [o for o in outcomes if isinstance(o, Refusal)]
            assert len(stored) == 1 and len(refused) == 1, outcomes
            assert (refused[0].code, refused[0].message) == ("stale", "forældet")
            winner = stored[0].form
            assert winner is not None
            now = stores[1].get_form(form.id)
            assert now is not None and now.revision == row.revision + 1
            assert now.payload == winner.payload  # what the winner was told is what is stored
            tally["A" if winner.payload["titel"].startswith("A") else "B"] += 1
        saves = [e for e in stores[0].form_audit(form.id) if e.event == "action"]
        assert len(saves) == ROUNDS  # the refused saves left nothing behind
    finally:
        for store in stores:
            store.close()
    assert sum(tally.values()) == ROUNDS
