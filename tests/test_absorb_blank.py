"""Empty paragraphs a colleague leaves in an answer (Enter pressed once too often, the empty
paragraph Word and LibreOffice leave after a table or a cut) hold no text: absorbing them
changes no value and no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from docxedit import Docx, q
from helpers import AGENDA, GA, briefgen, copy_example


def _text(p: object) -> str:
    return "".join(t.text or "" for t in p.iter(q("t")))  # type: ignore[attr-defined]


def _answer_with_an_empty_paragraph_after(tmp_path: Path, start: str) -> tuple[Path, dict[str, bytes]]:
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    docx = Docx.read((root / GA).read_bytes())
    paragraph = next(p for p in docx.paragraphs() if _text(p).startswith(start))
    docx.insert_after(paragraph, "", tracked=False)
    answer = tmp_path / "answer.docx"
    answer.write_bytes(docx.bytes())
    return answer, _files(root)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.glob("*/*.yaml"))}


@pytest.mark.parametrize(
    "after",
    [
        "Het kabinet wil zorgen voor",  # the last paragraph of co2-normen's inzet
        "Het kabinet spant zich in voor",  # the first of decarbonisatie's five
    ],
)
def test_an_empty_paragraph_added_in_an_answer_changes_nothing(tmp_path: Path, after: str) -> None:
    answer, before = _answer_with_an_empty_paragraph_after(tmp_path, after)
    root = tmp_path / "project"
    result = briefgen(root, "absorb", str(answer))
    assert result.exit_code == 0, result.output
    assert "changed 0 value(s)" in result.output
    assert _files(root) == before


def test_a_page_break_added_as_a_paragraph_of_its_own_is_taken_in(tmp_path: Path) -> None:
    """Ctrl+Enter in Word: a paragraph holding only a page break, which the data can hold."""
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    docx = Docx.read((root / GA).read_bytes())
    paragraph = next(p for p in docx.paragraphs() if _text(p).startswith("Het kabinet wil zorgen voor"))
    added = docx.insert_after(paragraph, "", tracked=False)
    etree.SubElement(etree.SubElement(added, q("r")), q("br"), {q("type"): "page"})
    answer = tmp_path / "answer.docx"
    answer.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(answer))
    assert "changed 1 value(s)" in result.output
