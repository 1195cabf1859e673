"""Element classes for the settings and font table parts, as the house style writes them.

python-docx reads a handful of settings; the rest, and the font table, it leaves alone.
"""

from __future__ import annotations

from typing import cast

from docx.oxml.parser import OxmlElement, register_element_cls
from docx.oxml.settings import CT_Settings
from docx.oxml.shared import CT_DecimalNumber, CT_String
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String

from briefgen.word.oxml import CT_Footnote
from briefgen.word.oxml_styles import CT_Language
from briefgen.word.xmlchemy import BaseOxmlElement, OptionalAttribute, ZeroOrMore, ZeroOrOne

_ORDER = tuple(
    (
        "w:zoom w:defaultTabStop w:evenAndOddHeaders w:characterSpacingControl w:footnotePr w:endnotePr "
        "w:compat w:themeFontLang w:decimalSymbol w:listSeparator"
    ).split()
)
"""The settings declared here and python-docx's one, in schema order (ISO/IEC 29500-1, 17.15.1.78)."""


def _after(tag: str) -> tuple[str, ...]:
    return _ORDER[_ORDER.index(tag) + 1 :]


class CT_DocumentSettings(CT_Settings):
    """python-docx's ``w:settings`` with the settings the house style gives a value."""

    zoom: CT_Zoom | None = ZeroOrOne("w:zoom", successors=_after("w:zoom"))  # pyright: ignore[reportAssignmentType]
    defaultTabStop: CT_DecimalNumber | None = ZeroOrOne(
        "w:defaultTabStop", successors=_after("w:defaultTabStop")
    )  # pyright: ignore[reportAssignmentType]
    characterSpacingControl: CT_String | None = ZeroOrOne(  # pyright: ignore[reportAssignmentType]
        "w:characterSpacingControl", successors=_after("w:characterSpacingControl")
    )
    footnotePr: CT_NotesSettings | None = ZeroOrOne("w:footnotePr", successors=_after("w:footnotePr"))  # pyright: ignore[reportAssignmentType]
    compat: CT_Compat | None = ZeroOrOne("w:compat", successors=_after("w:compat"))  # pyright: ignore[reportAssignmentType]
    themeFontLang: CT_Language | None = ZeroOrOne("w:themeFontLang", successors=_after("w:themeFontLang"))  # pyright: ignore[reportAssignmentType]
    decimalSymbol: CT_String | None = ZeroOrOne("w:decimalSymbol", successors=_after("w:decimalSymbol"))  # pyright: ignore[reportAssignmentType]
    listSeparator: CT_String | None = ZeroOrOne("w:listSeparator", successors=_after("w:listSeparator"))  # pyright: ignore[reportAssignmentType]


class CT_Zoom(BaseOxmlElement):
    percent: int | None = OptionalAttribute("w:percent", ST_DecimalNumber)  # pyright: ignore[reportAssignmentType]


class CT_NotesSettings(BaseOxmlElement):
    """``w:footnotePr`` in the settings: the notes every footnote part holds first (the separators)."""

    footnote_lst: list[CT_Footnote]
    footnote = ZeroOrMore("w:footnote", successors=())

    def add_special(self, note_id: int) -> None:
        self.add_footnote().id = note_id  # pyright: ignore[reportAttributeAccessIssue]


class CT_Compat(BaseOxmlElement):
    """``w:compat``: which Word version's layout rules the document follows."""

    compatSetting = ZeroOrMore("w:compatSetting", successors=())

    def add_setting(self, name: str, uri: str, value: str) -> None:
        setting = cast(CT_CompatSetting, self.add_compatSetting())  # pyright: ignore[reportAttributeAccessIssue]
        setting.name, setting.uri, setting.val = name, uri, value


class CT_CompatSetting(BaseOxmlElement):
    name: str | None = OptionalAttribute("w:name", ST_String)  # pyright: ignore[reportAssignmentType]
    uri: str | None = OptionalAttribute("w:uri", ST_String)  # pyright: ignore[reportAssignmentType]
    val: str | None = OptionalAttribute("w:val", ST_String)  # pyright: ignore[reportAssignmentType]


class CT_FontTable(BaseOxmlElement):
    """``w:fonts``: the fonts a document names, so a reader can substitute a look-alike."""

    font_lst: list[CT_Font]
    font = ZeroOrMore("w:font", successors=())

    def add_font(self, name: str, panose: str, family: str, pitch: str) -> CT_Font:
        font = cast(CT_Font, OxmlElement("w:font"))
        font.name = name
        self.append(font)
        font.get_or_add_panose1().val = panose  # pyright: ignore[reportAttributeAccessIssue]
        font.get_or_add_charset().val = "00"  # pyright: ignore[reportAttributeAccessIssue]
        font.get_or_add_family().val = family  # pyright: ignore[reportAttributeAccessIssue]
        font.get_or_add_pitch().val = pitch  # pyright: ignore[reportAttributeAccessIssue]
        return font


_FONT = ("w:altName", "w:panose1", "w:charset", "w:family", "w:notTrueType", "w:pitch", "w:sig")


class CT_Font(BaseOxmlElement):
    """``w:font``: one font's name and what a substitute must match (PANOSE, family, pitch)."""

    name: str | None = OptionalAttribute("w:name", ST_String)  # pyright: ignore[reportAssignmentType]
    panose1: CT_String | None = ZeroOrOne("w:panose1", successors=_FONT[2:])  # pyright: ignore[reportAssignmentType]
    charset: CT_String | None = ZeroOrOne("w:charset", successors=_FONT[3:])  # pyright: ignore[reportAssignmentType]
    family: CT_String | None = ZeroOrOne("w:family", successors=_FONT[4:])  # pyright: ignore[reportAssignmentType]
    pitch: CT_String | None = ZeroOrOne("w:pitch", successors=_FONT[6:])  # pyright: ignore[reportAssignmentType]


for _tag, _cls in {
    "w:settings": CT_DocumentSettings,
    "w:zoom": CT_Zoom,
    "w:defaultTabStop": CT_DecimalNumber,
    "w:characterSpacingControl": CT_String,
    "w:footnotePr": CT_NotesSettings,
    "w:compat": CT_Compat,
    "w:compatSetting": CT_CompatSetting,
    "w:themeFontLang": CT_Language,
    "w:decimalSymbol": CT_String,
    "w:listSeparator": CT_String,
    "w:fonts": CT_FontTable,
    "w:font": CT_Font,
    "w:panose1": CT_String,
    "w:charset": CT_String,
    "w:family": CT_String,
    "w:pitch": CT_String,
}.items():
    register_element_cls(_tag, _cls)
