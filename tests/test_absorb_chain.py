"""Jan's answer and Anna's answer made on Jan's returned copy, absorbed together (both in
the folder of answers): Anna's builds on Jan's, in either order, so a paragraph both
changed takes Anna's text (which holds Jan's change) and is no conflict."""

from __future__ import annotations

from pathlib import Path

import pytest

from docxedit import Docx, q
from helpers import AGENDA, CO2, GA, briefgen, copy_example
from unoedit import edit_in_xml


def _answers(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The project, Jan's answer, and Anna's answer made on Jan's copy: each a tracked change
    of their own in co2-normen's inzet."""
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    jan = edit_in_xml(root / GA, tmp_path / "antwoorden" / "1-jan.docx", "Jan", [("uitvoerbare", "haalbare")])
    docx = Docx.read(jan.read_bytes())
    docx.reword(docx.starting("Het kabinet wil zorgen"), "daadwerkelijke", "echte", tracked=True)
    for change in docx.document.iter(q("ins"), q("del")):
        if change.get(q("author")) == "Collega":  # the new ones (Jan's carry his name)
            change.set(q("author"), "Anna")
    anna = tmp_path / "antwoorden" / "2-anna.docx"
    anna.write_bytes(docx.bytes())
    return root, jan, anna


@pytest.mark.parametrize("anna_first", [False, True])
def test_an_answer_made_on_a_copy_absorbed_with_it_builds_on_it(tmp_path: Path, anna_first: bool) -> None:
    root, jan, anna = _answers(tmp_path)
    result = briefgen(root, "absorb", *map(str, [anna, jan] if anna_first else [jan, anna]))
    assert result.exit_code == 0, result.output
    inzet = " ".join((root / CO2).read_text(encoding="utf-8").split())
    assert "Het kabinet wil zorgen voor haalbare normen en echte innovatie" in inzet


def test_a_footnote_added_and_edited_on_the_copy_is_added_once(tmp_path: Path) -> None:
    """Jan adds a footnote; Anna, on his copy, rewords it (and a word beside it): absorbed
    together, the file gains her footnote alone, not also Jan's, which nothing cites."""
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    docx = Docx.read((root / GA).read_bytes())
    docx.add_note(docx.starting("Het kabinet wil zorgen"), "Zie het rapport.", tracked=True)
    for change in docx.document.iter(q("ins"), q("del")):
        change.set(q("author"), "Jan")
    jan = tmp_path / "jan.docx"
    jan.write_bytes(docx.bytes())
    docx.edit_note(docx.note_ids(docx.starting("Het kabinet wil zorgen"))[-1], "rapport", "PBL-rapport")
    docx.reword(docx.starting("Het kabinet wil zorgen"), "uitvoerbare", "haalbare", tracked=True)
    anna = tmp_path / "anna.docx"
    anna.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(jan), str(anna))
    assert result.exit_code == 0, result.output
    text = (root / CO2).read_text(encoding="utf-8")
    assert "Zie het PBL-rapport." in text and "Zie het rapport." not in text
