"""The redline algorithm on block documents: ``after`` with every difference from ``before``
marked as inserted or deleted, so that accepting every change gives ``after`` and
rejecting every change gives ``before``.

Blocks are aligned first (paragraphs and tables), then, inside a paragraph both versions
have, the sentences, and only a reworded sentence is compared word by word. Footnote
references both versions of a paragraph carry stay as anchors; text moves around them.

The time stays near-linear in the length of the texts: every alignment first sets aside
the common start and end of its two sequences, items are compared as small integers,
and the word-level comparison (difflib, quadratic in the worst case) runs only on
stretches whose sizes multiply to at most ``WORD_BUDGET``; a longer reworded stretch is
one deletion and one insertion. Memory is a few references per word: a word is kept as
its text (with its formatting only when it has any), and spans are built by one join.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from bisect import bisect_left
from collections.abc import Hashable, Sequence
from itertools import accumulate, pairwise
from typing import Any

from ..compose.blocks import (
    Block,
    Break,
    Change,
    Document,
    Inline,
    Note,
    NoteRef,
    Paragraph,
    Revision,
    Span,
    Table,
)

WORD_BUDGET = 1_000_000
"""Largest product of two stretches' word counts that difflib compares word by word."""
SIMILAR = 0.5
"""Two sentences at least this similar (difflib's ratio) are compared word by word."""

_WORDS = re.compile(r"\S+|\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
_ENDS = ".!?…"
_BOUNDARY = re.compile(r"[.!?…][\"'”’)]*(?=\s)")
_CLOSERS = "\"'”’)"

Opcode = tuple[str, int, int, int, int]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable], budget: int | None = None) -> list[Opcode]:
    """difflib's opcodes turning ``a`` into ``b``, in bounded time.

    Small inputs go to difflib whole. Larger ones set aside their common start and end
    first; the middle then goes to difflib when its sizes multiply to at most ``budget``,
    else it is one replacement. Without a budget (for paragraphs and sentences, which are
    mostly distinct) a large middle goes to difflib with its heuristic that leaves items
    occurring in more than one percent of places out of the search for anchors.
    """
    if len(a) * len(b) <= (WORD_BUDGET if budget is None else budget):
        return _difflib(a, b, autojunk=False)
    start = _common_start(a, b)
    end = _common_start(a[: start - 1 if start else None : -1], b[: start - 1 if start else None : -1])
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    out: list[Opcode] = [("equal", 0, start, 0, start)] if start else []
    if not middle_a and not middle_b:
        pass
    elif not middle_a or not middle_b or (budget is not None and len(middle_a) * len(middle_b) > budget):
        op = "replace" if middle_a and middle_b else "delete" if middle_a else "insert"
        out.append((op, start, start + len(middle_a), start, start + len(middle_b)))
    else:
        out += [
            (op, i1 + start, i2 + start, j1 + start, j2 + start)
            for op, i1, i2, j1, j2 in _difflib(middle_a, middle_b, autojunk=budget is None)
        ]
    if end:
        out.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return out


def _difflib(a: Sequence[Hashable], b: Sequence[Hashable], autojunk: bool) -> list[Opcode]:
    """difflib on the items as small integers: each item is hashed once."""
    ids: dict[Hashable, int] = {}
    left = [ids.setdefault(item, len(ids)) for item in a]
    right = [ids.setdefault(item, len(ids)) for item in b]
    return difflib.SequenceMatcher(None, left, right, autojunk=autojunk).get_opcodes()


