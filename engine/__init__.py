"""indberet: a declarative form engine — YAML form specs with JsonLogic rules, compiled once, judged fast."""

from engine import _accelerated

__version__ = "0.1.0"

# The compiled copies of the hot modules (scripts/accelerate.py), when they match the source exactly.
ACCELERATED = _accelerated.install()
