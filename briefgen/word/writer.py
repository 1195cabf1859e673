"""Write a block document as a .docx on top of ``templates/reference.docx``.

The reference supplies styles, numbering definitions, page set-up and headers; this
module fills the body, the footnotes part and one numbering instance per list, and
narrows the text column of letters so the reference column fits beside it.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import docx
from docx.document import Document as DocxDocument
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.numbering import CT_Numbering
from docx.oxml.parser import OxmlElement, oxml_parser
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.parfmt import CT_PPr
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Twips
from lxml import etree

from ..compose.blocks import Break, Document, Inline, ListMark, NoteRef, Paragraph, Revision, Span, Table
from ..data.files import NotRegularFile, TooLarge, read_regular
from ..errors import Location, Problem, UserError, fail
from .archive import MAX_PACKAGE_BYTES, UnusablePackage, deterministic_zip, docx_bytes, strip_active, unpack
from .contract import (
    BRIEF_MARGIN_RIGHT,
    BULLETED,
    COLUMN,
    COLUMN_TEXT,
    HEADER,
    LINK,
    LINK_COLOUR,
    LIST_LEVELS,
    NOTE_MARK,
    NOTE_TEXT,
    NUMBERED,
    NUMBERED_PAREN,
    REGENERATE,
    REVIEW,
    ROLE_STYLES,
    SHADING,
    TABLE,
    TABLE_HEADER,
    TABLE_TEXT,
    TITLE,
)
from .namespaces import VML, W
from .oxml import (
    CT_Footnotes,
    CT_TrackChange,
    add_hyperlink,
    add_note_mark,
    add_note_reference,
    delete_text,
    footnotes_part,
    link_relationship,
    mark_paragraph,
    new_element,
    set_frame,
    set_text,
    shade,
    track_change,
)

REVIEW_LINE = "Interne reviewversie (arcering {}) – niet verzenden"
REVIEW_TITLE = " (interne reviewversie)"


@dataclass(frozen=True)
class Properties:
    """Document properties; dates come from the data so that output is reproducible."""

    title: str
    created: dt.datetime
    author: str = "briefgen"
    subject: str = ""
    review: str | None = None
    """The portfolio of a review copy: every page then says it is one, and so does its title."""


class Reference:
    """``templates/reference.docx``, read once and opened afresh for each document.

    It is input like any other: read only when it is a regular file, unpacked within
    limits (a zip bomb stops at the limit), and stripped of relationships to anything
    outside it and of active content (macros, ActiveX, OLE objects), each of which
    becomes a warning. What every document needs to know of
    it (style ids, style frames, list definitions) is looked up once, here.
    """

    def __init__(self, path: Path, display: str | None = None):
        self.display = display or str(path)
        try:
            parts, removed = strip_active(unpack(self._read(path)))
        except (UnusablePackage, etree.XMLSyntaxError) as error:
            raise self._unusable(str(error)) from None
        self.data = deterministic_zip(parts)
        self.warnings = [
            Problem(
                Location(self.display),
                f"the reference document has {what}; left out of every document, as Word "
                "would fetch or run it when the document opens",
                warning=True,
            )
            for what in removed
        ]
        opened = self.open()
        self.style_ids = {
            style.style_id.lower(): style.style_id
            for style in opened.styles
            if style.style_id  # pyright: ignore[reportAttributeAccessIssue]
        }
        self.frames = _style_frames(opened)
        self.abstract = _abstract_ids(cast(CT_Numbering, opened.part.numbering_part.element))

    def _read(self, path: Path) -> bytes:
        """The file's bytes; a FIFO or device is refused instead of waited on."""
        try:
            data, _ = read_regular(path, MAX_PACKAGE_BYTES)
        except NotRegularFile:
            raise self._unusable("not a regular file") from None
        except TooLarge:
            raise self._unusable(f"larger than {MAX_PACKAGE_BYTES:,} bytes") from None
        except OSError as error:
            raise fail(
                Location(self.display), f"cannot read the reference document: {error.strerror}"
            ) from None
        return data

    def open(self) -> DocxDocument:
        try:
            return docx.Document(io.BytesIO(self.data))
        except (KeyError, ValueError, etree.XMLSyntaxError, OpcError, PythonDocxError) as error:
            raise self._unusable(str(error)) from None

    def _unusable(self, reason: str) -> UserError:
        return fail(
            Location(self.display),
            f"not a usable Word document ({reason}); restore it or run '{REGENERATE}'",
        )


