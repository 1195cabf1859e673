"""YAML slips drafters make get a hint naming the line and what YAML expected."""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from helpers import edit, render_fails

# The small project's agenda: 'punten' on line 7, its items' '- dossier' on lines 8 and 11.
CASES = {
    "colon in a text": (
        "agendastatus: concept\n",
        "agendastatus: concept\nstand_van_zaken: Let op: de achtergrondstukken\n",
        f"{small.AGENDA}:7:24: YAML syntax error: mapping values are not allowed here; "
        "the text of 'stand_van_zaken' contains a colon followed by a space or line end: put the whole "
        "text in quotes, or write it on the next lines after '>-'",
    ),
    "key indented too far": (
        "    soort: beleidsdebat\n",
        "     soort: beleidsdebat\n",
        f"{small.AGENDA}:9:11: YAML syntax error: mapping values are not allowed here; "
        "'soort' on line 9 is indented 5 spaces: line it up with 'dossier' on line 8 (4 spaces) or "
        "'punten' on line 7 (0 spaces)",
    ),
    "key not indented enough": (
        "    soort: beleidsdebat\n",
        "   soort: beleidsdebat\n",
        "'soort' on line 9 is indented 3 spaces: line it up with 'dossier' on line 8 (4 spaces) or "
        "'punten' on line 7 (0 spaces)",
    ),
    "list item out of line": (
        "  - dossier: water\n",
        " - dossier: water\n",
        "the '- ' on line 11 is indented 1 space: line it up with the '- ' on line 8 (2 spaces)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_indentation_slip_gets_a_hint(tmp_path: Path, case: str) -> None:
    root = small.project(tmp_path, 2)
    old, new, expected = CASES[case]
    edit(root, small.AGENDA, old, new)
    assert expected in render_fails(root, small.AGENDA, small.GA)
