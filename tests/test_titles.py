"""Each document's title begins with the name the templates give it in ``_titels.md.j2``."""

from __future__ import annotations

from pathlib import Path

from conftest import AGENDA, GA, briefgen
from docxread import read

TITLES = Path("templates/_titels.md.j2")


def test_a_documents_name_comes_from_the_templates(project: Path) -> None:
    table = project / TITLES
    table.write_text(table.read_text(encoding="utf-8").replace('"Nota ter beslissing"', '"Beslisnota"'))
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert read(project / GA.parent / "nota.docx").core_title == "Beslisnota Milieuraad 17 maart 2026"


def test_the_update_document_is_named_by_the_templates(project: Path) -> None:
    assert briefgen(project, "render", AGENDA).exit_code == 0
    position = project / "positions" / "bio-economie-strategie.yaml"
    text = position.read_text(encoding="utf-8")
    position.write_text(text.replace("sluiten aan bij de inzet", "sluiten goed aan bij de inzet", 1))
    assert briefgen(project, "render", AGENDA).exit_code == 0
    update = read(project / GA.parent / "geannoteerde-agenda.wijzigingen.docx")
    assert update.core_title == "Wijzigingen Geannoteerde Agenda Milieuraad 17 maart 2026"


def test_a_document_the_table_does_not_name_is_a_located_error(project: Path) -> None:
    table = project / TITLES
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if '"nota"' not in line), encoding="utf-8")
    result = briefgen(project, "render", AGENDA)
    assert result.exit_code == 1
    assert f"{TITLES}:1:1: 'titels' has no title for 'nota'" in result.stderr
