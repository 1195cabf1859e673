"""A file that another command or an editor creates or removes while a drafting command
(``new``, absorb, import) reads: refused before the journal is written, as a file changed
meanwhile is (``test_absorb_meanwhile.py``), so no journal is left that no run can finish."""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from briefgen.output import disk
from helpers import briefgen

NEW_ID = "raad-2030-06-12"
MEANWHILE = "# written by a colleague meanwhile\n"


def test_a_file_created_while_new_read_is_refused_before_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path)
    target = root / "agendas" / f"{NEW_ID}.yaml"

    def another_command_creates(step: str) -> None:
        if step == "write the journal":
            target.write_text(MEANWHILE, encoding="utf-8")

    monkeypatch.setattr(disk, "checkpoint", another_command_creates)
    result = briefgen(root, "new", NEW_ID, "--from", small.ID)
    monkeypatch.undo()
    assert (result.exit_code, list((root / "agendas").glob(".*.json"))) == (1, [])
