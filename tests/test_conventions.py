"""Conventions of published GAs that are the formation's default and data to change:
the state of the agenda (nothing published yet; for the letter apart from the GA), a
participation sentence inside the GA, number agreement, the LVR letter's attendance."""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from docxread import Docx
from helpers import briefgen, documents, edit, texts

LVR = "Landbouw- en Visserijraad"


def opening_paragraph(letter: Docx) -> str:
    body = texts(letter)
    return body[body.index("Geachte voorzitter,") + 1]


def test_no_agenda_yet_in_the_ga(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, small.AGENDA, "agendastatus: concept", "agendastatus: geen")
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert texts(ga)[1] == (
        "Het Cypriotische Voorzitterschap van de Raad van de Europese Unie (hierna: Voorzitterschap) heeft "
        "nog geen agenda voor de Milieuraad gedeeld."
    )


def test_no_agenda_yet_in_the_letter(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "agendastatus: concept", "agendastatus: geen")
    assert opening_paragraph(documents(root, small.AGENDA)["kamerbrief-tk"]).endswith(
        "De inhoud van deze geannoteerde agenda geeft de meest recente stand van zaken weer. Er is nog geen "
        "officiële agenda voor deze Milieuraad gepubliceerd. Mocht de formele agenda op belangrijke punten "
        "anders zijn, dan wordt u hierover nader geïnformeerd."
    )


def test_the_letter_tells_its_own_agenda_state(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "  ondertekenaars:", "  agendastatus: definitief\n  ondertekenaars:")
    docs = documents(root, small.AGENDA)
    assert opening_paragraph(docs["kamerbrief-tk"]).endswith("geeft de meest recente stand van zaken weer.")
    assert "heeft een conceptagenda voor de Milieuraad gedeeld." in texts(docs["geannoteerde-agenda"])[1]


def test_a_participation_sentence_inside_the_ga(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    sentence = "De Minister van Klimaat is voornemens deel te nemen aan de Milieuraad."
    edit(root, small.AGENDA, "punten:\n", f"ga:\n  deelname: {sentence}\npunten:\n")
    assert texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1].endswith(sentence)


def test_raz_agreement_one_item_staat(tmp_path: Path) -> None:
    root = small.project(tmp_path, raad="Raad Algemene Zaken")
    assert (
        "Op de agenda staat een beleidsdebat over het onderwerp bodem."
        in texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1]
    )


def test_raz_agreement_with_the_number_of_items(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "gedachtewisseling"], raad="Raad Algemene Zaken")
    assert (
        "Op de agenda staan een beleidsdebat over het onderwerp bodem en een gedachtewisseling over het "
        "onderwerp water."
    ) in texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1]


def test_raz_agreement_with_the_first_thing_named_when_the_drafter_says_so(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "gedachtewisseling"], raad="Raad Algemene Zaken")
    edit(root, small.AGENDA, "punten:\n", "ga:\n  getal: enkelvoud\npunten:\n")
    assert (
        "Op de agenda staat een beleidsdebat over het onderwerp bodem en een gedachtewisseling over het "
        "onderwerp water."
    ) in texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1]


def test_raz_drafters_own_sentences_follow_the_participation(tmp_path: Path) -> None:
    """As the RAZ GA of November 2023 and the RBZ GA of December 2023 order them (the RAZ GA
    of June 2025 the other way: ga.volgorde)."""
    root = small.project(tmp_path, letter=True, raad="Raad Algemene Zaken")
    edit(root, small.AGENDA, "punten:\n", "stand_van_zaken: Verder informeert het kabinet over X.\npunten:\n")
    assert texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1].endswith(
        "Op de agenda staat een beleidsdebat over het onderwerp bodem. De Minister van Klimaat is voornemens "
        "deel te nemen aan deze Raad. Verder informeert het kabinet over X."
    )


def test_raz_drafters_own_sentences_before_the_participation_on_request(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad="Raad Algemene Zaken")
    edit(
        root,
        small.AGENDA,
        "punten:\n",
        "stand_van_zaken: Verder informeert het kabinet over X.\n"
        "ga:\n  volgorde: [inleiding, aankondiging, stand_van_zaken]\npunten:\n",
    )
    assert texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1].endswith(
        "Verder informeert het kabinet over X. De Minister van Klimaat is voornemens deel te nemen aan deze Raad."
    )


def test_raz_letter_dates_the_meeting_with_its_year_unless_the_drafter_drops_it(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad="Raad Algemene Zaken")
    letter = documents(root, small.AGENDA)["kamerbrief-tk"]
    assert (
        "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Algemene Zaken van 12 maart 2030."
        in texts(letter)
    )
    edit(root, small.AGENDA, "  ondertekenaars:", "  jaar: false\n  ondertekenaars:")
    letter = documents(root, small.AGENDA)["kamerbrief-tk"]
    assert "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Algemene Zaken van 12 maart." in texts(
        letter
    )


