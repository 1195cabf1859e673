"""What styles and list definitions say about a paragraph or run as the reader sees it:
its role, its list, bold and italic, each inherited through ``basedOn``."""

from __future__ import annotations

import re

from lxml import etree

from ..document.blocks import ListMark, Role
from .namespaces import w

LINK_STYLES = ("hyperlink", "followedhyperlink", "followed hyperlink", "internet link", "internetkoppeling")
_HEADING = re.compile(r"^heading\s*([1-9])$")


def numbering_of(ppr: etree._Element) -> tuple[str, int] | None:
    """The list (numbering id, level) that paragraph properties put a paragraph in, if any."""
    num_pr = ppr.find(w("numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(w("numId"))
    level = num_pr.find(w("ilvl"))
    return (
        num_id.get(w("val"), "") if num_id is not None else "",
        _whole(level.get(w("val")) if level is not None else None, 0),
    )


def _whole(value: str | None, default: int) -> int:
    """A whole number written in an attribute (a list level, a start number), or ``default``
    for anything else a hand-edited document may hold there (``off``, ``²``, ``-1e9``)."""
    return int(value) if value is not None and re.fullmatch(r"[0-9]{1,6}", value) else default


def _switched_on(element: etree._Element | None) -> bool | None:
    """An on/off property's value: absent is None, present without ``w:val`` is on."""
    if element is None:
        return None
    return element.get(w("val"), "true") not in ("0", "false", "off")


class Styles:
    """The styles part: each style's role for the reader, its list and emphasis, through ``basedOn``."""

    def __init__(self, root: etree._Element | None):
        self.names: dict[str, str] = {}
        self.based: dict[str, str] = {}
        self.run: dict[str, etree._Element] = {}
        self.nums: dict[str, tuple[str, int]] = {}
        if root is None:
            return
        for style in root.iter(w("style")):
            sid = style.get(w("styleId"), "")
            name = style.find(w("name"))
            self.names[sid] = (name.get(w("val"), "") if name is not None else sid).lower()
            based = style.find(w("basedOn"))
            if based is not None:
                self.based[sid] = based.get(w("val"), "")
            rpr = style.find(w("rPr"))
            if rpr is not None:
                self.run[sid] = rpr
            ppr = style.find(w("pPr"))
            num = numbering_of(ppr) if ppr is not None else None
            if num is not None:
                self.nums[sid] = num

    def role(self, style: str) -> Role:
        for sid in self._chain(style):
            name = self.names.get(sid, sid.lower())
            for candidate in (name, sid.lower()):
                if candidate == "title":
                    return "title"
                heading = _HEADING.match(candidate) or re.match(r"^heading([1-9])$", candidate)
                if heading:
                    return ("heading1", "heading2", "heading3")[min(int(heading.group(1)), 3) - 1]
                if candidate in ("quote", "block text"):
                    return "quote"
        return "body"

    def numbering(self, style: str) -> tuple[str, int] | None:
        for sid in self._chain(style):
            if sid in self.nums:
                return self.nums[sid]
        return None

    def emphasis(self, rpr: etree._Element | None) -> tuple[bool, bool]:
        """Bold and italic of a run: direct formatting first, then its character style."""
        bold = italic = None
        if rpr is not None:
            bold, italic = _switched_on(rpr.find(w("b"))), _switched_on(rpr.find(w("i")))
            style = rpr.find(w("rStyle"))
            for sid in self._chain(style.get(w("val"), "") if style is not None else ""):
                props = self.run.get(sid)
                if props is not None:
                    bold = _switched_on(props.find(w("b"))) if bold is None else bold
                    italic = _switched_on(props.find(w("i"))) if italic is None else italic
        return bool(bold), bool(italic)

    def marked(self, style: str) -> bool:
        """Whether a paragraph style sets its text in bold or underlined, through ``basedOn``."""
        for sid in self._chain(style):
            props = self.run.get(sid)
            if props is None:
                continue
            bold, underline = props.find(w("b")), props.find(w("u"))
            if bold is not None or underline is not None:
                return bool(_switched_on(bold)) or (
                    underline is not None and underline.get(w("val"), "single") != "none"
                )
        return False

    def underlined(self, rpr: etree._Element | None) -> bool:
        """Whether a run is underlined: direct formatting first, then its character style. A
        link's style (a link written as a field, not as a hyperlink element) does not count:
        its underline marks the link, not a heading."""
        if rpr is None:
            return False
        style = rpr.find(w("rStyle"))
        chain = self._chain(style.get(w("val"), "") if style is not None else "")
        if any(self.names.get(sid, sid.lower()) in LINK_STYLES for sid in chain):
            return False
        found = rpr.find(w("u"))
        if found is None:
            for sid in chain:
                props = self.run.get(sid)
                if props is not None and (found := props.find(w("u"))) is not None:
                    break
        return found is not None and found.get(w("val"), "single") != "none"

    def _chain(self, style: str) -> list[str]:
        chain: list[str] = []
        while style and style not in chain and len(chain) < 20:
            chain.append(style)
            style = self.based.get(style, "")
        return chain


class Numbering:
    """The numbering part: what list mark a numbering id and level stand for."""

    def __init__(self, root: etree._Element | None):
        self.formats: dict[tuple[str, int], tuple[str, int, str]] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.abstract_of: dict[str, str] = {}
        self.ids: dict[str, int] = {}
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            aid = abstract.get(w("abstractNumId"), "")
            for level in abstract.iter(w("lvl")):
                fmt = level.find(w("numFmt"))
                start = level.find(w("start"))
                text = level.find(w("lvlText"))
                ilvl = _whole(level.get(w("ilvl")), 0)
                self.formats[(aid, ilvl)] = (
                    fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                    _whole(start.get(w("val")), 1) if start is not None else 1,
                    text.get(w("val"), "") if text is not None else "",
                )
        for num in root.iter(w("num")):
            nid = num.get(w("numId"), "")
            abstract_id = num.find(w("abstractNumId"))
            self.abstract_of[nid] = abstract_id.get(w("val"), "") if abstract_id is not None else ""
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    self.overrides[(nid, _whole(override.get(w("ilvl")), 0))] = _whole(start.get(w("val")), 1)

    def mark(self, num_id: str, level: int) -> ListMark | None:
        if num_id not in self.abstract_of:
            return None
        fmt, start, text = self.formats.get((self.abstract_of[num_id], level), ("decimal", 1, ""))
        if fmt == "none":
            return None
        ordered = fmt != "bullet"
        start = self.overrides.get((num_id, level), start)
        list_id = self.ids.setdefault(num_id, len(self.ids))
        return ListMark(list_id, level, ordered, start, ")" if text.endswith(")") else ".")
