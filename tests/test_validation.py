"""Validation messages: each says which key, what it must be, what it is, and where."""

from __future__ import annotations

import pytest

from briefgen.data.agenda import Agenda
from briefgen.data.dossier import Dossier
from briefgen.data.load import load_text
from briefgen.data.validation import validate

AGENDA = "id: a\nraad: Milieuraad\ndatum: 2026-01-01\nplaats: Brussel\npunten:\n  - kop: Diversen\n"
DOSSIER = "id: d\ntitel: Titel\nkort: Kort\n"


def problems(model: type[Agenda] | type[Dossier], text: str) -> list[str]:
    return [str(problem) for problem in validate(model, load_text(text, "f.yaml"))[1]]


@pytest.mark.parametrize(
    ("model", "text", "expected"),
    [
        (Dossier, DOSSIER + "standpunten: []\n", "f.yaml:4:14: 'standpunten' needs at least one entry"),
        (
            Dossier,
            DOSSIER.replace("Kort", "' '") + "standpunten:\n  - raad: a\n",
            "f.yaml:3:7: 'kort' is empty; write text or remove the key",
        ),
        (
            Agenda,
            AGENDA + "ga:\n  kopjes: 5\n",
            "f.yaml:8:11: 'ga.kopjes' must be a mapping of sub-headings, or false to leave them all out, "
            "not the number 5 (put it in quotes if it is text)",
        ),
        (
            Agenda,
            AGENDA + "ga:\n  kopjes:\n    inzet: 3\n",
            "f.yaml:9:12: 'ga.kopjes.inzet' must be text, or false to leave it out, "
            "not the number 3 (put it in quotes if it is text)",
        ),
        (
            Agenda,
            AGENDA + "brief:\n  datum: morgen\n  ondertekenaars: []\n",
            "f.yaml:8:10: 'brief.datum' must be a date written as YYYY-MM-DD, not text",
        ),
        (
            Agenda,
            AGENDA + "ga:\n  vorm: tabel\n",
            "f.yaml:8:9: 'ga.vorm' must be one of 'lijst', 'proza' or 'geen', not 'tabel'",
        ),
        (
            Agenda,
            AGENDA.replace("id: a", "id: A"),
            "f.yaml:1:5: 'id' has the wrong form: use lower-case letters, digits and hyphens, like 'co2-normen'",
        ),
    ],
    ids=["too short", "blank text", "mapping or false", "text or false", "wrong kind", "literal", "pattern"],
)
def test_a_wrong_value_is_said_plainly_at_its_place(
    model: type[Agenda] | type[Dossier], text: str, expected: str
) -> None:
    assert expected in problems(model, text)
