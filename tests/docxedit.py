"""Edits a colleague might make to a .docx in Word, as plain edits or as tracked changes.

Test support only: works on the XML with lxml, independently of briefgen's reader and
writer, and reads a document's accepted text back the way Word shows it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = {f"{{{W}}}author": "Collega", f"{{{W}}}date": "2026-03-01T00:00:00Z"}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Docx:
    """A .docx held in memory, with its document and footnotes parts parsed."""

    parts: dict[str, bytes]
    body: etree._Element = field(init=False)
    notes: etree._Element = field(init=False)
    revision: int = 9000

    def __post_init__(self) -> None:
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.body = self.document.find(q("body"))
        self.notes = etree.fromstring(self.parts["word/footnotes.xml"])

    @classmethod
    def read(cls, data: bytes) -> Docx:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return cls({name: archive.read(name) for name in archive.namelist()})

    def bytes(self) -> bytes:
        self.parts["word/document.xml"] = etree.tostring(
            self.document, xml_declaration=True, encoding="UTF-8"
        )
        self.parts["word/footnotes.xml"] = etree.tostring(self.notes, xml_declaration=True, encoding="UTF-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        return buffer.getvalue()

    def paragraphs(self) -> list[etree._Element]:
        return [p for p in self.body.iter(q("p")) if p.getparent().tag == q("body")]

    def _change(self, tag: str) -> etree._Element:
        self.revision += 1
        return etree.Element(q(tag), {q("id"): str(self.revision), **AUTHOR})

    # -- edits ---------------------------------------------------------------------

    def reword(self, p: etree._Element, old: str, new: str, tracked: bool) -> None:
        """Replace the first ``old`` in one run of ``p`` by ``new``."""
        for run in p.iter(q("r")):
            t = run.find(q("t"))
            if t is None or old not in (t.text or "") or _inside(run, ("del", "ins")):
                continue
            before, after = t.text.split(old, 1)
            if not tracked:
                t.text = before + new + after
                t.set(XML_SPACE, "preserve")
                return
            pieces = [_run_like(run, before), None, _run_like(run, after)]
            deleted = self._change("del")
            gone = _run_like(run, old)
            gone.find(q("t")).tag = q("delText")
            deleted.append(gone)
            inserted = self._change("ins")
            inserted.append(_run_like(run, new))
            parent, at = run.getparent(), run.getparent().index(run)
            parent.remove(run)
            for offset, element in enumerate([pieces[0], deleted, inserted, pieces[2]]):
                parent.insert(at + offset, element)
            return
        raise ValueError(f"'{old}' not found in one run")

    def insert_after(self, p: etree._Element, text: str, tracked: bool, like: bool = False) -> etree._Element:
        """A new paragraph after ``p``; ``like`` copies ``p``'s properties (a new list item)."""
        new = etree.Element(q("p"))
        run = _run(text)
        old = p.find(q("pPr"))
        if like and old is not None:
            new.append(etree.fromstring(etree.tostring(old)))
        if tracked:
            ppr = new.find(q("pPr"))
            if ppr is None:
                ppr = etree.SubElement(new, q("pPr"))
            etree.SubElement(ppr, q("rPr")).append(self._change("ins"))
            wrapper = self._change("ins")
            wrapper.append(run)
            new.append(wrapper)
        else:
            new.append(run)
        p.addnext(new)
        return new

    def delete(self, p: etree._Element, tracked: bool) -> None:
        if not tracked:
            p.getparent().remove(p)
            return
        for run in list(p.iter(q("r"))):
            if _inside(run, ("del", "ins")):
                continue
            for t in run.iter(q("t")):
                t.tag = q("delText")
            wrapper = self._change("del")
            run.addprevious(wrapper)
            wrapper.append(run)
        _mark(p).append(self._change("del"))

    def starting(self, start: str) -> etree._Element:
        """The first body paragraph whose text starts with ``start``."""
        return next(
            p for p in self.paragraphs() if "".join(t.text or "" for t in p.iter(q("t"))).startswith(start)
        )

    def move_before(self, p: etree._Element, target: etree._Element) -> None:
        """Move ``p`` before ``target`` as Word and LibreOffice track a moved paragraph: its
        runs and its paragraph mark marked ``moveFrom`` where it was, a copy marked ``moveTo``
        (runs and mark) where it went."""
        copy = etree.fromstring(etree.tostring(p))
        for paragraph, tag in ((p, "moveFrom"), (copy, "moveTo")):
            for run in list(paragraph.iter(q("r"))):
                if tag == "moveFrom":
                    for t in run.iter(q("t")):
                        t.tag = q("delText")
                wrapper = self._change(tag)
                run.addprevious(wrapper)
                wrapper.append(run)
            _mark(paragraph).append(self._change(tag))
        target.addprevious(copy)

    def embolden(self, p: etree._Element, word: str, tracked: bool, tag: str = "b") -> None:
        """Make ``word`` (inside one plain run) bold (``tag`` ``i``: italic)."""
        for run in p.iter(q("r")):
            t = run.find(q("t"))
            if t is None or f" {word} " not in (t.text or "") or run.find(q("rPr")) is not None:
                continue
            if _inside(run, ("del", "ins")):
                continue
            before, after = t.text.split(f" {word} ", 1)
            middle = _run_like(run, word)
            rpr = etree.Element(q("rPr"))
            etree.SubElement(rpr, q(tag))
            if tracked:
                change = self._change("rPrChange")
                etree.SubElement(change, q("rPr"))
                rpr.append(change)
            middle.insert(0, rpr)
            parent, at = run.getparent(), run.getparent().index(run)
            parent.remove(run)
            for offset, element in enumerate(
                [_run_like(run, before + " "), middle, _run_like(run, " " + after)]
            ):
                parent.insert(at + offset, element)
            return
        raise ValueError(f"' {word} ' not found in a plain run")

    def add_note(self, p: etree._Element, text: str, tracked: bool) -> None:
        ids = [int(n.get(q("id"))) for n in self.notes.iter(q("footnote"))]
        note_id = str(max(ids) + 1)
        note = etree.SubElement(self.notes, q("footnote"), {q("id"): note_id})
        np = etree.SubElement(note, q("p"))
        ppr = etree.SubElement(np, q("pPr"))
        etree.SubElement(ppr, q("pStyle"), {q("val"): "FootnoteText"})
        mark = etree.SubElement(np, q("r"))
        etree.SubElement(etree.SubElement(mark, q("rPr")), q("rStyle"), {q("val"): "FootnoteReference"})
        etree.SubElement(mark, q("footnoteRef"))
        np.append(_run(" " + text))
        ref = etree.Element(q("r"))
        etree.SubElement(etree.SubElement(ref, q("rPr")), q("rStyle"), {q("val"): "FootnoteReference"})
        etree.SubElement(ref, q("footnoteReference"), {q("id"): note_id})
        if tracked:
            wrapper = self._change("ins")
            wrapper.append(ref)
            ref = wrapper
        p.append(ref)

    def add_link(self, p: etree._Element, text: str, address: str) -> None:
        """Append `` text`` linked to ``address``, and a line break with more text after it."""
        rels = self.parts["word/_rels/document.xml.rels"].decode()
        relation = (
            '<Relationship Id="rIdLink9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/hyperlink" Target="{address}" TargetMode="External"/>'
        )
        self.parts["word/_rels/document.xml.rels"] = rels.replace(
            "</Relationships>", relation + "</Relationships>"
        ).encode()
        p.append(_run(" "))
        link = etree.SubElement(
            p,
            q("hyperlink"),
            {"{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id": "rIdLink9"},
        )
        link.append(_run(text))
        broken = etree.SubElement(p, q("r"))
        etree.SubElement(broken, q("br"))
        p.append(_run("Tweede regel."))

    def edit_note(self, note_id: str, old: str, new: str) -> None:
        note = next(n for n in self.notes.iter(q("footnote")) if n.get(q("id")) == note_id)
        for t in note.iter(q("t")):
            if old in (t.text or ""):
                t.text = t.text.replace(old, new, 1)
                return
        raise ValueError(old)

    def remove_note(self, p: etree._Element, tracked: bool) -> None:
        """Remove the first footnote reference of ``p``."""
        for ref in p.iter(q("footnoteReference")):
            run = ref.getparent()
            if _inside(run, ("del", "ins")):
                continue
            if tracked:
                wrapper = self._change("del")
                run.addprevious(wrapper)
                wrapper.append(run)
            else:
                run.getparent().remove(run)
            return
        raise ValueError("no footnote reference")

    def note_ids(self, p: etree._Element) -> list[str]:
        return [r.get(q("id")) for r in p.iter(q("footnoteReference")) if not _inside(r, ("del",))]


