"""Writes ``templates/reference.docx``: the Rijkshuisstijl styles every document uses.

Run ``python -m briefgen.word.housestyle templates/reference.docx`` to regenerate it. A
ministry may instead edit the file in Word: the writer only needs the style ids
below, the two numbering definitions (by name) and a footnotes part.

Rijkshuisstijl as far as public sources show: A4, Verdana 9 pt on 12 pt leading,
footnotes 7 pt, follow-on pages numbered "Pagina X van Y" from PAGE and NUMPAGES
fields, the reference column (Datum, Onze referentie, …) in Verdana 6.5 pt on 9 pt
to the right of a letter's text column, starting level with the addressee under the
return-address line; the signature's space between office and name. No Rijksoverheid
logo: it is a trademark, so the first page's header keeps its place empty. Follow-on
pages of letters and notas repeat the column in ``Referentietekst`` (the writer puts it
there); a review copy's header line is ``Reviewversie``. Font table and theme parts are
included because strict validators and some readers expect them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .archive import deterministic_zip
from .contract import (
    BULLETED,
    CODE_FONT,
    COLUMN_WIDTH,
    COLUMN_X,
    COLUMN_Y,
    FONT,
    LINK_COLOUR,
    LIST_LEVELS,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    NUMBERED,
    NUMBERED_PAREN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    REVIEW_COLOUR,
)
from .namespaces import CONTENT_TYPES, DRAWING, PACKAGE_RELATIONSHIPS, R, W

HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FRAME = (
    f'<w:framePr w:w="{COLUMN_WIDTH}" w:hSpace="142" w:wrap="around" w:vAnchor="page" '
    f'w:hAnchor="page" w:x="{COLUMN_X}" w:y="{COLUMN_Y}"/>'
)
_SMALL = '<w:sz w:val="13"/><w:szCs w:val="13"/>'

# style id, type, name, based on, paragraph properties, run properties
STYLES: list[tuple[str, str, str, str, str, str]] = [
    ("Normal", "paragraph", "Normal", "", '<w:spacing w:after="240" w:line="240" w:lineRule="exact"/>', ""),
    (
        "Title",
        "paragraph",
        "Title",
        "Normal",
        '<w:keepNext/><w:spacing w:after="240" w:line="300" w:lineRule="exact"/>',
        '<w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/>',
    ),
    (
        "Heading1",
        "paragraph",
        "heading 1",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="0"/><w:outlineLvl w:val="0"/>',
        "<w:b/><w:bCs/>",
    ),
    (
        "Heading2",
        "paragraph",
        "heading 2",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:after="0"/><w:outlineLvl w:val="1"/>',
        "<w:i/><w:iCs/>",
    ),
    (
        "Heading3",
        "paragraph",
        "heading 3",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:after="0"/><w:outlineLvl w:val="2"/>',
        "<w:i/><w:iCs/>",
    ),
    ("ListParagraph", "paragraph", "List Paragraph", "Normal", '<w:ind w:left="360"/>', ""),
    (
        "Besluitenlijst",
        "paragraph",
        "Besluitenlijst",
        "ListParagraph",
        '<w:spacing w:after="0"/>',
        "",
    ),
    ("Quote", "paragraph", "Quote", "Normal", '<w:ind w:left="567"/>', "<w:i/><w:iCs/>"),
    (
        "Code",
        "paragraph",
        "Code",
        "Normal",
        "",
        f'<w:rFonts w:ascii="{CODE_FONT}" w:hAnsi="{CODE_FONT}" w:cs="{CODE_FONT}"/>',
    ),
    (
        "FootnoteText",
        "paragraph",
        "footnote text",
        "Normal",
        '<w:spacing w:after="0" w:line="180" w:lineRule="exact"/>',
        '<w:sz w:val="14"/><w:szCs w:val="14"/>',
    ),
    (
        "Header",
        "paragraph",
        "header",
        "Normal",
        '<w:spacing w:after="0" w:line="180" w:lineRule="exact"/><w:jc w:val="right"/>',
        '<w:sz w:val="13"/><w:szCs w:val="13"/>',
    ),
    (
        "Footer",
        "paragraph",
        "footer",
        "Normal",
        '<w:spacing w:after="0" w:line="180" w:lineRule="exact"/>',
        '<w:sz w:val="13"/><w:szCs w:val="13"/>',
    ),
    (
        "Referentietekst",
        "paragraph",
        "Referentietekst",
        "Normal",
        '<w:spacing w:after="180" w:line="180" w:lineRule="exact"/>',
        _SMALL,
    ),
    ("Referentiegegevens", "paragraph", "Referentiegegevens", "Referentietekst", _FRAME, ""),
    (
        "Rubricering",
        "paragraph",
        "Rubricering",
        "Referentiegegevens",
        "",
        "<w:b/><w:bCs/><w:caps/>",
    ),
    (
        "Retouradres",
        "paragraph",
        "Retouradres",
        "Normal",
        '<w:spacing w:after="180" w:line="180" w:lineRule="exact"/>',
        _SMALL,
    ),
    ("Adres", "paragraph", "Adres", "Normal", '<w:spacing w:after="480"/>', ""),
    (
        "Kenmerk",
        "paragraph",
        "Kenmerk",
        "Normal",
        '<w:tabs><w:tab w:val="left" w:pos="1134"/></w:tabs><w:spacing w:after="0"/><w:ind w:left="1134" w:hanging="1134"/>',
        "",
    ),
    ("Aanhef", "paragraph", "Aanhef", "Normal", '<w:spacing w:before="720"/>', ""),
    ("Slot", "paragraph", "Slot", "Normal", '<w:keepNext/><w:spacing w:before="240" w:after="0"/>', ""),
    (
        "Ondertekening",
        "paragraph",
        "Ondertekening",
        "Normal",
        '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="960"/>',
        "",
    ),
    ("Ondertekenaar", "paragraph", "Ondertekenaar", "Normal", '<w:spacing w:after="0"/>', ""),
    ("Tabeltekst", "paragraph", "Tabeltekst", "Normal", '<w:spacing w:after="0"/>', ""),
    (
        "Reviewversie",
        "paragraph",
        "Reviewversie",
        "Header",
        '<w:spacing w:after="120"/><w:jc w:val="center"/>',
        f'<w:b/><w:bCs/><w:caps/><w:color w:val="{REVIEW_COLOUR}"/><w:sz w:val="16"/><w:szCs w:val="16"/>',
    ),
    ("Tabelkop", "paragraph", "Tabelkop", "Tabeltekst", "<w:keepNext/>", "<w:b/><w:bCs/>"),
    ("DefaultParagraphFont", "character", "Default Paragraph Font", "", "", ""),
    (
        "FootnoteReference",
        "character",
        "footnote reference",
        "DefaultParagraphFont",
        "",
        '<w:vertAlign w:val="superscript"/>',
    ),
    (
        "Hyperlink",
        "character",
        "Hyperlink",
        "DefaultParagraphFont",
        "",
        f'<w:color w:val="{LINK_COLOUR}"/><w:u w:val="single"/>',
    ),
]


def styles_xml() -> str:
    out = [
        f'{HEAD}<w:styles xmlns:w="{W}" xmlns:r="{R}"><w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
        '<w:sz w:val="18"/><w:szCs w:val="18"/><w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>'
    ]
    out.append(TABLE_STYLE)
    for style_id, kind, name, based_on, ppr, rpr in STYLES:
        default = ' w:default="1"' if style_id in ("Normal", "DefaultParagraphFont") else ""
        out.append(f'<w:style w:type="{kind}"{default} w:styleId="{style_id}"><w:name w:val="{name}"/>')
        if based_on:
            out.append(f'<w:basedOn w:val="{based_on}"/>')
        if kind == "paragraph" and style_id.startswith(("Heading", "Title")):
            out.append('<w:next w:val="Normal"/>')
        out.append("<w:qFormat/>")
        if ppr:
            out.append(f"<w:pPr>{ppr}</w:pPr>")
        if rpr:
            out.append(f"<w:rPr>{rpr}</w:rPr>")
        out.append("</w:style>")
    out.append("</w:styles>")
    return "".join(out)


TABLE_STYLE = (
    '<w:style w:type="table" w:styleId="Tabel"><w:name w:val="Tabel"/><w:qFormat/>'
    "<w:tblPr><w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
    '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    "</w:style>"
)


def _levels(formats: list[tuple[str, str]]) -> str:
    out = []
    for level, (fmt, text) in enumerate(formats):
        indent = 360 * (level + 1)
        out.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr></w:lvl>'
        )
    return "".join(out)


def numbering_xml() -> str:
    """Three list definitions with Word's nine levels each; formats repeat every three levels."""
    numbers = ["decimal", "lowerLetter", "lowerRoman"] * 3
    definitions = {
        NUMBERED: [(fmt, f"%{level + 1}.") for level, fmt in enumerate(numbers)],
        BULLETED: [("bullet", "\u2013" if level % 3 == 1 else "\u2022") for level in range(LIST_LEVELS)],
        NUMBERED_PAREN: [(fmt, f"%{level + 1})") for level, fmt in enumerate(numbers)],
    }
    out = [f'{HEAD}<w:numbering xmlns:w="{W}" xmlns:r="{R}">']
    for number, (name, formats) in enumerate(definitions.items(), start=1):
        out.append(
            f'<w:abstractNum w:abstractNumId="{number}"><w:nsid w:val="1B4E000{number}"/>'
            f'<w:multiLevelType w:val="multilevel"/><w:name w:val="{name}"/>{_levels(formats)}</w:abstractNum>'
        )
    out.append("</w:numbering>")
    return "".join(out)


