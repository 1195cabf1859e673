"""Block paragraphs back into the Markdown of the data (the reverse of ``markdown.parse``).

What a drafter would type: ``**vet**``, ``*nadruk*``, ``[tekst](adres)`` (for http(s)
and mailto addresses; other links are their text alone), ``[^key]``,
``1.``/``-`` list items, a backslash line break; literal ``* _ ` [ ] \\`` are escaped,
and so is a list, quote or heading marker at the start of a line; a space or tab at the
start of a line is written after a backslash so that it is kept (``markdown.parse``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from .blocks import Break, Inline, NoteRef, Paragraph, Span, merge_spans
from .markdown import KEPT_SPACE, KEPT_TAB, kept_spaces, linkable, read_inlines

NoteName = Callable[[NoteRef], str]

_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LINE_START = r"^([ \t]*)([-+>#=~]|\*(?=[ \t]|$)|\d{1,9}(?=[.)])|:::)"
"""A block marker at a line's start. A ``*`` before a word opens emphasis (a literal one is
escaped already), so only ``* `` is a list marker. Compiled on first use, as
_BREAKABLE_BEFORE: only writing Markdown back into a drafter's file needs them."""


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _escape_line_start(text: str) -> str:
    """Each line's block marker escaped; its leading spaces and tabs kept, each after a backslash."""

    def mark(match: re.Match[str]) -> str:
        marker = match.group(2)
        return marker + "\\" if marker[0].isdigit() else "\\" + marker

    def line_start(line: str) -> str:
        text = line.lstrip(" \t")
        kept = "".join("\\" + blank for blank in line[: len(line) - len(text)])
        return kept + re.sub(_LINE_START, mark, text, count=1)

    return "\n".join(line_start(line) for line in text.split("\n"))


def unlinked(inline: Inline) -> Inline:
    """A span linked to an address a document may not link to (``markdown.linkable``) as its text alone."""
    if isinstance(inline, Span) and inline.link is not None and not linkable(inline.link):
        return replace(inline, link=None)
    return inline


def link_warnings(display: str, paragraphs: Iterable[Paragraph]) -> list[str]:
    """A warning for each address in ``paragraphs`` (of document ``display``) that their
    Markdown keeps only as text (see ``unlinked``), each once, in order."""
    found = [
        i.link
        for p in paragraphs
        for i in p.inlines
        if isinstance(i, Span) and i.link is not None and not linkable(i.link)
    ]
    return [
        f"{display}: the link to '{address}' is kept as its text alone; "
        "a document links only to http, https and mailto addresses"
        for address in dict.fromkeys(found)
    ]


def inline_markdown(inlines: list[Inline], note: NoteName) -> str:
    """Inlines as Markdown; the whitespace at a formatted span's edges goes outside its markers.

    Where the emphasis changes inside a word ("*aa*" then "**aa**" with no space between),
    CommonMark's delimiter rules can pair the marks otherwise than they were meant: then the
    marks are written closed and opened afresh at each change, when that reads back as the
    inlines were (read as ``markdown.parse`` reads them)."""
    pieces = merge_spans([unlinked(inline) for inline in inlines])
    names = {id(piece): note(piece) for piece in pieces if isinstance(piece, NoteRef)}
    written = _written(pieces, names, reopen=False)
    if not _changes_inside_a_word(pieces):
        return written
    labels = set(names.values())
    if _reads_back(written, pieces, labels):
        return written
    reopened = _written(pieces, names, reopen=True)
    return reopened if _reads_back(reopened, pieces, labels) else written


def _changes_inside_a_word(pieces: list[Inline]) -> bool:
    """Whether bold or italics change between two characters that are not spaces."""
    return any(
        isinstance(a, Span)
        and isinstance(b, Span)
        and (a.bold, a.italic) != (b.bold, b.italic)
        and a.text[-1:].strip()
        and b.text[:1].strip()
        for a, b in zip(pieces, pieces[1:], strict=False)
    )


def _reads_back(text: str, pieces: list[Inline], labels: set[str]) -> bool:
    """Whether ``text`` reads back with each of its letters as bold and italic as in ``pieces``."""

    def shape(inlines: list[Inline]) -> list[tuple[str, bool, bool]]:
        return [
            (c, i.bold, i.italic) for i in inlines if isinstance(i, Span) for c in i.text if not c.isspace()
        ]

    return shape(merge_spans(read_inlines(text, labels))) == shape(pieces)


