"""Page headers beyond the reference's: a letter's letterhead (the ministry's logo and
wordmark, top centre of page 1), its reference column on follow-on pages, and the line that
marks every page of a review copy."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from typing import cast

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.section import CT_HdrFtr
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.section import Section
from docx.shared import Cm, Emu, Length, Twips
from docx.text.font import Font

from .contract import COLUMN, COLUMN_TEXT, HEADER, REVIEW, TITLE
from .oxml import add_text_box, clear_frame, new_element, set_text
from .oxml_styles import CT_FramePr
from .reference import Reference

LOGO_HEIGHT = Cm(1.6)
"""The logo's height on the page: within the header's space above the letter's top margin."""


@dataclass(frozen=True)
class Letterhead:
    """What page 1 of a letter or nota shows at its top centre: the ministry's logo (PNG or
    JPEG bytes; none: the wordmark alone) and its wordmark, the ministry's name."""

    logo: bytes | None
    wordmark: str


def add_headers(
    target: DocxDocument,
    reference: Reference,
    layout: str,
    review: str | None,
    letterhead: Letterhead | None = None,
) -> None:
    """Page 1 of a letter or nota carries the letterhead; its follow-on pages repeat its
    reference column under the page number; every page of a review copy carries its
    ``review`` line."""
    section = target.sections[0]
    if layout == "brief":
        if letterhead is not None and (letterhead.logo or letterhead.wordmark):
            _letterhead(section, reference, letterhead)
        _repeat_column(target, reference, cast(CT_HdrFtr, section.header.part.element))
    if review is not None:
        for header in (section.first_page_header, section.header):
            _review_line(reference, cast(CT_HdrFtr, header.part.element), review)


def _letterhead(section: Section, reference: Reference, letterhead: Letterhead) -> None:
    """The logo and, under it, the wordmark, centred at the top of page 1 (the first-page
    header, whose place the reference keeps empty)."""
    header = section.first_page_header
    style = reference.style_ids.get(HEADER.lower())
    paragraphs = header.paragraphs
    logo = paragraphs[0] if paragraphs and not paragraphs[0].text else header.add_paragraph()
    if style:
        logo.style = style
    logo.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if letterhead.logo:
        logo.add_run().add_picture(io.BytesIO(letterhead.logo), height=LOGO_HEIGHT)
    if letterhead.wordmark:
        wordmark = header.add_paragraph(letterhead.wordmark, style or None)
        wordmark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Centred on the page, not on a letter's narrowed text column: the paragraphs reach as
    # far into the right margin as it is wider than the left one.
    left, right = section.left_margin or 0, section.right_margin or 0
    if right > left:
        for paragraph in header.paragraphs:
            paragraph.paragraph_format.right_indent = Emu(left - right)


def _repeat_column(target: DocxDocument, reference: Reference, header: CT_HdrFtr) -> None:
    """Follow-on pages, as the seed's nota shows them: the page number, the document's
    title (TER BESLISSING) and the reference column of page 1, in a text box where the
    column stands (a frame in a header is not placed by LibreOffice)."""
    column = reference.style_ids.get(COLUMN.lower())
    text_style = reference.style_ids.get(COLUMN_TEXT.lower())
    if column is None or text_style is None or column not in reference.frames:
        return
    header_style = reference.style_ids.get(HEADER.lower())
    moved: list[CT_P] = []
    anchor = None
    for p in header.p_lst:
        if p.style == header_style:
            moved.append(_restyled(p, text_style))
            for child in [c for c in p if c is not p.pPr]:
                p.remove(child)
            anchor = anchor if anchor is not None else p
    body = target.element.body
    for p in body.p_lst:
        if p.style == TITLE:
            title = _restyled(p, text_style)
            for run in title.iter(qn("w:r")):
                Font(cast(CT_R, run)).bold = True
            moved.append(title)
    moved.extend(_restyled(p, text_style) for p in body.p_lst if p.style in reference.frames)
    if anchor is None:
        anchor = header.add_p()
    content = add_text_box(
        anchor, "referentiegegevens", _box_style(reference.frames[column], target.sections[0])
    )
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


def _box_style(frame: CT_FramePr, section: Section) -> str:
    """CSS placing a text box on the page like ``frame``, down to the bottom margin,
    without pushing the text aside."""
    x, y, width = ((length or Twips(0)).pt for length in (frame.x, frame.y, frame.w))
    page, margin = (
        cast(Length, section.page_height),
        cast(Length, section.bottom_margin),
    )  # the reference sets them
    height = (page - margin) / 12700 - y
    return (
        f"position:absolute;margin-left:{x:g}pt;margin-top:{y:g}pt;width:{width:g}pt;height:{height:g}pt;"
        "mso-position-horizontal-relative:page;mso-position-vertical-relative:page;z-index:1"
    )
