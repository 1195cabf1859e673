"""An image, shape or text box a colleague puts in an answer has no place in the data: absorb
and import name each with its place (a text box with its text) instead of dropping it
without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree

from docxedit import Docx, q
from helpers import AGENDA, GA, briefgen, copy_example
from unoedit import Answer, edit_in_libreoffice, needs_uno

WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _text(p: object) -> str:
    return "".join(t.text or "" for t in p.iter(q("t")))  # type: ignore[attr-defined]


def _text_box(words: str) -> etree._Element:
    """A run holding a text box as Word stores one: its drawing in ``mc:AlternateContent``."""
    run = etree.Element(q("r"))
    choice = etree.SubElement(etree.SubElement(run, f"{{{MC}}}AlternateContent"), f"{{{MC}}}Choice")
    box = etree.SubElement(
        etree.SubElement(etree.SubElement(choice, q("drawing")), f"{{{WPS}}}txbx"), q("txbxContent")
    )
    etree.SubElement(etree.SubElement(etree.SubElement(box, q("p")), q("r")), q("t")).text = words
    return run


def _rendered(tmp_path: Path) -> Path:
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    return root


def _absorbed_with_text_box(tmp_path: Path, words: str) -> Result:
    """``absorb`` of an answer with a text box holding ``words`` after a paragraph of the inzet."""
    root = _rendered(tmp_path)
    docx = Docx.read((root / GA).read_bytes())
    paragraph = next(p for p in docx.paragraphs() if _text(p).startswith("Het kabinet wil zorgen voor"))
    paragraph.append(_text_box(words))
    answer = tmp_path / "answer.docx"
    answer.write_bytes(docx.bytes())
    return briefgen(root, "absorb", str(answer))


def test_a_text_box_in_an_answer_is_named_with_its_text(tmp_path: Path) -> None:
    result = _absorbed_with_text_box(tmp_path, "Graag ook de positie van Duitsland noemen.")
    assert result.exit_code == 0, result.output
    assert "a text box ('Graag ook de positie van Duitsland noemen.') is left out" in result.output


@pytest.mark.slow
@needs_uno
def test_a_shape_put_in_an_answer_in_libreoffice_is_named(tmp_path: Path) -> None:
    root = _rendered(tmp_path)
    (answer,) = edit_in_libreoffice(
        Answer(
            root / GA, tmp_path / "kees.docx", "Kees", [], operations=(("shape", "Het kabinet wil zorgen"),)
        )
    )
    assert "an image, shape or embedded object is left out" in briefgen(root, "absorb", str(answer)).output


def test_a_text_box_s_control_characters_are_shown_escaped(tmp_path: Path) -> None:
    """A C1 control character (XML holds them) reaches the terminal escaped, as a name does."""
    result = _absorbed_with_text_box(tmp_path, "Zie\x9b2J hier")
    assert "a text box ('Zie\\x9b2J hier') is left out" in result.output
