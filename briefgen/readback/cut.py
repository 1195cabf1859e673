"""Part of a paragraph read from Word: its inlines before or after a place in its text."""

from __future__ import annotations

from typing import Any

from ..document.blocks import NoteRef, Paragraph, Span


def after(paragraph: Paragraph, offset: int) -> Any:
    """The inlines of ``paragraph`` from plain-text ``offset`` on, as a paragraph (or None)."""
    out: list[Any] = []
    seen = 0
    for inline in paragraph.inlines:
        if isinstance(inline, Span):
            if seen + len(inline.text) <= offset:
                seen += len(inline.text)
                continue
            cut = max(0, offset - seen)
            seen += len(inline.text)
            out.append(Span(inline.text[cut:], inline.bold, inline.italic, link=inline.link))
        elif seen >= offset:
            out.append(inline)
            if not isinstance(inline, NoteRef):
                seen += 1
        elif not isinstance(inline, NoteRef):
            seen += 1
    result = Paragraph("body", out)
    return result if result.text.strip() or any(isinstance(i, NoteRef) for i in out) else None


def before(paragraph: Paragraph, offset: int) -> Paragraph:
    """The inlines of ``paragraph`` up to plain-text ``offset`` (footnote references at the cut stay)."""
    out: list[Any] = []
    seen = 0
    for inline in paragraph.inlines:
        if isinstance(inline, Span):
            if seen < offset:
                out.append(Span(inline.text[: offset - seen], inline.bold, inline.italic, link=inline.link))
            seen += len(inline.text)
        elif isinstance(inline, NoteRef):
            if seen <= offset:
                out.append(inline)
        else:
            if seen < offset:
                out.append(inline)
            seen += 1
    return Paragraph(paragraph.role, out, paragraph.list)
