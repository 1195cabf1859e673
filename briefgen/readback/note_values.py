"""A footnote read from Word as the YAML holds it: its Markdown, its value and a new key."""

from __future__ import annotations

import re
from typing import Any

from ..document.blocks import Note
from ..document.keys import label_name
from ..document.tomarkdown import join_blocks, paragraph_markdown

KAMERSTUK = re.compile(
    r"^Kamerstukken (?P<kamer>II|I), (?P<vergaderjaar>\d{4}-\d{4}), (?P<dossier>[^,]+?)"
    r"(?:, nr\.[ \xa0](?P<nr>\d+)|, (?P<letter>[A-Z]{1,3}))?\.?$"
)


def note_markdown(note: Note) -> str:
    texts = [paragraph_markdown(p, label_name) for p in note.paragraphs]
    return join_blocks(note.paragraphs, texts).strip()


def derive_key(text: str, taken: set[str]) -> str:
    """A footnote key not in ``taken``: ``kamerstuk-22112-4238`` for a citation, else the
    first words of its text (``zie-ook-de-kamerbrief``)."""
    found = KAMERSTUK.match(text.strip())
    if found:
        number = found["nr"] or found["letter"] or ""
        stem = (
            "kamerstuk-"
            + re.sub(r"[^a-z0-9]+", "", found["dossier"].lower())
            + (f"-{number.lower()}" if number else "")
        )
    else:
        words = [w for w in re.sub(r"[^a-z0-9]+", "-", text.lower()).split("-") if w][:4]
        stem = "-".join(words)[:40].strip("-") or "voetnoot"
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate


def note_value(text: str, base: Any) -> Any:
    """A footnote's new value: a structured citation stays one when the text still parses."""
    found = KAMERSTUK.match(text.strip())
    if found and (base is None or isinstance(base, dict)):
        citation: dict[str, Any] = {
            "kamer": found["kamer"],
            "vergaderjaar": found["vergaderjaar"],
            "dossier": found["dossier"].replace("\xa0", " "),
        }
        if found["nr"]:
            citation["nr"] = int(found["nr"])
        elif found["letter"]:
            citation["letter"] = found["letter"]
        return {"kamerstuk": citation}
    return text
