"""Writes ``templates/reference.docx``: the Rijkshuisstijl styles every document uses.

Run ``python tools/housestyle.py templates/reference.docx`` from a checkout of briefgen to
regenerate it (``tests/test_reference.py`` checks that it writes the committed file byte
for byte). A generator run by hand, with ``houseparts`` (the parts besides styles and
numbering) and ``oxml_settings`` (element classes for the settings and font table):
none of it is part of the installed package. A ministry may instead edit the file in Word: the writer only needs the style ids and
list names of ``contract`` and a footnotes part.

Rijkshuisstijl as far as public sources show: A4, Verdana 9 pt on 12 pt leading,
footnotes 7 pt, follow-on pages numbered "Pagina X van Y" from PAGE and NUMPAGES
fields, the reference column (Datum, Onze referentie, …) in Verdana 6.5 pt on 9 pt
to the right of a letter's text column, starting level with the addressee under the
return-address line; the signature's space between office and name. No Rijksoverheid
logo: it is a trademark, so the first page's header keeps its place empty. Follow-on
pages of letters and notas repeat the column in ``Referentietekst`` (the writer puts it
there); a review copy's header line is ``Reviewversie``.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.parser import OxmlElement
from docx.oxml.styles import CT_Style, CT_Styles
from docx.oxml.text.font import CT_RPr
from docx.shared import Pt, RGBColor, Twips
from docx.text.font import Font
from docx.text.parfmt import ParagraphFormat
from houseparts import part_xml, reference_parts

from briefgen.word import contract as c
from briefgen.word.archive import deterministic_zip
from briefgen.word.namespaces import R, W
from briefgen.word.numbering import CT_NumberingDefinitions
from briefgen.word.oxml_styles import CT_DocDefaults, CT_FramePr

BODY_SIZE = 9
"""Points; the leading is 12 pt, footnotes 7 pt, the reference column 6.5 pt on 9 pt."""
SMALL = 6.5


@dataclass(frozen=True)
class Style:
    """A style as the house style sets it: lengths in twips; ``run`` holds python-docx
    ``Font`` properties by name, sizes in points and colours hex RGB."""

    style_id: str
    name: str
    """The name Word shows; built-in styles keep Word's English name."""
    based_on: str = "Normal"
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH
    keep_next: bool = False
    keep_lines: bool = False
    before: int | None = None
    after: int | None = None
    leading: int | None = None
    """Exact line height."""
    frame: str | None = None
    """Placed in a frame of ``FRAMES``: the reference column, the return address or the addressee."""
    tab: int | None = None
    """A left tab stop at this position."""
    indent: int | None = None
    hanging: int | None = None
    """The first line starts this far left of the others."""
    align: WD_ALIGN_PARAGRAPH | None = None
    outline: int | None = None
    """Outline level, which puts headings in Word's navigation pane."""
    run: Mapping[str, object] = field(default_factory=dict)


