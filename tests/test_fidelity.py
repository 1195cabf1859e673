"""The example data renders to the cleaned GA of the Milieuraad of 17 March 2026."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from docxread import read

REFERENCE = Path(__file__).parent / "fixtures" / "ga-milieuraad-2026-03-17.md"


def reference() -> tuple[list[str], list[str]]:
    body, notes = [], []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        note = re.match(r"^\[\^\d+\]: (.*)$", line)
        if note:
            notes.append(note.group(1))
            continue
        line = re.sub(r"^(#+ |\d+\. )", "", line)
        body.append(re.sub(r"\[\^\d+\]", "", line))
    return body, notes


def similarity(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, " ".join(a).split(), " ".join(b).split(), autojunk=False).ratio()


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
