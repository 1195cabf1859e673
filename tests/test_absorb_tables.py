"""A table a colleague inserts in a value's text (Insert > Table in the inzet) is read as the
paragraphs of its cells: no value holds a table, so absorb says so, with the table's place."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import small
from docxedit import Docx, q
from helpers import briefgen
from unoedit import Answer, edit_in_libreoffice, needs_uno

BODEM = "positions/bodem.yaml"
WARNING = (
    "a table (2 x 3) in standpunten[0].inzet of positions/bodem.yaml is read as paragraphs, cell by cell"
)


def _rendered(root: Path) -> Path:
    small.project(root, 2)
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    return root / small.GA


def _table(rows: int, columns: int) -> etree._Element:
    """A table as Word writes one, each cell a paragraph ``Cel row.column``."""
    table = etree.Element(q("tbl"))
    grid = etree.SubElement(table, q("tblGrid"))
    for _ in range(columns):
        etree.SubElement(grid, q("gridCol")).set(q("w"), "3000")
    for row in range(rows):
        tr = etree.SubElement(table, q("tr"))
        for column in range(columns):
            run = etree.SubElement(etree.SubElement(etree.SubElement(tr, q("tc")), q("p")), q("r"))
            etree.SubElement(run, q("t")).text = f"Cel {row + 1}.{column + 1}"
    return table


def _with_table(ga: Path, target: Path, after: str) -> Path:
    docx = Docx.read(ga.read_bytes())
    paragraph = next(
        p for p in docx.paragraphs() if "".join(t.text or "" for t in p.iter(q("t"))).startswith(after)
    )
    paragraph.addnext(_table(2, 3))
    target.write_bytes(docx.bytes())
    return target


def test_a_table_put_in_a_value_is_named_with_its_place(tmp_path: Path) -> None:
    root = tmp_path / "project"
    answer = _with_table(_rendered(root), tmp_path / "jan.docx", "Inzet van bodem")
    result = briefgen(root, "absorb", str(answer))
    assert result.exit_code == 0, result.output
    assert WARNING in result.output


def test_a_table_put_in_a_value_is_taken_cell_by_cell(tmp_path: Path) -> None:
    root = tmp_path / "project"
    answer = _with_table(_rendered(root), tmp_path / "jan.docx", "Inzet van bodem")
    assert briefgen(root, "absorb", str(answer)).exit_code == 0
    text = (root / BODEM).read_text(encoding="utf-8")
    assert text.index("Inzet van bodem") < text.index("Cel 1.1") < text.index("Cel 2.3")


def test_an_answer_without_a_new_table_has_no_such_warning(tmp_path: Path) -> None:
    root = small.project(tmp_path / "project", 2, nota=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    docx = Docx.read((root / small.OUT / "nota.docx").read_bytes())
    assert next(docx.document.iter(q("tbl")), None) is not None  # the nota's own table
    answer = tmp_path / "nota-jan.docx"
    answer.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(answer))
    assert result.exit_code == 0, result.output
    assert "a table (" not in result.output


@pytest.mark.slow
@needs_uno
def test_a_table_inserted_in_libreoffice_is_named_with_its_place(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (answer,) = edit_in_libreoffice(
        Answer(
            _rendered(root),
            tmp_path / "kees.docx",
            "Kees",
            [],
            False,
            (("table", "Inzet van bodem", "2", "3"),),
        )
    )
    result = briefgen(root, "absorb", str(answer))
    assert result.exit_code == 0, result.output
    assert WARNING in result.output
    text = (root / BODEM).read_text(encoding="utf-8")
    assert "Cel 1.1" in text and "Cel 2.3" in text
