"""A small reader of .docx files for the tests, independent of briefgen's writer."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Para:
    style: str
    text: str
    """The text as a reader sees it: a non-breaking space is a space (``raw`` keeps it)."""
    num_id: str | None = None
    level: str | None = None
    note_ids: list[str] = field(default_factory=list)
    shaded: bool = False
    framed: bool = False
    raw: str = ""


@dataclass
class Docx:
    paragraphs: list[Para]
    notes: dict[str, str]
    xml: dict[str, bytes]
    tables: list[list[list[str]]] = field(default_factory=list)

    def _num(self, para: Para) -> etree._Element:
        """The ``w:num`` of a numbered paragraph's list."""
        numbering = etree.fromstring(self.xml["word/numbering.xml"])
        return next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == para.num_id)

    def number_format(self, para: Para) -> str:
        """The level text (``%1.``, ``%1)``) of a numbered paragraph's list."""
        numbering = etree.fromstring(self.xml["word/numbering.xml"])
        abstract_id = self._num(para).find(f"{W}abstractNumId").get(f"{W}val")
        abstract = next(
            a for a in numbering.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id
        )
        level = next(lv for lv in abstract.iter(f"{W}lvl") if lv.get(f"{W}ilvl") == para.level)
        return level.find(f"{W}lvlText").get(f"{W}val")

    def first_number(self, para: Para) -> str:
        """The number Word shows before the first paragraph of ``para``'s list ('2.')."""
        start = self._num(para).find(f"{W}lvlOverride[@{W}ilvl='{para.level}']/{W}startOverride")
        return self.number_format(para).replace("%1", start.get(f"{W}val") if start is not None else "1")

    @property
    def core_title(self) -> str:
        """The title in the core properties (``dc:title``)."""
        core = etree.fromstring(self.xml["docProps/core.xml"])
        return core.findtext("{http://purl.org/dc/elements/1.1/}title") or ""

    def styled(self, style: str) -> list[str]:
        return [p.text for p in self.paragraphs if p.style == style]

    def note_texts(self) -> list[str]:
        ids = [i for p in self.paragraphs for i in p.note_ids]
        return [self.notes[i] for i in ids]


def _text(p: etree._Element) -> str:
    return _raw_text(p).replace("\xa0", " ").replace("\u2060", "")


def _raw_text(p: etree._Element) -> str:
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        parts.append(node.text or "" if node.tag == f"{W}t" else "\t" if node.tag == f"{W}tab" else "\n")
    return "".join(parts)


def _para(p: etree._Element) -> Para:
    style = p.find(f"{W}pPr/{W}pStyle")
    num = p.find(f"{W}pPr/{W}numPr")
    return Para(
        style=style.get(f"{W}val") if style is not None else "",
        text=_text(p),
        num_id=num.find(f"{W}numId").get(f"{W}val") if num is not None else None,
        level=num.find(f"{W}ilvl").get(f"{W}val") if num is not None else None,
        note_ids=[r.get(f"{W}id") for r in p.iter(f"{W}footnoteReference")],
        shaded=p.find(f"{W}pPr/{W}shd") is not None,
        framed=p.find(f"{W}pPr/{W}framePr") is not None,
        raw=_raw_text(p),
    )


def read(path: Path | bytes) -> Docx:
    archive = zipfile.ZipFile(path if isinstance(path, Path) else __import__("io").BytesIO(path))
    xml = {name: archive.read(name) for name in archive.namelist()}
    body = etree.fromstring(xml["word/document.xml"]).find(f"{W}body")
    paragraphs = [_para(p) for p in body.iter(f"{W}p")]
    notes: dict[str, str] = {}
    if "word/footnotes.xml" in xml:
        for note in etree.fromstring(xml["word/footnotes.xml"]).iter(f"{W}footnote"):
            if note.get(f"{W}type") is None:
                notes[note.get(f"{W}id")] = " ".join(_text(p) for p in note.iter(f"{W}p")).strip()
    tables = [
        [
            [" ".join(_text(p) for p in tc.iter(f"{W}p")) for tc in tr.iter(f"{W}tc")]
            for tr in tbl.iter(f"{W}tr")
        ]
        for tbl in body.iter(f"{W}tbl")
    ]
    return Docx(paragraphs, notes, xml, tables)


def _reading_text(element: etree._Element, mode: str, inside: str = "") -> str:
    """The text of ``element`` as Word shows it after accepting (``current``) or rejecting
    (``old``) every tracked change; a footnote reference becomes ``\\0id\\0``."""
    dropped = "del" if mode == "current" else "ins"
    out = []
    for child in element:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag in ("ins", "del"):
            out.append(_reading_text(child, mode, tag))
        elif inside == dropped and tag in ("r", "hyperlink"):
            continue
        elif tag in ("t", "delText"):
            out.append(child.text or "")
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "footnoteReference":
            out.append(f"\0{child.get(f'{W}id')}\0")
        elif tag not in ("pPr", "rPr"):
            out.append(_reading_text(child, mode, inside))
    return "".join(out)


def reading(path: Path, mode: str) -> dict[str, list[str]]:
    """Body paragraphs (with their style ids) and footnote texts in reference order, after
    accepting (``current``) or rejecting (``old``) every tracked change; a table row
    inserted or deleted as a whole goes with its paragraphs."""
    archive = zipfile.ZipFile(path)
    body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    notes: dict[str, str] = {}
    if "word/footnotes.xml" in archive.namelist():
        for note in etree.fromstring(archive.read("word/footnotes.xml")).iter(f"{W}footnote"):
            if note.get(f"{W}type") is None:
                text = " ".join(_reading_text(p, mode) for p in note.iter(f"{W}p"))
                notes[note.get(f"{W}id")] = " ".join(text.split())
    paragraphs, styles, order = [], [], []
    dropped = f"{W}{'del' if mode == 'current' else 'ins'}"
    gone = {
        p for tr in body.iter(f"{W}tr") if tr.find(f"{W}trPr/{dropped}") is not None for p in tr.iter(f"{W}p")
    }
    for p in body.iter(f"{W}p"):
        if p in gone:
            continue
        text = _reading_text(p, mode)
        pieces = text.split("\0")
        order.extend(pieces[1::2])
        paragraphs.append("".join(pieces[0::2]))
        styles.append(_para(p).style)
    return {"paragraphs": paragraphs, "styles": styles, "footnotes": [notes[i] for i in order]}
