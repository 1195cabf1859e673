"""Numbering definitions (``w:abstractNum`` and its ``w:lvl`` levels) as element classes.

python-docx knows the numbering instances (``w:num``) but not the definitions they
point to; the house style writes these, the writer finds them by name.
"""

from __future__ import annotations

from typing import cast

from docx.oxml.numbering import CT_Numbering
from docx.oxml.parser import register_element_cls
from docx.oxml.shared import CT_DecimalNumber, CT_String
from docx.oxml.simpletypes import ST_DecimalNumber
from docx.oxml.text.parfmt import CT_PPr

from .xmlchemy import BaseOxmlElement, RequiredAttribute, ZeroOrMore, ZeroOrOne

_DEFINITION = tuple("w:nsid w:multiLevelType w:tmpl w:name w:styleLink w:numStyleLink w:lvl".split())
_LEVEL = tuple(
    "w:start w:numFmt w:lvlRestart w:pStyle w:isLgl w:suff w:lvlText w:lvlPicBulletId w:legacy w:lvlJc w:pPr w:rPr".split()
)


class CT_AbstractNum(BaseOxmlElement):
    """``w:abstractNum``: a list definition, its levels' formats and indents."""

    lvl_lst: list[CT_Level]
    abstractNumId: int = RequiredAttribute("w:abstractNumId", ST_DecimalNumber)
    nsid: CT_String | None = ZeroOrOne("w:nsid", successors=_DEFINITION[1:])
    multiLevelType: CT_String | None = ZeroOrOne("w:multiLevelType", successors=_DEFINITION[2:])
    name: CT_String | None = ZeroOrOne("w:name", successors=_DEFINITION[4:])
    lvl = ZeroOrMore("w:lvl", successors=())

    def add_level(self, level: int) -> CT_Level:
        lvl = cast(CT_Level, self.add_lvl())  # pyright: ignore[reportAttributeAccessIssue]
        lvl.ilvl = level
        return lvl


class CT_Level(BaseOxmlElement):
    """``w:lvl``: one level of a list definition."""

    ilvl: int = RequiredAttribute("w:ilvl", ST_DecimalNumber)
    start: CT_DecimalNumber | None = ZeroOrOne("w:start", successors=_LEVEL[1:])
    numFmt: CT_String | None = ZeroOrOne("w:numFmt", successors=_LEVEL[2:])
    lvlText: CT_String | None = ZeroOrOne("w:lvlText", successors=_LEVEL[7:])
    lvlJc: CT_String | None = ZeroOrOne("w:lvlJc", successors=_LEVEL[10:])
    pPr: CT_PPr | None = ZeroOrOne("w:pPr", successors=_LEVEL[11:])


class CT_NumberingDefinitions(CT_Numbering):
    """python-docx's ``w:numbering`` with the list definitions declared before the instances."""

    abstractNum_lst: list[CT_AbstractNum]
    abstractNum = ZeroOrMore("w:abstractNum", successors=("w:num", "w:numIdMacAtCleanup"))

    def add_definition(self, number: int) -> CT_AbstractNum:
        definition = cast(CT_AbstractNum, self._add_abstractNum())  # pyright: ignore[reportAttributeAccessIssue]
        definition.abstractNumId = number
        return definition


register_element_cls("w:numbering", CT_NumberingDefinitions)
register_element_cls("w:abstractNum", CT_AbstractNum)
register_element_cls("w:lvl", CT_Level)
register_element_cls("w:start", CT_DecimalNumber)
for _tag in ("w:nsid", "w:multiLevelType", "w:numFmt", "w:lvlText", "w:lvlJc"):
    register_element_cls(_tag, CT_String)
