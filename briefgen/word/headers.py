"""Page headers beyond the reference's: a letter's letterhead (the ministry's logo and
wordmark, top centre of page 1), its reference column on follow-on pages, and the line that
marks every page of a review copy."""

from __future__ import annotations

import copy
import io
import struct
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.oxml.ns import qn
from docx.oxml.section import CT_HdrFtr
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.package import Package
from docx.parts.image import ImagePart
from docx.parts.story import StoryPart
from docx.section import Section, _Header
from docx.shared import Cm, Emu, Length, Twips
from docx.text.font import Font
from lxml import etree

from .contract import COLUMN, COLUMN_TEXT, HEADER, REVIEW, TITLE
from .oxml import add_text_box, clear_frame, new_element, set_text
from .oxml_styles import CT_FramePr
from .reference import Reference

PAGE_NUMBER_HEIGHT = 18
"""Points: the text box holding page 1's "Pagina 1 van N", two lines of the column's 9 pt leading."""
LOGO_HEIGHT = Cm(1.6)
"""The logo's height on the page: within the header's space above the letter's top margin."""


@dataclass(frozen=True)
class Letterhead:
    """What page 1 of a letter or nota shows at its top centre: the ministry's logo (PNG or
    JPEG bytes; none: the wordmark alone) and its wordmark, the ministry's name."""

    logo: bytes | None
    wordmark: str


def placeable_image(data: bytes) -> bool:
    """Whether the letterhead can place ``data``: an image whose size python-docx reads (a
    PNG or JPEG cut short or damaged after its first bytes is not)."""
    from docx.image.exceptions import (
        InvalidImageStreamError,
        UnexpectedEndOfFileError,
        UnrecognizedImageError,
    )

    damaged = (InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError)
    try:
        Image.from_blob(data).scaled_dimensions(height=LOGO_HEIGHT)
    except (*damaged, ValueError, ZeroDivisionError, struct.error):
        return False
    return True


def add_headers(
    target: DocxDocument,
    reference: Reference,
    layout: str,
    review: str | None,
    letterhead: Letterhead | None = None,
    follow_on: Sequence[CT_P] = (),
) -> None:
    """Page 1 of a letter or nota carries the letterhead and its page number under the
    reference column; its follow-on pages repeat the column under the page number (only
    ``follow_on`` when the letter has such paragraphs); every page of a review copy carries
    its ``review`` line."""
    if layout != "brief" and review is None:
        return
    section = only_section(target)
    first, primary = section.first_page_header, section.header
    first_part, primary_part = first.part, primary.part  # each found by a search of the section
    numbered = cast(CT_HdrFtr, primary_part.element)
    if layout == "brief":
        _first_page(section, first, first_part, reference, letterhead, numbered)
        _repeat_column(target, section, reference, numbered, follow_on)
    if review is not None:
        for part in (first_part, primary_part):
            _review_line(reference, cast(CT_HdrFtr, part.element), review)


def only_section(target: DocxDocument) -> Section:
    """The document's one section, that of the body's ``w:sectPr`` (``target.sections[0]``
    finds it by searching the whole body)."""
    properties = target.element.body.sectPr
    return Section(properties, target.part) if properties is not None else target.sections[0]


@dataclass(frozen=True)
class _FirstPage:
    """A letter's first-page header as the reference and the letterhead make it, the same for
    every letter: its content, and the logo with the id of its relationship."""

    content: list[etree._Element]
    image: Image | None
    relationship: str | None


_FIRST_PAGES: weakref.WeakKeyDictionary[Reference, dict[tuple[object, ...], _FirstPage]] = (
    weakref.WeakKeyDictionary()
)


