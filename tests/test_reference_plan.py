"""The copy of ``reference.docx`` each document starts from (``word/reference.py``'s plan)
is the reference as python-docx itself loads it. The plan rests on how python-docx makes
parts and relationships; each assumption is held here, so that a python-docx upgrade that
changes one fails these tests instead of writing a different document."""

from __future__ import annotations

import inspect
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.opc.package import OpcPackage
from docx.opc.part import Part, XmlPart
from docx.package import Package
from docx.parts.settings import SettingsPart
from test_write_reuse import written

import small
from briefgen.data.bundle import open_bundle
from briefgen.output.package import package_of
from briefgen.output.resources import Resources
from briefgen.word.archive import docx_bytes
from briefgen.word.headers import Letterhead
from briefgen.word.reference import Reference
from helpers import REPO, private_names

REFERENCE = REPO / "templates" / "reference.docx"


def _fresh(reference: Reference) -> DocxDocument:
    """The reference as python-docx's own loading makes it."""
    return docx.Document(io.BytesIO(reference.data))


def _shape(document: DocxDocument) -> tuple[Any, ...]:
    """A loaded package as what it writes: its class, each part's class, name, content type and
    bytes, and each relationship (the package's, then each part's) with its target."""
    package = document.part.package
    parts = list(package.iter_parts())
    index = {id(part): number for number, part in enumerate(parts)}
    described = [(type(part), part.partname, part.content_type, part.blob) for part in parts]
    relationships = [
        [
            (
                rel.rId,
                rel.reltype,
                rel.is_external,
                rel.target_ref if rel.is_external else index[id(rel.target_part)],
            )
            for rel in source.rels.values()
        ]
        for source in [package, *parts]
    ]
    return type(package), described, relationships


def test_a_copy_by_the_plan_is_the_reference_as_python_docx_loads_it() -> None:
    reference = Reference(REFERENCE)
    assert reference._plan is not None  # the shipped reference is copied by the plan
    assert _shape(reference.open()) == _shape(_fresh(reference))


def test_a_copy_by_the_plan_writes_the_bytes_of_a_fresh_load() -> None:
    reference = Reference(REFERENCE)
    assert docx_bytes(reference.open(), reference.stored) == docx_bytes(_fresh(reference))


def test_every_document_written_on_a_plan_copy_is_the_one_written_on_a_fresh_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path / "small", 3, letter=True, nota=True, verslag=True)
    package = package_of(open_bundle(root, root / small.AGENDA), Resources(root), root / "out")
    documents = dict(package.documents)
    reference = Reference(REFERENCE)
    by_plan = written(reference, documents, Letterhead(None, ""))
    monkeypatch.setattr(Reference, "open", _fresh)
    assert written(reference, documents, Letterhead(None, "")) == by_plan


def test_the_plan_reads_no_private_name_of_python_docx() -> None:
    assert private_names(REPO / "briefgen" / "word" / "reference.py", frozenset({"_Element"})) == []


def _parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_python_docx_makes_a_part_from_its_name_type_content_and_package() -> None:
    for kind in (XmlPart, SettingsPart):
        assert _parameters(kind.__init__) == ["self", "partname", "content_type", "element", "package"]
    assert _parameters(Part.__init__) == ["self", "partname", "content_type", "blob", "package"]


def test_python_docx_loads_a_relationship_from_its_type_target_id_and_externality() -> None:
    for owner in (OpcPackage, Part):
        assert _parameters(owner.load_rel) == ["self", "reltype", "target", "rId", "is_external"]
    assert _parameters(Part.after_unmarshal) == ["self"]
    assert _parameters(Package.__init__) in (["self"], ["self", "args", "kwargs"])


def test_the_step_of_loading_the_plan_skips_changes_nothing_of_its_copy() -> None:
    """The plan does not call ``Package.after_unmarshal`` (it gathers the pictures, and a
    plan copy has none): called, it leaves the copy as it was."""
    reference = Reference(REFERENCE)
    copy = reference.open()
    shape, data = _shape(copy), docx_bytes(copy)
    copy.part.package.after_unmarshal()
    assert (_shape(copy), docx_bytes(copy)) == (shape, data)
