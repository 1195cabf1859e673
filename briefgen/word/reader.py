"""Read a Word document back into the block document: the text as its reader sees it.

Independent of the writer: any .docx (Word, LibreOffice, pandoc) is read from its XML
with lxml. Tracked changes are accepted by default (``original=True`` gives the text
before them); runs split by an editor, rsid attributes, bookmarks, proofing marks and
list definitions renumbered by LibreOffice make no difference to what is read. Word
comments come with the text they are anchored to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..data.confine import shown
from ..data.limits import MAX_VALUE_BYTES, value_bytes
from ..data.project import MAX_INPUT_BYTES
from ..document.blocks import Break, Inline, Note, NoteRef, Paragraph, Span, merge_spans
from ..errors import Location, _, fail
from .contract import BUILD_PROPERTY, WORD_JOINER, WRITER
from .namespaces import CORE_PROPERTIES, DUBLIN_CORE, R, w
from .reader_parts import MAX_PARAGRAPHS, OpenedDocx, custom_property, main_part, open_package, relationships
from .reader_styles import Numbering, Styles, numbering_of

MAX_CHARACTERS = MAX_INPUT_BYTES
"""Characters of text read from the document and its footnotes together: no more than the
YAML render reads for one agenda, where the text would have to go."""
MAX_TOGETHER_CHARACTERS = 64 * 2**20
MAX_TOGETHER_PARAGRAPHS = 50_000
"""What all documents one command reads may hold together (some hundred answers of a GA)."""

REVISIONS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")
MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
OBJECTS = (w("drawing"), w("pict"), w("object"), f"{{{MARKUP_COMPATIBILITY}}}AlternateContent")
"""What a run may hold besides text that the data cannot: images, shapes, text boxes, charts,
embedded objects (Word wraps a shape's two renderings in ``mc:AlternateContent``)."""


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
    build: str = ""
    """The id of the build the document came from (its ``briefgen-build`` property), if any."""
    authors: tuple[str, ...] = ()
    """Who edited it: its tracked changes' authors, else its last author (never briefgen)."""
    paragraph_authors: list[tuple[str, ...]] = field(default_factory=list)
    """For each paragraph, the authors of the tracked changes in it (empty: none)."""
    saved_by: str = ""
    """Who last saved it (its ``lastModifiedBy``), empty when briefgen did or nobody is named."""
    objects: list[Dropped] = field(default_factory=list)
    """The images, shapes, text boxes and embedded objects in the text: the data holds none."""
    tables: list[TableRead] = field(default_factory=list)
    """The body's tables, each read as the paragraphs of its cells."""


@dataclass(frozen=True)
class TableRead:
    """A table of the body: the paragraphs its cells were read as (``first`` and ``count``, in
    the reading's paragraph list), its rows and its columns (the most cells a row has)."""

    first: int
    count: int
    rows: int
    columns: int


@dataclass(frozen=True)
class Dropped:
    """An image, shape, text box or embedded object a colleague put in the text: where it is
    (the index of the body paragraph it is in, None in a footnote) and a text box's text."""

    paragraph: int | None
    text: str


@dataclass
class Together:
    """What the documents one command reads (absorb of a folder of answers) hold together:
    each is bounded on its own, and all of them by MAX_TOGETHER_*."""

    characters: int = 0
    paragraphs: int = 0

    def add(self, name: str, characters: int, paragraphs: int) -> None:
        self.characters += characters
        self.paragraphs += paragraphs
        if self.characters > MAX_TOGETHER_CHARACTERS or self.paragraphs > MAX_TOGETHER_PARAGRAPHS:
            raise fail(
                Location.file(name),
                _(
                    "with this document the documents read together hold more than {paragraphs:,} paragraphs or {characters:,} characters; absorb them a few at a time",
                    paragraphs=MAX_TOGETHER_PARAGRAPHS,
                    characters=MAX_TOGETHER_CHARACTERS,
                ),
            )


def read_docx(
    path: Path, display: str | None = None, original: bool = False, together: Together | None = None
) -> Reading:
    """Read ``path``; a file that is not a readable Word document is a UserError. With
    ``together``, what it holds counts toward the budget of all documents read with it."""
    name = display or str(path)
    with open_package(path, name) as package:
        reader = _Reader(package, name, original)
    reading = reader.read()
    if together is not None:
        together.add(name, reader.characters, reader.paragraphs_read)
    return reading


class _Reader:
    def __init__(self, package: OpenedDocx, name: str, original: bool):
        self.name = name
        self.original = original
        main = main_part(package)
        document = package.parse(main)
        if document is None or document.find(w("body")) is None:
            raise fail(Location(name), _("not a Word document (.docx): the document part has no body"))
        self.body = document.find(w("body"))
        rels = relationships(package, main)
        self.links = {rid: target for rid, (kind, target) in rels.items() if kind == "hyperlink"}
        by_kind = {kind: target for kind, target in rels.values()}
        self.styles = Styles(package.parse(by_kind.get("styles", "")))
        self.numbering = Numbering(package.parse(by_kind.get("numbering", "")))
        notes = package.parse(by_kind.get("footnotes", ""))
        self.note_xml = (
            {n.get(w("id"), ""): n for n in notes.iter(w("footnote"))} if notes is not None else {}
        )
        endnotes = package.parse(by_kind.get("endnotes", ""))
        self.endnote_xml = (
            {n.get(w("id"), ""): n for n in endnotes.iter(w("endnote"))} if endnotes is not None else {}
        )  # a writer's endnotes are read as footnotes where they stand: briefgen writes footnotes only
        comments = package.parse(by_kind.get("comments", ""))
        self.comment_xml = (
            {c.get(w("id"), ""): c for c in comments.iter(w("comment"))} if comments is not None else {}
        )
        core = package.parse("docProps/core.xml")
        self.title = self.subject = ""
        if core is not None:
            self.title = (core.findtext(f"{{{DUBLIN_CORE}}}title") or "").strip()
            self.subject = (core.findtext(f"{{{DUBLIN_CORE}}}subject") or "").strip()
        revisions = [
            e for part in (document, notes) if part is not None for t in REVISIONS for e in part.iter(w(t))
        ]
        self.pending = len(revisions)
        self.build = custom_property(package, BUILD_PROPERTY)
        self.authors = _authors(revisions, core)
        saver = (
            (core.findtext(f"{{{CORE_PROPERTIES}}}lastModifiedBy") or "").strip() if core is not None else ""
        )
        self.saved_by = "" if saver == WRITER else saver
        self.notes: list[Note] = []
        self.open_comments: set[str] = set()
        self.anchored: dict[str, list[str]] = {}
        self.comment_place: dict[str, int] = {}
        self.emitted = 0
        self.in_note = False
        self.paragraphs_read = 0
        self.characters = 0
        self.revised_by: dict[int, tuple[str, ...]] = {}
        self.underlined: set[int] = set()
        """The ids of the spans of the paragraph being read that are underlined (no link)."""
        self.objects: list[Dropped] = []
        self.tables: list[TableRead] = []

    def read(self) -> Reading:
        paragraphs = self._blocks(self.body)
        for number, paragraph in enumerate(paragraphs, 1):
            self._fits(paragraph.text, f"paragraph {number}")
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
        return Reading(
            paragraphs,
            self.notes,
            comments,
            self.pending,
            self.title,
            self.subject,
            self.build,
            self.authors,
            [self.revised_by.get(id(paragraph), ()) for paragraph in paragraphs],
            self.saved_by,
            self.objects,
            self.tables,
        )

    def _blocks(self, container: etree._Element) -> list[Paragraph]:
        """Paragraphs of a body, cell or content control, a deleted paragraph mark joining the next."""
        out: list[Paragraph] = []
        carry: list[Inline] = []
        carried_by: tuple[str, ...] = ()
        for child in container:
            if child.tag == w("p"):
                self.paragraphs_read += 1
                if self.paragraphs_read > MAX_PARAGRAPHS:
                    raise fail(
                        Location.file(self.name),
                        _(
                            "reads as more than {limit:,} paragraphs (its footnotes are referenced over and over); a GA has some hundreds",
                            limit=MAX_PARAGRAPHS,
                        ),
                    )
                paragraph = self._paragraph(child)
                if carry:
                    paragraph.underlined = ()
                paragraph.inlines = merge_spans(carry + paragraph.inlines)
                carry = []
                revised = (*carried_by, *_revision_authors(child))
                carried_by = ()
                if self._mark_gone(child):
                    carry, carried_by = paragraph.inlines, revised
                    continue
                if revised and not self.in_note:
                    self.revised_by[id(paragraph)] = tuple(dict.fromkeys(revised))
                out.append(paragraph)
                self.emitted += 0 if self.in_note else 1
                for cid in self.open_comments:
                    self.anchored[cid].append(" ")
            elif child.tag == w("tbl"):
                first, rows = self.emitted, list(_own(child, "tr"))
                for row in rows:
                    for cell in _own(row, "tc"):
                        for paragraph in self._blocks(cell):
                            paragraph.cell = True
                            out.append(paragraph)
                if not self.in_note:
                    columns = max((len(list(_own(row, "tc"))) for row in rows), default=0)
                    self.tables.append(TableRead(first, self.emitted - first, len(rows), columns))
            elif child.tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                out.extend(self._blocks(content if content is not None else child))
        if carry:
            out.append(Paragraph("body", merge_spans(carry)))
            if carried_by and not self.in_note:
                self.revised_by[id(out[-1])] = tuple(dict.fromkeys(carried_by))
        return out

    def _mark_gone(self, p: etree._Element) -> bool:
        """The paragraph mark is deleted or moved away (accepted reading), or was inserted or
        moved here (original reading): Word and LibreOffice mark a paragraph moved with
        tracking on by its mark too, so its empty remains are no paragraph."""
        mark = p.find(f"{w('pPr')}/{w('rPr')}")
        if mark is None:
            return False
        gone = ("ins", "moveTo") if self.original else ("del", "moveFrom")
        return any(mark.find(w(tag)) is not None for tag in gone)

    def _paragraph(self, p: etree._Element) -> Paragraph:
        ppr = p.find(w("pPr"))
        if self.original and ppr is not None and (change := ppr.find(w("pPrChange"))) is not None:
            ppr = change.find(w("pPr"))
        style = ""
        num: tuple[str, int] | None = None
        if ppr is not None:
            style_el = ppr.find(w("pStyle"))
            style = style_el.get(w("val"), "") if style_el is not None else ""
            num = numbering_of(ppr)
        if num is None and style:
            num = self.styles.numbering(style)
        role = self.styles.role(style)
        mark = None
        if num is not None and num[0] not in ("", "0") and role in ("body", "listitem"):
            mark = self.numbering.mark(num[0], num[1])
            role = "listitem" if mark is not None else role
        elif role == "listitem":
            role = "body"
        elif num is not None and num[0] not in ("", "0") and role.startswith("heading"):
            mark = self.numbering.mark(num[0], num[1])  # a heading Word numbers itself ("1. …")
        inlines: list[Inline] = []
        outer, self.underlined = self.underlined, set()  # a footnote's paragraphs are read inside
        self._content(p, inlines, None)
        inlines = _trim(inlines)
        paragraph = Paragraph(role, merge_spans(inlines), mark)
        paragraph.underlined = _underlined(inlines, self.underlined)
        paragraph.styled = role == "body" and bool(style) and self.styles.marked(style)
        self.underlined = outer
        return paragraph

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
        if self.original and rpr is not None and (change := rpr.find(w("rPrChange"))) is not None:
            # The formatting before the change; a change from no formatting may hold none.
            rpr = change.find(w("rPr"))
        bold, italic = self.styles.emphasis(rpr)
        underlined = link is None and self.styles.underlined(rpr)
        for child in r:
            tag = child.tag
            if tag in (w("t"), w("delText")) and (tag == w("t") or self.original):
                if child.text:
                    text = child.text.replace(WORD_JOINER, "")  # the writer's, inside a range of days
                    self.characters += len(text)
                    if self.characters > MAX_CHARACTERS:
                        raise fail(
                            Location.file(self.name),
                            _(
                                "holds more than {limit:,} characters of text, more than render reads for one agenda; a GA has some hundred thousand",
                                limit=MAX_CHARACTERS,
                            ),
                        )
                    out.append(Span(text, bold, italic, link=link))
                    if underlined:
                        self.underlined.add(id(out[-1]))
                    for cid in self.open_comments:
                        self.anchored[cid].append(text)
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
                out.append(NoteRef(self._note(self.note_xml.get(child.get(w("id"), "")))))
            elif tag == w("endnoteReference"):
                out.append(NoteRef(self._note(self.endnote_xml.get(child.get(w("id"), "")))))
            elif tag in OBJECTS:
                self._object(child)

    def _object(self, element: etree._Element) -> None:
        """Note an image, shape, text box or embedded object, with a text box's text (of its
        first rendering where Word stores two): it has no place in the data, and a text typed
        in a text box is named rather than lost without a word."""
        choice = element.find(f"{{{MARKUP_COMPATIBILITY}}}Choice")
        shown = choice if choice is not None else element
        words = " ".join(t.text or "" for box in shown.iter(w("txbxContent")) for t in box.iter(w("t")))
        self.objects.append(Dropped(None if self.in_note else self.emitted, " ".join(words.split())))

    def _fits(self, text: str, where: str) -> None:
        """Refuse a text longer than one YAML value may be: absorb and import would have to
        write it, and render would refuse the file they wrote."""
        size = value_bytes(text)
        if size > MAX_VALUE_BYTES:
            raise fail(
                Location.file(self.name),
                _(
                    "{where}: its text is {size:,.1f} MiB, more than the {limit} MiB one value of a position or agenda may hold; shorten it",
                    where=where,
                    size=size / 2**20,
                    limit=MAX_VALUE_BYTES // 2**20,
                ),
            )

    def _note(self, element: etree._Element | None) -> int:
        paragraphs: list[Paragraph] = []
        if element is not None:
            self.in_note, outer = True, self.in_note
            paragraphs = self._blocks(element)
            self.in_note = outer
            if paragraphs and paragraphs[0].inlines:
                first = paragraphs[0].inlines[0]
                # The separator after the note's number: Word writes a space, LibreOffice a tab.
                if isinstance(first, Span) and first.text.startswith((" ", "\t")):
                    paragraphs[0].inlines[0] = Span(first.text[1:], first.bold, first.italic, link=first.link)
                    paragraphs[0].inlines = merge_spans(
                        [i for i in paragraphs[0].inlines if not (isinstance(i, Span) and not i.text)]
                    )
            for paragraph in paragraphs:
                paragraph.role = "listitem" if paragraph.list else "body"
            self._fits("\n\n".join(p.text for p in paragraphs), f"footnote {len(self.notes) + 1}")
        self.notes.append(Note([p for p in paragraphs if p.inlines or len(paragraphs) == 1]))
        return len(self.notes) - 1


def left_out(display: str, objects: list[Dropped]) -> list[str]:
    """A warning for each image, shape, text box or object of document ``display``: none has a
    place in the data, and a text box's text would otherwise be lost without a word."""
    out = []
    for found in objects:
        place = "a footnote" if found.paragraph is None else f"paragraph {found.paragraph + 1}"
        if found.text:
            text = shown(found.text, 60)  # a colleague's text: control characters escaped
            what = f"a text box ('{text}') is left out; type its text in the paragraphs themselves"
        else:
            what = "an image, shape or embedded object is left out; the data holds text alone"
        out.append(f"{display}: {place}: {what}")
    return out


def _revision_authors(p: etree._Element) -> tuple[str, ...]:
    """The authors of the tracked changes inside one paragraph, briefgen's own left out."""
    named = (e.get(w("author"), "").strip() for t in REVISIONS for e in p.iter(w(t)))
    return tuple(author for author in named if author and author != WRITER)


def _authors(revisions: list[etree._Element], core: etree._Element | None) -> tuple[str, ...]:
    """The tracked changes' authors in order of appearance, else the document's last author."""
    named = [r.get(w("author"), "").strip() for r in revisions]
    found = [author for author in dict.fromkeys(named) if author and author != WRITER]
    if found or core is None:
        return tuple(found)
    for tag in (f"{{{CORE_PROPERTIES}}}lastModifiedBy", f"{{{DUBLIN_CORE}}}creator"):
        author = (core.findtext(tag) or "").strip()
        if author:
            # Last saved by briefgen: nobody edited it (its creator is the ministry that sends it).
            return () if author == WRITER else (author,)
    return ()


def _own(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """A table's own rows or a row's own cells, also where a content control or custom XML
    wraps them; not those of a table nested in a cell."""
    for child in parent:
        if child.tag == w(tag):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent"))
            yield from _own(content if content is not None else child, tag)


def _underlined(inlines: list[Inline], underlined: set[int]) -> tuple[tuple[int, int], ...]:
    """The stretches of a paragraph's text that stand in underlined spans."""
    stretches: list[tuple[int, int]] = []
    at = 0
    for inline in inlines:
        if isinstance(inline, NoteRef):
            continue
        size = len(inline.text) if isinstance(inline, Span) else 1
        if isinstance(inline, Span) and id(inline) in underlined:
            if stretches and stretches[-1][1] == at:
                stretches[-1] = (stretches[-1][0], at + size)
            else:
                stretches.append((at, at + size))
        at += size
    return tuple(stretches)


def _trim(inlines: list[Inline]) -> list[Inline]:
    """Drop empty spans (an editor's leftovers)."""
    return [i for i in inlines if not (isinstance(i, Span) and not i.text)]


def _plain(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))