def _written(pieces: list[Inline], names: dict[int, str], reopen: bool) -> str:
    """The inlines as Markdown, each footnote reference by its name in ``names`` (by the
    reference's identity); ``reopen``: emphasis closed and opened afresh at each change."""
    out: list[str] = []
    index = 0
    while index < len(pieces):
        inline = pieces[index]
        if isinstance(inline, Span) and inline.link is not None:
            group = []
            while index < len(pieces):
                piece = pieces[index]
                if not (isinstance(piece, Span) and piece.link == inline.link):
                    break
                group.append(piece)
                index += 1
            address = inline.link
            if re.search(r"[\s()<>]", address):
                address = "<" + address.replace("<", "%3C").replace(">", "%3E") + ">"
            out.append("[" + _formatted(group, reopen) + "](" + address + ")")
            continue
        if isinstance(inline, Span):
            group = []
            while index < len(pieces):
                piece = pieces[index]
                if not (isinstance(piece, Span) and piece.link is None):
                    break
                group.append(piece)
                index += 1
            out.append(_formatted(group, reopen))
            continue
        if isinstance(inline, Break):
            out.append("\\\n" if not inline.page else "\ufdd1")
        elif isinstance(inline, NoteRef):
            out.append(f"[^{names[id(inline)]}]")
        index += 1
    return "".join(out)


def _formatted(spans: list[Span], reopen: bool = False) -> str:
    """Spans of one link (or none) with bold as ``**`` and italics as ``*``, properly nested;
    ``reopen``: at each change both closed and the new ones opened (bold outside)."""
    out: list[str] = []
    bold = italic = False
    for span in spans:
        text = span.text
        core = text.strip(" \t")
        lead = text[: len(text) - len(text.lstrip(" \t"))]
        trail = text[len(text.rstrip(" \t")) :] if core else ""
        want_bold, want_italic = (span.bold, span.italic) if core else (bold, italic)
        closing = ""
        renewed = reopen and (want_bold, want_italic) != (bold, italic)
        if italic and (not want_italic or bold != want_bold or renewed):
            closing += "*"
            italic = False
        if bold and (not want_bold or renewed):
            closing += "**"
            bold = False
        out.append(closing)
        out.append(escape(lead))
        if want_bold and not bold:
            out.append("**")
            bold = True
        if want_italic and not italic:
            out.append("*")
            italic = True
        out.append(escape(core) if core else "")
        if trail:
            pending = ("*" if italic else "") + ("**" if bold else "")
            out.append(pending + escape(trail))
            bold = italic = False
    out.append(("*" if italic else "") + ("**" if bold else ""))
    return "".join(out)


def paragraph_markdown(paragraph: Paragraph, note: NoteName) -> str:
    """One paragraph as a block of Markdown, with its list marker or heading hashes."""
    text = _escape_line_start(inline_markdown(paragraph.inlines, note).rstrip(" \t"))
    mark = paragraph.list
    if paragraph.role == "listitem" and mark is not None:
        width = 3 if mark.ordered else 2
        marker = f"{mark.start}{mark.delimiter} " if mark.ordered else "- "
        indent = " " * (width * mark.level)
        return indent + marker + text.replace("\n", "\n" + indent + " " * width)
    if paragraph.role in ("heading1", "heading2", "heading3", "title"):
        hashes = {"title": "#", "heading1": "##", "heading2": "###", "heading3": "####"}[paragraph.role]
        return f"{hashes} {text}"
    if paragraph.role == "quote":
        return "> " + text.replace("\n", "\n> ")
    return text


def join_blocks(paragraphs: list[Paragraph], texts: list[str]) -> str:
    """Paragraph texts joined: list items of one list by a newline, the rest by a blank line."""
    out = ""
    for index, text in enumerate(texts):
        if index:
            before, after = paragraphs[index - 1], paragraphs[index]
            same_list = (
                before.list is not None
                and after.list is not None
                and before.role == after.role == "listitem"
                and before.list.ordered == after.list.ordered
            )
            out += "\n" if same_list else "\n\n"
        out += text
    return out


_BREAKABLE_BEFORE = r"^([-+*>#=~]|\d{1,9}[.)]|:::)"


def wrap(text: str, width: int = 90) -> str:
    """A paragraph's Markdown with soft line breaks at spaces, as drafters keep their files.

    A line never starts with what Markdown would read as a block marker, and a link's
    address is never split; list continuation lines are indented under the item's text.
    """
    text = kept_spaces(text)  # a kept space or tab never breaks
    out: list[str] = []
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        marker = re.match(r"(\d{1,9}[.)] |[-*+] )", stripped)
        hang = " " * (indent + (len(marker.group(1)) if marker else 0))
        words = stripped.split(" ")
        current = " " * indent
        for word in words:
            candidate = (
                word
                if current.strip(" ") == "" and not current.endswith(" ") or current == " " * indent
                else " " + word
            )
            if (
                current.strip(" ")
                and len(current) + len(candidate) > width
                and _can_start(word)
                and not current.endswith(" ")  # a run of spaces is never cut: Markdown keeps one
                and not _in_address(current)
            ):
                out.append(current)
                current = hang + word
            else:
                current = (
                    (current + candidate) if current.strip(" ") or current != " " * indent else current + word
                )
        out.append(current)
    return "\n".join(out).replace(KEPT_SPACE, "\\ ").replace(KEPT_TAB, "\\\t")


def _can_start(word: str) -> bool:
    """Whether a line may start with ``word``: not a block marker, nor a tab Markdown would drop there."""
    return bool(word) and not re.match(_BREAKABLE_BEFORE, word) and not word.startswith("\t")


def _in_address(line: str) -> bool:
    return line.count("](<") > line.count(">)")
