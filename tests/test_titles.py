"""Each document's title begins with the name the templates give it in ``_titels.md.j2``."""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from docxread import read
from helpers import briefgen, edit

TITLES = "templates/_titels.md.j2"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return small.project(tmp_path / "small", nota=True)


def test_a_documents_name_comes_from_the_templates(root: Path) -> None:
    edit(root, TITLES, '"Nota ter beslissing"', '"Beslisnota"')
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    assert read(root / small.OUT / "nota.docx").core_title == "Beslisnota Milieuraad 12 maart 2030"


def test_the_update_document_is_named_by_the_templates(root: Path) -> None:
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    edit(root, "positions/bodem.yaml", "Inzet van bodem.", "Inzet van de bodem.")
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    update = read(root / small.OUT / "geannoteerde-agenda.wijzigingen.docx")
    assert update.core_title == "Wijzigingen Geannoteerde Agenda Milieuraad 12 maart 2030"


def test_a_document_the_table_does_not_name_is_a_located_error(root: Path) -> None:
    edit(root, TITLES, '  "nota": "Nota ter beslissing",\n', "")
    result = briefgen(root, "render", small.AGENDA)
    assert result.exit_code == 1
    assert f"{TITLES}:1:1: 'titels' has no title for 'nota'" in result.stderr
