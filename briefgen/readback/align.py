"""Pair a returned document's paragraphs and footnotes with the ones the build composed.

Paragraphs are compared by their identity (role, list kind and Markdown, see
:func:`briefgen.document.keys.key`); where a stretch differs, an edited paragraph
is the built one it most resembles, or an addition after the last one paired.
Footnotes with equal text pair first; a footnote whose text changed is the one whose
reference sits at the same place in the same (paired) paragraph.
"""

from __future__ import annotations

import difflib
from typing import Any

from ..changes.opcodes import opcodes
from ..document.blocks import Document, NoteRef, Paragraph, Span
from ..document.dutch import gewone_spaties
from ..document.keys import key
from ..word.reader import Reading
from .note_values import note_markdown

SIMILAR = 0.5
MAX_PAIRS = 5_000
"""Paragraph pairs compared in full for one document, at most (a stretch of seventy
edited paragraphs against seventy built ones is compared pair by pair); past it each
edited paragraph is compared only with the built one where the last pairing left off."""
COMPARED = 2_000
"""Characters of each paragraph compared to pair it: enough to tell paragraphs apart."""
Anchor = tuple[str, int]
"""('match', i): the edited paragraph is built paragraph i; ('after', i): it was added after i."""


class Alignment:
    """The built document (``b``: its paragraphs) against the returned one (``e``)."""

    def __init__(self, built: Document, reading: Reading):
        for paragraph in (*built.paragraphs, *reading.paragraphs, *_note_paragraphs(built, reading)):
            _plain_spaces(paragraph)
        self.built = built
        self.reading = reading
        self.b: list[Paragraph] = built.paragraphs
        self.e: list[Paragraph] = reading.paragraphs
        self._anchors: tuple[tuple[tuple[Any, ...], tuple[Any, ...]], list[Anchor]] | None = None
        self.note_labels = self._built_labels()
        self.e_labels = self._align_notes()
        self.ekeys = [key(p, self.e_name) for p in self.e]

    def _built_labels(self) -> list[str]:
        labels = [""] * len(self.built.notes)
        for paragraph in self.b:
            for inline in paragraph.inlines:
                if isinstance(inline, NoteRef):
                    labels[inline.note] = inline.label
        return labels

    def _align_notes(self) -> list[str | None]:
        """For each footnote of the document, the label of the built footnote it is (None: new).

        Equal footnotes pair first (in order, then any left over, for a reference moved past
        another); the paragraphs are paired with only those known, so that a changed footnote
        can be found by where its reference stands.
        """
        before = [note_markdown(n) for n in self.built.notes]
        after = [note_markdown(n) for n in self.reading.notes]
        self.e_note_texts = after
        labels = self._equal_notes(before, after)
        self.e_labels = labels
        self.bkeys = [key(p) for p in self.b]
        self.ekeys = [key(p, self.e_name) for p in self.e]
        taken: set[str | None] = {label for label in labels if label}
        for j, (kind, i) in enumerate(self.anchors()):
            if kind != "match":
                continue
            built_refs = [r for r in self.b[i].inlines if isinstance(r, NoteRef)]
            edited_refs = [r for r in self.e[j].inlines if isinstance(r, NoteRef)]
            free = [r.label for r in built_refs if r.label not in taken]
            for ref in edited_refs:
                if labels[ref.note] is None and free:
                    labels[ref.note] = free.pop(0)
                    taken.add(labels[ref.note])
        self.note_edits: dict[str, str] = {}
        for index, label in enumerate(labels):
            if label is not None and label not in self.note_edits:
                original = before[self.note_labels.index(label)]
                if after[index] != original:
                    self.note_edits[label] = after[index]
        return labels

    def _equal_notes(self, before: list[str], after: list[str]) -> list[str | None]:
        """The built label of each returned footnote of the same text, in order where they
        are in order, then any left over (a reference moved past another); None for the rest."""
        labels: list[str | None] = [None] * len(after)
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                labels[block.b + offset] = self.note_labels[block.a + offset]
        taken = {label for label in labels if label}
        left: dict[str, list[str]] = {}
        for label, text in zip(self.note_labels, before, strict=True):
            if label and label not in taken:
                left.setdefault(text, []).append(label)
        for index, text in enumerate(after):
            if labels[index] is None and left.get(text):
                labels[index] = left[text].pop(0)
        return labels

    def e_name(self, ref: NoteRef) -> str:
        """A returned footnote reference's label: the built one's, or ``+<n>`` for a new note."""
        label = self.e_labels[ref.note] if ref.note < len(self.e_labels) else None
        return label if label is not None else f"+{ref.note}"

    def resemblance(self) -> float:
        """The share of built paragraphs whose text the returned document still has."""
        if not self.b:
            return 1.0
        texts = {p.text for p in self.e}
        return sum(1 for p in self.b if p.text in texts) / len(self.b)

    def anchors(self) -> list[Anchor]:
        """For each edited paragraph: ('match', i) the built paragraph it is, or ('after', i).

        Bounded however the document was edited: the paragraphs are aligned by
        :func:`briefgen.changes.opcodes.opcodes`; in a stretch that differs, each edited
        paragraph is compared with at most ``MAX_PAIRS // its stretch's length`` built
        paragraphs from where the last pairing left off (every one, in a stretch of
        ordinary size), on their first ``COMPARED`` characters, and with one only once
        ``MAX_PAIRS`` pairs were compared in the document.
        """
        keys = (tuple(self.bkeys), tuple(self.ekeys))
        if self._anchors is not None and self._anchors[0] == keys:
            return self._anchors[1]
        anchors: list[Anchor] = [("after", -1)] * len(self.e)
        budget = MAX_PAIRS
        for op, i1, i2, j1, j2 in opcodes(self.bkeys, self.ekeys):
            if op == "equal":
                for offset in range(i2 - i1):
                    anchors[j1 + offset] = ("match", i1 + offset)
                continue
            last = i1 - 1
            cursor = i1
            window = max(1, MAX_PAIRS // max(1, j2 - j1))
            for j in range(j1, j2):
                best, score = None, SIMILAR
                matcher = difflib.SequenceMatcher(None, "", self.e[j].text[:COMPARED])
                for i in range(cursor, min(i2, cursor + (window if budget > 0 else 1))):
                    matcher.set_seq1(self.b[i].text[:COMPARED])
                    if matcher.real_quick_ratio() < score or matcher.quick_ratio() < score:
                        continue
                    budget -= 1
                    ratio = matcher.ratio()
                    if ratio >= score:
                        best, score = i, ratio
                if best is not None and (j2 - j1 > 1 or i2 - i1 > 1 or op == "replace"):
                    anchors[j] = ("match", best)
                    last, cursor = best, best + 1
                else:
                    anchors[j] = ("after", last)
        self._anchors = (keys, anchors)
        return anchors


def _note_paragraphs(*documents: Document | Reading) -> list[Paragraph]:
    return [p for document in documents for note in document.notes for p in note.paragraphs]


def _plain_spaces(paragraph: Paragraph) -> None:
    """The non-breaking spaces compose puts in every text (in dates, "nr. 123", Kamerstuk
    dossiers) read as the spaces the drafter's files hold, on both sides."""
    for inline in paragraph.inlines:
        if isinstance(inline, Span):
            inline.text = gewone_spaties(inline.text)
