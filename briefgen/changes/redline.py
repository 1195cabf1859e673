"""The redline algorithm on block documents: ``after`` with every difference from ``before``
marked as inserted or deleted, so that accepting every change gives ``after`` and
rejecting every change gives ``before``.

Blocks are aligned first (paragraphs and tables), then, inside a paragraph both versions
have, the sentences, and only a reworded sentence is compared word by word. Footnote
references both versions of a paragraph carry stay as anchors; text moves around them.

The time stays near-linear in the length of the texts: every alignment first sets aside
the common start and end of its two sequences, items are compared as small integers,
and the word-level comparison (difflib, quadratic in the worst case) runs only on
stretches whose sizes multiply to at most ``align.WORD_BUDGET``; a longer reworded stretch
is one deletion and one insertion. Memory is a few references per word, and spans are
built by one join.
"""

from __future__ import annotations

import dataclasses
from itertools import pairwise
from typing import cast

from ..document.blocks import (
    Block,
    Document,
    Inline,
    Note,
    NoteRef,
    Paragraph,
    Revision,
    Span,
    Table,
    Tracked,
)
from .opcodes import opcodes, word_opcodes
from .tokens import Tokens, block_key, form, is_space, row_key, similar


class _Inlines:
    """Inlines built token by token; neighbouring text of one formatting and change becomes
    one span, joined once."""

    def __init__(self, merger: Redliner):
        self.merger = merger
        self.out: list[Inline] = []
        self.texts: list[str] = []
        self.style: tuple[bool, bool, str | None, Tracked] | None = None

    def add(self, text: Tokens, start: int, end: int, change: Tracked) -> None:
        keys = text.keys
        if text.plain:
            style = (False, False, None, change)
            if style != self.style:
                self._flush()
                self.style = style
            self.texts += cast(list[str], keys[start:end])  # a plain paragraph's keys are its words
            return
        for index in range(start, end):
            key = keys[index]
            if isinstance(key, str):
                style, word = (False, False, None, change), key
            elif key[0] == "t":
                style, word = (key[2], key[3], key[4], change), key[1]
            else:
                self._flush()
                self.out.append(self.merger.inline(text.inlines[index], text.source, change))
                continue
            if style != self.style:
                self._flush()
                self.style = style
            self.texts.append(word)

    def _flush(self) -> None:
        if self.texts and self.style is not None:
            bold, italic, link, change = self.style
            self.out.append(Span("".join(self.texts), bold, italic, change, link))
        self.texts, self.style = [], None

    def done(self) -> list[Inline]:
        self._flush()
        return self.out


