"""The Word document of ``briefgen diff``: the templates write its frame (title, the
Councils compared, headings) in ``wijzigingen/document.md.j2``, and each section's
paragraphs, every change tracked, take the place of the section's marker in it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from ..data.dossier import TEXT_SECTIONS
from ..document import markdown
from ..document.blocks import Block, Document, NoteRef, Paragraph
from ..document.dutch import vaste_spaties
from ..word.writer import Properties, write_docx
from .resources import Resources
from .versions import Comparison

TEMPLATE = "wijzigingen/document.md.j2"
MARKER = "\ue000{}\ue000"
"""Stands for a section's changes in the template's Markdown: a private-use character
around a number, which no title or Council name holds."""


def write(comparison: Comparison, root: Path) -> bytes:
    """The comparison as a .docx on the project's ``reference.docx``."""
    document = to_document(comparison)
    date = document.revision.date[:10] if document.revision else ""
    created = dt.datetime.fromisoformat(date) if date else dt.datetime(2000, 1, 1)
    return write_docx(document, Resources(root).reference(), Properties(document.title, created))


def to_document(comparison: Comparison) -> Document:
    """The template's frame with each section's marked paragraphs in place of its marker;
    the title is the frame's title paragraph."""
    places: dict[str, tuple[list[Paragraph], int]] = {}
    dossiers = []
    offset = 0
    for dossier, diff in comparison.diffs:
        secties = []
        for section in diff.sections:
            if section.name in TEXT_SECTIONS:
                marker = MARKER.format(len(places))
                places[marker] = (section.paragraphs, offset)
                secties.append({"naam": section.name, "wijzigingen": marker})
        offset += len(diff.notes)
        dossiers.append({"id": dossier.id, "titel": _line(dossier.titel), "secties": secties})
    # The frame's dates, like every document's, without a line break inside (as compose's).
    frame_text = vaste_spaties(comparison.templates.render(TEMPLATE, **_view(comparison), dossiers=dossiers))
    frame = markdown.parse(frame_text)
    blocks: list[Block] = []
    for block in frame.blocks:
        place = places.get(block.text) if isinstance(block, Paragraph) else None
        if place is None:
            blocks.append(block)
        else:
            paragraphs, first_note = place
            blocks += _renumbered(paragraphs, len(frame.notes) + first_note)
    notes = [*frame.notes, *(note for _, diff in comparison.diffs for note in diff.notes)]
    title = next((b.text for b in frame.blocks if isinstance(b, Paragraph) and b.role == "title"), "")
    return Document(blocks, notes, title=title, revision=comparison.revision)


def _view(comparison: Comparison) -> dict[str, Any]:
    alone = not comparison.agendas and len(comparison.diffs) == 1
    return {
        "titel": _line(comparison.diffs[0][0].titel) if alone else None,
        "raad": _line(comparison.raad) if comparison.raad else None,
        "van": _council(comparison.van),
        "naar": _council(comparison.naar),
        "nieuw": [_line(title) for title in comparison.added.values()],
        "vervallen": [_line(title) for title in comparison.dropped.values()],
    }


def _council(council: dict[str, Any]) -> dict[str, Any]:
    return {**council, "raad": _line(council["raad"]) if council["raad"] else None}


def _renumbered(paragraphs: list[Paragraph], offset: int) -> list[Paragraph]:
    """Paragraphs whose footnote references point ``offset`` notes further."""
    return [
        dataclasses.replace(
            paragraph,
            inlines=[
                dataclasses.replace(i, note=i.note + offset) if isinstance(i, NoteRef) else i
                for i in paragraph.inlines
            ],
        )
        for paragraph in paragraphs
    ]


def _line(value: str) -> str:
    """A title or name as one line of text in the template's Markdown."""
    return markdown.one_line(markdown.protect(value))