HEADING: dict[str, Any] = {"keep_next": True, "keep_lines": True, "after": 0}
SMALL_TEXT: dict[str, Any] = {"after": 180, "leading": 180, "run": {"size": SMALL}}
BOLD = {"bold": True}
ITALIC = {"italic": True}
UNDERLINED = {"underline": True}
"""Heading 3 (an item under an italic part heading, as under Diversen): upright and
underlined, so that it never reads as the level above it."""
STYLES = (
    Style("Normal", "Normal", based_on="", after=240, leading=240),
    Style(c.TITLE, "Title", keep_next=True, after=240, leading=300, run={"bold": True, "size": 12}),
    Style(c.HEADINGS[0], "heading 1", **HEADING, before=240, outline=0, run=BOLD),
    Style(c.HEADINGS[1], "heading 2", **HEADING, outline=1, run=ITALIC),
    Style(c.HEADINGS[2], "heading 3", **HEADING, outline=2, run=UNDERLINED),
    Style(c.LIST_PARAGRAPH, "List Paragraph", indent=360),
    Style("Besluitenlijst", "Besluitenlijst", based_on=c.LIST_PARAGRAPH, after=0),
    Style(c.QUOTE, "Quote", indent=567, run=ITALIC),
    Style(c.CODE, "Code", run={"name": c.CODE_FONT}),
    Style(c.NOTE_TEXT, "footnote text", after=0, leading=180, run={"size": 7}),
    Style(c.HEADER, "header", after=0, leading=180, align=WD_ALIGN_PARAGRAPH.RIGHT, run={"size": SMALL}),
    Style("Footer", "footer", after=0, leading=180, run={"size": SMALL}),
    Style(c.COLUMN_TEXT, c.COLUMN_TEXT, **SMALL_TEXT),
    Style(c.COLUMN, c.COLUMN, based_on=c.COLUMN_TEXT, frame="kolom"),
    Style("Rubricering", "Rubricering", based_on=c.COLUMN, run={"bold": True, "all_caps": True}),
    Style(c.RETURN_ADDRESS, c.RETURN_ADDRESS, **SMALL_TEXT, frame="retouradres"),
    Style(c.ADDRESS, c.ADDRESS, after=0, frame="adres"),
    Style("Kenmerk", "Kenmerk", tab=1134, after=0, indent=1134, hanging=1134),
    Style("Aanhef", "Aanhef", before=720),
    Style("Slot", "Slot", keep_next=True, before=240, after=0),
    Style("Ondertekening", "Ondertekening", keep_next=True, keep_lines=True, before=240, after=960),
    Style("Ondertekenaar", "Ondertekenaar", after=0),
    Style(c.TABLE_TEXT, c.TABLE_TEXT, after=0),
    Style(
        c.REVIEW,
        c.REVIEW,
        based_on=c.HEADER,
        after=120,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        run={"bold": True, "all_caps": True, "color": c.REVIEW_COLOUR, "size": 8},
    ),
    Style(c.TABLE_HEADER, c.TABLE_HEADER, based_on=c.TABLE_TEXT, keep_next=True, run=BOLD),
    Style("DefaultParagraphFont", "Default Paragraph Font", based_on="", kind=WD_STYLE_TYPE.CHARACTER),
    Style(
        c.NOTE_MARK,
        "footnote reference",
        based_on="DefaultParagraphFont",
        kind=WD_STYLE_TYPE.CHARACTER,
        run={"superscript": True},
    ),
    Style(
        c.LINK,
        "Hyperlink",
        based_on="DefaultParagraphFont",
        kind=WD_STYLE_TYPE.CHARACTER,
        run={"color": c.LINK_COLOUR, "underline": True},
    ),
)
DEFAULTS = ("Normal", "DefaultParagraphFont")
TABLE_BORDER = "808080"
CELL_MARGINS = {"top": 57, "left": 85, "bottom": 57, "right": 85}


def styles_part() -> CT_Styles:
    styles = cast(CT_Styles, OxmlElement("w:styles", nsdecls={"w": W, "r": R}))
    defaults = cast(CT_DocDefaults, styles.get_or_add_docDefaults())  # pyright: ignore[reportAttributeAccessIssue]
    run = defaults.get_or_add_rPrDefault().get_or_add_rPr()  # pyright: ignore[reportAttributeAccessIssue]
    fonts = run.get_or_add_rFonts()
    fonts.ascii, fonts.eastAsia, fonts.hAnsi, fonts.cs = (c.FONT,) * 4
    _size(run, BODY_SIZE)
    language = run.get_or_add_lang()
    language.val, language.eastAsia, language.bidi = "nl-NL", "nl-NL", "ar-SA"
    ppr = defaults.get_or_add_pPrDefault().get_or_add_pPr()  # pyright: ignore[reportAttributeAccessIssue]
    ppr.spacing_after, ppr.spacing_line, ppr.spacing_lineRule = Twips(0), Twips(240), WD_LINE_SPACING.EXACTLY
    _table_style(styles)
    for style in STYLES:
        _add_style(styles, style)
    return styles


