"""YAML slips drafters make get a hint naming the line and what YAML expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import AGENDA, edit, render_fails

CASES = {
    "colon in a text": (
        "stand_van_zaken: >-\n  De achtergrondstukken",
        "stand_van_zaken: Let op: de achtergrondstukken\nvoetnoten2: >-\n  De achtergrondstukken",
        "agendas/milieuraad-2026-03-17.yaml:7:24: YAML syntax error: mapping values are not allowed here; "
        "the text of 'stand_van_zaken' contains a colon followed by a space or line end: put the whole "
        "text in quotes, or write it on the next lines after '>-'",
    ),
    "key indented too far": (
        "    soort: beleidsdebat\n",
        "     soort: beleidsdebat\n",
        "agendas/milieuraad-2026-03-17.yaml:12:11: YAML syntax error: mapping values are not allowed here; "
        "'soort' on line 12 is indented 5 spaces: line it up with 'dossier' on line 11 (4 spaces) or "
        "'punten' on line 10 (0 spaces)",
    ),
    "key not indented enough": (
        "    soort: beleidsdebat\n",
        "   soort: beleidsdebat\n",
        "'soort' on line 12 is indented 3 spaces: line it up with 'dossier' on line 11 (4 spaces) or "
        "'punten' on line 10 (0 spaces)",
    ),
    "list item out of line": (
        "  - dossier: decarbonisatie-post-2030\n",
        " - dossier: decarbonisatie-post-2030\n",
        "the '- ' on line 16 is indented 1 space: line it up with the '- ' on line 11 (2 spaces)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_indentation_slip_gets_a_hint(project: Path, case: str) -> None:
    old, new, expected = CASES[case]
    edit(project, AGENDA, old, new)
    assert expected in render_fails(project)
