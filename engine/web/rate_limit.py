"""How often one client may look a CPR number up: a token bucket per client address.

A client may make ``burst`` look-ups at once, then ``rate`` a second; a look-up beyond that is refused (429,
with Retry-After) — and audited, like every request to the look-up. The buckets live in the process (one
server; several app servers each count their own), and there are at most :data:`MAX_CLIENTS` of them: a
full bucket is the same as none, so full ones are dropped first, then the oldest. Beside them,
:func:`user_wait` counts a user's look-ups of the last minute in the audit itself, which every app server
on the database writes: that limit holds however many servers there are.

    limits = RateLimits(rate=2.0, burst=10)
    wait = limits.wait("10.0.0.7")   # 0.0: go ahead (a token is taken); else seconds until one is there
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable

from engine.store import Store

MAX_CLIENTS = 10_000


class RateLimits:
    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a rate limit needs a rate above 0 and a burst of at least 1")
        self.rate = rate
        self.burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client → (tokens, when counted)
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """0.0 when ``client`` may go ahead now (and it is counted), else the seconds until it may."""
        with self._lock:
            now = self._clock()
            tokens, then = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens >= 1.0:
                tokens -= 1.0
                waited = 0.0
            else:
                waited = (1.0 - tokens) / self.rate
            self._buckets[client] = (tokens, now)  # last in the dict: the most recently seen
            if len(self._buckets) > MAX_CLIENTS:
                self._forget(now)
            return waited

    def _forget(self, now: float) -> None:
        full = [
            key
            for key, (tokens, then) in self._buckets.items()
            if tokens + (now - then) * self.rate >= self.burst
        ]
        for key in full:
            del self._buckets[key]
        for key in list(self._buckets)[: max(0, len(self._buckets) - MAX_CLIENTS)]:
            del self._buckets[key]  # the least recently seen


USER_WINDOW = datetime.timedelta(minutes=1)


def user_wait(store: Store, user: str | None, per_minute: int, now: datetime.datetime | None = None) -> float:
    """0.0 when ``user`` has made fewer than ``per_minute`` look-ups in the last minute (every app server's,
    refused ones not counted), else the seconds to wait. No user (no session): no count here. StoreError
    when the audit cannot be read: then no look-up is made either."""
    if user is None:
        return 0.0
    moment = now or datetime.datetime.now(datetime.UTC)
    made = store.count_cpr_accesses(user, moment - USER_WINDOW)
    return USER_WINDOW.total_seconds() if made >= per_minute else 0.0
