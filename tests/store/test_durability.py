"""An acknowledged save survives kill -9: a real worker process saves through the service layer on four
connections and is killed with SIGKILL at a random moment, three times over the same database; every save it
acknowledged is stored as acknowledged (tests/store/kill_under_load.py; longer runs and a killed PostgreSQL
server: benchmarks/durability.py)."""

from __future__ import annotations

import random

from engine.store import open_store
from tests.store.kill_under_load import kill_round


def test_every_acknowledged_save_survives_sigkill(store_url: str) -> None:
    open_store(store_url).close()  # the schema, made before the worker starts
    rng = random.Random(11)
    acknowledged = 0
    for _ in range(3):
        found = kill_round(store_url, threads=4, seconds=rng.uniform(1.5, 2.5))
        assert found.lost == []
        acknowledged += found.acknowledged
    assert acknowledged > 50  # the worker did save under load before each kill
