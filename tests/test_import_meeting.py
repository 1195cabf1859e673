"""The meeting an imported GA or verslag is about: from its title and introduction, else its id."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.data.formations import formatie
from briefgen.readback.meeting import read_meeting

TITLES = [
    (
        "Geannoteerde Agenda Milieuraad 21 oktober",
        "milieuraad-2025-10-21",
        "Milieuraad",
        dt.date(2025, 10, 21),
        None,
    ),
    (
        "I. Geannoteerde agenda Landbouw- en Visserijraad 27–28 oktober 2025",
        "lvr",
        "Landbouw- en Visserijraad",
        dt.date(2025, 10, 27),
        dt.date(2025, 10, 28),
    ),
    (
        "GEANNOTEERDE AGENDA VOOR DE RAAD ALGEMENE ZAKEN VAN 15 NOVEMBER",
        "raad-algemene-zaken-2023-11-15",
        "Raad Algemene Zaken",
        dt.date(2023, 11, 15),
        None,
    ),
    (
        "Geannoteerde Agenda van de Raad Algemene Zaken d.d. 15 oktober 2024",
        "x",
        "Raad Algemene Zaken",
        dt.date(2024, 10, 15),
        None,
    ),
    ("Verslag Milieuraad d.d. 17 juni 2025", "x", "Milieuraad", dt.date(2025, 6, 17), None),
    (
        "VERSLAG RAAD ALGEMENE ZAKEN D.D. 22 JUNI 2021",
        "x",
        "Raad Algemene Zaken",
        dt.date(2021, 6, 22),
        None,
    ),
    ("Geannoteerde Agenda", "energieraad-2026-06-15", "Energieraad", dt.date(2026, 6, 15), None),
    (
        "Verslag Raad Algemene Zaken van 17 november 2025",
        "x",
        "Raad Algemene Zaken",
        dt.date(2025, 11, 17),
        None,
    ),
    (
        "I. Verslag informele Landbouw- en Visserijraad",
        "informele-landbouw-en-visserijraad-2025-09-07",
        "informele Landbouw- en Visserijraad",
        dt.date(2025, 9, 7),
        None,
    ),
    (
        "I. Verslag van de Landbouw- en Visserijraad",
        "landbouw-en-visserijraad-2023-09-18",
        "Landbouw- en Visserijraad",
        dt.date(2023, 9, 18),
        None,
    ),
]


@pytest.mark.parametrize(("title", "raad_id", "raad", "datum", "einddatum"), TITLES)
def test_every_title_form_names_the_council_and_its_days(
    title: str, raad_id: str, raad: str, datum: dt.date, einddatum: dt.date | None
) -> None:
    found = read_meeting(title, [], raad_id)
    assert (found.raad, found.datum, found.einddatum) == (raad, datum, einddatum)


def test_the_place_and_abbreviation_come_from_the_introduction() -> None:
    found = read_meeting(
        "Geannoteerde agenda",
        [
            "Op dinsdag 24 juni a.s. vindt in Luxemburg de Raad Algemene Zaken (RAZ) plaats. De NAVO-top is in Den Haag."
        ],
        "raad-algemene-zaken-2025-06-24",
    )
    assert (found.raad, found.afkorting, found.datum, found.plaats) == (
        "Raad Algemene Zaken",
        "RAZ",
        dt.date(2025, 6, 24),
        "Luxemburg",
    )


def test_an_informal_meeting_keeps_its_own_name_and_its_formations_templates() -> None:
    found = read_meeting(
        "Geannoteerde agenda informele bijeenkomst van EU-transportministers 5 juni 2025 te Luxemburg",
        [],
        "transportraad-2025-06-05",
    )
    assert found.raad == "informele bijeenkomst van EU-transportministers"
    assert (found.plaats, found.voorzetsel) == ("Luxemburg", "te")
    # the name finds the Transportraad itself (formations.formatie), so no 'formatie' is written
    known = formatie(found.raad)
    assert found.formatie is None and known is not None and known.sleutel == "transportraad"


def test_two_days_in_running_text_take_the_year_of_the_id() -> None:
    found = read_meeting(
        "", ["Op 23 en 24 juni a.s. vindt de Milieuraad plaats in Luxemburg."], "milieuraad-2026-06-23"
    )
    assert (found.datum, found.einddatum, found.plaats) == (
        dt.date(2026, 6, 23),
        dt.date(2026, 6, 24),
        "Luxemburg",
    )


def test_a_date_in_a_sentence_about_something_else_is_not_the_meetings() -> None:
    found = read_meeting(
        "Geannoteerde Agenda",
        [
            "Op 16 december 2025 heeft de Commissie in Genève een voorstel gedaan.",
            "Tijdens de Milieuraad van 17 maart 2026 in Brussel staan de volgende onderwerpen geagendeerd:",
        ],
        "milieuraad",
    )
    assert (found.datum, found.plaats) == (dt.date(2026, 3, 17), "Brussel")


def test_an_informal_meeting_named_in_the_meeting_sentence() -> None:
    found = read_meeting(
        "Geannoteerde Agenda",
        [
            "Tijdens de informele bijeenkomst van milieu- en klimaatministers van 10–11 juli 2025 te "
            "Aalborg, Denemarken staat er een gedachtewisseling over water op de agenda."
        ],
        "informele-milieuraad-2025-07-10",
    )
    assert (found.raad, found.formatie) == (
        "informele bijeenkomst van milieu- en klimaatministers",
        "Milieuraad",
    )
    assert (found.datum, found.einddatum) == (dt.date(2025, 7, 10), dt.date(2025, 7, 11))
    assert (found.voorzetsel, found.plaats, found.land) == ("te", "Aalborg", "Denemarken")