def test_items_of_one_type_in_a_row_are_named_once_in_the_plural(tmp_path: Path) -> None:
    kinds = ["gedachtewisseling", "gedachtewisseling", "gedachtewisseling", "beleidsdebat"]
    root = small.project(tmp_path, kinds, raad="Raad Algemene Zaken")
    assert (
        "Op de agenda staan gedachtewisselingen over het onderwerp bodem, het onderwerp water en het "
        "onderwerp lucht en een beleidsdebat over het onderwerp natuur."
    ) in texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1]


def test_a_type_without_plural_repeats(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["raadsconclusies", "raadsconclusies"], raad="Raad Algemene Zaken")
    text = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1]
    assert text.count("het bereiken van een akkoord over de Raadsconclusies over") == 2


def test_lvr_letter_says_who_attends(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad=LVR)
    paragraph = opening_paragraph(documents(root, small.AGENDA)["kamerbrief-tk"])
    assert "Met deze brief informeer ik de Kamer over de agenda en de Nederlandse inbreng. " in paragraph
    assert "Ik ben voornemens om deze vergadering bij te wonen." in paragraph


def test_lvr_letter_of_two_signatories_says_wij(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad=LVR)
    second = "    - functie: de Staatssecretaris\n      naam: B. Staatssecretaris\n"
    edit(root, small.AGENDA, "      naam: A. Minister\n", "      naam: A. Minister\n" + second)
    paragraph = opening_paragraph(documents(root, small.AGENDA)["kamerbrief-tk"])
    assert "Met deze brief informeren we de Kamer" in paragraph
    assert "Wij zijn voornemens om deze vergadering bij te wonen." in paragraph


def test_lvr_attendance_left_out(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad=LVR)
    edit(root, small.AGENDA, "  ondertekenaars:", "  deelname: false\n  ondertekenaars:")
    assert "voornemens" not in opening_paragraph(documents(root, small.AGENDA)["kamerbrief-tk"])


@pytest.mark.parametrize(
    ("nummering", "headings"),
    [
        ("", ["Verslag Milieuraad 12 maart 2030", "Overig"]),
        ("  nummering: true\n", ["I. Verslag Milieuraad 12 maart 2030", "II. Overig"]),
    ],
)
def test_verslag_parts_with_or_without_numerals(tmp_path: Path, nummering: str, headings: list[str]) -> None:
    root = small.project(tmp_path, letter=True, verslag=True)
    parts = "  delen:\n    - {kop: Overig, tekst: Tekst.}\n"
    edit(root, small.AGENDA, "  samenvatting:", f"{nummering}{parts}  samenvatting:")
    assert documents(root, small.AGENDA)["verslag"].styled("Heading1") == headings


def test_an_item_heading_of_the_verslags_own(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, verslag=True)
    onderwerp = "    onderwerp: het onderwerp bodem\n"
    edit(root, small.AGENDA, onderwerp, onderwerp + "    verslagkop: Bodem 2030\n")
    docs = documents(root, small.AGENDA)
    assert docs["verslag"].styled("Heading2") == ["Bodem 2030"]
    assert docs["geannoteerde-agenda"].styled("Heading1") == ["Beleidsdebat Kort bodem"]


def test_an_agendas_kamerstuk_citation_takes_the_formations_dossier(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(
        root,
        small.AGENDA,
        "agendastatus: concept\n",
        "agendastatus: concept\nstand_van_zaken: Zie het verslag.[^verslag]\nvoetnoten:\n  verslag: {kamerstuk: {kamer: II, vergaderjaar: 2029-2030, nr: 1011}}\n",
    )
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert "Kamerstukken II, 2029-2030, 21 501-08, nr. 1011." in ga.notes.values()


def test_a_citation_without_dossier_needs_a_known_formation(tmp_path: Path) -> None:
    root = small.project(tmp_path, raad="Raad van de Toekomst")
    edit(
        root,
        small.AGENDA,
        "agendastatus: concept\n",
        "agendastatus: concept\nstand_van_zaken: Zie het verslag.[^verslag]\nvoetnoten:\n  verslag: {kamerstuk: {kamer: II, vergaderjaar: 2029-2030, nr: 1011}}\n",
    )
    result = briefgen(root, "check", small.AGENDA)
    assert result.exit_code == 1
    assert (
        "footnote 'verslag' needs the Kamerstuk's 'dossier': briefgen knows no Kamerstuk dossier of "
        "'Raad van de Toekomst'"
    ) in result.stderr


def test_a_positions_citation_names_its_dossier(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, "positions/bodem.yaml", "dossier: 21 501-08, ", "")
    result = briefgen(root, "check", small.AGENDA)
    assert result.exit_code == 1
    assert (
        "footnote 'stuk' needs the Kamerstuk's 'dossier': a position's footnote serves the Councils"
        in result.stderr
    )
