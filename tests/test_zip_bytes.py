"""The .docx zip is written by hand for speed; its bytes must stay the ones zipfile writes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.opc.packuri import PACKAGE_URI
from hypothesis import given
from hypothesis import strategies as st

import small
from briefgen.word import archive
from briefgen.word.archive import Deflated, _zipfile_zip, deterministic_zip
from helpers import briefgen, private_names

NAMES = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=30)
PARTS = st.lists(
    st.tuples(NAMES, st.binary(max_size=3000) | st.text(max_size=3000).map(str.encode)),
    max_size=8,
    unique_by=lambda part: part[0],
)


@given(PARTS, st.data())
def test_the_zip_is_the_one_zipfile_writes(parts: list[tuple[str, bytes]], data: st.DataObject) -> None:
    """Any names (non-ASCII ones too) and contents, some parts handed over already deflated."""
    given_as = [
        (name, Deflated.of(content) if data.draw(st.booleans()) else content) for name, content in parts
    ]
    assert deterministic_zip(given_as) == _zipfile_zip(parts)


def test_the_zip_reads_back_with_its_parts() -> None:
    parts = [("word/document.xml", b"<w:document/>" * 100), ("m\u00e9dia/\u00e9.png", bytes(range(256)))]
    archive = zipfile.ZipFile(io.BytesIO(deterministic_zip(parts)))
    assert archive.testzip() is None
    assert [(info.filename, archive.read(info)) for info in archive.infolist()] == parts


ARCHIVE = Path(__file__).parent.parent / "briefgen" / "word" / "archive.py"


@pytest.fixture(scope="module")
def ga(tmp_path_factory: pytest.TempPathFactory) -> DocxDocument:
    """The GA of a small project with a letter, as python-docx opens it; read only."""
    root = small.project(tmp_path_factory.mktemp("ga"), 2, letter=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    return docx.Document(str(root / small.GA))


def test_the_archive_reads_no_private_name_of_python_docx() -> None:
    """Only python-docx's public API: an upgrade that moves a private name cannot make the
    caches serve another document's relationships."""
    assert private_names(ARCHIVE) == []


def test_each_cache_holds_one_kind_of_key(ga: DocxDocument) -> None:
    archive.docx_bytes(ga)
    assert archive.RELS_XML.entries and archive.CONTENT_TYPES_XML.entries
    for base, rels in archive.RELS_XML.entries:
        assert base.startswith("/") and all(len(rel) == 4 for rel in rels)
    for key in archive.CONTENT_TYPES_XML.entries:
        assert all(len(pair) == 2 and pair[0].startswith("/") for pair in key)


def test_python_docx_writes_a_parts_relationships_relative_to_its_folder(ga: DocxDocument) -> None:
    """The assumption the relationships' cache key rests on (a part's folder, not the
    relationships' own base, is in the key)."""
    package = ga.part.package
    sources = [(package.rels, PACKAGE_URI.baseURI)] + [
        (part.rels, part.partname.baseURI) for part in package.iter_parts()
    ]
    internal = 0
    for rels, base in sources:
        for rel in rels.values():
            if not rel.is_external:
                internal += 1
                assert rel.target_ref == rel.target_part.partname.relative_ref(base)
    assert internal > 5


def test_the_package_holds_the_parts_python_docx_saves(ga: DocxDocument) -> None:
    """The same members, in the same order, with the same bytes as python-docx's own save."""
    saved = io.BytesIO()
    ga.save(saved)
    ours = zipfile.ZipFile(io.BytesIO(archive.docx_bytes(ga)))
    theirs = zipfile.ZipFile(saved)
    assert [(i.filename, ours.read(i)) for i in ours.infolist()] == [
        (i.filename, theirs.read(i)) for i in theirs.infolist()
    ]


def test_a_large_part_that_comes_out_the_same_is_deflated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "LARGE_PARTS", archive.KeptBySize())
    body = b"<w:p>tekst</w:p>" * 1000
    first = archive._deflated(body)
    assert archive._deflated(bytes(bytearray(body))) is first  # equal bytes, another object
    assert first == Deflated.of(body)


def test_the_large_parts_kept_stay_within_their_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "LARGE_PARTS", archive.KeptBySize())
    monkeypatch.setattr(archive, "LARGE_KEPT_BYTES", 10_000)
    for number in range(5):
        archive._deflated(bytes([65 + number]) * 4_000)
    assert archive.LARGE_PARTS.size == sum(map(len, archive.LARGE_PARTS.entries)) <= 10_000
    assert len(archive.LARGE_PARTS.entries) == 2
