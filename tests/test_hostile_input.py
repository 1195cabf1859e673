"""A drafter's odd input, as a hostile colleague or a broken editor would leave it: escapes
that name no character, unusual encodings and names. Each gives one located line and exit 1
(or renders), never a traceback."""

from __future__ import annotations

from pathlib import Path

import small
from helpers import briefgen, edit

BODEM = "positions/bodem.yaml"


def test_an_escape_past_the_last_character_is_a_located_line(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, BODEM, "titel: Titel van bodem", 'titel: "Titel \\U00110000"')
    result = briefgen(root, "check")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        f"{BODEM}:2:15: escape '\\U00110000' names no character (the last is \\U0010FFFF); correct it"
    )