def settings_xml() -> str:
    return (
        f'{HEAD}<w:settings xmlns:w="{W}" xmlns:r="{R}"><w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="284"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="nl-NL"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>'
        "</w:settings>"
    )


def footnotes_xml() -> str:
    return (
        f'{HEAD}<w:footnotes xmlns:w="{W}" xmlns:r="{R}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        "<w:r><w:separator/></w:r></w:p></w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
        "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
    )


def first_header_xml() -> str:
    """The first page's header: the logo's place, left empty."""
    return f'{HEAD}<w:hdr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>'


def header_xml() -> str:
    return (
        f'{HEAD}<w:hdr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">Pagina </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve"> van </w:t></w:r>'
        '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:hdr>'
    )


FONTS = ((FONT, "020B0604030504040204", "swiss"), (CODE_FONT, "02070309020205020404", "modern"))


def font_table_xml() -> str:
    """The fonts the styles name, so that a reader substitutes a look-alike where one is missing."""
    fonts = "".join(
        f'<w:font w:name="{name}"><w:panose1 w:val="{panose}"/><w:charset w:val="00"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{"fixed" if family == "modern" else "variable"}"/></w:font>'
        for name, panose, family in FONTS
    )
    return f'{HEAD}<w:fonts xmlns:w="{W}" xmlns:r="{R}">{fonts}</w:fonts>'