def write_docx(document: Document, reference: Reference, properties: Properties) -> bytes:
    """The .docx bytes of ``document``; the same input gives the same bytes."""
    target = reference.open()
    writer = _Writer(target, reference)
    writer.write(document)
    writer.headers(document, properties.review)
    _set_properties(target, properties)
    return docx_bytes(target)


class _Writer:
    def __init__(self, target: DocxDocument, reference: Reference):
        self.target = target
        self.body = target.element.body
        self.notes_part = footnotes_part(target.part)
        self.notes: CT_Footnotes = self.notes_part.footnotes
        self.part: Part = target.part
        self.numbering = cast(CT_Numbering, target.part.numbering_part.element)
        self.abstract = reference.abstract
        self.num_ids: dict[int, int] = {}
        self.revisions = 0
        self.properties: dict[tuple[object, ...], CT_PPr | None] = {}
        self.run_properties: dict[tuple[bool, bool, bool], etree._Element | None] = {}
        self.style_ids = reference.style_ids
        self.frames = reference.frames
        self.section = self.body.find(qn("w:sectPr"))
        self.note_mark_properties, self.note_start = _note_prototypes()

    def write(self, document: Document) -> None:
        for child in list(self.body):
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self.notes.clear_notes()
        self.next_note = self.notes.next_id()
        self.document = document
        if document.layout == "brief":
            self.target.sections[0].right_margin = Twips(BRIEF_MARGIN_RIGHT)
        for block in document.blocks:
            if isinstance(block, Table):
                self._table(block)
            else:
                self._paragraph(self._body_paragraph(), block)

    def headers(self, document: Document, review: str | None) -> None:
        """Follow-on pages of a letter or nota repeat its reference column under the page
        number; every page of a review copy says what it is."""
        section = self.target.sections[0]
        if document.layout == "brief":
            self._repeat_column(section.header._element)
        if review is not None:
            for header in (section.first_page_header, section.header):
                self._review_line(header._element, REVIEW_LINE.format(review))

    def _repeat_column(self, header: BaseOxmlElement) -> None:
        """Follow-on pages, as the seed's nota shows them: the page number, the document's
        title (TER BESLISSING) and the reference column of page 1, in a text box where the
        column stands (a frame in a header is not placed by LibreOffice)."""
        column = self.style_ids.get(COLUMN.lower())
        text_style = self.style_ids.get(COLUMN_TEXT.lower())
        if column is None or text_style is None or column not in self.frames:
            return
        box = _text_box(self.frames[column], self.target.sections[0])
        content = box.find(f".//{qn('w:txbxContent')}")
        header_style = self.style_ids.get(HEADER.lower())
        anchor = None
        for p in header.iterchildren(qn("w:p")):
            if cast(CT_P, p).style == header_style:
                content.append(_restyled(p, text_style))
                for child in [c for c in p if c.tag != qn("w:pPr")]:
                    p.remove(child)
                anchor = anchor if anchor is not None else p
        titles = [p for p in self.body.iterchildren(qn("w:p")) if cast(CT_P, p).style == TITLE]
        for p in titles:
            title = _restyled(p, text_style)
            for run in title.iter(qn("w:r")):
                run.get_or_add_rPr()._add_b()  # pyright: ignore[reportAttributeAccessIssue]
            content.append(title)
        for p in self.body.iterchildren(qn("w:p")):
            if cast(CT_P, p).style in self.frames:
                content.append(_restyled(p, text_style))
        if anchor is None:
            anchor = new_element("w:p")
            header.append(anchor)
        anchor.append(box)

    def _review_line(self, header: BaseOxmlElement, text: str) -> None:
        style = self.style_ids.get(REVIEW.lower(), self.style_ids.get(HEADER.lower(), ""))
        p = cast(CT_P, new_element("w:p"))
        if style:
            p.get_or_add_pPr().style = style
        run = _new_run(p)
        if REVIEW.lower() not in self.style_ids:
            run.get_or_add_rPr()._add_b()  # pyright: ignore[reportAttributeAccessIssue]
        set_text(run, text)
        header.insert(0, p)

    def _paragraph(self, p: CT_P, paragraph: Paragraph, style: str | None = None) -> None:
        if paragraph.style:
            style_id = self._style_id(paragraph.style)
        else:
            style_id = style if style is not None else ROLE_STYLES[paragraph.role]
        if paragraph.change is None:
            mark = paragraph.list
            key = (style_id, (self._num_id(mark), mark.level) if mark else None, paragraph.shaded)
            if key not in self.properties:
                self.properties[key] = self._properties(style_id, paragraph)
            if self.properties[key] is not None:
                p.insert(0, copy.deepcopy(self.properties[key]))
        else:
            self._set_properties(p, style_id, paragraph)
        for inline in paragraph.inlines:
            self._inline(p, inline)

    def _body_paragraph(self) -> CT_P:
        """A new paragraph at the end of the body, before the section properties."""
        p = cast(CT_P, new_element("w:p"))
        if self.section is None:
            self.body.append(p)
        else:
            self.section.addprevious(p)
        return p

    def _properties(self, style_id: str, paragraph: Paragraph) -> CT_PPr | None:
        """A paragraph's ``w:pPr``, built once per kind of paragraph and then copied:
        python-docx's child insertion keeps schema order by searching, which is slow."""
        scratch = cast(CT_P, OxmlElement("w:p"))
        self._set_properties(scratch, style_id, paragraph)
        return scratch.pPr

    def _set_properties(self, p: CT_P, style_id: str, paragraph: Paragraph) -> None:
        if style_id or paragraph.list or paragraph.shaded or paragraph.change:
            ppr = p.get_or_add_pPr()
            if style_id:
                ppr.style = style_id
            if paragraph.list:
                num_pr = ppr.get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = _word_level(paragraph.list)
                num_pr.get_or_add_numId().val = self._num_id(paragraph.list)
            if paragraph.shaded:
                shade(ppr, SHADING)
            if style_id in self.frames:
                set_frame(ppr, self.frames[style_id])
            if paragraph.change:
                mark_paragraph(ppr, self._revision(paragraph.change))

    def _style_id(self, name: str) -> str:
        found = self.style_ids.get(name.lower())
        if found is None:
            raise fail(
                Location("templates/reference.docx"),
                f"the templates use the style '{name}', which the reference document does not define",
            )
        return found

    def _table(self, table: Table) -> None:
        columns = max(len(row) for row in table.rows) if table.rows else 0
        if not columns:
            return
        docx_table = self.target.add_table(rows=len(table.rows), cols=columns)
        docx_table.style = self.target.styles[TABLE]
        docx_table.autofit = False
        section = self.target.sections[0]
        width = section.page_width - section.left_margin - section.right_margin  # pyright: ignore
        weights = (table.widths + [1] * columns)[:columns]
        widths = [width * weight // sum(weights) for weight in weights]
        for column, column_width in zip(docx_table.columns, widths, strict=True):
            column.width = column_width
        _repeat_as_header(docx_table.rows[0]._tr)
        for number, (row, docx_row) in enumerate(zip(table.rows, docx_table.rows, strict=True)):
            style = TABLE_HEADER if number == 0 else TABLE_TEXT
            if number < len(table.changes) and table.changes[number]:
                docx_row._tr.get_or_add_trPr().append(self._revision(table.changes[number]))
            for cell, docx_cell, cell_width in zip(row, docx_row.cells, widths, strict=False):
                docx_cell.width = cell_width
                paragraphs = cell or [Paragraph("body")]
                first = cast(CT_P, docx_cell.paragraphs[0]._p)
                self._paragraph(first, paragraphs[0], style=style)
                for paragraph in paragraphs[1:]:
                    self._paragraph(cast(CT_P, docx_cell._tc.add_p()), paragraph, style=style)

    def _revision(self, kind: str) -> CT_TrackChange:
        revision = self.document.revision or Revision("briefgen", "")
        self.revisions += 1
        return track_change(kind, self.revisions, revision.author, revision.date)

    def _inline(self, p: CT_P, inline: Inline) -> None:
        parent: BaseOxmlElement = p
        if isinstance(inline, Span) and inline.link is not None:
            parent = self._hyperlink(p, inline.link)
        if inline.change:
            wrapper = self._revision(inline.change)
            parent.append(wrapper)
            run = cast(CT_R, wrapper._add_r())  # pyright: ignore[reportAttributeAccessIssue]
        else:
            run = _new_run(parent)
        if isinstance(inline, Span):
            properties = self._run_properties(inline.bold, inline.italic, inline.link is not None)
            if properties is not None:
                run.insert(0, copy.deepcopy(properties))
            set_text(run, inline.text)
        elif isinstance(inline, Break):
            br = run.add_br()
            if inline.page:
                br.type = "page"  # pyright: ignore
        elif isinstance(inline, NoteRef):
            run.insert(0, copy.deepcopy(self.note_mark_properties))
            add_note_reference(run, self._note(inline.note))
        if inline.change == "del":
            delete_text(run)

    def _hyperlink(self, p: CT_P, address: str) -> BaseOxmlElement:
        """The hyperlink to ``address`` that ends ``p``, continued, or a new one."""
        last = p[-1] if len(p) else None
        relationship = link_relationship(self.part, address)
        if last is not None and last.tag == qn("w:hyperlink") and last.get(qn("r:id")) == relationship:
            return last
        return add_hyperlink(p, relationship)

    def _run_properties(self, bold: bool, italic: bool, linked: bool) -> etree._Element | None:
        """A run's ``w:rPr`` for its formatting, built once per kind and then copied."""
        key = (bold, italic, linked)
        if key not in self.run_properties:
            properties = None
            if bold or italic or linked:
                properties = cast(CT_R, new_element("w:r")).get_or_add_rPr()
                if linked and LINK.lower() in self.style_ids:
                    properties.style = self.style_ids[LINK.lower()]
                if bold:
                    properties._add_b()  # pyright: ignore
                if italic:
                    properties._add_i()  # pyright: ignore
                if linked and LINK.lower() not in self.style_ids:
                    _look_like_a_link(properties)
            self.run_properties[key] = properties
        return self.run_properties[key]

    def _note(self, index: int) -> int:
        """Write footnote ``index`` as a new Word footnote; return its id."""
        note = self.notes.add_note(self.next_note)
        self.next_note += 1
        paragraphs = self.document.notes[index].paragraphs or [Paragraph("body")]
        body_part, self.part = self.part, self.notes_part
        for number, paragraph in enumerate(paragraphs):
            p = note.add_paragraph()
            self._paragraph(p, paragraph, style=NOTE_TEXT)
            if number == 0:
                start = 0 if p.pPr is None else 1
                for offset, run in enumerate(self.note_start):
                    p.insert(start + offset, copy.deepcopy(run))
        self.part = body_part
        return note.id

    def _num_id(self, mark: ListMark) -> int:
        if mark.list_id not in self.num_ids:
            kind = (NUMBERED_PAREN if mark.delimiter == ")" else NUMBERED) if mark.ordered else BULLETED
            abstract = self.abstract[kind]
            num = self.numbering.add_num(abstract)
            num.add_lvlOverride(ilvl=_word_level(mark)).add_startOverride(mark.start)
            self.num_ids[mark.list_id] = num.numId
        return self.num_ids[mark.list_id]


def _restyled(p: BaseOxmlElement, style: str) -> CT_P:
    """A copy of ``p`` in ``style`` without a frame, as a text box can hold it: links become
    plain runs (their relationships belong to the body), footnote references and tracked
    deletions are left out."""
    copied = cast(CT_P, copy.deepcopy(p))
    ppr = copied.get_or_add_pPr()
    ppr._remove_framePr()  # pyright: ignore[reportAttributeAccessIssue]
    ppr.style = style
    for wrapper in list(copied.iter(qn("w:hyperlink"), qn("w:ins"))):
        for child in list(wrapper):
            wrapper.addprevious(child)
        wrapper.getparent().remove(wrapper)
    for element in list(copied.iter(qn("w:footnoteReference"), qn("w:del"))):
        element.getparent().remove(element)
    return copied


def _text_box(frame: etree._Element, section: Section) -> BaseOxmlElement:
    """A run holding an empty text box placed on the page like ``frame`` (a ``w:framePr``),
    down to the bottom margin, that does not push the text aside. VML, which Word, LibreOffice
    and the ISO schemas all know (a DrawingML text box needs Word 2010's own namespace)."""
    x, y, width = (int(frame.get(qn(f"w:{name}"), "0")) / 20 for name in ("x", "y", "w"))
    height = (section.page_height - section.bottom_margin) / 12700 - y  # pyright: ignore[reportOperatorIssue]
    style = (
        f"position:absolute;margin-left:{x:g}pt;margin-top:{y:g}pt;width:{width:g}pt;height:{height:g}pt;"
        "mso-position-horizontal-relative:page;mso-position-vertical-relative:page;z-index:1"
    )
    xml = (
        f'<w:r xmlns:w="{W}" xmlns:v="{VML}"><w:pict>'
        f'<v:rect id="referentiegegevens" style="{style}" stroked="f" filled="f">'
        '<v:textbox inset="0,0,0,0"><w:txbxContent/></v:textbox></v:rect></w:pict></w:r>'
    )
    return cast(BaseOxmlElement, etree.fromstring(xml, oxml_parser))


def _repeat_as_header(row: BaseOxmlElement) -> None:
    """Mark a table's first row as its header: repeated on every page, and read out as the
    column headings by assistive technology."""
    row.get_or_add_trPr().append(new_element("w:tblHeader"))  # pyright: ignore[reportAttributeAccessIssue]


def _look_like_a_link(properties: etree._Element) -> None:
    """Blue and underlined, for a reference document without a Hyperlink style."""
    colour = new_element("w:color")
    colour.set(qn("w:val"), LINK_COLOUR)
    properties._insert_color(colour)  # pyright: ignore[reportAttributeAccessIssue]
    underline = new_element("w:u")
    underline.set(qn("w:val"), "single")
    properties._insert_u(underline)  # pyright: ignore[reportAttributeAccessIssue]


def _note_prototypes() -> tuple[etree._Element, tuple[CT_R, CT_R]]:
    """Copied for every footnote: the reference's run properties, and the runs that start a
    footnote's text (its number, then a space)."""
    properties = cast(CT_R, new_element("w:r")).get_or_add_rPr()
    properties.style = NOTE_MARK
    mark = cast(CT_R, new_element("w:r"))
    mark.append(copy.deepcopy(properties))
    add_note_mark(mark)
    space = cast(CT_R, new_element("w:r"))
    space.text = " "
    return properties, (mark, space)


def _word_level(mark: ListMark) -> int:
    """Word has nine list levels; deeper items stay on the ninth."""
    return min(mark.level, LIST_LEVELS - 1)


def _new_run(p: BaseOxmlElement) -> CT_R:
    """A new run at the end of a paragraph or hyperlink (runs come after ``w:pPr``, so appending is in order)."""
    run = cast(CT_R, new_element("w:r"))
    p.append(run)
    return run


def _style_frames(target: DocxDocument) -> dict[str, etree._Element]:
    """The frame (``w:framePr``) of each paragraph style that has one, own or inherited."""
    elements = {style.style_id: style.element for style in target.styles}  # pyright: ignore
    frames: dict[str, etree._Element] = {}
    for style_id in elements:
        current, seen = style_id, set()
        while current in elements and current not in seen:
            seen.add(current)
            frame = elements[current].find(f"{qn('w:pPr')}/{qn('w:framePr')}")
            if frame is not None:
                frames[style_id] = frame
                break
            based_on = elements[current].find(qn("w:basedOn"))
            current = based_on.get(qn("w:val")) if based_on is not None else None
    return frames


def _abstract_ids(numbering: CT_Numbering) -> dict[str, int]:
    """The abstract numbering ids of our named list definitions."""
    found: dict[str, int] = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        name = abstract.find(qn("w:name"))
        if name is not None:
            found[name.get(qn("w:val"))] = int(abstract.get(qn("w:abstractNumId")))
    missing = [n for n in (NUMBERED, NUMBERED_PAREN, BULLETED) if n not in found]
    if missing:
        raise fail(
            Location("templates/reference.docx"),
            f"the numbering definitions {', '.join(missing)} are missing; regenerate with '{REGENERATE}'",
        )
    return found


def _set_properties(target: DocxDocument, properties: Properties) -> None:
    core = target.core_properties
    core.title = properties.title + (REVIEW_TITLE if properties.review is not None else "")
    core.subject = properties.subject
    core.author = properties.author
    core.last_modified_by = properties.author
    core.created = properties.created
    core.modified = properties.created
    core.revision = 1
    core.language = "nl-NL"
