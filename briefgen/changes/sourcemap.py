"""Where each paragraph of a composed document came from, as the manifest's source map.

Compose records, while it composes, which drafter's values each paragraph shows
(``Paragraph.shows``, :mod:`briefgen.compose.sources`); here that becomes a
:class:`~.records.SourceMap` per document: every value with its file, YAML path, text and
footnote scope, and the paragraphs that show it (whole paragraphs, or a stretch of one
generated sentence, where :func:`~briefgen.document.keys.key` writes that sentence's Markdown). Footnotes map by their
label to their file, key and value. ``briefgen absorb`` reads this from ``manifest.json``
to take a colleague's edits in the Word document back to the right value.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..data.bundle import Bundle
from ..data.footnotes import Voetnoot
from ..document.blocks import Document, NoteRef
from .records import FieldSource, NoteSource, SourceMap


def source_maps(bundle: Bundle, documents: Mapping[str, Document]) -> dict[str, SourceMap]:
    """The source map of each document composed with its sources (see ``compose.sources``)."""
    labels = _notes(bundle)
    return {name: source_map(document, labels) for name, document in documents.items()}


def source_map(document: Document, labels: Mapping[str, NoteSource]) -> SourceMap:
    """One document's map, read off its paragraphs in one pass."""
    fields: list[FieldSource] = []
    used: set[str] = set()
    for index, paragraph in enumerate(document.paragraphs):
        if paragraph.shows:
            for shown in sorted(paragraph.shows, key=lambda s: s.span or (-1, -1)):
                fields.append(FieldSource(document.origins[shown.origin], index, shown.count, shown.span))
        used.update(ref.label for ref in paragraph.inlines if type(ref) is NoteRef)
    return SourceMap(fields, {label: labels[label] for label in sorted(used) if label in labels})


def _notes(bundle: Bundle) -> dict[str, NoteSource]:
    """Each footnote label the documents can use: its file, path and value."""
    out: dict[str, NoteSource] = {}
    for note_key, value in bundle.agenda.voetnoten.items():
        out[f"agenda:{note_key}"] = _note(bundle.entry.source.path, note_key, value)
    for dossier_entry in bundle.dossiers.values():
        for note_key, value in dossier_entry.model.voetnoten.items():
            out[f"d:{dossier_entry.model.id}:{note_key}"] = _note(dossier_entry.source.path, note_key, value)
    for note_key, value in bundle.shared_notes.items():
        out[f"_:{note_key}"] = _note(bundle.shared_notes_file, note_key, value)
    return out


def _note(bestand: str, note_key: str, value: Voetnoot) -> NoteSource:
    text = value if isinstance(value, str) else value.model_dump(exclude_none=True)
    return NoteSource(bestand, ("voetnoten", note_key), text)