def _mark(p: etree._Element) -> etree._Element:
    """The properties of ``p``'s paragraph mark (``w:pPr/w:rPr``), made when missing."""
    ppr = p.find(q("pPr"))
    if ppr is None:
        ppr = etree.Element(q("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(q("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, q("rPr"))
    return rpr


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in [q(t) for t in tags]:
            return True
        parent = parent.getparent()
    return False


def _run(text: str, bold: bool = False) -> etree._Element:
    run = etree.Element(q("r"))
    if bold:
        etree.SubElement(etree.SubElement(run, q("rPr")), q("b"))
    t = etree.SubElement(run, q("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def _run_like(run: etree._Element, text: str) -> etree._Element:
    copy = etree.Element(q("r"))
    rpr = run.find(q("rPr"))
    if rpr is not None:
        copy.append(etree.fromstring(etree.tostring(rpr)))
    t = etree.SubElement(copy, q("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return copy


def accepted(data: bytes) -> tuple[list[str], list[str]]:
    """The body's paragraph texts (empty ones left out) and the footnote texts in reference
    order, with every tracked change accepted; a deleted paragraph mark joins the next. A
    non-breaking space reads as a space (the templates put them inside dates and citations)."""
    docx = Docx.read(data)
    notes = {n.get(q("id")): n for n in docx.notes.iter(q("footnote"))}
    texts: list[str] = []
    refs: list[str] = []
    carry = ""
    for p in docx.body.iter(q("p")):
        text = carry
        for element in p.iter(q("t"), q("footnoteReference"), q("br")):
            if _inside(element, ("del", "moveFrom")):
                continue
            if element.tag == q("t"):
                text += element.text or ""
            elif element.tag == q("br"):
                text += "\n"
            else:
                refs.append(element.get(q("id")))
        mark = p.find(f"{q('pPr')}/{q('rPr')}/{q('del')}")
        if mark is not None:
            carry = text
            continue
        carry = ""
        if text.strip():
            texts.append(text)
    note_texts = ["".join(t.text or "" for t in notes[i].iter(q("t"))).strip() for i in refs]
    return [t.replace("\xa0", " ") for t in texts], [t.replace("\xa0", " ") for t in note_texts]
