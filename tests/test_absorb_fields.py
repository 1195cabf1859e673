"""absorb takes every editable field back to exactly the value it came from, and to no other."""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from docxedit import Docx
from helpers import briefgen, edit

TITLE = "het onderwerp bodem"
COLON = "de herziening: fase twee van de bodemrichtlijn"


def _render(root: Path) -> None:
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output


def _document(root: Path, name: str) -> Docx:
    return Docx.read((root / small.OUT / name).read_bytes())


def _paragraph(docx: Docx, part: str):
    found = [p for p in docx.paragraphs() if part in "".join(t.text or "" for t in p.iter(_t()))]
    assert found, part
    return found[0]


def _t() -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def _absorb(root: Path, docx: Docx, name: str) -> str:
    path = root / small.OUT / name
    path.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(path))
    assert result.exit_code == 0, result.output
    return result.output


def _text(root: Path, name: str) -> str:
    return (root / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("tracked", [False, True])
def test_a_nota_item_summary_edit_changes_only_the_kern(tmp_path: Path, tracked: bool) -> None:
    root = small.project(tmp_path, 2, nota=True)
    edit(root, small.AGENDA, f"onderwerp: {TITLE}", f"onderwerp: '{COLON}'")
    _render(root)
    agenda_before = _text(root, small.AGENDA)
    nota = _document(root, "nota.docx")
    nota.reword(
        _paragraph(nota, "Kern van bodem."), "Kern van bodem.", "Het kabinet verwelkomt dit.", tracked
    )
    _absorb(root, nota, "nota.docx")
    assert _text(root, small.AGENDA) == agenda_before
    bodem = _text(root, "positions/bodem.yaml")
    assert "kern: >-\n      Het kabinet verwelkomt dit.\n" in bodem


def test_an_agenda_line_with_a_colon_takes_an_edit_to_its_own_words(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2, nota=True)
    edit(root, small.AGENDA, f"onderwerp: {TITLE}", f"onderwerp: '{COLON}'")
    _render(root)
    nota = _document(root, "nota.docx")
    nota.reword(_paragraph(nota, "fase twee van de"), "fase twee", "fase drie", False)
    _absorb(root, nota, "nota.docx")
    assert "onderwerp: 'de herziening: fase drie van de bodemrichtlijn'" in _text(root, small.AGENDA)
    assert "kern: >-\n      Kern van bodem.\n" in _text(root, "positions/bodem.yaml")


def test_an_edit_to_the_fixed_words_of_an_item_summary_has_no_home(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2, nota=True)
    _render(root)
    before = {p: p.read_bytes() for p in sorted(root.glob("*/*.yaml"))}
    nota = _document(root, "nota.docx")
    nota.reword(_paragraph(nota, "Kern van bodem."), "Een beleidsdebat over", "Een debat over", False)
    output = _absorb(root, nota, "nota.docx")
    assert "changed in a generated sentence" in output
    assert {p: p.read_bytes() for p in sorted(root.glob("*/*.yaml"))} == before
