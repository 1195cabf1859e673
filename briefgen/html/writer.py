"""Write a block document as one HTML page: the second writer beside ``word/writer.py``.

Every text is data: it is escaped wherever it lands (element content, attribute values,
the page title). The page runs no script and loads nothing: its Content-Security-Policy
allows only its own ``<style>`` element, named by hash. Footnotes are numbered in the
order they are referenced, as Word numbers them (a footnote referenced twice is written
twice, as the Word writer does), each reference a link to its note and each note a link
back. A review copy's shaded paragraphs carry the class ``arcering``; tracked changes
are ``<ins>`` and ``<del>``. Same document, same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html import escape

from ..document.blocks import Break, Document, Inline, ListMark, NoteRef, Paragraph, Span, Table, Tracked
from ..word.contract import FOLLOW_ON
from .style import CSS

_TAGS = {"title": "h1", "heading1": "h2", "heading2": "h3", "heading3": "h4"}
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_CLASS = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class Page:
    """What surrounds a document on its page: the link back to the overview, and for a
    letter or nota the letterhead of its Word document: the ministry's logo (PNG or JPEG
    bytes, shown from a ``data:`` address) and its wordmark."""

    index: str = "index.html"
    index_label: str = "Alle documenten"
    sender: str = ""
    logo: bytes | None = None


def write_html(document: Document, page: Page | None = None) -> bytes:
    """The HTML page of ``document``, as UTF-8 bytes."""
    page = page or Page()
    writer = _Writer(document)
    body = writer.body()
    notes = writer.notes_section()
    head_css = CSS + writer.table_css()
    letterhead = _letterhead(page) if document.layout == "brief" else ""
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n',
        _policy(head_css, images="<img " in letterhead),
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{_text(document.title)}</title>\n",
        f"<style>{head_css}</style>\n",
        "</head>\n",
        f'<body class="{document.layout}">\n',
        f'<nav class="terug"><a href="{_attribute(page.index)}">{_text(page.index_label)}</a></nav>\n',
    ]
    if document.review:
        parts.append(f'<p class="reviewregel">{_text(document.review)}</p>\n')
    parts.append(letterhead)
    parts += ["<main>\n", body, "</main>\n", notes, "</body>\n</html>\n"]
    return "".join(parts).encode("utf-8")


def page_policy(css: str, images: bool = False) -> str:
    """The Content-Security-Policy of a page whose only style element holds ``css``:
    nothing loads (with ``images``, but images in the page itself), nothing runs, no form
    goes anywhere."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    shown = " img-src data:;" if images else ""
    return f"default-src 'none'; style-src 'sha256-{digest}';{shown} base-uri 'none'; form-action 'none'"


def _policy(css: str, images: bool = False) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{page_policy(css, images)}">\n'


def _letterhead(page: Page) -> str:
    """The logo and the wordmark at the top of a letter, as the Word document's first page has them."""
    parts = []
    if page.logo:
        kind = "png" if page.logo.startswith(b"\x89PNG") else "jpeg"
        data = base64.b64encode(page.logo).decode("ascii")
        parts.append(f'<img src="data:image/{kind};base64,{data}" alt="">')
    if page.sender:
        parts.append(f"<p>{_text(page.sender)}</p>")
    return f'<header class="briefhoofd">{"".join(parts)}</header>\n' if parts else ""


def _text(text: str) -> str:
    return escape(text, quote=False)


def _attribute(text: str) -> str:
    return escape(text, quote=True)


def _class_name(style: str) -> str:
    return "stijl-" + (_CLASS.sub("-", style.lower()).strip("-") or "x")


@dataclass
class _OpenList:
    list_id: int
    level: int
    ordered: bool


