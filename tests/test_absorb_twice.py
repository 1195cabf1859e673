"""briefgen absorb: a value the document shows twice (a dossier on the agenda twice) and
that was edited in both places loses neither edit without a word."""

from __future__ import annotations

from pathlib import Path

import small
from docxedit import Docx
from helpers import briefgen, edit

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def _twice(root: Path) -> Docx:
    """A project whose agenda has dossier bodem twice, its inzet in two paragraphs, rendered."""
    small.project(root, 2)
    edit(root, small.AGENDA, "dossier: water", "dossier: bodem")
    edit(
        root,
        "positions/bodem.yaml",
        "inzet: >-\n      Inzet van bodem.[^gedeeld]",
        "inzet: |-\n      Inzet van bodem.[^gedeeld]\n\n      Tweede alinea.",
    )
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    return Docx.read((root / small.GA).read_bytes())


def _shown(docx: Docx, start: str) -> list:
    return [p for p in docx.paragraphs() if "".join(t.text or "" for t in p.iter(W)).startswith(start)]


def test_edits_to_different_paragraphs_of_a_value_shown_twice_both_land(tmp_path: Path) -> None:
    docx = _twice(tmp_path)
    first, _ = _shown(docx, "Inzet van bodem")
    _, second = _shown(docx, "Tweede alinea")
    docx.reword(first, "Inzet", "Eerste inzet", False)
    docx.reword(second, "Tweede", "Andere", False)
    (tmp_path / small.GA).write_bytes(docx.bytes())
    result = briefgen(tmp_path, "absorb", str(tmp_path / small.GA))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "positions/bodem.yaml").read_text(encoding="utf-8")
    assert "Eerste inzet van bodem." in text and "Andere alinea." in text


def test_different_edits_to_one_paragraph_shown_twice_are_reported(tmp_path: Path) -> None:
    docx = _twice(tmp_path)
    first, second = _shown(docx, "Inzet van bodem")
    docx.reword(first, "Inzet", "Eerste inzet", False)
    docx.reword(second, "Inzet", "Tweede inzet", False)
    (tmp_path / small.GA).write_bytes(docx.bytes())
    result = briefgen(tmp_path, "absorb", str(tmp_path / small.GA))
    assert result.exit_code == 1
    assert "standpunten[0].inzet is shown twice in the document" in result.output
    assert "other edit: Tweede inzet van bodem." in result.output
    assert "Eerste inzet van bodem." in (tmp_path / "positions/bodem.yaml").read_text(encoding="utf-8")
