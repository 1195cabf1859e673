"""How a dossier's position moved between two versions, section by section.

Each section is a block document (as the documents show it); paragraphs are aligned,
then sentences, and only sentences that were reworded are compared word by word (see
``redline``). A sentence that moved is one deletion and one insertion, not a scatter of
changed words. The result holds, per section, paragraphs whose inlines carry ``ins``/``del``
marks (written as Word revisions) and the same changes as text operations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.dossier import TEXT_SECTIONS
from ..document.blocks import Document, Note, NoteRef, Paragraph
from .operations import Operation, note_key, note_operations, operations
from .redline import Redliner
from .tokens import note_text

NOTES = "voetnoten"
"""The section that lists the footnotes, after the texts."""


@dataclass
class Version:
    """One position (at one Council, or in one revision), section by section, with the
    footnotes its sections reference, by key."""

    raad: str
    sections: dict[str, Document]
    notes: dict[str, str]

    @classmethod
    def of(cls, raad: str, sections: dict[str, Document]) -> Version:
        notes: dict[str, str] = {}
        for document in sections.values():
            notes.update(_notes_of(document))
        return cls(raad, sections, notes)


@dataclass
class SectionDiff:
    name: str
    paragraphs: list[Paragraph]
    operations: list[Operation]


@dataclass
class PositionDiff:
    """The changes from version ``old`` to version ``new``; ``notes`` are the footnotes the
    marked paragraphs reference."""

    old: str
    new: str
    sections: list[SectionDiff]
    notes: list[Note] = field(default_factory=list)


def compare(old: Version, new: Version) -> PositionDiff:
    """Section by section, the changes from ``old`` to ``new``, footnotes last.

    An outcome (``uitkomst``) shows when the later version has one: an earlier Council's
    outcome is no part of a later Council's position that has none yet.
    """
    result = PositionDiff(old.raad, new.raad, [])
    if "uitkomst" not in new.sections:
        old = _without_outcome(old)
    for name in TEXT_SECTIONS:
        before, after = old.sections.get(name), new.sections.get(name)
        if before is None and after is None:
            continue
        blocks = Redliner(result.notes).blocks(before, after)
        paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
        result.sections.append(SectionDiff(name, paragraphs, operations(paragraphs)))
    if old.notes or new.notes:
        result.sections.append(SectionDiff(NOTES, [], note_operations(old.notes, new.notes)))
    return result


def _notes_of(document: Document) -> dict[str, str]:
    """The footnotes a section references, by key, with their text."""
    return {
        note_key(inline.label): note_text(document.notes[inline.note])
        for paragraph in document.paragraphs
        for inline in paragraph.inlines
        if isinstance(inline, NoteRef)
    }


def _without_outcome(version: Version) -> Version:
    """A version without its ``uitkomst``, nor the footnotes only the outcome used."""
    return Version.of(version.raad, {name: d for name, d in version.sections.items() if name != "uitkomst"})
