"""What the writer makes once and copies (each kind of paragraph, run, list numbering, a
letter's first page, the reference's parts) leaves nothing of one document in the next: a
document written after others has the bytes it has when written alone."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace as dt_replace
from pathlib import Path
from typing import cast

import docx
import pytest

import small
from briefgen.data.bundle import open_bundle
from briefgen.output.package import package_of
from briefgen.output.resources import Resources
from briefgen.word.headers import Letterhead
from briefgen.word.reference import Reference
from briefgen.word.writer import Properties, write_docx

PROPERTIES = Properties(
    title="Titel", created=dt.datetime(2026, 3, 17), company="Ministerie van X", build="b1"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Items with footnotes and lists, a letter, a nota and a verslag."""
    return small.project(tmp_path / "small", 3, letter=True, nota=True, verslag=True)


def composed(root: Path) -> dict[str, object]:
    bundle = open_bundle(root, root / small.AGENDA)
    package = package_of(bundle, Resources(root), root / "out")
    return dict(package.documents)


def written(reference: Reference, documents: dict[str, object], letterhead: Letterhead) -> dict[str, bytes]:
    return {
        name: write_docx(document, reference, PROPERTIES, letterhead)  # type: ignore[arg-type]
        for name, document in documents.items()
    }


def test_a_document_written_after_others_has_the_bytes_it_has_alone(root: Path) -> None:
    documents = composed(root)
    assert len(documents) > 3
    letterhead = Letterhead((root / "templates" / "logo.png").read_bytes(), "Ministerie van X")
    path = root / "templates" / "reference.docx"
    together = written(Reference(path), documents, letterhead)
    backwards = written(Reference(path), dict(reversed(documents.items())), letterhead)
    for name, document in documents.items():
        alone = written(Reference(path), {name: document}, letterhead)[name]
        assert together[name] == alone, name
        assert backwards[name] == alone, name


def test_the_lists_of_a_document_written_again_are_numbered_as_the_first_time(root: Path) -> None:
    documents = composed(root)
    reference = Reference(root / "templates" / "reference.docx")
    letterhead = Letterhead(None, "Ministerie van X")
    first, second = (written(reference, documents, letterhead) for _ in range(2))
    name = next(name for name, data in first.items() if b"<w:numPr>" in part(data, "word/document.xml"))
    assert part(first[name], "word/numbering.xml") == part(second[name], "word/numbering.xml")


def test_each_letter_carries_its_own_letterhead_wordmark(root: Path) -> None:
    documents = composed(root)
    letter = {"kamerbrief-tk.docx": documents["kamerbrief-tk.docx"]}
    reference = Reference(root / "templates" / "reference.docx")
    first = written(reference, letter, Letterhead(None, "Ministerie van Eerst"))["kamerbrief-tk.docx"]
    then = written(reference, letter, Letterhead(None, "Ministerie van Daarna"))["kamerbrief-tk.docx"]
    assert "Ministerie van Eerst" in header_texts(first)
    assert "Ministerie van Daarna" in header_texts(then)
    assert "Ministerie van Eerst" not in header_texts(then)


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def header_texts(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/header")]
        return " ".join(archive.read(n).decode("utf-8") for n in names)


def test_a_reference_with_a_picture_gives_each_document_the_picture(root: Path) -> None:
    """A reference with parts the writer does not rebuild itself (a picture) is copied whole."""
    path = root / "templates" / "reference.docx"
    with_picture = docx.Document(str(path))
    logo = io.BytesIO((root / "templates" / "logo.png").read_bytes())
    with_picture.sections[0].header.paragraphs[0].add_run().add_picture(logo)
    with_picture.save(str(path))
    documents = composed(root)
    reference = Reference(path)
    for data in written(reference, documents, Letterhead(None, "")).values():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert any(name.startswith("word/media/") for name in archive.namelist())


def test_core_properties_set_before_for_a_reference_are_copied(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second document with the same title, subject, author and date gets the core
    properties the first one's setters made, byte for byte, without python-docx's setters."""
    from docx.opc.coreprops import CoreProperties

    document = next(iter(composed(root).values()))
    reference = Reference(root / "templates" / "reference.docx")
    first = write_docx(document, reference, PROPERTIES)  # type: ignore[arg-type]
    set_titles: list[str] = []
    title = cast(property, CoreProperties.__dict__["title"])

    def set_title(self: CoreProperties, value: str) -> None:
        set_titles.append(value)
        assert title.fset is not None
        title.fset(self, value)

    monkeypatch.setattr(CoreProperties, "title", property(title.fget, set_title))
    again = write_docx(document, reference, PROPERTIES)  # type: ignore[arg-type]
    assert set_titles == []
    assert part(again, "docProps/core.xml") == part(first, "docProps/core.xml")
    other = write_docx(document, reference, dt_replace(PROPERTIES, title="Andere titel"))  # type: ignore[arg-type]
    assert set_titles == ["Andere titel"]
    assert b"Andere titel" in part(other, "docProps/core.xml")
