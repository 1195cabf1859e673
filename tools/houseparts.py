"""The parts of ``reference.docx`` around its styles and lists: the page set-up, headers
with page fields, footnote separators, settings, font table, theme, properties and the
package's own relationships and content types.

Each part is built from element classes (python-docx's, ``oxml``'s and
``oxml_settings``'); only the DrawingML theme, which python-docx has no classes for, is
assembled element by element.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from docx.enum.section import WD_HEADER_FOOTER
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import CT_Relationships, CT_Types
from docx.oxml.coreprops import CT_CoreProperties
from docx.oxml.document import CT_Document
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import OxmlElement, oxml_parser
from docx.oxml.section import CT_HdrFtr
from docx.shared import Twips
from lxml import etree
from oxml_settings import CT_DocumentSettings, CT_FontTable

from briefgen.word import contract as c
from briefgen.word.namespaces import EXTENDED_PROPERTIES, R, W
from briefgen.word.oxml import CT_Footnotes, add_field, set_text

HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
WML = {"w": W, "r": R}
HEADER_MARGIN = 709
FONTS = (
    (c.FONT, "020B0604030504040204", "swiss", "variable"),
    (c.CODE_FONT, "02070309020205020404", "modern", "fixed"),
)
THEME_COLOURS = (
    ("dk1", "000000"),
    ("lt1", "FFFFFF"),
    ("dk2", "01689B"),
    ("lt2", "E5F0F9"),
    ("accent1", "01689B"),
    ("accent2", "CCE0F1"),
    ("accent3", "42145F"),
    ("accent4", "A90061"),
    ("accent5", "275937"),
    ("accent6", "E17000"),
    ("hlink", c.LINK_COLOUR),
    ("folHlink", "954F72"),
)
"""Word's theme colour slots: Rijkshuisstijl's text is black on white, links in the link colour."""


def part_xml(element: etree._Element) -> bytes:
    """A part's bytes: the XML declaration Word writes, then the element."""
    data: bytes = etree.tostring(element, encoding="UTF-8", xml_declaration=False)
    return HEAD + data


@dataclass(frozen=True)
class _Part:
    name: str
    data: bytes
    content_type: str
    relationship_id: str
    relationship: str


def reference_parts(styles: bytes, numbering: bytes) -> list[tuple[str, bytes]]:
    """Every part of the reference with the package's relationships and content types,
    in the order they are zipped."""
    main = _Part("word/document.xml", document(), CT.WML_DOCUMENT_MAIN, "rId1", RT.OFFICE_DOCUMENT)
    word = [
        _Part("word/styles.xml", styles, CT.WML_STYLES, "rIdStyles", RT.STYLES),
        _Part("word/numbering.xml", numbering, CT.WML_NUMBERING, "rIdNumbering", RT.NUMBERING),
        _Part("word/settings.xml", part_xml(settings()), CT.WML_SETTINGS, "rIdSettings", RT.SETTINGS),
        _Part("word/footnotes.xml", part_xml(footnotes()), CT.WML_FOOTNOTES, "rIdFootnotes", RT.FOOTNOTES),
        _Part("word/fontTable.xml", part_xml(font_table()), CT.WML_FONT_TABLE, "rIdFontTable", RT.FONT_TABLE),
        _Part("word/theme/theme1.xml", part_xml(theme()), CT.OFC_THEME, "rIdTheme", RT.THEME),
        _Part("word/header1.xml", part_xml(header(numbered=True)), CT.WML_HEADER, "rIdHeader", RT.HEADER),
        _Part(
            "word/header2.xml", part_xml(header(numbered=False)), CT.WML_HEADER, "rIdFirstHeader", RT.HEADER
        ),
    ]
    properties = [
        _Part(
            "docProps/core.xml",
            part_xml(core_properties()),
            CT.OPC_CORE_PROPERTIES,
            "rId2",
            RT.CORE_PROPERTIES,
        ),
        _Part(
            "docProps/app.xml",
            part_xml(app_properties()),
            CT.OFC_EXTENDED_PROPERTIES,
            "rId3",
            RT.EXTENDED_PROPERTIES,
        ),
    ]
    types = CT_Types.new()
    types.add_default("rels", CT.OPC_RELATIONSHIPS)
    types.add_default("xml", CT.XML)
    for part in (main, *word, *properties):
        types.add_override(f"/{part.name}", part.content_type)
    return [
        ("[Content_Types].xml", part_xml(types)),
        ("_rels/.rels", _relationships([main, *properties], "")),
        (main.name, main.data),
        ("word/_rels/document.xml.rels", _relationships(word, "word/")),
        *((part.name, part.data) for part in (*word, *properties)),
    ]


def _relationships(parts: list[_Part], folder: str) -> bytes:
    relationships = CT_Relationships.new()
    for part in parts:
        relationships.add_rel(part.relationship_id, part.relationship, part.name.removeprefix(folder))
    return part_xml(relationships)