@dataclass
class _Writer:
    document: Document
    out: list[str] = field(default_factory=list)
    notes: list[tuple[int, Tracked]] = field(default_factory=list)
    """Per footnote number (from 1): the note it shows and whether its reference is a tracked change."""
    open_lists: list[_OpenList] = field(default_factory=list)
    counts: dict[tuple[int, int], int] = field(default_factory=dict)
    tables: list[list[int]] = field(default_factory=list)
    in_note: bool = False

    def body(self) -> str:
        for block in self.document.blocks:
            if isinstance(block, Table):
                self._close_lists(-1)
                self._table(block)
            elif block.style is not None and block.style.lower() == FOLLOW_ON.lower():
                continue  # what a letter's follow-on pages repeat: a page has no follow-on pages
            elif block.list is not None:
                self._list_item(block, block.list)
            else:
                self._close_lists(-1)
                self._block(block)
        self._close_lists(-1)
        return "".join(self.out)

    def notes_section(self) -> str:
        if not self.notes:
            return ""
        self.out = ['<section class="voetnoten" aria-label="Voetnoten">\n<ol>\n']
        self.in_note = True
        for number, (index, change) in enumerate(self.notes, 1):
            paragraphs = self.document.notes[index].paragraphs if index < len(self.document.notes) else []
            kind = f' class="{change}"' if change else ""
            self.out.append(f'<li id="voetnoot-{number}"{kind}>')
            for position, paragraph in enumerate(paragraphs or [Paragraph("body")]):
                self.out.append("<p>")
                self._inlines(paragraph.inlines)
                if position == len(paragraphs or [None]) - 1:
                    self.out.append(
                        f' <a href="#noot-{number}" class="terugnaarnoot" '
                        f'aria-label="Terug naar voetnoot {number} in de tekst">\u21a9</a>'
                    )
                self.out.append("</p>")
            self.out.append("</li>\n")
        self.out.append("</ol>\n</section>\n")
        return "".join(self.out)

    def table_css(self) -> str:
        """Column widths of the page's tables: per page, so that no element needs a style attribute."""
        rules = []
        for number, widths in enumerate(self.tables, 1):
            total = sum(widths)
            for column, width in enumerate(widths, 1):
                share = f"{100 * width / total:.2f}".rstrip("0").rstrip(".")
                rules.append(f"#tabel-{number} col:nth-child({column}){{width:{share}%}}\n")
        return "".join(rules)

    def _block(self, paragraph: Paragraph) -> None:
        tag = _TAGS.get(paragraph.role, "p")
        classes = self._classes(paragraph)
        if paragraph.role == "code":
            self.out.append(f"<pre{classes}>")
            self._inlines(paragraph.inlines)
            self.out.append("</pre>\n")
            return
        if paragraph.role == "quote":
            self.out.append(f"<blockquote{classes}><p>")
            self._inlines(paragraph.inlines)
            self.out.append("</p></blockquote>\n")
            return
        self.out.append(f"<{tag}{classes}>")
        self._inlines(paragraph.inlines)
        self.out.append(f"</{tag}>\n")

    def _classes(self, paragraph: Paragraph, extra: str = "") -> str:
        names = [extra] if extra else []
        if paragraph.style:
            names.append(_class_name(paragraph.style))
        if paragraph.shaded:
            names.append("arcering")
        if paragraph.change:
            names.append(paragraph.change)
        return f' class="{" ".join(names)}"' if names else ""

    def _list_item(self, paragraph: Paragraph, mark: ListMark) -> None:
        """An item of a numbered or bulleted list; Word counts one list's items on across
        other paragraphs between them, so an ``<ol>`` opened again starts where it left off."""
        while self.open_lists and self.open_lists[-1].level > mark.level:
            self._close_list()
        top = self.open_lists[-1] if self.open_lists else None
        if (
            top is not None
            and top.level == mark.level
            and (top.list_id, top.ordered) != (mark.list_id, mark.ordered)
        ):
            self._close_list()
            top = self.open_lists[-1] if self.open_lists else None
        if top is not None and top.level == mark.level:
            self.out.append("</li>\n")
        else:
            self._open_list(mark)
        for key in [key for key in self.counts if key[0] == mark.list_id and key[1] > mark.level]:
            del self.counts[key]
        self.counts[(mark.list_id, mark.level)] = self.counts.get((mark.list_id, mark.level), 0) + 1
        self.out.append(f"<li{self._classes(paragraph)}>")
        self._inlines(paragraph.inlines)

    def _open_list(self, mark: ListMark) -> None:
        """A list's numbers as Word's list definitions write them at its level: 1. a. i. 1. …
        (or 1) a) i) …); bullets • – • …"""
        level = f"niveau-{mark.level % 3}" if mark.ordered else f"niveau-{min(mark.level, 2) % 2}"
        if mark.ordered:
            start = mark.start + self.counts.get((mark.list_id, mark.level), 0)
            kind = f"{level} haakje" if mark.delimiter == ")" else level
            self.out.append(f'<ol class="{kind}"' + (f' start="{start}"' if start != 1 else "") + ">\n")
        else:
            self.out.append(f'<ul class="{level}">\n')
        self.open_lists.append(_OpenList(mark.list_id, mark.level, mark.ordered))

    def _close_list(self) -> None:
        closed = self.open_lists.pop()
        self.out.append("</li>\n</ol>" if closed.ordered else "</li>\n</ul>")
        if not self.open_lists:  # inside an item, a line break would be part of the item's text
            self.out.append("\n")

    def _close_lists(self, level: int) -> None:
        while self.open_lists and self.open_lists[-1].level > level:
            self._close_list()

    def _table(self, table: Table) -> None:
        columns = max((len(row) for row in table.rows), default=0)
        if not columns:
            return
        self.tables.append((table.widths + [1] * columns)[:columns])
        self.out.append(
            f'<table id="tabel-{len(self.tables)}">\n<colgroup>' + "<col>" * columns + "</colgroup>\n"
        )
        for number, row in enumerate(table.rows):
            change = table.changes[number] if number < len(table.changes) else None
            if number == 0:
                self.out.append("<thead>\n")
            elif number == 1:
                self.out.append("<tbody>\n")
            self.out.append(f'<tr class="{change}">' if change else "<tr>")
            cell_tag = "th" if number == 0 else "td"
            for cell in row:
                self.out.append(f"<{cell_tag}>")
                for paragraph in cell or [Paragraph("body")]:
                    self.out.append(f"<p{self._classes(paragraph)}>")
                    self._inlines(paragraph.inlines)
                    self.out.append("</p>")
                self.out.append(f"</{cell_tag}>")
            self.out.append("</tr>\n")
            if number == 0:
                self.out.append("</thead>\n")
        if len(table.rows) > 1:
            self.out.append("</tbody>\n")
        self.out.append("</table>\n")

    def _inlines(self, inlines: list[Inline]) -> None:
        for inline in inlines:
            opened = f"<{inline.change}>" if inline.change else ""
            self.out.append(opened)
            if isinstance(inline, Span):
                self._span(inline)
            elif isinstance(inline, Break):
                self.out.append('<br class="pagina">' if inline.page else "<br>")
            else:
                self._note_reference(inline)
            if inline.change:
                self.out.append(f"</{inline.change}>")

    def _span(self, span: Span) -> None:
        text = _text(span.text)
        if span.italic:
            text = f"<em>{text}</em>"
        if span.bold:
            text = f"<strong>{text}</strong>"
        if span.link is not None and _SAFE_LINK.match(span.link):
            text = f'<a href="{_attribute(span.link)}">{text}</a>'
        self.out.append(text)

    def _note_reference(self, reference: NoteRef) -> None:
        if self.in_note:  # a footnote does not reference another one: its mark is text
            self.out.append(f"<sup>{_text(reference.label)}</sup>")
            return
        self.notes.append((reference.note, reference.change))
        number = len(self.notes)
        self.out.append(
            f'<sup class="noot"><a id="noot-{number}" href="#voetnoot-{number}" '
            f'aria-label="Voetnoot {number}">{number}</a></sup>'
        )