# Word's theme colour slots; Rijkshuisstijl's text is black on white, links in the link colour.
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
    ("hlink", LINK_COLOUR),
    ("folHlink", "954F72"),
)


def _theme_font(kind: str) -> str:
    return f'<a:{kind}><a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/></a:{kind}>'


def theme_xml() -> str:
    """A theme with the house font and colours; Word and strict validators expect one."""
    colours = "".join(f'<a:{slot}><a:srgbClr val="{value}"/></a:{slot}>' for slot, value in THEME_COLOURS)
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{fill}</a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (
        f'{HEAD}<a:theme xmlns:a="{DRAWING}" name="briefgen"><a:themeElements>'
        f'<a:clrScheme name="briefgen">{colours}</a:clrScheme>'
        f'<a:fontScheme name="briefgen">{_theme_font("majorFont")}{_theme_font("minorFont")}</a:fontScheme>'
        f'<a:fmtScheme name="briefgen"><a:fillStyleLst>{fill * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst><a:effectStyleLst>{effect * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme>"
        "</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def document_xml() -> str:
    return (
        f'{HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body><w:p/>'
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        '<w:headerReference w:type="first" r:id="rIdFirstHeader"/>'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="709" '
        'w:footer="709" w:gutter="0"/><w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/>'
        "</w:sectPr></w:body></w:document>"
    )


def _rels(relations: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in relations
    )
    return f'{HEAD}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{items}</Relationships>'


def content_types_xml() -> str:
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = [
        ("/word/document.xml", f"{wml}.document.main+xml"),
        ("/word/styles.xml", f"{wml}.styles+xml"),
        ("/word/numbering.xml", f"{wml}.numbering+xml"),
        ("/word/settings.xml", f"{wml}.settings+xml"),
        ("/word/footnotes.xml", f"{wml}.footnotes+xml"),
        ("/word/fontTable.xml", f"{wml}.fontTable+xml"),
        ("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
        ("/word/header1.xml", f"{wml}.header+xml"),
        ("/word/header2.xml", f"{wml}.header+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    items = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return (
        f'{HEAD}<Types xmlns="{CONTENT_TYPES}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{items}</Types>"
    )


def core_xml() -> str:
    return (
        f"{HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>Huisstijl briefgen</dc:title><dc:language>nl-NL</dc:language>"
        "</cp:coreProperties>"
    )


def app_xml() -> str:
    return (
        f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>briefgen</Application></Properties>"
    )


def reference_docx() -> bytes:
    parts = [
        ("[Content_Types].xml", content_types_xml()),
        (
            "_rels/.rels",
            _rels(
                [
                    ("rId1", f"{R}/officeDocument", "word/document.xml"),
                    ("rId2", f"{PACKAGE_RELATIONSHIPS}/metadata/core-properties", "docProps/core.xml"),
                    ("rId3", f"{R}/extended-properties", "docProps/app.xml"),
                ]
            ),
        ),
        ("word/document.xml", document_xml()),
        (
            "word/_rels/document.xml.rels",
            _rels(
                [
                    ("rIdStyles", f"{R}/styles", "styles.xml"),
                    ("rIdNumbering", f"{R}/numbering", "numbering.xml"),
                    ("rIdSettings", f"{R}/settings", "settings.xml"),
                    ("rIdFootnotes", f"{R}/footnotes", "footnotes.xml"),
                    ("rIdFontTable", f"{R}/fontTable", "fontTable.xml"),
                    ("rIdTheme", f"{R}/theme", "theme/theme1.xml"),
                    ("rIdHeader", f"{R}/header", "header1.xml"),
                    ("rIdFirstHeader", f"{R}/header", "header2.xml"),
                ]
            ),
        ),
        ("word/styles.xml", styles_xml()),
        ("word/numbering.xml", numbering_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/footnotes.xml", footnotes_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/theme/theme1.xml", theme_xml()),
        ("word/header1.xml", header_xml()),
        ("word/header2.xml", first_header_xml()),
        ("docProps/core.xml", core_xml()),
        ("docProps/app.xml", app_xml()),
    ]
    return deterministic_zip((name, text.encode("utf-8")) for name, text in parts)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "templates/reference.docx")
    target.write_bytes(reference_docx())
    print(f"wrote {target}")
