"""What the redline compares: a paragraph as tokens (words, runs of white space, breaks,
footnote references) split into sentences, and the keys that make two inlines, paragraphs,
rows or tables equal."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Hashable, Sequence
from itertools import accumulate
from typing import Any, cast

from ..document.blocks import Block, Break, Document, Inline, Note, Paragraph, Span, Table
from .opcodes import word_opcodes

SIMILAR = 0.5
"""Two sentences at least this similar (difflib's ratio) are compared word by word."""

_WORDS = re.compile(r"\S+|\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
_ENDS = ".!?…"
_BOUNDARY = re.compile(r"[.!?…][\"'”’)]*(?=\s)")
_CLOSERS = "\"'”’)"

Key = str | tuple[Any, ...]
"""A token as compared: a plain word or run of white space is its text; a formatted word is
``("t", text, bold, italic, link)``, a break ``("b", page)``, a footnote reference ``("n", text)``."""


class Tokens:
    """A paragraph as tokens: ``keys`` compare them, ``inlines`` holds the break or
    footnote reference at a place. A word is kept as its text, with its formatting only
    when it has any."""

    def __init__(self, paragraph: Paragraph, source: Document):
        self.source = source
        self.keys: list[Key] = []
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
                self.keys.append(inline_key(inline, source))
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
        keys = cast(list[str], self.keys)  # a plain paragraph's keys are its words
        offsets = [0, *accumulate(map(len, keys))]
        bounds = [0]
        for found in _BOUNDARY.finditer("".join(keys), 0, offsets[end]):
            token = bisect_left(offsets, found.end()) + 1
            if token < end:
                bounds.append(token)
        return [*bounds, end] if end else [0]


def note_text(note: Note) -> str:
    return " ".join(p.text for p in note.paragraphs).strip()


def inline_key(inline: Inline, source: Document) -> tuple[Any, ...]:
    """Equal for inlines that read the same; a footnote reference by its note's text."""
    if isinstance(inline, Span):
        return ("t", inline.text, inline.bold, inline.italic, inline.link)
    if isinstance(inline, Break):
        return ("b", inline.page)
    return ("n", note_text(source.notes[inline.note]))


def block_key(block: Block, source: Document) -> Hashable:
    """Equal for blocks that read the same: shape and inlines, or a table's cells."""
    if isinstance(block, Table):
        return ("table", tuple(row_key(row, source) for row in block.rows))
    return (_shape(block), tuple(inline_key(i, source) for i in block.inlines))


def row_key(row: list[list[Paragraph]], source: Document) -> Hashable:
    return tuple(tuple(block_key(p, source) for p in cell) for cell in row)


def form(block: Block) -> Hashable:
    """Equal for blocks that can be compared inside: paragraphs of one role and list
    level, tables with as many columns."""
    if isinstance(block, Table):
        return ("table", max((len(row) for row in block.rows), default=0))
    return _shape(block)


def _shape(paragraph: Paragraph) -> tuple[Any, ...]:
    mark = paragraph.list
    return (paragraph.role, mark.ordered if mark else None, mark.level if mark else None)


def is_space(key: Key) -> bool:
    if isinstance(key, str):
        return key.isspace()
    return key[0] == "t" and bool(key[1].isspace())


def similar(before: Sequence[Key], after: Sequence[Key]) -> bool:
    """Whether two sentences share enough words to be shown word by word. The spaces between
    words are left out: every pair of sentences shares those, which would make a rewritten
    sentence look reworded and interleave its words."""
    words_before = [k for k in before if not is_space(k)]
    words_after = [k for k in after if not is_space(k)]
    total = len(words_before) + len(words_after)
    same = sum(i2 - i1 for kind, i1, i2, _, _ in word_opcodes(words_before, words_after) if kind == "equal")
    return not total or 2 * same >= SIMILAR * total
