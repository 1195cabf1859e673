"""The intermediate document: what compose produces and every writer consumes.

Small and format-neutral, like pandoc's AST: paragraphs with a role, inline spans,
footnote references, list membership and simple tables. The docx writer maps roles
and named house styles to Word styles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..data.provenance import Origin

Role = Literal["title", "heading1", "heading2", "heading3", "body", "listitem", "quote", "code"]
Layout = Literal["bijlage", "brief"]
Tracked = Literal["ins", "del"] | None
"""A tracked change: inserted or deleted text, written as Word revisions."""


@dataclass
class Span:
    """Text of one formatting; ``link`` is the address it links to, if any."""

    text: str
    bold: bool = False
    italic: bool = False
    change: Tracked = None
    link: str | None = None


@dataclass
class Break:
    """A line break inside a paragraph (``page`` for a page break)."""

    page: bool = False
    change: Tracked = None


@dataclass
class NoteRef:
    """A footnote reference; ``note`` indexes ``Document.notes``."""

    note: int
    change: Tracked = None
    label: str = ""


Inline = Span | Break | NoteRef


def merge_spans(inlines: list[Inline]) -> list[Inline]:
    """Join neighbouring spans of the same formatting and change into one (one Word run).

    The texts of a run are joined once, so a paragraph of many words takes linear time."""
    merged: list[Inline] = []
    texts: list[str] = []
    for inline in inlines:
        last = merged[-1] if merged else None
        if (
            isinstance(inline, Span)
            and isinstance(last, Span)
            and (last.bold, last.italic, last.change, last.link)
            == (inline.bold, inline.italic, inline.change, inline.link)
        ):
            texts.append(inline.text)
            continue
        _join(merged, texts)
        merged.append(inline)
        texts = [inline.text] if isinstance(inline, Span) else []
    _join(merged, texts)
    return merged


def _join(merged: list[Inline], texts: list[str]) -> None:
    """Replace the last span by one holding all ``texts``, when it took in more than its own."""
    if len(texts) > 1:
        last = merged[-1]
        assert isinstance(last, Span)
        merged[-1] = Span("".join(texts), last.bold, last.italic, last.change, last.link)


@dataclass
class ListMark:
    """Membership of a numbered or bulleted list: items with one ``list_id`` count together.

    ``delimiter`` is what follows the number: ``.`` (1.) or ``)`` (1), as in a nota).
    """

    list_id: int
    level: int
    ordered: bool
    start: int = 1
    delimiter: str = "."


@dataclass(frozen=True)
class Shown:
    """A drafter's value this paragraph shows: ``origin`` indexes ``Document.origins``.

    ``count`` paragraphs from this one are the value's whole text; with ``span``, the value
    is the stretch ``[start, end)`` of this paragraph's Markdown, inside a generated sentence.
    """

    origin: int
    count: int = 1
    span: tuple[int, int] | None = None


@dataclass
class Paragraph:
    """A paragraph; ``style`` names a house style (``adres``) that overrides the role's style."""

    role: Role
    inlines: list[Inline] = field(default_factory=list)
    list: ListMark | None = None
    style: str | None = None
    shaded: bool = False
    change: Tracked = None
    """``ins``/``del`` on the paragraph mark: the whole paragraph was added or removed."""
    lines: tuple[int, int] | None = field(default=None, compare=False, repr=False)
    """The lines ``[first, last)`` of the Markdown it was parsed from."""
    shows: tuple[Shown, ...] = field(default=(), compare=False, repr=False)
    """The drafter's values it shows, recorded while composing (see ``compose.sources``)."""
    underlined: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)
    """The stretches ``[start, end)`` of ``text`` that are underlined (read from Word): another
    writer's title or sub-heading underlined rather than bold, a whole paragraph or run in."""
    cell: bool = field(default=False, compare=False, repr=False)
    """It stood in a table's cell (read from Word): a header cell in bold is no heading."""
    styled: bool = field(default=False, compare=False, repr=False)
    """Its paragraph style (not a heading's) sets its text in bold or underlined (read from Word):
    a writer's own style for item titles ("Agendapunt")."""

    @property
    def text(self) -> str:
        return "".join(
            i.text if isinstance(i, Span) else "\n" for i in self.inlines if not isinstance(i, NoteRef)
        )


@dataclass(frozen=True)
class Revision:
    """Who made the tracked changes of a document, and when (a date from the data)."""

    author: str
    date: str


Cell = list[Paragraph]


@dataclass
class Table:
    """Rows of cells; the first row is the header. ``widths`` are relative column widths."""

    rows: list[list[Cell]]
    widths: list[int] = field(default_factory=list)
    changes: list[Tracked] = field(default_factory=list)
    """Per row, when given: inserted or deleted as a whole (a tracked change), or None."""


Block = Paragraph | Table


@dataclass
class Note:
    """A footnote's text: the paragraphs a footnote reference points to."""

    paragraphs: list[Paragraph]


@dataclass
class Document:
    """Blocks in reading order, the footnotes they reference, and the page layout.

    ``layout`` is ``bijlage`` for full-width pages (the GA) or ``brief`` for letters and
    notas, whose text column leaves room for the reference column.
    """

    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    title: str = ""
    layout: Layout = "bijlage"
    revision: Revision | None = None
    source: str = ""
    """The Markdown the document was parsed from, when it was composed from a template."""
    review: str | None = None
    """The line at the top of every page of a review copy, as the templates word it."""
    origins: list[Origin] = field(default_factory=list)
    """Where the values its paragraphs show (``Paragraph.shows``) came from."""

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the body, table cells included, in reading order."""
        out: list[Paragraph] = []
        for block in self.blocks:
            if isinstance(block, Table):
                out.extend(p for row in block.rows for cell in row for p in cell)
            else:
                out.append(block)
        return out
