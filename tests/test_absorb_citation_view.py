"""absorb's view of a changed Kamerstuk footnote shows it as the drafter's YAML writes it."""

from __future__ import annotations

from pathlib import Path

import small
from docxedit import Docx
from helpers import briefgen


def test_a_changed_kamerstuk_number_is_shown_in_yaml_flow_style(tmp_path: Path) -> None:
    root = small.project(tmp_path / "project")
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    answer = root / small.GA
    docx = Docx.read(answer.read_bytes())
    note = docx.note_ids(docx.starting("Introductie van bodem."))[0]
    docx.edit_note(note, "1011", "1099")
    answer.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", "--dry-run", str(answer))
    assert result.exit_code == 0, result.output
    assert (
        "{+{kamerstuk: {kamer: II, vergaderjaar: 2029-2030, dossier: 21 501-08, nr: 1099}}+}" in result.output
    )
    assert "{'kamer'" not in result.output
