"""Write a block document as a .docx on top of ``templates/reference.docx``.

The reference supplies styles, numbering definitions, page set-up and headers; this
module fills the body, the footnotes part and one numbering instance per list, and
narrows the text column of letters so the reference column fits beside it.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
import weakref
from dataclasses import dataclass, field, replace
from typing import Final, TypeVar, cast

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn
from docx.oxml.numbering import CT_Num, CT_Numbering
from docx.oxml.table import CT_Tbl
from docx.oxml.text.hyperlink import CT_Hyperlink
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.parfmt import CT_PPr
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Length, RGBColor, Twips
from docx.text.font import Font
from lxml import etree

from ..document.blocks import Break, Document, Inline, ListMark, NoteRef, Paragraph, Revision, Span, Table
from ..errors import Location, _, fail
from .archive import docx_bytes
from .contract import (
    BRIEF_MARGIN_RIGHT,
    BULLETED,
    COLUMN_TEXT,
    FOLLOW_ON,
    LINK,
    LINK_COLOUR,
    LIST_LEVELS,
    NOTE_MARK,
    NOTE_TEXT,
    NUMBERED,
    NUMBERED_PAREN,
    ROLE_STYLES,
    SHADING,
    TABLE,
    TABLE_HEADER,
    TABLE_TEXT,
    WORD_JOINER,
    WRITER,
)
from .headers import Letterhead, add_headers, only_section
from .oxml import (
    CT_Footnotes,
    CT_TrackChange,
    add_hyperlink,
    add_note_mark,
    add_note_reference,
    append_new,
    delete_text,
    footnotes_part,
    link_relationship,
    mark_paragraph,
    new_element,
    repeat_as_header,
    set_frame,
    set_text,
    shade,
    track_change,
)
from .properties import BUILD, set_company, set_custom_properties
from .reference import Reference

_Block = TypeVar("_Block", bound=BaseOxmlElement)


@dataclass(frozen=True)
class Properties:
    """Document properties; dates come from the data so that output is reproducible."""

    title: str
    created: dt.datetime
    author: str = "briefgen"
    """Who wrote it: the sending ministry (``Ministerie van …``)."""
    subject: str = ""
    company: str = ""
    """The organisation (Word: Company); the sending ministry."""
    build: str = ""
    """The id of the build the document belongs to (a custom property; see ``properties``)."""


def write_docx(
    document: Document, reference: Reference, properties: Properties, letterhead: Letterhead | None = None
) -> bytes:
    """The .docx bytes of ``document``; the same input gives the same bytes. A letter or
    nota carries ``letterhead`` at the top of page 1."""
    target = reference.open()
    writer = _Writer(target, reference)
    writer.write(document)
    add_headers(target, reference, document.layout, document.review, letterhead, writer.follow_on)
    _set_properties(target, properties, reference)
    if properties.build:
        set_custom_properties(target, {BUILD: properties.build})
    return docx_bytes(target, reference.stored)


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
        self.used_num_ids: set[int] | None = None
        self.revisions = 0
        prototypes = _prototypes(reference)
        self.shapes = prototypes.paragraphs
        self.run_properties = prototypes.run_properties
        self.runs = prototypes.runs
        self.nums = prototypes.nums
        self.note_reference = prototypes.note_reference
        self.style_ids = reference.style_ids
        self.frames = reference.frames
        self.section = self.body.sectPr
        self.note_mark_properties, self.note_start = prototypes.note_mark, prototypes.note_start
        self.follow_on: list[CT_P] = []
        """The paragraphs a letter's follow-on pages show in the reference column (``FOLLOW_ON``)."""

    def write(self, document: Document) -> None:
        clear_content(self.body)
        self.notes.clear_notes()
        self.next_note = self.notes.next_id()
        self.document = document
        if document.layout == "brief":
            only_section(self.target).right_margin = Twips(BRIEF_MARGIN_RIGHT)
        for block in document.blocks:
            if isinstance(block, Table):
                self._table(block)
            elif block.style is not None and block.style.lower() == FOLLOW_ON.lower():
                column = replace(block, style=None)
                p = self._new_paragraph(column, self.style_ids.get(COLUMN_TEXT.lower(), ""))
                self._inlines(p, column)
                self.follow_on.append(p)
            else:
                self._inlines(self._append(self._new_paragraph(block)), block)

    def _paragraph(self, p: CT_P, paragraph: Paragraph, style: str | None = None) -> None:
        """Write ``paragraph`` into the empty paragraph ``p`` (a table cell's)."""
        style_id = self._style_of(paragraph, style)
        if paragraph.change is None:
            properties = self._shape(style_id, paragraph)[1]
            if properties is not None:
                p.insert(0, properties.__copy__())  # lxml copies an element whole
        else:
            self._set_properties(p, style_id, paragraph)
        self._inlines(p, paragraph)

    def _new_paragraph(self, paragraph: Paragraph, style: str | None = None) -> CT_P:
        """A new ``w:p`` with ``paragraph``'s properties, not yet placed, without its text:
        a copy of the one made before for its kind."""
        style_id = self._style_of(paragraph, style)
        if paragraph.change is not None:
            p = cast(CT_P, new_element("w:p"))
            self._set_properties(p, style_id, paragraph)
            return p
        return cast(CT_P, self._shape(style_id, paragraph)[0].__copy__())

    def _inlines(self, p: CT_P, paragraph: Paragraph) -> None:
        for inline in paragraph.inlines:
            self._inline(p, inline)

    def _style_of(self, paragraph: Paragraph, style: str | None) -> str:
        if paragraph.style:
            return self._style_id(paragraph.style)
        return style if style is not None else ROLE_STYLES[paragraph.role]

    def _shape(self, style_id: str, paragraph: Paragraph) -> tuple[CT_P, CT_PPr | None]:
        """An empty paragraph of this kind, made once per kind, and its ``w:pPr`` (None: it has none)."""
        mark = paragraph.list
        key = (style_id, (self._num_id(mark), _word_level(mark)) if mark else None, paragraph.shaded)
        shape = self.shapes.get(key)
        if shape is None:
            p = cast(CT_P, new_element("w:p"))
            self._set_properties(p, style_id, paragraph)
            shape = self.shapes[key] = (p, p.pPr)
        return shape

    def _append(self, block: _Block) -> _Block:
        """Put ``block`` at the end of the body, before the section properties."""
        if self.section is None:
            self.body.append(block)
        else:
            self.section.addprevious(block)
        return block

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
        found: str | None = self.style_ids.get(name.lower())
        if found is None:
            raise fail(
                Location("templates/reference.docx"),
                _(
                    "the templates use the style '{name}', which the reference document does not define",
                    name=name,
                ),
            )
        return found

    def _table(self, table: Table) -> None:
        columns = max(len(row) for row in table.rows) if table.rows else 0
        if not columns:
            return
        section = only_section(self.target)
        page, left, right = section.page_width, section.left_margin, section.right_margin
        width = cast(Length, page) - cast(Length, left) - cast(Length, right)  # the reference sets them
        tbl = self._append(CT_Tbl.new_tbl(len(table.rows), columns, Emu(width)))
        tbl.tblStyle_val = self.style_ids.get(TABLE.lower())
        tbl.tblPr.autofit = False
        weights = (table.widths + [1] * columns)[:columns]
        widths = [width * weight // sum(weights) for weight in weights]
        for column, column_width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            column.w = Emu(column_width)
        repeat_as_header(tbl.tr_lst[0])
        for number, (row, tr) in enumerate(zip(table.rows, tbl.tr_lst, strict=True)):
            style = TABLE_HEADER if number == 0 else TABLE_TEXT
            change = table.changes[number] if number < len(table.changes) else None
            if change:
                tr.get_or_add_trPr().append(self._revision(change))
            for cell, tc, cell_width in zip(row, tr.tc_lst, widths, strict=False):
                tc.width = Emu(cell_width)
                paragraphs = cell or [Paragraph("body")]
                self._paragraph(tc.p_lst[0], paragraphs[0], style=style)
                for paragraph in paragraphs[1:]:
                    self._paragraph(tc.add_p(), paragraph, style=style)

    def _revision(self, kind: str) -> CT_TrackChange:
        revision = self.document.revision or Revision("briefgen", "")
        self.revisions += 1
        return track_change(kind, self.revisions, revision.author, revision.date)

    def _inline(self, p: CT_P, inline: Inline) -> None:
        if type(inline) is Span and inline.change is None and inline.text and "\t" not in inline.text:
            self._text_run(p, inline)
            return
        if type(inline) is NoteRef and inline.change is None:
            run = self.note_reference.__copy__()
            p.append(run)
            run[-1].set(_ID, str(self._note(inline.note)))
            return
        parent: etree._Element = p
        if isinstance(inline, Span) and inline.link is not None:
            parent = self._hyperlink(p, inline.link)
        if inline.change:
            wrapper = self._revision(inline.change)
            parent.append(wrapper)
            run = cast(CT_R, wrapper.add_r())  # pyright: ignore[reportAttributeAccessIssue]
        else:
            run = cast(CT_R, etree.SubElement(parent, _RUN))  # runs come after w:pPr: in schema order
        if isinstance(inline, Span):
            properties = self._run_properties(inline.bold, inline.italic, inline.link is not None)
            if properties is not None:
                run.insert(0, properties.__copy__())  # lxml copies an element whole
            set_text(run, _joined(inline.text))
        elif isinstance(inline, Break):
            br = run.add_br()
            if inline.page:
                br.type = "page"  # pyright: ignore
        elif isinstance(inline, NoteRef):
            run.insert(0, self.note_mark_properties.__copy__())
            add_note_reference(run, self._note(inline.note))
        if inline.change == "del":
            delete_text(run)

    def _text_run(self, p: CT_P, span: Span) -> None:
        """The most common inline, a run of text without tabs or changes: a copy of the run
        made before for its formatting, with the text put in (a new element costs more
        than a copy of several)."""
        parent = p if span.link is None else self._hyperlink(p, span.link)
        text = _joined(span.text)
        key = (span.bold, span.italic, span.link is not None, text[0].isspace() or text[-1].isspace())
        shape = self.runs.get(key)
        if shape is None:
            shape = cast(CT_R, new_element("w:r"))
            properties = self._run_properties(*key[:3])
            if properties is not None:
                shape.append(properties.__copy__())
            set_text(shape, " " if key[3] else "-")
            self.runs[key] = shape
        run = shape.__copy__()
        parent.append(run)
        run[-1].text = text

    def _hyperlink(self, p: CT_P, address: str) -> BaseOxmlElement:
        """The hyperlink to ``address`` that ends ``p``, continued, or a new one."""
        last = p[-1] if len(p) else None
        relationship = link_relationship(self.part, address)
        if isinstance(last, CT_Hyperlink) and last.rId == relationship:
            return last
        return add_hyperlink(p, relationship)

    def _run_properties(self, bold: bool, italic: bool, linked: bool) -> etree._Element | None:
        """A run's ``w:rPr`` for its formatting, built once per kind and then copied."""
        key = (bold, italic, linked)
        properties = self.run_properties.get(key, _UNKNOWN)
        if properties is _UNKNOWN:
            properties = None
            if bold or italic or linked:
                run = cast(CT_R, new_element("w:r"))
                properties = run.get_or_add_rPr()
                if linked and LINK.lower() in self.style_ids:
                    properties.style = self.style_ids[LINK.lower()]
                font = Font(run)
                if bold:
                    font.bold = True
                if italic:
                    font.italic = True
                if linked and LINK.lower() not in self.style_ids:
                    font.color.rgb = RGBColor.from_string(LINK_COLOUR)
                    font.underline = True
            self.run_properties[key] = properties
        return properties

    def _note(self, index: int) -> int:
        """Write footnote ``index`` as a new Word footnote; return its id."""
        note_id = self.next_note
        self.next_note += 1
        note = etree.SubElement(self.notes, _FOOTNOTE)  # after the notes there are: in schema order
        note.set(_ID, str(note_id))
        paragraphs = self.document.notes[index].paragraphs or [Paragraph("body")]
        body_part, self.part = self.part, self.notes_part
        for number, paragraph in enumerate(paragraphs):
            p = self._new_paragraph(paragraph, NOTE_TEXT)
            note.append(p)
            self._inlines(p, paragraph)
            if number == 0:
                start = 0 if p.pPr is None else 1
                for offset, run in enumerate(self.note_start):
                    p.insert(start + offset, run.__copy__())
        self.part = body_part
        return note_id

    def _num_id(self, mark: ListMark) -> int:
        if mark.list_id not in self.num_ids:
            kind = (NUMBERED_PAREN if mark.delimiter == ")" else NUMBERED) if mark.ordered else BULLETED
            key = (self.abstract[kind], _word_level(mark), mark.start)
            shape = self.nums.get(key)
            if shape is None:
                shape = self.nums[key] = CT_Num.new(0, key[0])
                shape.add_lvlOverride(ilvl=key[1]).add_startOverride(key[2])
            num = shape.__copy__()
            num.set(_NUM_ID, str(self._next_num_id()))
            self.numbering._insert_num(num)  # pyright: ignore[reportAttributeAccessIssue]
            self.num_ids[mark.list_id] = num.numId
        return self.num_ids[mark.list_id]

    def _next_num_id(self) -> int:
        """python-docx's ``add_num`` numbering: the lowest id no ``w:num`` has, from 1."""
        if self.used_num_ids is None:
            self.used_num_ids = {num.numId for num in self.numbering.num_lst}
        found = next(number for number in itertools.count(1) if number not in self.used_num_ids)
        self.used_num_ids.add(found)
        return found


@dataclass
class _Prototypes:
    """What the writer copies into every document of one reference, made once per reference:
    each kind of paragraph's ``w:pPr`` and run's ``w:rPr`` (python-docx's child insertion keeps
    schema order by searching, which is slow), and the pieces of every footnote."""

    paragraphs: dict[tuple[object, ...], tuple[CT_P, CT_PPr | None]]
    """An empty paragraph of each kind, and its properties."""
    run_properties: dict[tuple[bool, bool, bool], etree._Element | None]
    runs: dict[tuple[bool, bool, bool, bool], CT_R]
    """A run of each kind of formatting (and with or without leading or trailing space) with its text."""
    note_mark: etree._Element
    """A footnote reference's run properties."""
    note_start: tuple[CT_R, CT_R]
    """The runs that start a footnote's text: its number, then a space."""
    note_reference: CT_R
    """The run that refers to a footnote, its id to be set."""
    nums: dict[tuple[int, int, int], CT_Num] = field(default_factory=dict)
    """A list's numbering instance (``w:num``) by definition, level and start, its id to be set."""


_PROTOTYPES: weakref.WeakKeyDictionary[Reference, _Prototypes] = weakref.WeakKeyDictionary()
_UNKNOWN: Final = cast(None, object())
"""A prototype not made yet (None: a kind that has no properties)."""
_RUN, _PARAGRAPH, _FOOTNOTE, _ID, _NUM_ID, _SECT_PR = (
    qn(tag) for tag in ("w:r", "w:p", "w:footnote", "w:id", "w:numId", "w:sectPr")
)


def _prototypes(reference: Reference) -> _Prototypes:
    found = _PROTOTYPES.get(reference)
    if found is None:
        properties = cast(CT_R, new_element("w:r")).get_or_add_rPr()
        properties.style = NOTE_MARK
        mark = cast(CT_R, new_element("w:r"))
        mark.append(copy.deepcopy(properties))
        add_note_mark(mark)
        space = cast(CT_R, new_element("w:r"))
        space.text = " "
        reference_run = cast(CT_R, new_element("w:r"))
        reference_run.append(copy.deepcopy(properties))
        add_note_reference(reference_run, 0)
        found = _PROTOTYPES[reference] = _Prototypes({}, {}, {}, properties, (mark, space), reference_run)
    return found


_RANGE_DASH = re.compile(r"(?<=\d)–(?=\d)")


def _joined(text: str) -> str:
    """A range of days or numbers kept on one line: a word joiner after its dash."""
    return _RANGE_DASH.sub("–" + WORD_JOINER, text) if "–" in text else text


def _word_level(mark: ListMark) -> int:
    """Word has nine list levels; deeper items stay on the ninth."""
    return min(mark.level, LIST_LEVELS - 1)


def clear_content(body: BaseOxmlElement) -> None:
    """python-docx's ``CT_Body.clear_content`` (every element but ``w:sectPr`` removed)
    without its XPath, which lxml compiles anew on every call."""
    for child in [child for child in body if isinstance(child.tag, str) and child.tag != _SECT_PR]:
        body.remove(child)


def _new_run(p: BaseOxmlElement) -> CT_R:
    """A new run at the end of a paragraph or hyperlink (runs come after ``w:pPr``, so appending is in order)."""
    return cast(CT_R, append_new(p, "w:r"))


CoreKey = tuple[str, str, str, dt.datetime]
"""What a document's core properties are set from: its title, subject, author and date."""
_CORE_PROPERTIES: weakref.WeakKeyDictionary[Reference, dict[CoreKey, list[etree._Element]]] = (
    weakref.WeakKeyDictionary()
)
"""Per reference, the children of its core properties once set for each CoreKey (a package's
documents, each again in the next render of a long-running process): python-docx's setters
search and insert each child in schema order, a copy of the children set before does not."""
KEPT_CORE_PROPERTIES = 256


def _set_properties(target: DocxDocument, properties: Properties, reference: Reference) -> None:
    try:
        element: etree._Element | None = cast(
            XmlPart, target.part.package.part_related_by(RT.CORE_PROPERTIES)
        ).element
    except KeyError:
        element = None  # python-docx makes the part as it sets the first property
    key: CoreKey = (properties.title, properties.subject, properties.author, properties.created)
    made = _CORE_PROPERTIES.setdefault(reference, {})
    children = made.get(key) if element is not None else None
    if element is not None and children is not None:
        element[:] = [child.__copy__() for child in children]
    else:
        core = target.core_properties
        core.title = properties.title
        core.subject = properties.subject
        core.author = properties.author
        core.last_modified_by = WRITER
        core.created = properties.created
        core.modified = properties.created
        core.revision = 1
        core.language = "nl-NL"
        if element is not None:
            if len(made) >= KEPT_CORE_PROPERTIES:
                made.clear()
            made[key] = [child.__copy__() for child in element]
    if properties.company:
        set_company(target, properties.company)
