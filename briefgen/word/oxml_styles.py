"""Element classes for what the house style writes into the styles part and the section
that python-docx does not declare: style defaults, a table style's borders and cell
margins, a paragraph frame, complex-script size and language of a run, the fonts of
other scripts, and a section's columns and line grid.

python-docx's own classes are extended the way its metaclass declares children, so
each lands in schema order; new elements are registered with its parser.
"""

from __future__ import annotations

from docx.oxml.parser import register_element_cls
from docx.oxml.section import CT_SectPr
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String, ST_TwipsMeasure
from docx.oxml.styles import CT_Style, CT_Styles
from docx.oxml.table import CT_TblPr
from docx.oxml.text.font import CT_Fonts, CT_HpsMeasure, CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from docx.shared import Length

from .xmlchemy import BaseOxmlElement, OptionalAttribute, ZeroOrOne


class CT_DocDefaults(BaseOxmlElement):
    """``w:docDefaults``: the run and paragraph properties every style starts from."""

    rPrDefault: CT_RPrDefault | None = ZeroOrOne("w:rPrDefault", successors=("w:pPrDefault",))
    pPrDefault: CT_PPrDefault | None = ZeroOrOne("w:pPrDefault", successors=())


class CT_RPrDefault(BaseOxmlElement):
    rPr: CT_RPr | None = ZeroOrOne("w:rPr", successors=())


class CT_PPrDefault(BaseOxmlElement):
    pPr: CT_PPr | None = ZeroOrOne("w:pPr", successors=())


_SIDES = ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV")


class CT_Border(BaseOxmlElement):
    """A border line: its kind, width in eighths of a point, spacing and colour."""

    val: str | None = OptionalAttribute("w:val", ST_String)
    sz: int | None = OptionalAttribute("w:sz", ST_DecimalNumber)
    space: int | None = OptionalAttribute("w:space", ST_DecimalNumber)
    color: str | None = OptionalAttribute("w:color", ST_String)


class CT_Edge(CT_Border):
    """An edge of a table or cell (``w:top``, ``w:insideH``, …): a border inside
    ``w:tblBorders``, a cell margin (width and unit, ``dxa`` for twips) inside
    ``w:tblCellMar``. WordprocessingML uses the same tags for both and python-docx's
    parser registers one class per tag, so this one has the attributes of both."""

    w: int | None = OptionalAttribute("w:w", ST_DecimalNumber)
    type: str | None = OptionalAttribute("w:type", ST_String)


class CT_TblBorders(BaseOxmlElement):
    """``w:tblBorders``: the lines around and inside a table."""

    top: CT_Edge | None = ZeroOrOne("w:top", successors=_SIDES[1:])
    left: CT_Edge | None = ZeroOrOne("w:left", successors=_SIDES[2:])
    bottom: CT_Edge | None = ZeroOrOne("w:bottom", successors=_SIDES[3:])
    right: CT_Edge | None = ZeroOrOne("w:right", successors=_SIDES[4:])
    insideH: CT_Edge | None = ZeroOrOne("w:insideH", successors=_SIDES[5:])
    insideV: CT_Edge | None = ZeroOrOne("w:insideV", successors=())


class CT_TblCellMar(BaseOxmlElement):
    """``w:tblCellMar``: the space between a cell's border and its text."""

    top: CT_Edge | None = ZeroOrOne("w:top", successors=_SIDES[1:4])
    left: CT_Edge | None = ZeroOrOne("w:left", successors=_SIDES[2:4])
    bottom: CT_Edge | None = ZeroOrOne("w:bottom", successors=_SIDES[3:4])
    right: CT_Edge | None = ZeroOrOne("w:right", successors=())