def _new_style(styles: CT_Styles, kind: WD_STYLE_TYPE, style_id: str, name: str) -> CT_Style:
    element = cast(CT_Style, styles.add_style())  # pyright: ignore[reportAttributeAccessIssue]
    element.type = kind
    if style_id in DEFAULTS:
        element.default = True  # type: ignore[assignment]  # python-docx leaves CT_Style.default untyped
    element.styleId = style_id
    element.name_val = name
    return element


def _table_style(styles: CT_Styles) -> None:
    element = _new_style(styles, WD_STYLE_TYPE.TABLE, c.TABLE, c.TABLE)
    element.qFormat_val = True
    table = element.get_or_add_tblPr()  # pyright: ignore[reportAttributeAccessIssue]
    borders = table.get_or_add_tblBorders()
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = getattr(borders, f"get_or_add_{side}")()
        border.val, border.sz, border.space, border.color = "single", 4, 0, TABLE_BORDER
    margins = table.get_or_add_tblCellMar()
    for side, width in CELL_MARGINS.items():
        margin = getattr(margins, f"get_or_add_{side}")()
        margin.w, margin.type = width, "dxa"


def _add_style(styles: CT_Styles, style: Style) -> None:
    element = _new_style(styles, style.kind, style.style_id, style.name)
    if style.based_on:
        element.basedOn_val = style.based_on
    if style.kind == WD_STYLE_TYPE.PARAGRAPH and style.style_id.startswith(("Heading", "Title")):
        element.get_or_add_next().val = "Normal"  # pyright: ignore[reportAttributeAccessIssue]
    element.qFormat_val = True
    _paragraph_format(element, style)
    _font(element, style)


def _paragraph_format(element: CT_Style, style: Style) -> None:
    paragraph = ParagraphFormat(element)
    if style.keep_next:
        paragraph.keep_with_next = True
    if style.keep_lines:
        paragraph.keep_together = True
    if style.before is not None:
        paragraph.space_before = Twips(style.before)
    if style.after is not None:
        paragraph.space_after = Twips(style.after)
    if style.leading is not None:
        paragraph.line_spacing = Twips(style.leading)
    if style.tab is not None:
        tab = element.get_or_add_pPr().get_or_add_tabs().add_tab()  # pyright: ignore[reportAttributeAccessIssue]
        tab.val, tab.pos = WD_TAB_ALIGNMENT.LEFT, Twips(style.tab)
    if style.indent is not None:
        paragraph.left_indent = Twips(style.indent)
    if style.hanging is not None:
        paragraph.first_line_indent = Twips(-style.hanging)
    if style.align is not None:
        paragraph.alignment = style.align
    if style.outline is not None:
        element.get_or_add_pPr().get_or_add_outlineLvl().val = style.outline  # pyright: ignore[reportAttributeAccessIssue]
    if style.frame is not None:
        frame = cast(CT_FramePr, element.get_or_add_pPr().get_or_add_framePr())  # pyright: ignore[reportAttributeAccessIssue]
        FRAMES[style.frame](frame)


def _column(frame: CT_FramePr) -> None:
    """The reference column: a frame right of a letter's text, level with the addressee."""
    frame.w, frame.hSpace = Twips(c.COLUMN_WIDTH), Twips(142)
    _on_page(frame, c.COLUMN_X, c.COLUMN_Y)


def _return_address(frame: CT_FramePr) -> None:
    """The return address: one line at the top of the text column, always as high, so that
    the addressee under it stands in the same place with or without it."""
    frame.w, frame.h, frame.hRule = Twips(c.TEXT_WIDTH), Twips(c.RETURN_ADDRESS_HEIGHT), "exact"
    _on_page(frame, c.MARGIN_LEFT, c.MARGIN_TOP)


def _address(frame: CT_FramePr) -> None:
    """The addressee: as wide as the text column, level with the reference column; the
    letter's text continues under it."""
    frame.w, frame.vSpace = Twips(c.TEXT_WIDTH), Twips(c.ADDRESS_GAP)
    _on_page(frame, c.MARGIN_LEFT, c.COLUMN_Y)


def _on_page(frame: CT_FramePr, x: int, y: int) -> None:
    frame.wrap, frame.vAnchor, frame.hAnchor = "around", "page", "page"
    frame.x, frame.y = Twips(x), Twips(y)


