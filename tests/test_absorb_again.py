"""Absorbing an answer a second time (the folder of answers absorbed again when a new one
came in, or a rerun after a kill that came just after absorb finished) changes nothing: a
footnote the answer added is the one the first absorb wrote, not a second under a new key."""

from __future__ import annotations

from pathlib import Path

from docxedit import Docx
from helpers import AGENDA, CO2, GA, briefgen, copy_example


def test_an_answer_adding_a_footnote_absorbed_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    docx = Docx.read((root / GA).read_bytes())
    docx.add_note(docx.starting("Het kabinet wil zorgen"), "Zie het rapport van het PBL.", tracked=True)
    answer = tmp_path / "antwoorden" / "jan.docx"
    answer.parent.mkdir()
    answer.write_bytes(docx.bytes())
    assert briefgen(root, "absorb", str(answer.parent)).exit_code == 0
    once = (root / CO2).read_bytes()
    result = briefgen(root, "absorb", str(answer.parent))
    assert result.exit_code == 0, result.output
    assert "changed 0 value(s)" in result.output
    assert (root / CO2).read_bytes() == once