class CT_FramePr(BaseOxmlElement):
    """``w:framePr``: a paragraph placed on the page apart from the text, like the reference column."""

    w: Length | None = OptionalAttribute("w:w", ST_TwipsMeasure)
    h: Length | None = OptionalAttribute("w:h", ST_TwipsMeasure)
    hRule: str | None = OptionalAttribute("w:hRule", ST_String)
    """How ``h`` holds: ``exact``, ``atLeast`` or ``auto`` (the content's height)."""
    vSpace: Length | None = OptionalAttribute("w:vSpace", ST_TwipsMeasure)
    """Space kept free between the frame and the text above and below it."""
    hSpace: Length | None = OptionalAttribute("w:hSpace", ST_TwipsMeasure)
    """Space kept free between the frame and the text beside it."""
    wrap: str | None = OptionalAttribute("w:wrap", ST_String)
    vAnchor: str | None = OptionalAttribute("w:vAnchor", ST_String)
    hAnchor: str | None = OptionalAttribute("w:hAnchor", ST_String)
    x: Length | None = OptionalAttribute("w:x", ST_TwipsMeasure)
    """From the anchor (``hAnchor``, ``vAnchor``): here the page's edges."""
    y: Length | None = OptionalAttribute("w:y", ST_TwipsMeasure)


class CT_Language(BaseOxmlElement):
    """``w:lang`` and ``w:themeFontLang``: the languages of Latin, East Asian and complex-script text."""

    val: str | None = OptionalAttribute("w:val", ST_String)
    eastAsia: str | None = OptionalAttribute("w:eastAsia", ST_String)
    bidi: str | None = OptionalAttribute("w:bidi", ST_String)


class CT_Columns(BaseOxmlElement):
    """``w:cols``: the section's text columns; here only the space between them."""

    space: Length | None = OptionalAttribute("w:space", ST_TwipsMeasure)


class CT_DocGrid(BaseOxmlElement):
    """``w:docGrid``: the section's line grid."""

    linePitch: int | None = OptionalAttribute("w:linePitch", ST_DecimalNumber)


# Each declared with the children that may follow it (ISO/IEC 29500-1, part 17); python-docx
# keeps its own sequences private.
ZeroOrOne("w:docDefaults", successors=("w:latentStyles", "w:style")).populate_class_members(
    CT_Styles, "docDefaults"
)
ZeroOrOne("w:tblPr", successors=("w:trPr", "w:tcPr", "w:tblStylePr")).populate_class_members(
    CT_Style, "tblPr"
)
_TABLE_AFTER_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
)
ZeroOrOne("w:tblBorders", successors=(*_TABLE_AFTER_BORDERS, "w:tblPrChange")).populate_class_members(
    CT_TblPr, "tblBorders"
)
ZeroOrOne("w:tblCellMar", successors=(*_TABLE_AFTER_BORDERS[3:], "w:tblPrChange")).populate_class_members(
    CT_TblPr, "tblCellMar"
)
_RUN_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_RUN_AFTER_SIZE = (
    "w:highlight w:u w:effect w:bdr w:shd w:fitText w:vertAlign w:rtl w:cs w:em w:lang"
).split()
ZeroOrOne("w:szCs", successors=(*_RUN_AFTER_SIZE, *_RUN_AFTER_LANG)).populate_class_members(CT_RPr, "szCs")
ZeroOrOne("w:lang", successors=_RUN_AFTER_LANG).populate_class_members(CT_RPr, "lang")
OptionalAttribute("w:eastAsia", ST_String).populate_class_members(CT_Fonts, "eastAsia")
OptionalAttribute("w:cs", ST_String).populate_class_members(CT_Fonts, "cs")
_SECTION_AFTER_GRID = ("w:printerSettings", "w:sectPrChange")
_SECTION_AFTER_COLUMNS = (
    "w:formProt w:vAlign w:noEndnote w:titlePg w:textDirection w:bidi w:rtlGutter w:docGrid".split()
)
ZeroOrOne("w:cols", successors=(*_SECTION_AFTER_COLUMNS, *_SECTION_AFTER_GRID)).populate_class_members(
    CT_SectPr, "cols"
)
ZeroOrOne("w:docGrid", successors=_SECTION_AFTER_GRID).populate_class_members(CT_SectPr, "docGrid")

for _tag, _cls in {
    "w:docDefaults": CT_DocDefaults,
    "w:rPrDefault": CT_RPrDefault,
    "w:pPrDefault": CT_PPrDefault,
    "w:tblBorders": CT_TblBorders,
    "w:tblCellMar": CT_TblCellMar,
    "w:framePr": CT_FramePr,
    "w:lang": CT_Language,
    "w:cols": CT_Columns,
    "w:docGrid": CT_DocGrid,
    "w:szCs": CT_HpsMeasure,
    **{side: CT_Edge for side in _SIDES},
}.items():
    register_element_cls(_tag, _cls)
