"""The web layer: the Starlette app that serves the form pages and the JSON API; it assembles everything."""
