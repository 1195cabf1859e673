"""briefgen absorb on the verslag and its letter: edits go back to uitkomst and the verslag section."""

from __future__ import annotations

from pathlib import Path

from docxedit import Docx, accepted
from helpers import AGENDA, GA, briefgen, load_file

OUT = GA.parent
T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
CO2 = "positions/co2-normen.yaml"


def _reworded(project: Path, name: str, start: str, old: str, new: str) -> Path:
    """Render, then change ``old`` to ``new`` (tracked) in ``name``'s paragraph that opens with ``start``."""
    result = briefgen(project, "render", AGENDA)
    assert result.exit_code == 0, result.output
    path = project / OUT / name
    docx = Docx.read(path.read_bytes())
    paragraph = next(
        p for p in docx.paragraphs() if "".join(t.text or "" for t in p.iter(T)).startswith(start)
    )
    docx.reword(paragraph, old, new, True)
    path.write_bytes(docx.bytes())
    return path


def test_an_edit_in_the_verslag_goes_back_into_the_position_s_uitkomst(project: Path) -> None:
    before = _uitkomst(project)
    path = _reworded(
        project, "verslag.docx", "De Raad voerde een beleidsdebat", "beleidsdebat", "levendig beleidsdebat"
    )
    result = briefgen(project, "absorb", str(path))
    assert result.exit_code == 0, result.output
    assert "== standpunten[0].uitkomst" in result.output
    assert (
        _uitkomst(project).split() == before.replace("een beleidsdebat", "een levendig beleidsdebat").split()
    )


def _uitkomst(project: Path) -> str:
    return load_file(project / CO2).data["standpunten"][0]["uitkomst"]


def test_the_verslag_renders_as_edited_after_absorb(project: Path) -> None:
    path = _reworded(
        project, "verslag.docx", "De Raad voerde een beleidsdebat", "beleidsdebat", "levendig beleidsdebat"
    )
    edited = accepted(path.read_bytes())
    assert briefgen(project, "absorb", str(path)).exit_code == 0
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert accepted((project / OUT / "verslag.docx").read_bytes()) == edited


def test_an_edit_in_the_verslag_letter_goes_back_into_the_verslag_section(project: Path) -> None:
    path = _reworded(
        project, "kamerbrief-verslag-tk.docx", "Daarnaast treft u", "kwartaalrapportage", "halfjaarrapportage"
    )
    result = briefgen(project, "absorb", str(path))
    assert result.exit_code == 0, result.output
    assert "== verslag.alineas[0]" in result.output
    agenda = (project / AGENDA).read_text(encoding="utf-8")
    assert "de bijlage de halfjaarrapportage aan" in agenda
    assert "- Kwartaalrapportage EU-milieuwetgeving" in agenda