def document() -> bytes:
    """An empty body on A4 with the house margins; the first page has its own header."""
    root = cast(CT_Document, OxmlElement("w:document", nsdecls=WML))
    body = root.get_or_add_body()
    body.add_p()
    section = body.get_or_add_sectPr()
    section.add_headerReference(WD_HEADER_FOOTER.PRIMARY, "rIdHeader")
    section.add_headerReference(WD_HEADER_FOOTER.FIRST_PAGE, "rIdFirstHeader")
    section.page_width, section.page_height = Twips(c.PAGE_WIDTH), Twips(c.PAGE_HEIGHT)
    section.top_margin, section.right_margin = Twips(c.MARGIN_TOP), Twips(c.MARGIN_RIGHT)
    section.bottom_margin, section.left_margin = Twips(c.MARGIN_BOTTOM), Twips(c.MARGIN_LEFT)
    section.header, section.footer, section.gutter = Twips(HEADER_MARGIN), Twips(HEADER_MARGIN), Twips(0)
    section.get_or_add_cols().space = Twips(708)  # pyright: ignore[reportAttributeAccessIssue]
    section.titlePg_val = True
    section.get_or_add_docGrid().linePitch = 360  # pyright: ignore[reportAttributeAccessIssue]
    return part_xml(root)


def header(numbered: bool) -> CT_HdrFtr:
    """A header paragraph: "Pagina X van Y" on follow-on pages; empty on the first, where
    the logo would stand."""
    root = cast(CT_HdrFtr, OxmlElement("w:hdr", nsdecls=WML))
    p = root.add_p()
    p.get_or_add_pPr().style = c.HEADER
    if numbered:
        set_text(p.add_r(), "Pagina ")
        add_field(p, "PAGE", "1")
        set_text(p.add_r(), " van ")
        add_field(p, "NUMPAGES", "1")
    return root


def footnotes() -> CT_Footnotes:
    """The separator notes Word expects before any footnote, without space after them."""
    root = cast(CT_Footnotes, OxmlElement("w:footnotes", nsdecls=WML))
    root.add_separators(space_after=Twips(0))
    return root


def settings() -> CT_DocumentSettings:
    root = cast(CT_DocumentSettings, OxmlElement("w:settings", nsdecls=WML))
    root.get_or_add_zoom().percent = 100
    root.get_or_add_defaultTabStop().val = 284
    root.get_or_add_characterSpacingControl().val = "doNotCompress"
    notes = root.get_or_add_footnotePr()
    for note_id in (-1, 0):
        notes.add_special(note_id)
    root.get_or_add_compat().add_setting(
        "compatibilityMode", "http://schemas.microsoft.com/office/word", "15"
    )
    root.get_or_add_themeFontLang().val = "nl-NL"
    root.get_or_add_decimalSymbol().val = ","
    root.get_or_add_listSeparator().val = ";"
    return root


def font_table() -> CT_FontTable:
    """The fonts the styles name, so that a reader substitutes a look-alike where one is missing."""
    root = cast(CT_FontTable, OxmlElement("w:fonts", nsdecls=WML))
    for name, panose, family, pitch in FONTS:
        root.add_font(name, panose, family, pitch)
    return root


def theme() -> etree._Element:
    """A theme with the house font and colours; Word and strict validators expect one."""
    root = oxml_parser.makeelement(qn("a:theme"), {"name": "briefgen"}, nsmap={"a": nsmap["a"]})
    elements = _child(root, "themeElements")
    colours = _child(elements, "clrScheme", name="briefgen")
    for slot, value in THEME_COLOURS:
        _child(_child(colours, slot), "srgbClr", val=value)
    fonts = _child(elements, "fontScheme", name="briefgen")
    for kind in ("majorFont", "minorFont"):
        scripts = _child(fonts, kind)
        for script, typeface in (("latin", c.FONT), ("ea", ""), ("cs", "")):
            _child(scripts, script, typeface=typeface)
    formats = _child(elements, "fmtScheme", name="briefgen")
    fills, lines, effects, backgrounds = (
        _child(formats, f"{kind}StyleLst") for kind in ("fill", "ln", "effect", "bgFill")
    )
    for _ in range(3):
        _fill(fills)
        _fill(_child(lines, "ln", w="6350"))
        _child(_child(effects, "effectStyle"), "effectLst")
        _fill(backgrounds)
    _child(root, "objectDefaults")
    _child(root, "extraClrSchemeLst")
    return root


def _fill(parent: etree._Element) -> None:
    _child(_child(parent, "solidFill"), "schemeClr", val="phClr")


def _child(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, qn(f"a:{tag}"), attributes)


def core_properties() -> CT_CoreProperties:
    root = cast(
        CT_CoreProperties,
        OxmlElement("cp:coreProperties", nsdecls={p: nsmap[p] for p in ("cp", "dc", "dcterms", "xsi")}),
    )
    root.title_text = "Huisstijl briefgen"
    root.language_text = "nl-NL"
    return root


def app_properties() -> etree._Element:
    root = etree.Element(f"{{{EXTENDED_PROPERTIES}}}Properties", nsmap={None: EXTENDED_PROPERTIES})
    etree.SubElement(root, f"{{{EXTENDED_PROPERTIES}}}Application").text = "briefgen"
    return root
