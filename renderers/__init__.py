"""Renderers: turn a compiled form (and a payload) into pages; they import only the engine's lower layers."""
