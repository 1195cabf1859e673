"""Meetings as they are: several days, informal meetings, places with a country, agendas
without a stated state, items without a dossier or type; and the date filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import small
from briefgen.document.dutch import datum, relatief, vergaderdatum, weekdag
from helpers import LVVN, briefgen, documents, edit, render_fails, texts


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("begin", "end", "options", "expected"),
    [
        ("2025-09-22", "2025-09-23", {}, "22–23 september 2025"),
        ("2025-06-23", "2025-06-24", {"jaar": False, "tot": " en "}, "23 en 24 juni"),
        ("2023-09-03", "2023-09-05", {"jaar": False, "tot": " en "}, "3–5 september"),
        ("2025-06-30", "2025-07-01", {}, "30 juni–1 juli 2025"),
        ("2025-12-31", "2026-01-01", {}, "31 december 2025–1 januari 2026"),
        ("2026-03-17", None, {}, "17 maart 2026"),
        ("2026-03-17", None, {"jaar": False}, "17 maart"),
    ],
)
def test_meeting_days_as_ministries_write_them(
    begin: str, end: str | None, options: dict, expected: str
) -> None:
    agenda = {"datum": day(begin), "einddatum": end and day(end)}
    assert vergaderdatum(agenda, **options) == expected


def test_weekday_and_relative_dates() -> None:
    assert weekdag(day("2025-11-17")) == "maandag"
    assert relatief(day("2025-11-17"), day("2025-11-10")) == "a.s."
    assert relatief(day("2025-11-17"), day("2025-11-20")) == "jl."
    assert relatief(day("2025-11-17"), day("2025-11-17")) == ""
    assert datum(day("2025-11-17"), jaar=False) == "17 november"


SMALL = small.AGENDA


def test_two_day_meeting_in_betreft_and_ga(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, SMALL, "datum: 2030-03-12\n", "datum: 2030-03-12\neinddatum: 2030-03-13\n")
    docs = documents(root, SMALL)
    assert "Betreft\tGeannoteerde Agenda Milieuraad 12–13 maart 2030" in texts(docs["kamerbrief-tk"])
    assert any(
        t.startswith("Tijdens de Milieuraad van 12–13 maart 2030 in Brussel")
        for t in texts(docs["geannoteerde-agenda"])
    )


def test_informal_meeting_keeps_its_formations_templates(tmp_path: Path) -> None:
    root = small.project(
        tmp_path, ("gedachtewisseling", "diversen"), letter=True, raad="Landbouw- en Visserijraad"
    )
    edit(
        root,
        SMALL,
        "raad: Landbouw- en Visserijraad\n",
        "raad: informele bijeenkomst van landbouw- en visserijministers\n"
        "formatie: Landbouw- en Visserijraad\nland: Cyprus\n",
    )
    edit(root, SMALL, "plaats: Brussel", "plaats: Nicosia")
    letter = texts(documents(root, SMALL)["kamerbrief-tk"])
    assert (
        "Op 12 maart a.s. vindt de informele bijeenkomst van landbouw- en visserijministers (hierna: Raad) "
        "plaats in Nicosia, Cyprus." in letter[letter.index("Geachte voorzitter,") + 1]
    )
    assert "II. Diversen" in letter


def test_place_with_te_and_country(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2)
    edit(root, SMALL, "plaats: Brussel\n", "plaats: Aalborg\nland: Denemarken\nvoorzetsel: te\n")
    ga = texts(documents(root, SMALL)["geannoteerde-agenda"])
    assert any(
        t.startswith("Tijdens de Milieuraad van 12 maart 2030 te Aalborg, Denemarken staan") for t in ga
    )


def test_no_agenda_state_is_never_asserted(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("beleidsdebat", "diversen"), letter=True)
    edit(
        root,
        SMALL,
        "agendastatus: concept\n",
        "stand_van_zaken: De stukken volgen later.\nga:\n  vorm: lijst\n",
    )
    docs = documents(root, SMALL)
    ga = texts(docs["geannoteerde-agenda"])
    assert not any("Voorzitterschap van de Raad van de Europese Unie" in t for t in ga)
    assert "De stukken volgen later." in ga
    assert "Er staat één diversenpunt op de agenda van deze Raad." in " ".join(ga)
    letter = " ".join(texts(docs["kamerbrief-tk"]))
    assert "De inhoud van deze geannoteerde agenda geeft de meest recente stand van zaken weer." in letter
    assert "definitief" not in letter


ITEMS = """punten:
  - kop: Voorbereiding Europese Raad
    onderwerp: de voorbereiding van de Europese Raad van 18 en 19 december
    tekst: |
      De Raad bereidt de Europese Raad voor.

      Het kabinet zet in op een korte agenda.
    uitkomst: De Raad bereidde de Europese Raad voor.
  - kop: Werklunch met de Westelijke Balkan
    tekst: Tijdens de werklunch spreken de ministers met hun ambtgenoten.
    uitkomst: Tijdens de werklunch spraken de ministers met hun ambtgenoten.
  - dossier: bodem
    soort: beleidsdebat
"""


def test_items_without_dossier_or_type(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(
        root,
        SMALL,
        "punten:\n  - dossier: bodem\n    soort: beleidsdebat\n    onderwerp: het onderwerp bodem\n",
        "ga:\n  vorm: lijst\n" + ITEMS,
    )
    ga = documents(root, SMALL)["geannoteerde-agenda"]
    assert [p.text for p in ga.paragraphs if p.style == "Heading1"] == [
        "Voorbereiding Europese Raad",
        "Werklunch met de Westelijke Balkan",
        "Beleidsdebat Kort bodem",
    ]
    lines = [p.text for p in ga.paragraphs if p.num_id and p.text.endswith((";", "."))][:3]
    assert lines == [
        "de voorbereiding van de Europese Raad van 18 en 19 december;",
        "Werklunch met de Westelijke Balkan;",
        "Een beleidsdebat over Titel van bodem.",
    ]
    body = texts(ga)
    at = body.index("Voorbereiding Europese Raad", 2)
    assert body[at + 1 : at + 3] == [
        "De Raad bereidt de Europese Raad voor.",
        "Het kabinet zet in op een korte agenda.",
    ]
    assert "Introductie" not in body[at : body.index("Beleidsdebat Kort bodem")]


def test_item_needs_a_dossier_or_a_heading(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, SMALL, "  - dossier: bodem\n    soort: beleidsdebat\n", "  - soort: beleidsdebat\n")
    err = render_fails(root, SMALL, small.GA)
    assert "an item needs a 'dossier', or a 'kop' (and 'tekst') of its own" in err


def test_check_accepts_items_without_dossier(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(
        root,
        SMALL,
        "  - dossier: bodem\n",
        "  - kop: Werklunch\n    tekst: Een lunch.\n    uitkomst: Er werd geluncht.\n  - dossier: bodem\n",
    )
    result = briefgen(root, "check", "--strict")
    assert result.exit_code == 0, result.stderr


def test_lvvn_review_copy_shows_its_title_once(project: Path) -> None:
    ga = texts(documents(project, LVVN)["geannoteerde-agenda"])
    assert ga[0] == "I. Geannoteerde agenda Landbouw- en Visserijraad 26 januari 2026"
    assert sum("Geannoteerde agenda" in t for t in ga) == 1