FRAMES = {"kolom": _column, "retouradres": _return_address, "adres": _address}


def _font(element: CT_Style, style: Style) -> None:
    """The run properties through python-docx's Font, with the complex-script twins it
    does not set (``w:bCs``, ``w:iCs``, ``w:szCs``, the ``w:cs`` typeface) alongside."""
    font = Font(element)
    for name, value in style.run.items():
        if name == "size":
            _size(cast(CT_RPr, element.get_or_add_rPr()), cast(float, value))
        elif name == "color":
            font.color.rgb = RGBColor.from_string(cast(str, value))
        elif isinstance(getattr(Font, name, None), property):
            setattr(font, name, value)
        else:
            raise ValueError(f"style {style.style_id}: {name} is not a Font property")
    run: Any = element.rPr  # python-docx types neither CT_Style.rPr nor CT_RPr's bCs and iCs adders
    if style.run.get("bold"):
        run.get_or_add_bCs()  # pyright: ignore[reportAttributeAccessIssue]
    if style.run.get("italic"):
        run.get_or_add_iCs()  # pyright: ignore[reportAttributeAccessIssue]
    if "name" in style.run:
        run.get_or_add_rFonts().cs = style.run["name"]  # pyright: ignore[reportAttributeAccessIssue]


def _size(run: CT_RPr, points: float) -> None:
    """The size of Latin and of complex-script text."""
    run.sz_val = Pt(points)
    run.get_or_add_szCs().val = Pt(points)  # pyright: ignore[reportAttributeAccessIssue]


LIST_FORMATS = ("decimal", "lowerLetter", "lowerRoman")
"""Numbered lists: 1. a. i., repeating every three levels."""
BULLETS = ("\u2022", "\u2013", "\u2022")
"""Bulleted lists: a bullet, a dash, a bullet, repeating every three levels."""


def numbering_part() -> CT_NumberingDefinitions:
    """The writer's three list definitions, with Word's nine levels each."""
    formats = [LIST_FORMATS[level % 3] for level in range(c.LIST_LEVELS)]
    definitions = {
        c.NUMBERED: [(fmt, f"%{level + 1}.") for level, fmt in enumerate(formats)],
        c.BULLETED: [("bullet", BULLETS[level % 3]) for level in range(c.LIST_LEVELS)],
        c.NUMBERED_PAREN: [(fmt, f"%{level + 1})") for level, fmt in enumerate(formats)],
    }
    numbering = cast(CT_NumberingDefinitions, OxmlElement("w:numbering", nsdecls={"w": W, "r": R}))
    for number, (name, levels) in enumerate(definitions.items(), start=1):
        definition = numbering.add_definition(number)
        definition.get_or_add_nsid().val = f"1B4E000{number}"  # pyright: ignore[reportAttributeAccessIssue]
        definition.get_or_add_multiLevelType().val = "multilevel"  # pyright: ignore[reportAttributeAccessIssue]
        definition.get_or_add_name().val = name  # pyright: ignore[reportAttributeAccessIssue]
        for level, (fmt, text) in enumerate(levels):
            lvl = definition.add_level(level)
            lvl.get_or_add_start().val = 1  # pyright: ignore[reportAttributeAccessIssue]
            lvl.get_or_add_numFmt().val = fmt  # pyright: ignore[reportAttributeAccessIssue]
            lvl.get_or_add_lvlText().val = text  # pyright: ignore[reportAttributeAccessIssue]
            lvl.get_or_add_lvlJc().val = "left"  # pyright: ignore[reportAttributeAccessIssue]
            indent = ParagraphFormat(lvl)
            indent.left_indent, indent.first_line_indent = Twips(360 * (level + 1)), Twips(-360)
    return numbering


def reference_docx() -> bytes:
    """The reference's bytes; the same for every run, so the committed file can be checked."""
    return deterministic_zip(
        reference_parts(styles=part_xml(styles_part()), numbering=part_xml(numbering_part()))
    )


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "templates/reference.docx")
    target.write_bytes(reference_docx())
    print(f"wrote {target}")