def _common_start(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


class _Text:
    """A paragraph as tokens (words, runs of white space, breaks, footnote references):
    ``keys`` compare them, ``inlines`` holds the break or footnote reference at a place."""

    def __init__(self, paragraph: Paragraph, source: Document):
        self.source = source
        self.keys: list[Hashable] = []
        self.inlines: dict[int, Inline] = {}
        for inline in paragraph.inlines:
            if isinstance(inline, Span):
                words = _WORDS.findall(inline.text)
                if inline.bold or inline.italic or inline.link is not None:
                    self.keys += [("t", w, inline.bold, inline.italic, inline.link) for w in words]
                else:
                    self.keys += words
            else:
                self.inlines[len(self.keys)] = inline
                self.keys.append(_inline_key(inline, source))
        self.plain = all(isinstance(inline, Span) for inline in paragraph.inlines) and all(
            not (i.bold or i.italic or i.link is not None) for i in paragraph.inlines if isinstance(i, Span)
        )

    def sentences(self, start: int, end: int) -> list[int]:
        """Where the sentences of tokens ``start:end`` begin, and ``end``: after the white
        space that follows a word ending in '.', '!', '?' or '…' (and closing quotes)."""
        if self.plain and start == 0:
            return self._plain_sentences(end)
        bounds = [start]
        ended = False
        keys = self.keys
        for index in range(start, end):
            word = keys[index]
            if not isinstance(word, str):
                if word[0] != "t":
                    continue
                word = word[1]
            if word.isspace():
                if ended and index + 1 < end:
                    bounds.append(index + 1)
            elif word[-1] in _CLOSERS:
                ended = bool(_SENTENCE_END.search(word))
            else:
                ended = word[-1] in _ENDS
        return [*bounds, end] if end > start else [start]

    def _plain_sentences(self, end: int) -> list[int]:
        """``sentences`` for a paragraph of plain text, found in its text by one regular
        expression rather than word by word."""
        keys: list[str] = self.keys  # type: ignore[assignment]
        offsets = [0, *accumulate(map(len, keys))]
        bounds = [0]
        for found in _BOUNDARY.finditer("".join(keys), 0, offsets[end]):
            token = bisect_left(offsets, found.end()) + 1
            if token < end:
                bounds.append(token)
        return [*bounds, end] if end else [0]


def note_text(note: Note) -> str:
    return " ".join(p.text for p in note.paragraphs).strip()


def _shape(paragraph: Paragraph) -> tuple[Any, ...]:
    mark = paragraph.list
    return (paragraph.role, mark.ordered if mark else None, mark.level if mark else None)


def _inline_key(inline: Inline, source: Document) -> Hashable:
    if isinstance(inline, Span):
        return ("t", inline.text, inline.bold, inline.italic, inline.link)
    if isinstance(inline, Break):
        return ("b", inline.page)
    return ("n", note_text(source.notes[inline.note]))


def _key(block: Block, source: Document) -> Hashable:
    """Equal for blocks that read the same: shape and inlines, or a table's cells."""
    if isinstance(block, Table):
        return ("table", tuple(_row_key(row, source) for row in block.rows))
    return (_shape(block), tuple(_inline_key(i, source) for i in block.inlines))


def _row_key(row: list[list[Paragraph]], source: Document) -> Hashable:
    return tuple(tuple(_key(p, source) for p in cell) for cell in row)


class _Inlines:
    """Inlines built token by token; neighbouring text of one formatting and change becomes
    one span, joined once."""

    def __init__(self, merger: Redliner):
        self.merger = merger
        self.out: list[Inline] = []
        self.texts: list[str] = []
        self.style: tuple[bool, bool, str | None, Change] | None = None

    def add(self, text: _Text, start: int, end: int, change: Change) -> None:
        keys = text.keys
        if text.plain:
            style = (False, False, None, change)
            if style != self.style:
                self._flush()
                self.style = style
            self.texts += keys[start:end]  # type: ignore[arg-type]
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
        keys_old = [_key(b, d) for b, d in old]
        keys_new = [_key(b, d) for b, d in new]
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
        for op, i1, i2, j1, j2 in opcodes([_form(b) for b, _ in old], [_form(b) for b, _ in new]):
            if op == "equal":
                for (a, da), (b, db) in zip(old[i1:i2], new[j1:j2], strict=True):
                    out.append(self._reworded(a, da, b, db))
                continue
            out += [self._block(b, d, "del") for b, d in old[i1:i2]]
            out += [self._block(b, d, "ins") for b, d in new[j1:j2]]
        return out

    def _block(self, block: Block, source: Document, change: Change) -> Block:
        if isinstance(block, Table):
            rows = [[self._cell(cell, source, change) for cell in row] for row in block.rows]
            return Table(rows, block.widths, [change] * len(rows))
        inlines = [self.inline(i, source, change) for i in block.inlines]
        return dataclasses.replace(block, change=change, inlines=inlines)

    def _cell(self, cell: list[Paragraph], source: Document, change: Change) -> list[Paragraph]:
        """A cell's paragraphs with their text marked; a cell keeps its paragraph marks,
        which go with the row."""
        return [
            dataclasses.replace(p, change=None, inlines=self._block(p, source, change).inlines) for p in cell
        ]  # type: ignore[union-attr]

    def _reworded(self, a: Block, da: Document, b: Block, db: Document) -> Block:
        if isinstance(a, Table) and isinstance(b, Table):
            return self._table(a, da, b, db)
        assert isinstance(a, Paragraph) and isinstance(b, Paragraph)
        return self._paragraph(a, da, b, db)

    def _table(self, a: Table, da: Document, b: Table, db: Document) -> Table:
        """Rows aligned; a row in both versions with as many cells is compared cell by
        cell, other rows are inserted or deleted whole."""
        rows: list[list[list[Paragraph]]] = []
        changes: list[Change] = []
        for op, i1, i2, j1, j2 in opcodes(
            [_row_key(r, da) for r in a.rows], [_row_key(r, db) for r in b.rows]
        ):
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
        old, new = _Text(a, da), _Text(b, db)
        out = _Inlines(self)
        start_old = start_new = 0
        for i, j in [*_anchors(old, new), (len(old.keys), len(new.keys))]:
            self._segment(out, old, start_old, i, new, start_new, j)
            if j < len(new.keys):
                out.add(new, j, j + 1, None)
            start_old, start_new = i + 1, j + 1
        return dataclasses.replace(b, inlines=out.done())

    def _segment(self, out: _Inlines, old: _Text, o1: int, o2: int, new: _Text, n1: int, n2: int) -> None:
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
            if op != "replace" or not _similar(old.keys[g1:g2], new.keys[c1:c2]):
                out.add(old, g1, g2, "del")
                out.add(new, c1, c2, "ins")
                continue
            self._words(out, old, g1, g2, new, c1, c2)

    def _words(self, out: _Inlines, old: _Text, g1: int, g2: int, new: _Text, c1: int, c2: int) -> None:
        """A reworded sentence word by word. A space alone between two changes joins them, so
        "[-steunt het-]{+verwelkomt dit+}" reads as one change rather than two interleaved ones."""
        words = opcodes(old.keys[g1:g2], new.keys[c1:c2], WORD_BUDGET)
        pending: tuple[int, int] | None = None
        for index, (kind, w1, _, v1, v2) in enumerate(words):
            between = 0 < index < len(words) - 1 and all(_is_space(k) for k in new.keys[c1 + v1 : c1 + v2])
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

    def inline(self, inline: Inline, source: Document, change: Change) -> Inline:
        if isinstance(inline, NoteRef):
            self.notes.append(source.notes[inline.note])
            return NoteRef(len(self.notes) - 1, change, inline.label)
        return dataclasses.replace(inline, change=change)


def _is_space(key: Hashable) -> bool:
    if isinstance(key, str):
        return key.isspace()
    return key[0] == "t" and key[1].isspace()  # type: ignore[index]


def _similar(before: list[Hashable], after: list[Hashable]) -> bool:
    """Whether two sentences share enough words to be shown word by word. The spaces between
    words are left out: every pair of sentences shares those, which would make a rewritten
    sentence look reworded and interleave its words."""
    words_before = [k for k in before if not _is_space(k)]
    words_after = [k for k in after if not _is_space(k)]
    total = len(words_before) + len(words_after)
    same = sum(
        i2 - i1 for kind, i1, i2, _, _ in opcodes(words_before, words_after, WORD_BUDGET) if kind == "equal"
    )
    return not total or 2 * same >= SIMILAR * total


def _form(block: Block) -> Hashable:
    if isinstance(block, Table):
        return ("table", _columns(block))
    return _shape(block)


def _columns(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def _anchors(old: _Text, new: _Text) -> list[tuple[int, int]]:
    """Positions of the footnote references both versions share, in the same order."""
    notes_old = [i for i in sorted(old.inlines) if isinstance(old.inlines[i], NoteRef)]
    notes_new = [j for j in sorted(new.inlines) if isinstance(new.inlines[j], NoteRef)]
    matched = opcodes([old.keys[i] for i in notes_old], [new.keys[j] for j in notes_new], WORD_BUDGET)
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
