"""indberet: a declarative form engine — YAML form specs with JsonLogic rules, compiled once, judged fast."""

__version__ = "0.1.0"
