"""The intermediate document: what compose produces and every writer consumes.

Small and format-neutral, like pandoc's AST: paragraphs with a role, inline spans,
footnote references, and list membership. The docx writer maps roles to styles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["title", "heading1", "heading2", "heading3", "body", "listitem", "quote", "code"]


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Break:
    """A line break inside a paragraph (``page`` for a page break)."""

    page: bool = False


@dataclass
class NoteRef:
    """A footnote reference; ``note`` indexes ``Document.notes``."""

    note: int


Inline = Span | Break | NoteRef


@dataclass
class ListMark:
    """Membership of a numbered or bulleted list: items with one ``list_id`` count together."""

    list_id: int
    level: int
    ordered: bool
    start: int = 1


@dataclass
class Paragraph:
    role: Role
    inlines: list[Inline] = field(default_factory=list)
    list: ListMark | None = None

    @property
    def text(self) -> str:
        return "".join(
            i.text if isinstance(i, Span) else "\n" for i in self.inlines if not isinstance(i, NoteRef)
        )


@dataclass
class Note:
    paragraphs: list[Paragraph]


@dataclass
class Document:
    """Paragraphs in reading order and the footnotes they reference."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    title: str = ""
