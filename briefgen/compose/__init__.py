"""Compose: models → Jinja (sandboxed) → Markdown → the block document every writer reads."""
