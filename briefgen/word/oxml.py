"""WordprocessingML that python-docx 1.2 has no API for, in python-docx's own idiom.

Footnotes (part, notes, references), simple fields, hyperlinks and paragraph shading. Element
classes are registered with python-docx's parser, so parsed parts come back as these
classes; ``w:shd`` is declared on python-docx's own ``CT_PPr`` the way its metaclass
declares children, so it lands in schema order.
"""

from __future__ import annotations

import copy
import functools
from typing import cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory
from docx.oxml.ns import NamespacePrefixedTag, nsmap, qn
from docx.oxml.parser import OxmlElement, oxml_parser, register_element_cls
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String
from docx.oxml.table import CT_Row, CT_TrPr
from docx.oxml.text.hyperlink import CT_Hyperlink
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.parfmt import CT_PPr
from docx.oxml.text.run import CT_R
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.parts.story import StoryPart
from docx.shared import Length
from lxml import etree

from .namespaces import VML, XML_SPACE
from .oxml_styles import CT_FramePr
from .xmlchemy import BaseOxmlElement, OptionalAttribute, RequiredAttribute, ZeroOrMore, ZeroOrOne

SEPARATOR_NOTES = ("separator", "continuationSeparator")


class CT_Footnotes(BaseOxmlElement):
    """``w:footnotes``, the root of the footnotes part."""

    footnote_lst: list[CT_Footnote]
    footnote = ZeroOrMore("w:footnote")

    def add_note(self, note_id: int | None = None) -> CT_Footnote:
        """A new, empty ``w:footnote`` at the end, with ``note_id`` or the next free id."""
        if note_id is None:
            note_id = self.next_id()
        note = cast(CT_Footnote, OxmlElement("w:footnote"))
        note.id = note_id
        self.append(note)
        return note

    def add_separators(self, space_after: Length | None = None) -> None:
        """The two notes Word requires before any footnote: the separator line and its continuation."""
        for note_id, kind in ((-1, "separator"), (0, "continuationSeparator")):
            note = cast(CT_Footnote, OxmlElement("w:footnote"))
            note.type, note.id = kind, note_id
            self.append(note)
            p = note.add_paragraph()
            if space_after is not None:
                p.get_or_add_pPr().spacing_after = space_after
            p.add_r().append(OxmlElement(f"w:{kind}"))

    def next_id(self) -> int:
        """The lowest id above every note present (ids 1 and up are notes)."""
        return max([0, *(note.id for note in self.footnote_lst)]) + 1

    def clear_notes(self) -> None:
        """Remove every footnote except the separators Word requires."""
        for note in self.footnote_lst:
            if note.type not in SEPARATOR_NOTES:
                self.remove(note)


class CT_Footnote(BaseOxmlElement):
    """``w:footnote``: one note, a sequence of paragraphs."""

    p_lst: list[CT_P]
    id: int = RequiredAttribute("w:id", ST_DecimalNumber)
    type: str | None = OptionalAttribute("w:type", ST_String)
    p = ZeroOrMore("w:p")

    def add_paragraph(self) -> CT_P:
        return cast(CT_P, self.add_p())  # pyright: ignore[reportAttributeAccessIssue]


class CT_FootnoteReference(BaseOxmlElement):
    """``w:footnoteReference``: the run content that places a note's number in the text."""

    id: int = RequiredAttribute("w:id", ST_DecimalNumber)


class CT_SimpleField(BaseOxmlElement):
    """``w:fldSimple``: a field such as PAGE or NUMPAGES with its last shown result."""

    r_lst: list[CT_R]
    instr: str = RequiredAttribute("w:instr", ST_String)
    r = ZeroOrMore("w:r")


class CT_Shd(BaseOxmlElement):
    """``w:shd``: a background fill behind a paragraph."""

    val: str = RequiredAttribute("w:val", ST_String)
    color: str | None = OptionalAttribute("w:color", ST_String)
    fill: str | None = OptionalAttribute("w:fill", ST_String)


