"""Which paragraphs each drafter's value became, recorded while composing.

The view hands the templates :class:`~briefgen.data.provenance.Sourced` texts; what the
templates write of them arrives in the Markdown between invisible marks. :func:`unmark`
takes the marks out (the Markdown is then exactly what it would have been without them)
and notes where each value stood; after the parse, :func:`place` tells each paragraph
which values it shows: whole paragraphs (a value alone on its lines) or a stretch of a
generated sentence. One pass over the Markdown and one over the paragraphs: the cost
grows with the document, never with documents times values.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from ..data.footnotes import NOTE_REF
from ..data.provenance import DIGIT, END, SEPARATOR, START
from ..document import markdown
from ..document.blocks import Document, Paragraph, Shown
from ..document.keys import label_name
from ..document.tomarkdown import inline_markdown

_MARK = re.compile(f"{START}([{chr(DIGIT)}-{chr(DIGIT + 9)}]+){SEPARATOR}|{END}")
_STRAY = re.compile("[\ufdd2-\ufdef]")
_PLAIN = re.compile(r"[^\\`*_\[\]\n\ufdd0\ufdd1]*")
_BLOCK_START = re.compile(r"^([-+*>#=]|\d{1,9}[.)]|:::)")
_PLUS_ONE = (1).__add__
"""A line's length with its line break."""


@dataclass(frozen=True)
class Occurrence:
    """Where a value stood in the unmarked Markdown: ``[start, end)``."""

    origin: int
    start: int
    end: int


def unmark(text: str, strays: bool = False) -> tuple[str, list[Occurrence]]:
    """The text without its marks, and where each marked value stood in it.

    What is left of a mark a template cut in two (it sliced a marked text) is dropped too:
    a second pass, which only such a template pays for.
    """
    pieces: list[str] = []
    open_marks: list[tuple[int, int]] = []
    found: list[Occurrence] = []
    length = position = 0
    for match in _MARK.finditer(text):
        piece = text[position : match.start()]
        pieces.append(_STRAY.sub("", piece) if strays else piece)
        length += len(pieces[-1])
        position = match.end()
        digits = match.group(1)
        if digits is not None:
            open_marks.append((int("".join(str(ord(c) - DIGIT) for c in digits)), length))
        elif open_marks:
            origin, start = open_marks.pop()
            found.append(Occurrence(origin, start, length))
    pieces.append(_STRAY.sub("", text[position:]) if strays else text[position:])
    clean = "".join(pieces)
    if not strays and _STRAY.search(clean):
        return unmark(text, strays=True)
    found.sort(key=lambda occurrence: occurrence.start)
    return clean, found


def place(document: Document, text: str, found: list[Occurrence]) -> None:
    """Record on ``document``'s paragraphs (parsed from ``text``) the values ``found`` in it."""
    starts = [0, *accumulate(map(_PLUS_ONE, map(len, text.split("\n"))))][:-1]
    paragraphs = document.paragraphs
    owner = [-1] * (len(starts) + 1)
    for index, paragraph in enumerate(paragraphs):
        if paragraph.lines is not None:
            first, end = paragraph.lines
            owner[first:end] = [index] * (end - first)
    inline: dict[int, list[tuple[Occurrence, int]]] = {}
    for occurrence in found:
        first = bisect_right(starts, occurrence.start) - 1
        last = bisect_right(starts, max(occurrence.end - 1, occurrence.start)) - 1
        shown = list(dict.fromkeys(o for o in owner[first : last + 1] if o >= 0))
        if not shown:
            continue
        line_end = starts[last + 1] - 1 if last + 1 < len(starts) else len(text)
        alone = (
            not text[starts[first] : occurrence.start].strip() and not text[occurrence.end : line_end].strip()
        )
        if alone and _within(paragraphs, shown, first, last + 1):
            target = paragraphs[shown[0]]
            target.shows = (*target.shows, Shown(occurrence.origin, len(shown)))
        elif len(shown) == 1:
            inline.setdefault(shown[0], []).append((occurrence, 1))
        elif not text[occurrence.end : line_end].strip() and _within(
            paragraphs, shown, first, last + 1, lead=True
        ):
            # A value that starts inside a generated sentence ("1) …", "onderwerp: kern") and
            # goes on in paragraphs of its own.
            inline.setdefault(shown[0], []).append((occurrence, len(shown)))
    for index, occurrences in inline.items():
        _inline(paragraphs[index], text, occurrences)


def _within(paragraphs: list[Paragraph], shown: list[int], first: int, end: int, lead: bool = False) -> bool:
    """Whether the paragraphs ``shown`` follow each other and lie inside lines ``[first, end)``
    (with ``lead``, all but the first, which the value starts inside)."""
    if shown[-1] - shown[0] != len(shown) - 1:
        return False
    return all(
        (lines := paragraphs[index].lines) is not None and lines[0] >= first and lines[1] <= end
        for index in (shown[1:] if lead else shown)
    )


def _inline(paragraph: Paragraph, text: str, occurrences: list[tuple[Occurrence, int]]) -> None:
    """The stretch of ``paragraph``'s Markdown each value set inside it takes, in order; a
    value that goes on in ``count`` - 1 paragraphs of its own takes the rest of the paragraph."""
    line = inline_markdown(paragraph.inlines, label_name)
    cursor = 0
    for occurrence, count in occurrences:
        own, paragraphs = own_markdown(text[occurrence.start : occurrence.end])
        at = line.find(own, cursor) if own and paragraphs == count else -1
        if at < 0 or (count > 1 and at + len(own) != len(line)):
            continue
        paragraph.shows = (*paragraph.shows, Shown(occurrence.origin, count, (at, at + len(own))))
        cursor = at + len(own)


_KEPT_VALUE_CHARS = 4096


def own_markdown(value: str) -> tuple[str, int]:
    """A value's first paragraph's Markdown as ``inline_markdown`` writes it when it stands in a
    sentence, and how many paragraphs the value has. Values up to ``_KEPT_VALUE_CHARS`` are
    kept for the next document, so the kept ones stay within 4096 x 4096 characters."""
    if len(value) <= _KEPT_VALUE_CHARS:
        return _kept_own_markdown(value)
    return _own_markdown(value)


@lru_cache(maxsize=4096)
def _kept_own_markdown(value: str) -> tuple[str, int]:
    return _own_markdown(value)


def _own_markdown(value: str) -> tuple[str, int]:
    value = value.strip()
    if _PLAIN.fullmatch(value) and not _BLOCK_START.match(value):
        return value, 1
    labels = dict.fromkeys(match.group(1) for match in NOTE_REF.finditer(value))
    definitions = "".join(f"\n\n[^{label}]: x" for label in labels)
    own = markdown.parse(value + definitions + "\n").paragraphs
    return (inline_markdown(own[0].inlines, label_name), len(own)) if own else ("", 0)
