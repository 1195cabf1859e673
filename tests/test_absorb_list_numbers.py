"""A numbered item a colleague adds or changes is written with the number after the item
before it (``3.`` after ``2.``), as the drafter numbers a list, not with the list's first
number (Markdown reads only the first item's number: the document is the same either way)."""

from __future__ import annotations

from pathlib import Path

from docxedit import Docx
from helpers import AGENDA, GA, briefgen, copy_example

POSITION = "positions/bio-economie-strategie.yaml"


def test_an_item_added_after_the_second_is_numbered_three(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    docx = Docx.read((root / GA).read_bytes())
    second = docx.starting("Daarnaast is het kabinet positief")
    docx.insert_after(second, "Een nieuw punt over de Raad.", tracked=True, like=True)
    answer = tmp_path / "answer.docx"
    answer.write_bytes(docx.bytes())
    result = briefgen(root, "absorb", str(answer))
    assert result.exit_code == 0, result.output
    lines = (root / POSITION).read_text(encoding="utf-8").splitlines()
    assert "      3. Een nieuw punt over de Raad." in lines
    assert lines.index("      3. Een nieuw punt over de Raad.") > next(
        k for k, line in enumerate(lines) if line.startswith("      2. Daarnaast")
    )
