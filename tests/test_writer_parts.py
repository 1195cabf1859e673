"""The writer's shortcuts past python-docx's slow ways do what those ways do: a body
cleared without XPath, a package's part found without walking every relationship first."""

from __future__ import annotations

import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from briefgen.word.properties import part_named
from briefgen.word.writer import clear_content


def _body_with_everything() -> etree._Element:
    document = docx.Document()
    document.add_paragraph("een")
    document.add_table(rows=1, cols=1)
    body = document.element.body
    body.insert(0, etree.Comment("opmerking"))
    body.insert(1, etree.Element("{urn:ander}iets"))
    document.add_paragraph("twee")
    return body


def test_the_body_is_cleared_as_python_docx_clears_it() -> None:
    ours, theirs = _body_with_everything(), _body_with_everything()
    clear_content(ours)
    theirs.clear_content()
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert [child.tag for child in ours][-1].endswith("sectPr")
    assert any(isinstance(child, etree._Comment) for child in ours)


def test_a_part_is_found_by_its_name_wherever_it_is_related() -> None:
    document = docx.Document()
    package = document.part.package
    app = part_named(package, "/docProps/core.xml")
    assert app is not None and app is package.part_related_by(RT.CORE_PROPERTIES)
    styles = part_named(package, "/word/styles.xml")  # related from the document, not the package
    assert styles is not None and styles is document.part.part_related_by(RT.STYLES)
    assert part_named(package, "/docProps/custom.xml") is None
    buffer = io.BytesIO()
    document.save(buffer)
    assert part_named(docx.Document(buffer).part.package, "/word/styles.xml") is not None
