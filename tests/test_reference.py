"""The committed ``templates/reference.docx`` is what the house-style generator writes,
and it holds everything the writer looks up in it."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

from briefgen.document.blocks import Document, Note, NoteRef, Paragraph, Span
from briefgen.word import contract
from briefgen.word.reference import Reference
from briefgen.word.writer import Properties, write_docx
from docxread import W, read
from helpers import REPO

REFERENCE = REPO / "templates" / "reference.docx"


def test_regenerating_the_reference_gives_the_committed_file(tmp_path: Path) -> None:
    target = tmp_path / "reference.docx"
    subprocess.run(
        [sys.executable, "tools/housestyle.py", str(target)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    assert target.read_bytes() == REFERENCE.read_bytes()


def test_reference_defines_every_style_the_writer_uses() -> None:
    styles = etree.fromstring(read(REFERENCE).xml["word/styles.xml"])
    defined = {style.get(f"{W}styleId") for style in styles.iter(f"{W}style")}
    used = {
        *(style for style in contract.ROLE_STYLES.values() if style),
        contract.NOTE_TEXT,
        contract.NOTE_MARK,
        contract.LINK,
        contract.TABLE,
        contract.TABLE_HEADER,
        contract.TABLE_TEXT,
        contract.HEADER,
        contract.COLUMN,
        contract.COLUMN_TEXT,
        contract.REVIEW,
    }
    assert used - defined == set()


def test_reference_defines_the_writer_lists_by_name() -> None:
    numbering = etree.fromstring(read(REFERENCE).xml["word/numbering.xml"])
    names = [name.get(f"{W}val") for name in numbering.iter(f"{W}name")]
    assert sorted(names) == sorted(contract.LISTS)


def without_footnotes(path: Path) -> None:
    """Write the committed reference to ``path`` without its footnotes part."""
    with zipfile.ZipFile(REFERENCE) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    del parts["word/footnotes.xml"]
    for name, attribute, value in (
        ("word/_rels/document.xml.rels", "Target", "footnotes.xml"),
        ("[Content_Types].xml", "PartName", "/word/footnotes.xml"),
    ):
        root = etree.fromstring(parts[name])
        for element in [e for e in root if e.get(attribute) == value]:
            root.remove(element)
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_a_reference_without_footnotes_gets_the_separator_notes(tmp_path: Path) -> None:
    reference = tmp_path / "reference.docx"
    without_footnotes(reference)
    document = Document(
        blocks=[Paragraph("body", [Span("Tekst"), NoteRef(0)])],
        notes=[Note([Paragraph("body", [Span("Voetnoot")])])],
    )
    data = write_docx(document, Reference(reference), Properties("X", dt.datetime(2026, 1, 1)))
    notes = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml"))
    kinds = [(note.get(f"{W}type"), note.get(f"{W}id")) for note in notes.iter(f"{W}footnote")]
    assert kinds == [("separator", "-1"), ("continuationSeparator", "0"), (None, "1")]


def test_style_ids_and_frames_are_those_python_docx_reads() -> None:
    """Read from the styles' XML (word/reference.py), as python-docx's style objects give
    them: each id by its lower case, and each paragraph style's frame, own or inherited."""
    reference = Reference(REFERENCE)
    opened = reference.open()
    by_object = {style.style_id: style for style in opened.styles}
    assert reference.style_ids == {style_id.lower(): style_id for style_id in by_object if style_id}
    framed = {style_id for style_id, style in by_object.items() if style.element.pPr is not None}
    framed = {s for s in framed if by_object[s].element.pPr.framePr is not None}
    assert framed and framed <= set(reference.frames)
    for style_id, frame in reference.frames.items():
        base = by_object[style_id]
        while base.element.pPr is None or base.element.pPr.framePr is None:
            base = base.base_style
        assert etree.tostring(frame) == etree.tostring(base.element.pPr.framePr)
