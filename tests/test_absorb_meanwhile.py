"""A file that another command (a second absorb in another terminal, a colleague's) or an
editor changes while absorb reads the answers: absorb refuses before its journal is
written, so nothing is left half done and a second run takes the answer in."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.output import disk
from docxedit import Docx
from helpers import AGENDA, CO2, GA, briefgen, copy_example


def _answer(tmp_path: Path) -> tuple[Path, Path]:
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    docx = Docx.read((root / GA).read_bytes())
    paragraph = docx.starting("Het kabinet wil")
    docx.reword(paragraph, "uitvoerbare", "haalbare", tracked=True)
    answer = tmp_path / "jan.docx"
    answer.write_bytes(docx.bytes())
    return root, answer


def test_a_file_changed_while_absorb_read_is_refused_before_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, answer = _answer(tmp_path)
    meanwhile = (
        (root / CO2).read_text(encoding="utf-8").replace("kort: CO2-emissienormen", "kort: CO2-normen")
    )

    def another_command_writes(step: str) -> None:
        if step == "write the journal":
            (root / CO2).write_text(meanwhile, encoding="utf-8")

    monkeypatch.setattr(disk, "checkpoint", another_command_writes)
    result = briefgen(root, "absorb", str(answer))
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{CO2}:1:1: changed while 'briefgen absorb' read it")
    assert not list((root / "agendas").glob(".*.json"))
    assert (root / CO2).read_text(encoding="utf-8") == meanwhile
    again = briefgen(root, "absorb", str(answer))
    assert again.exit_code == 0, again.output
    assert "haalbare normen" in (root / CO2).read_text(encoding="utf-8")
