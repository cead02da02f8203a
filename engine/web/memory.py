"""Memory: keep what lives as long as the process out of the garbage collector's full passes.

The compiled form, the code indexes and the registers are some 40,000 objects, and the SKS D index another
20,000. Each full collection walked them all — 25–65 ms on the test machine, a pause for every request in
flight — though none of them ever becomes garbage. Frozen (``gc.freeze``), they are skipped.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Freeze every object that exists now, after collecting the garbage among them (so none is kept).

    Called once the app is made (its lifespan's start) and after each code list indexed on first use.
    """
    gc.collect()
    gc.freeze()
