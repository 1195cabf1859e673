"""The example data renders to the cleaned GA of the Milieuraad of 17 March 2026."""

from __future__ import annotations

from pathlib import Path

from docxread import read
from helpers import reference, similarity


def test_body_text_matches_reference(rendered: Path) -> None:
    body, _ = reference()
    ours = [p.text for p in read(rendered).paragraphs if p.text.strip()]
    assert similarity(ours, body) >= 0.97


def test_footnotes_match_reference_in_order(rendered: Path) -> None:
    _, notes = reference()
    ours = read(rendered).note_texts()
    assert len(ours) == len(notes) == 12
    for mine, theirs in zip(ours, notes, strict=True):
        assert similarity([mine], [theirs]) >= 0.95, (mine, theirs)
