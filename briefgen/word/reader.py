"""Read a Word document back into the block document: the text as its reader sees it.

Independent of the writer: any .docx (Word, LibreOffice, pandoc) is read from its XML
with lxml. Tracked changes are accepted by default (``original=True`` gives the text
before them); runs split by an editor, rsid attributes, bookmarks, proofing marks and
list definitions renumbered by LibreOffice make no difference to what is read. Word
comments come with the text they are anchored to.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..compose.blocks import Break, Inline, ListMark, Note, NoteRef, Paragraph, Role, Span, merge_spans
from ..errors import Location, fail
from .archive import OLE_MAGIC
from .namespaces import DUBLIN_CORE, PACKAGE_RELATIONSHIPS, R, W

REVISIONS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Comment:
    """A Word comment: who wrote it, its text, and the text it is anchored to."""

    author: str
    text: str
    anchored: str
    paragraph: int
    """Index of the paragraph the anchor starts in (the reading's paragraph list)."""


@dataclass
class Reading:
    """A .docx as read: body paragraphs (tables flattened), footnotes in reference order."""

    paragraphs: list[Paragraph]
    notes: list[Note]
    comments: list[Comment] = field(default_factory=list)
    pending: int = 0
    """How many tracked changes the document still holds."""
    title: str = ""
    subject: str = ""


def read_docx(path: Path, display: str | None = None, original: bool = False) -> Reading:
    """Read ``path``; a file that is not a readable Word document is a UserError."""
    name = display or str(path)
    parts = _parts(path, name)
    return _Reader(parts, name, original).read()


def _parts(path: Path, name: str) -> dict[str, bytes]:
    try:
        head = path.read_bytes()[:8]
    except OSError as error:
        raise fail(Location(name), f"cannot read: {error.strerror}") from None
    if head == OLE_MAGIC:
        raise fail(
            Location(name),
            "this is an encrypted (password-protected) or old-format (.doc) Word file; "
            "remove the password or save it as .docx in Word first",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            wanted = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
            if sum(archive.getinfo(n).file_size for n in wanted) > 200_000_000:
                raise fail(Location(name), "too large to be a GA: more than 200 MB of XML")
            return {n: archive.read(n) for n in wanted}
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, RuntimeError, NotImplementedError):
        raise fail(Location(name), "not a Word document (.docx): it is not a readable zip package") from None


def _xml(parts: dict[str, bytes], part: str, name: str) -> etree._Element | None:
    data = parts.get(part)
    if data is None:
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise fail(
            Location(name), f"not a Word document (.docx): {part} is not well-formed XML ({error})"
        ) from None


def _main_part(parts: dict[str, bytes], name: str) -> str:
    rels = _xml(parts, "_rels/.rels", name)
    if rels is not None:
        for rel in rels.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
    if "word/document.xml" in parts:
        return "word/document.xml"
    raise fail(Location(name), "not a Word document (.docx): it has no document part")


def _relationships(parts: dict[str, bytes], part: str, name: str) -> dict[str, tuple[str, str]]:
    folder, base = posixpath.split(part)
    rels = _xml(parts, posixpath.join(folder, "_rels", base + ".rels"), name)
    out: dict[str, tuple[str, str]] = {}
    if rels is not None:
        for rel in rels.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


_HEADING = re.compile(r"^heading\s*([1-9])$")


class _Reader:
    def __init__(self, parts: dict[str, bytes], name: str, original: bool):
        self.name = name
        self.original = original
        main = _main_part(parts, name)
        document = _xml(parts, main, name)
        if document is None or document.find(w("body")) is None:
            raise fail(Location(name), "not a Word document (.docx): the document part has no body")
        self.body = document.find(w("body"))
        rels = _relationships(parts, main, name)
        self.links = {rid: target for rid, (kind, target) in rels.items() if kind == "hyperlink"}
        by_kind = {kind: target for kind, target in rels.values()}
        self.styles = _Styles(_xml(parts, by_kind.get("styles", ""), name))
        self.numbering = _Numbering(_xml(parts, by_kind.get("numbering", ""), name))
        notes = _xml(parts, by_kind.get("footnotes", ""), name)
        self.note_xml = (
            {n.get(w("id"), ""): n for n in notes.iter(w("footnote"))} if notes is not None else {}
        )
        comments = _xml(parts, by_kind.get("comments", ""), name)
        self.comment_xml = (
            {c.get(w("id"), ""): c for c in comments.iter(w("comment"))} if comments is not None else {}
        )
        core = _xml(parts, "docProps/core.xml", name)
        self.title = self.subject = ""
        if core is not None:
            self.title = (core.findtext(f"{{{DUBLIN_CORE}}}title") or "").strip()
            self.subject = (core.findtext(f"{{{DUBLIN_CORE}}}subject") or "").strip()
        self.pending = sum(len(document.findall(f".//{w(tag)}")) for tag in REVISIONS)
        if notes is not None:
            self.pending += sum(len(notes.findall(f".//{w(tag)}")) for tag in REVISIONS)
        self.notes: list[Note] = []
        self.open_comments: set[str] = set()
        self.anchored: dict[str, list[str]] = {}
        self.comment_place: dict[str, int] = {}
        self.emitted = 0
        self.in_note = False

    def read(self) -> Reading:
        paragraphs = self._blocks(self.body)
        comments = []
        for cid, element in self.comment_xml.items():
            text = "\n".join(_plain(p) for p in element.iter(w("p"))).strip()
            comments.append(
                Comment(
                    element.get(w("author"), ""),
                    text,
                    " ".join("".join(self.anchored.get(cid, [])).split()),
                    self.comment_place.get(cid, 0),
                )
            )
        return Reading(paragraphs, self.notes, comments, self.pending, self.title, self.subject)

    def _blocks(self, container: etree._Element) -> list[Paragraph]:
        """Paragraphs of a body, cell or content control, a deleted paragraph mark joining the next."""
        out: list[Paragraph] = []
        carry: list[Inline] = []
        for child in container:
            if child.tag == w("p"):
                paragraph = self._paragraph(child)
                paragraph.inlines = merge_spans(carry + paragraph.inlines)
                carry = []
                if self._mark_gone(child):
                    carry = paragraph.inlines
                    continue
                out.append(paragraph)
                self.emitted += 0 if self.in_note else 1
                for cid in self.open_comments:
                    self.anchored[cid].append(" ")
            elif child.tag == w("tbl"):
                for row in child.iter(w("tr")):
                    for cell in row.iter(w("tc")):
                        out.extend(self._blocks(cell))
            elif child.tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                out.extend(self._blocks(content if content is not None else child))
        if carry:
            out.append(Paragraph("body", merge_spans(carry)))
        return out

    def _mark_gone(self, p: etree._Element) -> bool:
        """The paragraph mark is deleted (accepted reading) or was inserted (original reading)."""
        mark = p.find(f"{w('pPr')}/{w('rPr')}")
        if mark is None:
            return False
        return mark.find(w("ins" if self.original else "del")) is not None

    def _paragraph(self, p: etree._Element) -> Paragraph:
        ppr = p.find(w("pPr"))
        if self.original and ppr is not None and ppr.find(w("pPrChange")) is not None:
            old = ppr.find(f"{w('pPrChange')}/{w('pPr')}")
            ppr = old if old is not None else ppr
        style = ""
        num: tuple[str, int] | None = None
        if ppr is not None:
            style_el = ppr.find(w("pStyle"))
            style = style_el.get(w("val"), "") if style_el is not None else ""
            num = _num_pr(ppr)
        if num is None and style:
            num = self.styles.numbering(style)
        role = self.styles.role(style)
        mark = None
        if num is not None and num[0] not in ("", "0") and role in ("body", "listitem"):
            mark = self.numbering.mark(num[0], num[1])
            role = "listitem" if mark is not None else role
        elif role == "listitem":
            role = "body"
        inlines: list[Inline] = []
        self._content(p, inlines, None)
        return Paragraph(role, merge_spans(_trim(inlines)), mark)

    def _content(self, parent: etree._Element, out: list[Inline], link: str | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self._run(child, out, link)
            elif tag == w("hyperlink"):
                rid = child.get(f"{{{R}}}id")
                address = self.links.get(rid or "") or (
                    f"#{child.get(w('anchor'))}" if child.get(w("anchor")) else None
                )
                self._content(child, out, address or link)
            elif tag in (w("ins"), w("moveTo")):
                if not self.original:
                    self._content(child, out, link)
            elif tag in (w("del"), w("moveFrom")):
                if self.original:
                    self._content(child, out, link)
            elif tag in (
                w("smartTag"),
                w("customXml"),
                w("fldSimple"),
                w("sdt"),
                w("sdtContent"),
                w("dir"),
                w("bdo"),
            ):
                self._content(child, out, link)
            elif tag == w("commentRangeStart") and not self.in_note:
                cid = child.get(w("id"), "")
                self.open_comments.add(cid)
                self.comment_place.setdefault(cid, self.emitted)
                self.anchored.setdefault(cid, [])
            elif tag == w("commentRangeEnd"):
                self.open_comments.discard(child.get(w("id"), ""))

    def _run(self, r: etree._Element, out: list[Inline], link: str | None) -> None:
        rpr = r.find(w("rPr"))
        if self.original and rpr is not None:
            old = rpr.find(f"{w('rPrChange')}/{w('rPr')}")
            rpr = old if old is not None else rpr
        bold, italic = self.styles.emphasis(rpr)
        for child in r:
            tag = child.tag
            if tag in (w("t"), w("delText")) and (tag == w("t") or self.original):
                if child.text:
                    out.append(Span(child.text, bold, italic, link=link))
                    for cid in self.open_comments:
                        self.anchored[cid].append(child.text)
            elif tag == w("tab"):
                out.append(Span("\t", bold, italic, link=link))
            elif tag in (w("br"), w("cr")):
                out.append(Break(page=child.get(w("type")) == "page"))
            elif tag == w("noBreakHyphen"):
                out.append(Span("\u2011", bold, italic, link=link))
            elif tag == w("sym"):
                code = child.get(w("char"), "")
                if re.fullmatch(r"[0-9A-Fa-f]{4}", code):
                    out.append(Span(chr(int(code, 16)), bold, italic, link=link))
            elif tag == w("footnoteReference"):
                out.append(NoteRef(self._note(child.get(w("id"), ""))))

    def _note(self, note_id: str) -> int:
        element = self.note_xml.get(note_id)
        paragraphs: list[Paragraph] = []
        if element is not None:
            self.in_note, outer = True, self.in_note
            paragraphs = self._blocks(element)
            self.in_note = outer
            if paragraphs and paragraphs[0].inlines:
                first = paragraphs[0].inlines[0]
                if isinstance(first, Span) and first.text.startswith(" "):
                    paragraphs[0].inlines[0] = Span(first.text[1:], first.bold, first.italic, link=first.link)
                    paragraphs[0].inlines = merge_spans(
                        [i for i in paragraphs[0].inlines if not (isinstance(i, Span) and not i.text)]
                    )
            for paragraph in paragraphs:
                paragraph.role = "listitem" if paragraph.list else "body"
        self.notes.append(Note([p for p in paragraphs if p.inlines or len(paragraphs) == 1]))
        return len(self.notes) - 1


def _trim(inlines: list[Inline]) -> list[Inline]:
    """Drop empty spans (an editor's leftovers)."""
    return [i for i in inlines if not (isinstance(i, Span) and not i.text)]


def _plain(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _num_pr(ppr: etree._Element) -> tuple[str, int] | None:
    num_pr = ppr.find(w("numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(w("numId"))
    level = num_pr.find(w("ilvl"))
    return (
        num_id.get(w("val"), "") if num_id is not None else "",
        int(level.get(w("val"), "0")) if level is not None and level.get(w("val"), "0").isdigit() else 0,
    )


def _on(element: etree._Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(w("val"), "true") not in ("0", "false", "off")


class _Styles:
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
            num = _num_pr(ppr) if ppr is not None else None
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
            bold, italic = _on(rpr.find(w("b"))), _on(rpr.find(w("i")))
            style = rpr.find(w("rStyle"))
            for sid in self._chain(style.get(w("val"), "") if style is not None else ""):
                props = self.run.get(sid)
                if props is not None:
                    bold = _on(props.find(w("b"))) if bold is None else bold
                    italic = _on(props.find(w("i"))) if italic is None else italic
        return bool(bold), bool(italic)

    def _chain(self, style: str) -> list[str]:
        chain: list[str] = []
        while style and style not in chain and len(chain) < 20:
            chain.append(style)
            style = self.based.get(style, "")
        return chain


class _Numbering:
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
                ilvl = int(level.get(w("ilvl"), "0"))
                self.formats[(aid, ilvl)] = (
                    fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                    int(start.get(w("val"), "1")) if start is not None else 1,
                    text.get(w("val"), "") if text is not None else "",
                )
        for num in root.iter(w("num")):
            nid = num.get(w("numId"), "")
            abstract_id = num.find(w("abstractNumId"))
            self.abstract_of[nid] = abstract_id.get(w("val"), "") if abstract_id is not None else ""
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    self.overrides[(nid, int(override.get(w("ilvl"), "0")))] = int(start.get(w("val"), "1"))

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