def _first_page(
    section: Section,
    header: _Header,
    part: StoryPart,
    reference: Reference,
    letterhead: Letterhead | None,
    numbered: CT_HdrFtr,
) -> None:
    """Page 1's header (``header``, its part ``part``): the letterhead and the page number.
    Made once per reference and letterhead, then copied: placing the logo reads the image
    and searches the header."""
    element = cast(CT_HdrFtr, part.element)
    key = (letterhead, section.left_margin, section.right_margin, tuple(part.rels))
    made = _FIRST_PAGES.setdefault(reference, {})
    known = made.get(key)
    if known is not None and (
        known.image is None
        or part.relate_to(_image_part(part.package, known.image), RT.IMAGE) == known.relationship
    ):
        for child in list(element):
            element.remove(child)
        element.extend(child.__copy__() for child in known.content)
        return
    if letterhead is not None and (letterhead.logo or letterhead.wordmark):
        _letterhead(section, header, reference, letterhead)
    _first_page_number(section, reference, numbered, element)
    images = [rel for rel in part.rels.values() if rel.reltype == RT.IMAGE and not rel.is_external]
    if len(images) <= 1:
        made[key] = _FirstPage(
            [child.__copy__() for child in element],
            cast(ImagePart, images[0].target_part).image if images else None,
            images[0].rId if images else None,
        )


def _image_part(package: OpcPackage, image: Image) -> ImagePart:
    """The package's part holding ``image`` (added when it has none), from the image read once."""
    parts = cast(Package, package).image_parts
    known: list[ImagePart] = list(parts)
    for part in known:
        if part.sha1 == image.sha1:
            return part
    added: ImagePart = parts._add_image_part(image)  # pyright: ignore[reportPrivateUsage]
    return added


def _letterhead(section: Section, header: _Header, reference: Reference, letterhead: Letterhead) -> None:
    """The logo and, under it, the wordmark, centred at the top of page 1 (the first-page
    header, whose place the reference keeps empty)."""
    style = reference.style_ids.get(HEADER.lower())
    paragraphs = header.paragraphs
    logo = paragraphs[0] if paragraphs and not paragraphs[0].text else header.add_paragraph()
    if style:
        logo._p.style = reference.paragraph_style_id(style)  # as ``logo.style = style`` sets it
    logo.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if letterhead.logo:
        logo.add_run().add_picture(io.BytesIO(letterhead.logo), height=LOGO_HEIGHT)
    if letterhead.wordmark:
        wordmark = header.add_paragraph(letterhead.wordmark)
        if style:
            wordmark._p.style = reference.paragraph_style_id(style)
        wordmark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Centred on the page, not on a letter's narrowed text column: the paragraphs reach as
    # far into the right margin as it is wider than the left one.
    left, right = section.left_margin or 0, section.right_margin or 0
    if right > left:
        for paragraph in header.paragraphs:
            paragraph.paragraph_format.right_indent = Emu(left - right)


def _first_page_number(
    section: Section, reference: Reference, numbered: CT_HdrFtr, header: CT_HdrFtr
) -> None:
    """ "Pagina 1 van N" at the foot of page 1's reference column: the follow-on header's
    page-number line (its PAGE and NUMPAGES fields), copied into a text box there."""
    column = reference.style_ids.get(COLUMN.lower())
    text_style = reference.style_ids.get(COLUMN_TEXT.lower())
    header_style = reference.style_ids.get(HEADER.lower())
    lines = [p for p in numbered.p_lst if p.style == header_style and p.xpath("./w:fldSimple")]
    if column is None or text_style is None or column not in reference.frames or not lines:
        return
    frame = reference.frames[column]
    x, width = ((length or Twips(0)).pt for length in (frame.x, frame.w))
    top = _page_bottom(section) - PAGE_NUMBER_HEIGHT
    style = _css(x, top, width, PAGE_NUMBER_HEIGHT)
    anchor = header.p_lst[0] if header.p_lst else header.add_p()
    content = add_text_box(anchor, "paginanummer", style)
    content.extend(_restyled(p, text_style) for p in lines)


