"""Write a block document as a .docx on top of ``templates/reference.docx``.

The reference supplies styles, numbering definitions, page set-up and header; this
module fills the body, the footnotes part and one numbering instance per list.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.numbering import CT_Numbering
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from lxml import etree

from .blocks import Break, Document, Inline, ListMark, NoteRef, Paragraph, Span
from .errors import Location, fail
from .housestyle import BULLETED, NUMBERED
from .oxml import CT_Footnotes, add_note_mark, add_note_reference, footnotes_part
from .package import normalise

STYLE_IDS = {
    "title": "Title",
    "heading1": "Heading1",
    "heading2": "Heading2",
    "heading3": "Heading3",
    "body": "",
    "listitem": "ListParagraph",
    "quote": "Quote",
    "code": "Code",
}
NOTE_TEXT = "FootnoteText"
NOTE_MARK = "FootnoteReference"


@dataclass(frozen=True)
class Properties:
    """Document properties; dates come from the data so that output is reproducible."""

    title: str
    created: dt.datetime
    author: str = "briefgen"
    subject: str = ""


class Reference:
    """``templates/reference.docx``, read once and opened afresh for each document."""

    def __init__(self, path: Path, display: str | None = None):
        self.display = display or str(path)
        try:
            self.data = path.read_bytes()
        except OSError as error:
            raise fail(
                Location(self.display), f"cannot read the reference document: {error.strerror}"
            ) from None
        self.open()

    def open(self) -> DocxDocument:
        try:
            return docx.Document(io.BytesIO(self.data))
        except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
            raise fail(
                Location(self.display),
                f"not a usable Word document ({error}); restore it or run "
                "'python -m briefgen.housestyle templates/reference.docx'",
            ) from None


def write_docx(document: Document, reference: Reference, properties: Properties) -> bytes:
    """The .docx bytes of ``document``; the same input gives the same bytes."""
    target = reference.open()
    _Writer(target).write(document)
    _set_properties(target, properties)
    buffer = io.BytesIO()
    target.save(buffer)
    return normalise(buffer.getvalue())


class _Writer:
    def __init__(self, target: DocxDocument):
        self.target = target
        self.body = target.element.body
        self.notes: CT_Footnotes = footnotes_part(target.part).footnotes
        self.numbering = cast(CT_Numbering, target.part.numbering_part.element)
        self.abstract = _abstract_ids(self.numbering)
        self.num_ids: dict[int, int] = {}

    def write(self, document: Document) -> None:
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self.notes.clear_notes()
        self.document = document
        for paragraph in document.paragraphs:
            self._paragraph(cast(CT_P, self.body._add_p()), paragraph)  # pyright: ignore

    def _paragraph(self, p: CT_P, paragraph: Paragraph, style: str | None = None) -> None:
        style_id = style if style is not None else STYLE_IDS[paragraph.role]
        if style_id or paragraph.list:
            ppr = p.get_or_add_pPr()
            if style_id:
                ppr.style = style_id
            if paragraph.list:
                num_pr = ppr.get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = paragraph.list.level
                num_pr.get_or_add_numId().val = self._num_id(paragraph.list)
        for inline in paragraph.inlines:
            self._inline(p, inline)

    def _inline(self, p: CT_P, inline: Inline) -> None:
        run = cast(CT_R, p.add_r())
        if isinstance(inline, Span):
            if inline.bold or inline.italic:
                rpr = run.get_or_add_rPr()
                if inline.bold:
                    rpr._add_b()  # pyright: ignore
                if inline.italic:
                    rpr._add_i()  # pyright: ignore
            run.text = inline.text
        elif isinstance(inline, Break):
            br = run.add_br()
            if inline.page:
                br.type = "page"  # pyright: ignore
        elif isinstance(inline, NoteRef):
            run.get_or_add_rPr().style = NOTE_MARK
            add_note_reference(run, self._note(inline.note))

    def _note(self, index: int) -> int:
        """Write footnote ``index`` as a new Word footnote; return its id."""
        note = self.notes.add_note()
        paragraphs = self.document.notes[index].paragraphs or [Paragraph("body")]
        for number, paragraph in enumerate(paragraphs):
            p = note.add_paragraph()
            if number == 0:
                p.get_or_add_pPr().style = NOTE_TEXT
                mark = cast(CT_R, p.add_r())
                mark.get_or_add_rPr().style = NOTE_MARK
                add_note_mark(mark)
                cast(CT_R, p.add_r()).text = " "
                self._paragraph(p, paragraph, style="")
            else:
                self._paragraph(p, paragraph, style=NOTE_TEXT)
        return note.id

    def _num_id(self, mark: ListMark) -> int:
        if mark.list_id not in self.num_ids:
            abstract = self.abstract[NUMBERED if mark.ordered else BULLETED]
            num = self.numbering.add_num(abstract)
            num.add_lvlOverride(ilvl=mark.level).add_startOverride(mark.start)
            self.num_ids[mark.list_id] = num.numId
        return self.num_ids[mark.list_id]


def _abstract_ids(numbering: CT_Numbering) -> dict[str, int]:
    """The abstract numbering ids of our named list definitions."""
    found: dict[str, int] = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        name = abstract.find(qn("w:name"))
        if name is not None:
            found[name.get(qn("w:val"))] = int(abstract.get(qn("w:abstractNumId")))
    missing = [n for n in (NUMBERED, BULLETED) if n not in found]
    if missing:
        raise fail(
            Location("templates/reference.docx"),
            f"the numbering definitions {', '.join(missing)} are missing; regenerate with "
            "'python -m briefgen.housestyle templates/reference.docx'",
        )
    return found


def _set_properties(target: DocxDocument, properties: Properties) -> None:
    core = target.core_properties
    core.title = properties.title
    core.subject = properties.subject
    core.author = properties.author
    core.last_modified_by = properties.author
    core.created = properties.created
    core.modified = properties.created
    core.revision = 1
    core.language = "nl-NL"
