"""A review copy's title and page line are worded by the project's ``_titels.md.j2``."""

from __future__ import annotations

from pathlib import Path

from docxread import read
from helpers import AGENDA, GA, briefgen, edit

REVIEW_COPY = GA.parent / "geannoteerde-agenda.arcering-kgg.docx"


def test_review_line_follows_the_template(project: Path) -> None:
    edit(project, "templates/_titels.md.j2", "– niet verzenden", "– alleen intern")
    assert briefgen(project, "render", AGENDA, "--arcering", "KGG").exit_code == 0
    headers = [
        xml.decode()
        for name, xml in read(project / REVIEW_COPY).xml.items()
        if name.startswith("word/header")
    ]
    assert any("Interne reviewversie (arcering KGG) – alleen intern" in xml for xml in headers)


def test_review_title_follows_the_template(project: Path) -> None:
    edit(project, "templates/_titels.md.j2", "(interne reviewversie)", "(concept)")
    assert briefgen(project, "render", AGENDA, "--arcering", "KGG").exit_code == 0
    assert read(project / REVIEW_COPY).core_title.endswith(" (concept)")


def test_titles_without_the_review_macro_are_a_located_error(project: Path) -> None:
    edit(project, "templates/_titels.md.j2", "macro reviewregel(", "macro regel(")
    result = briefgen(project, "render", AGENDA, "--arcering", "KGG")
    assert result.exit_code == 1
    assert "templates/_titels.md.j2:1:1: no macro 'reviewregel'" in result.stderr