def _repeat_column(
    target: DocxDocument, section: Section, reference: Reference, header: CT_HdrFtr, follow_on: Sequence[CT_P]
) -> None:
    """Follow-on pages, as the seed's nota shows them: the page number, the document's
    title (TER BESLISSING) and the reference column of page 1, in a text box where the
    column stands (a frame in a header is not placed by LibreOffice). A letter's
    ``follow_on`` paragraphs (sender, Datum, Ons kenmerk) stand instead of title and column."""
    column = reference.style_ids.get(COLUMN.lower())
    text_style = reference.style_ids.get(COLUMN_TEXT.lower())
    if column is None or text_style is None or column not in reference.frames:
        return
    in_column = {
        style for style, frame in reference.frames.items() if _same_place(frame, reference.frames[column])
    }
    header_style = reference.style_ids.get(HEADER.lower())
    moved: list[CT_P] = []
    anchor = None
    for p in header.p_lst:
        if p.style == header_style:
            moved.append(_restyled(p, text_style))
            for child in [c for c in p if c is not p.pPr]:
                p.remove(child)
            anchor = anchor if anchor is not None else p
    if follow_on:
        moved.extend(follow_on)
    else:
        styled = [(p, _style_of(p)) for p in target.element.body.iterchildren(_PARAGRAPH)]
        for p, style in styled:
            if style == TITLE:
                title = _restyled(p, text_style)
                for run in title.iter(qn("w:r")):
                    Font(cast(CT_R, run)).bold = True
                moved.append(title)
        moved.extend(_restyled(p, text_style) for p, style in styled if style in in_column)
    if anchor is None:
        anchor = header.add_p()
    content = add_text_box(anchor, "referentiegegevens", _box_style(reference.frames[column], section))
    content.extend(moved)


def _review_line(reference: Reference, header: CT_HdrFtr, text: str) -> None:
    style = reference.style_ids.get(REVIEW.lower(), reference.style_ids.get(HEADER.lower(), ""))
    p = cast(CT_P, new_element("w:p"))
    header.insert(0, p)
    if style:
        p.get_or_add_pPr().style = style
    run = p.add_r()
    if REVIEW.lower() not in reference.style_ids:
        Font(run).bold = True
    set_text(run, text)


def _restyled(p: CT_P, style: str) -> CT_P:
    """A copy of ``p`` in ``style`` without a frame, as a text box can hold it: links become
    plain runs (their relationships belong to the body), footnote references and tracked
    deletions are left out."""
    copied = copy.deepcopy(p)
    ppr = copied.get_or_add_pPr()
    clear_frame(ppr)
    ppr.style = style
    for wrapper in list(copied.iter(qn("w:hyperlink"), qn("w:ins"))):
        for child in list(wrapper):
            wrapper.addprevious(child)
        wrapper.getparent().remove(wrapper)
    for element in list(copied.iter(qn("w:footnoteReference"), qn("w:del"))):
        element.getparent().remove(element)
    return copied


_PARAGRAPH, _STYLE, _VALUE = qn("w:p"), f"{qn('w:pPr')}/{qn('w:pStyle')}", qn("w:val")


def _style_of(p: etree._Element) -> str | None:
    """``p.style`` (its style id, if it names one) found without python-docx's descriptors:
    read for every paragraph of a letter's body."""
    style = p.find(_STYLE)
    return None if style is None else style.get(_VALUE)


def _same_place(frame: CT_FramePr, other: CT_FramePr) -> bool:
    return (frame.x, frame.y, frame.hAnchor, frame.vAnchor) == (
        other.x,
        other.y,
        other.hAnchor,
        other.vAnchor,
    )


def _box_style(frame: CT_FramePr, section: Section) -> str:
    """CSS placing a text box on the page like ``frame``, down to the bottom margin,
    without pushing the text aside."""
    x, y, width = ((length or Twips(0)).pt for length in (frame.x, frame.y, frame.w))
    return _css(x, y, width, _page_bottom(section) - y)


def _page_bottom(section: Section) -> float:
    """Where the text ends on the page, in points from its top."""
    page, margin = (
        cast(Length, section.page_height),
        cast(Length, section.bottom_margin),
    )  # the reference sets them
    return float((page - margin) / 12700)


def _css(x: float, y: float, width: float, height: float) -> str:
    """CSS placing a text box at ``x``, ``y`` (points from the page's edges), without
    pushing the text aside."""
    return (
        f"position:absolute;margin-left:{x:g}pt;margin-top:{y:g}pt;width:{width:g}pt;height:{height:g}pt;"
        "mso-position-horizontal-relative:page;mso-position-vertical-relative:page;z-index:1"
    )