class Redliner:
    """Builds marked-up blocks, collecting the footnotes they reference as it goes."""

    def __init__(self, notes: list[Note]):
        self.notes = notes

    def blocks(self, before: Document | None, after: Document | None) -> list[Block]:
        """The blocks of ``after`` with every difference from ``before`` marked."""
        return self._aligned(
            [(b, before) for b in before.blocks] if before else [],
            [(b, after) for b in after.blocks] if after else [],
        )

    def _aligned(self, old: list[tuple[Block, Document]], new: list[tuple[Block, Document]]) -> list[Block]:
        out: list[Block] = []
        keys_old = [block_key(b, d) for b, d in old]
        keys_new = [block_key(b, d) for b, d in new]
        for op, i1, i2, j1, j2 in opcodes(keys_old, keys_new):
            if op == "equal":
                out += [self._block(b, d, None) for b, d in new[j1:j2]]
                continue
            out += self._region(old[i1:i2], new[j1:j2])
        return out

    def _region(self, old: list[tuple[Block, Document]], new: list[tuple[Block, Document]]) -> list[Block]:
        """Blocks that differ: those of one form (paragraphs of one role and list level,
        tables with as many columns), aligned in order, are compared inside; the rest are
        deleted or inserted whole."""
        out: list[Block] = []
        for op, i1, i2, j1, j2 in opcodes([form(b) for b, _ in old], [form(b) for b, _ in new]):
            if op == "equal":
                for (a, da), (b, db) in zip(old[i1:i2], new[j1:j2], strict=True):
                    out.append(self._reworded(a, da, b, db))
                continue
            out += [self._block(b, d, "del") for b, d in old[i1:i2]]
            out += [self._block(b, d, "ins") for b, d in new[j1:j2]]
        return out

    def _block(self, block: Block, source: Document, change: Tracked) -> Block:
        if isinstance(block, Table):
            rows = [[self._cell(cell, source, change) for cell in row] for row in block.rows]
            return Table(rows, block.widths, [change] * len(rows))
        inlines = [self.inline(i, source, change) for i in block.inlines]
        return dataclasses.replace(block, change=change, inlines=inlines)

    def _cell(self, cell: list[Paragraph], source: Document, change: Tracked) -> list[Paragraph]:
        """A cell's paragraphs with their text marked; a cell keeps its paragraph marks,
        which go with the row."""
        return [
            dataclasses.replace(p, change=None, inlines=[self.inline(i, source, change) for i in p.inlines])
            for p in cell
        ]

    def _reworded(self, a: Block, da: Document, b: Block, db: Document) -> Block:
        if isinstance(a, Table) and isinstance(b, Table):
            return self._table(a, da, b, db)
        assert isinstance(a, Paragraph) and isinstance(b, Paragraph)
        return self._paragraph(a, da, b, db)

    def _table(self, a: Table, da: Document, b: Table, db: Document) -> Table:
        """Rows aligned; a row in both versions with as many cells is compared cell by
        cell, other rows are inserted or deleted whole."""
        rows: list[list[list[Paragraph]]] = []
        changes: list[Tracked] = []
        for op, i1, i2, j1, j2 in opcodes([row_key(r, da) for r in a.rows], [row_key(r, db) for r in b.rows]):
            if op == "equal":
                rows += [[self._cell(c, db, None) for c in row] for row in b.rows[j1:j2]]
                changes += [None] * (j2 - j1)
                continue
            pairs = list(zip(a.rows[i1:i2], b.rows[j1:j2], strict=False)) if op == "replace" else []
            paired = [(x, y) for x, y in pairs if len(x) == len(y)]
            if len(paired) != len(pairs):
                paired = []
            for x, y in paired:
                rows.append([self._cells(cx, da, cy, db) for cx, cy in zip(x, y, strict=True)])
                changes.append(None)
            for row in a.rows[i1 + len(paired) : i2]:
                rows.append([self._cell(c, da, "del") for c in row])
                changes.append("del")
            for row in b.rows[j1 + len(paired) : j2]:
                rows.append([self._cell(c, db, "ins") for c in row])
                changes.append("ins")
        return Table(rows, b.widths, changes)

    def _cells(self, x: list[Paragraph], dx: Document, y: list[Paragraph], dy: Document) -> list[Paragraph]:
        """A cell in both versions: its paragraphs aligned like a section's."""
        blocks = self._aligned([(p, dx) for p in x], [(p, dy) for p in y])
        return [b for b in blocks if isinstance(b, Paragraph)]

    def _paragraph(self, a: Paragraph, da: Document, b: Paragraph, db: Document) -> Paragraph:
        """A paragraph in both versions. Footnotes present in both stay put as anchors and
        the text between them is compared, so a footnote that moved shows as text moving
        around its unchanged reference: accepting and rejecting both keep one footnote."""
        old, new = Tokens(a, da), Tokens(b, db)
        out = _Inlines(self)
        start_old = start_new = 0
        for i, j in [*_anchors(old, new), (len(old.keys), len(new.keys))]:
            self._segment(out, old, start_old, i, new, start_new, j)
            if j < len(new.keys):
                out.add(new, j, j + 1, None)
            start_old, start_new = i + 1, j + 1
        return dataclasses.replace(b, inlines=out.done())

    def _segment(self, out: _Inlines, old: Tokens, o1: int, o2: int, new: Tokens, n1: int, n2: int) -> None:
        """Two stretches of text: whole sentences where they differ a lot, words where a
        sentence was reworded."""
        bounds_old, bounds_new = old.sentences(o1, o2), new.sentences(n1, n2)
        sentences_old = [tuple(old.keys[s:e]) for s, e in pairwise(bounds_old)]
        sentences_new = [tuple(new.keys[s:e]) for s, e in pairwise(bounds_new)]
        for op, i1, i2, j1, j2 in opcodes(sentences_old, sentences_new):
            g1, g2, c1, c2 = bounds_old[i1], bounds_old[i2], bounds_new[j1], bounds_new[j2]
            if op == "equal":
                out.add(new, c1, c2, None)
                continue
            if op != "replace" or not similar(old.keys[g1:g2], new.keys[c1:c2]):
                out.add(old, g1, g2, "del")
                out.add(new, c1, c2, "ins")
                continue
            self._words(out, old, g1, g2, new, c1, c2)

    def _words(self, out: _Inlines, old: Tokens, g1: int, g2: int, new: Tokens, c1: int, c2: int) -> None:
        """A reworded sentence word by word. A space alone between two changes joins them, so
        "[-steunt het-]{+verwelkomt dit+}" reads as one change rather than two interleaved ones."""
        words = word_opcodes(old.keys[g1:g2], new.keys[c1:c2])
        pending: tuple[int, int] | None = None
        for index, (kind, w1, _, v1, v2) in enumerate(words):
            between = 0 < index < len(words) - 1 and all(is_space(k) for k in new.keys[c1 + v1 : c1 + v2])
            if kind == "equal" and not between:
                if pending is not None:
                    out.add(old, g1 + pending[0], g1 + w1, "del")
                    out.add(new, c1 + pending[1], c1 + v1, "ins")
                    pending = None
                out.add(new, c1 + v1, c1 + v2, None)
            elif pending is None:
                pending = (w1, v1)
        if pending is not None:
            out.add(old, g1 + pending[0], g2, "del")
            out.add(new, c1 + pending[1], c2, "ins")

    def inline(self, inline: Inline, source: Document, change: Tracked) -> Inline:
        if isinstance(inline, NoteRef):
            self.notes.append(source.notes[inline.note])
            return NoteRef(len(self.notes) - 1, change, inline.label)
        return dataclasses.replace(inline, change=change)


def _anchors(old: Tokens, new: Tokens) -> list[tuple[int, int]]:
    """Positions of the footnote references both versions share, in the same order."""
    notes_old = [i for i in sorted(old.inlines) if isinstance(old.inlines[i], NoteRef)]
    notes_new = [j for j in sorted(new.inlines) if isinstance(new.inlines[j], NoteRef)]
    matched = word_opcodes([old.keys[i] for i in notes_old], [new.keys[j] for j in notes_new])
    return [
        (notes_old[i1 + k], notes_new[j1 + k])
        for op, i1, i2, j1, _ in matched
        if op == "equal"
        for k in range(i2 - i1)
    ]


def tracked(before: Document, after: Document, revision: Revision) -> Document:
    """``after`` with every difference from ``before`` as a tracked change."""
    notes: list[Note] = []
    blocks = Redliner(notes).blocks(before, after)
    return Document(blocks=blocks, notes=notes, title=after.title, layout=after.layout, revision=revision)