# The children that follow w:shd in CT_PPrBase (ISO/IEC 29500-1, 17.3.1.26).
_AFTER_SHD = tuple(
    (
        "w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap w:overflowPunct w:topLinePunct w:autoSpaceDE "
        "w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid w:spacing w:ind w:contextualSpacing "
        "w:mirrorIndents w:suppressOverlap w:jc w:textDirection w:textAlignment w:textboxTightWrap "
        "w:outlineLvl w:divId w:cnfStyle w:rPr w:sectPr w:pPrChange"
    ).split()
)
ZeroOrOne("w:shd", successors=_AFTER_SHD).populate_class_members(CT_PPr, "shd")
ZeroOrOne(
    "w:framePr",
    successors=("w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", *_AFTER_SHD),
).populate_class_members(CT_PPr, "framePr")
register_element_cls("w:shd", CT_Shd)
register_element_cls("w:footnotes", CT_Footnotes)
register_element_cls("w:footnote", CT_Footnote)
register_element_cls("w:footnoteReference", CT_FootnoteReference)
register_element_cls("w:fldSimple", CT_SimpleField)
ZeroOrOne(
    "w:tblHeader", successors=("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
).populate_class_members(CT_TrPr, "tblHeader")


def new_element(tag: str) -> BaseOxmlElement:
    """``OxmlElement(tag)`` with the prefixed tag resolved once: the writer makes thousands."""
    clark, nsmap = _resolved(tag)
    element: BaseOxmlElement = oxml_parser.makeelement(clark, nsmap=nsmap)
    return element


def append_new(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """``parent.append(new_element(tag))`` in half the time: made in place, the element is of
    its registered class (the parent's document reads with python-docx's parser) and takes
    its namespace from the parent, as an appended one ends up doing."""
    element: BaseOxmlElement = etree.SubElement(parent, _resolved(tag)[0])
    return element


@functools.cache
def _resolved(tag: str) -> tuple[str, dict[str, str]]:
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


def link_relationship(part: Part, address: str) -> str:
    """The id of ``part``'s relationship to the web address ``address`` (one per address)."""
    return part.relate_to(address, RT.HYPERLINK, is_external=True)


def add_hyperlink(parent: BaseOxmlElement, relationship: str) -> CT_Hyperlink:
    """Append a ``w:hyperlink`` following ``relationship`` (of the part the link stands
    in, see ``link_relationship``); its runs go inside it."""
    link = cast(CT_Hyperlink, OxmlElement("w:hyperlink", nsdecls={"w": nsmap["w"], "r": nsmap["r"]}))
    link.rId = relationship
    link.history = True
    parent.append(link)
    return link


def add_note_reference(run: CT_R, note_id: int) -> CT_FootnoteReference:
    """Make ``run`` the reference to footnote ``note_id`` in the text."""
    reference = cast(CT_FootnoteReference, OxmlElement("w:footnoteReference"))
    reference.id = note_id
    run.append(reference)
    return reference


def add_note_mark(run: CT_R) -> None:
    """Make ``run`` the note's own number at the start of the footnote text."""
    run.append(OxmlElement("w:footnoteRef"))


def shade(ppr: CT_PPr, fill: str) -> None:
    """Give a paragraph a solid background of colour ``fill`` (hex RGB)."""
    shd = cast(CT_Shd, ppr.get_or_add_shd())  # pyright: ignore[reportAttributeAccessIssue]
    shd.val, shd.color, shd.fill = "clear", "auto", fill


class CT_TrackChange(BaseOxmlElement):
    """``w:ins`` or ``w:del``: runs (or, inside ``w:rPr``, a paragraph mark) added or removed."""

    r_lst: list[CT_R]
    id: int = RequiredAttribute("w:id", ST_DecimalNumber)
    author: str = RequiredAttribute("w:author", ST_String)
    date: str | None = OptionalAttribute("w:date", ST_String)
    r = ZeroOrMore("w:r")


register_element_cls("w:ins", CT_TrackChange)
register_element_cls("w:del", CT_TrackChange)


def track_change(kind: str, revision_id: int, author: str, date: str) -> CT_TrackChange:
    """A new ``w:ins`` or ``w:del`` element carrying the revision's id, author and date."""
    change = cast(CT_TrackChange, OxmlElement(f"w:{kind}"))
    change.id, change.author, change.date = revision_id, author, date
    return change


def mark_paragraph(ppr: CT_PPr, change: CT_TrackChange) -> None:
    """Record that the paragraph mark itself was inserted or deleted."""
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        anchor = ppr.find(qn("w:sectPr"))
        if anchor is None:
            ppr.append(rpr)
        else:
            anchor.addprevious(rpr)
    rpr.insert(0, change)


def delete_text(run: CT_R) -> None:
    """Turn a run's ``w:t`` into ``w:delText``, as text inside ``w:del`` must be."""
    for text in run.findall(qn("w:t")):
        deleted = OxmlElement("w:delText")
        deleted.text = text.text
        deleted.set(XML_SPACE, "preserve")
        text.addprevious(deleted)
        run.remove(text)


def set_text(run: CT_R, text: str) -> None:
    """Put ``text`` in a run as ``w:t`` (and ``w:tab`` for each tab).

    python-docx's ``run.text`` setter does the same a character at a time; this is the
    writer's innermost loop.
    """
    for number, piece in enumerate(text.split("\t")):
        if number:
            append_new(run, "w:tab")
        if piece:
            element = append_new(run, "w:t")
            element.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                element.set(XML_SPACE, "preserve")


def set_frame(ppr: CT_PPr, frame: CT_FramePr) -> None:
    """Put the paragraph in a frame like ``frame`` (a ``w:framePr``).

    Word reads frames from paragraph styles, LibreOffice only from the paragraph itself,
    so a style's frame is repeated on each of its paragraphs.
    """
    clear_frame(ppr)
    ppr._insert_framePr(copy.deepcopy(frame))  # pyright: ignore[reportAttributeAccessIssue]


def clear_frame(ppr: CT_PPr) -> None:
    """Take the paragraph out of its frame, if it has one of its own."""
    ppr._remove_framePr()  # pyright: ignore[reportAttributeAccessIssue]


def frame_of(ppr: CT_PPr | None) -> CT_FramePr | None:
    """The paragraph properties' own frame (``w:framePr``), if any."""
    return None if ppr is None else ppr.framePr  # pyright: ignore[reportAttributeAccessIssue]


def repeat_as_header(row: CT_Row) -> None:
    """Mark a table's row as its header: repeated on every page, and read out as the
    column headings by assistive technology."""
    row.get_or_add_trPr().get_or_add_tblHeader()  # pyright: ignore[reportAttributeAccessIssue]


def add_text_box(paragraph: BaseOxmlElement, name: str, style: str) -> BaseOxmlElement:
    """Append a run holding an empty VML text box placed by the CSS ``style``, and return
    its content (``w:txbxContent``). VML, which Word, LibreOffice and the ISO schemas all
    know; a DrawingML text box needs Word 2010's own namespace."""
    run = oxml_parser.makeelement(qn("w:r"), nsmap={"w": nsmap["w"], "v": VML})
    picture = etree.SubElement(run, qn("w:pict"))
    shape = etree.SubElement(
        picture, f"{{{VML}}}rect", {"id": name, "style": style, "stroked": "f", "filled": "f"}
    )
    box = etree.SubElement(shape, f"{{{VML}}}textbox", {"inset": "0,0,0,0"})
    content: BaseOxmlElement = etree.SubElement(box, qn("w:txbxContent"))
    paragraph.append(run)
    return content


def add_field(paragraph: CT_P, instruction: str, shown: str) -> CT_SimpleField:
    """Append a simple field (``PAGE``, ``NUMPAGES``) showing ``shown`` until updated."""
    field = cast(CT_SimpleField, OxmlElement("w:fldSimple"))
    field.instr = f" {instruction} "
    paragraph.append(field)
    run = cast(CT_R, field.add_r())  # pyright: ignore[reportAttributeAccessIssue]
    run.text = shown
    return field


class FootnotesPart(StoryPart):
    """The ``/word/footnotes.xml`` part."""

    @property
    def footnotes(self) -> CT_Footnotes:
        return cast(CT_Footnotes, self.element)

    @classmethod
    def default(cls, package: Package) -> FootnotesPart:
        """A footnotes part holding only the separator notes."""
        footnotes = cast(CT_Footnotes, OxmlElement("w:footnotes", nsdecls={"w": nsmap["w"], "r": nsmap["r"]}))
        footnotes.add_separators()
        return cls(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, footnotes, package)


PartFactory.part_type_for[CT.WML_FOOTNOTES] = FootnotesPart


def footnotes_part(document_part: DocumentPart) -> FootnotesPart:
    """The document's footnotes part, created when the reference document lacks one."""
    try:
        return cast(FootnotesPart, document_part.part_related_by(RT.FOOTNOTES))
    except KeyError:
        part = FootnotesPart.default(document_part.package)
        document_part.relate_to(part, RT.FOOTNOTES)
        return part
