"""Every generated sentence is a default: the drafter's text replaces it, false leaves it out."""

from __future__ import annotations

from pathlib import Path

import small
from helpers import briefgen, documents, edit, place, texts

AGENDA = small.AGENDA
LVVN = "Landbouw- en Visserijraad"
SOORTEN = "templates/_soorten.md.j2"
LUNCHDEBAT = '  "lunchdebat": {"regel": "Een lunchdebat over", "kop": "Lunchdebat"'


def ga_of(root: Path) -> list[str]:
    return texts(documents(root, AGENDA)["geannoteerde-agenda"])


def letter_of(root: Path) -> list[str]:
    return texts(documents(root, AGENDA)["kamerbrief-tk"])


def opening_of(letter: list[str]) -> str:
    return letter[letter.index("Geachte voorzitter,") + 1]


def test_letter_sentences_replaced_and_left_out(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(
        root,
        AGENDA,
        "  alineas:\n",
        "  betreft: Geannoteerde agenda Milieuraad 12 maart 2030 en Appreciatie\n"
        "  opening: Hierbij doen wij u de geannoteerde agenda toekomen.\n"
        "  deelname: false\n"
        "  stand_van_zaken: Het schriftelijk overleg is op 10 maart.\n"
        "  alineas:\n",
    )
    letter = letter_of(root)
    assert "Betreft\tGeannoteerde agenda Milieuraad 12 maart 2030 en Appreciatie" in letter
    assert opening_of(letter) == (
        "Hierbij doen wij u de geannoteerde agenda toekomen. Het schriftelijk overleg is op 10 maart."
    )


def test_whole_opening_paragraph_left_out(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(
        root,
        AGENDA,
        "  alineas:\n",
        "  opening: false\n  deelname: false\n  stand_van_zaken: false\n  alineas:\n",
    )
    assert opening_of(letter_of(root)) == "Hierbij ontvangt u het rapport."


def test_ga_intro_sentences_replaced(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("beleidsdebat", "diversen"))
    edit(
        root,
        AGENDA,
        "punten:\n",
        "stand_van_zaken: De stukken volgen.\n"
        "ga:\n"
        "  titel: Geannoteerde agenda Milieuraad 12 maart 2030\n"
        "  vorm: lijst\n"
        "  inleiding: Er is nog geen agenda gedeeld.\n"
        "  aankondiging: 'De volgende punten staan geagendeerd:'\n"
        "  diversen: false\n"
        "punten:\n",
    )
    edit(
        root,
        AGENDA,
        "    soort: diversen\n",
        "    soort: diversen\n    toelichting: Hierbij informeert de Commissie.\n",
    )
    ga = ga_of(root)
    assert ga[:3] == [
        "Geannoteerde agenda Milieuraad 12 maart 2030",
        "Er is nog geen agenda gedeeld. De stukken volgen.",
        "De volgende punten staan geagendeerd:",
    ]
    assert not any("diversenpunt" in t for t in ga)
    assert any(t.startswith("Hierbij informeert de Commissie.") for t in ga)


def test_prose_intro_groups_the_items_and_lists_diversen_inline(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("beleidsdebat", "gedachtewisseling", "raadsconclusies", "diversen"))
    edit(root, AGENDA, "punten:\n", "ga:\n  vorm: proza\npunten:\n")
    edit(
        root,
        AGENDA,
        "    soort: diversen\n    onderwerp: het onderwerp natuur\n",
        "    soort: diversen\n    onderwerp: het onderwerp natuur\n"
        "    toelichting: Hierbij informeert de Commissie.\n"
        "  - kop: Biotech Act\n    soort: diversen\n    onderwerp: de Biotech Act\n    uitkomst: Besproken.\n",
    )
    ga = ga_of(root)
    assert ga[2] == (
        "Tijdens de Milieuraad van 12 maart 2030 in Brussel staat er een beleidsdebat over het onderwerp "
        "bodem en een gedachtewisseling over het onderwerp water op de agenda. Daarnaast wil het "
        "Voorzitterschap tot een akkoord komen over de Raadsconclusies over het onderwerp lucht. Tot slot "
        "staan twee diversenpunten op de agenda: 1) het onderwerp natuur; 2) de Biotech Act. Hierbij "
        "informeert de Commissie."
    )
    paragraphs = documents(root, AGENDA)["geannoteerde-agenda"].paragraphs
    assert not any(p.num_id for p in paragraphs[:4])


def test_prose_intro_names_decisions_of_one_type_once(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("gedachtewisseling", "raadsconclusies", "raadsconclusies"))
    edit(root, AGENDA, "punten:\n", "ga:\n  vorm: proza\npunten:\n")
    assert ga_of(root)[2] == (
        "Tijdens de Milieuraad van 12 maart 2030 in Brussel staat er een gedachtewisseling over het "
        "onderwerp bodem op de agenda. Daarnaast wil het Voorzitterschap tot een akkoord komen over de "
        "Raadsconclusies over het onderwerp water en het onderwerp lucht."
    )


def test_prose_intro_of_decisions_only(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("algemene oriëntatie",))
    edit(root, AGENDA, "punten:\n", "ga:\n  vorm: proza\npunten:\n")
    assert ga_of(root)[2] == (
        "Tijdens de Milieuraad van 12 maart 2030 in Brussel wil het Voorzitterschap een algemene "
        "oriëntatie bereiken over het onderwerp bodem."
    )


def test_sub_headings_per_agenda_and_per_item(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("beleidsdebat", "raadsconclusies", "beleidsdebat"))
    edit(
        root,
        AGENDA,
        "punten:\n",
        "ga:\n  kopjes:\n    introductie: false\n    krachtenveld: Krachtenveld in de Raad\npunten:\n",
    )
    edit(root, AGENDA, "    soort: raadsconclusies\n", "    soort: raadsconclusies\n    kopjes: false\n")
    ga = documents(root, AGENDA)["geannoteerde-agenda"]
    headings = ga.styled("Heading2")
    assert "Introductie" not in headings
    assert headings.count("Inzet Nederland") == 2
    assert headings.count("Krachtenveld in de Raad") == 2


def test_item_opening_and_closing_sentences(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("gedachtewisseling",), letter=True, raad=LVVN)
    edit(
        root,
        AGENDA,
        "    soort: gedachtewisseling\n",
        "    soort: gedachtewisseling\n    slotzin: false\n    opening: De Raad spreekt over bodem.\n",
    )
    letter = letter_of(root)
    assert any(t.startswith("De Raad spreekt over bodem. Introductie van bodem.") for t in letter)
    assert not any("langs deze lijnen" in t for t in letter)


def test_parts_beyond_the_agenda_are_numbered_on(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("gedachtewisseling", "diversen"), letter=True, raad=LVVN)
    edit(
        root,
        AGENDA,
        "brief:\n",
        "delen:\n"
        "  - kop: Appreciatie ICES-vangstadviezen\n"
        "    tekst: Hierbij ontvangt u de appreciatie.\n"
        "    onderwerpen:\n"
        "      - {kop: Noordzee, tekst: De adviezen voor de Noordzee.}\n"
        "brief:\n",
    )
    letter = documents(root, AGENDA)["kamerbrief-tk"]
    assert letter.styled("Heading1")[-1] == "III. Appreciatie ICES-vangstadviezen"
    body = texts(letter)
    at = body.index("III. Appreciatie ICES-vangstadviezen")
    assert body[at + 1 : at + 4] == [
        "Hierbij ontvangt u de appreciatie.",
        "Noordzee",
        "De adviezen voor de Noordzee.",
    ]


def test_a_new_item_type_reaches_every_template(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("lunchdebat",), letter=True, raad=LVVN)
    opening = ', "opening": "Tijdens de lunch spreekt de Raad over"'
    edit(root, SOORTEN, '  "diversen":', LUNCHDEBAT + opening + '},\n  "diversen":')
    letter = letter_of(root)
    assert any(t.startswith("Tijdens de lunch spreekt de Raad over het onderwerp bodem") for t in letter)


def test_item_type_missing_a_part_is_caught_by_check(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, SOORTEN, '  "diversen":', LUNCHDEBAT + '},\n  "diversen":')
    result = briefgen(root, "check")
    assert result.exit_code == 1
    assert f"{place(root, SOORTEN, 'lunchdebat')}: item type 'lunchdebat' has no 'opening'" in result.stderr


def test_title_left_out_and_diversen_under_a_heading_of_their_own(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("beleidsdebat", "diversen"))
    edit(root, AGENDA, "punten:\n", "ga:\n  titel: false\n  diversenkop: Diversen\npunten:\n")
    ga = documents(root, AGENDA)["geannoteerde-agenda"]
    assert not ga.styled("Title")
    assert ga.styled("Heading1")[-2:] == ["Diversen", "Kort water"]


def test_lvvn_diversen_without_their_own_part(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("gedachtewisseling", "diversen"), letter=True, raad=LVVN)
    edit(
        root,
        AGENDA,
        "brief:\n",
        "ga:\n  diversenkop: false\ndelen:\n  - kop: Appreciatie ICES-vangstadviezen\nbrief:\n",
    )
    letter = documents(root, AGENDA)["kamerbrief-tk"]
    assert letter.styled("Heading1") == [
        "I. Geannoteerde agenda Landbouw- en Visserijraad 12 maart 2030",
        "II. Appreciatie ICES-vangstadviezen",
    ]
    assert "Kort water" in letter.styled("Heading2")


def test_diversen_notes_follow_the_prose_sentence(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("beleidsdebat", "diversen"))
    edit(root, AGENDA, "punten:\n", "ga:\n  vorm: proza\npunten:\n")
    edit(
        root,
        AGENDA,
        "    soort: diversen\n",
        "    soort: diversen\n    toelichting: Hierbij informeert de Commissie.\n",
    )
    assert ga_of(root)[2].endswith("het onderwerp water. Hierbij informeert de Commissie.")


def test_only_diversen_gives_no_announcement_of_an_empty_list(tmp_path: Path) -> None:
    root = small.project(tmp_path, ("diversen",))
    edit(root, AGENDA, "punten:\n", "ga:\n  vorm: lijst\npunten:\n")
    ga = ga_of(root)
    assert not any("staan de volgende onderwerpen geagendeerd" in t for t in ga)
    assert any(t.startswith("Voorlopig staat er één diversenpunt") for t in ga)


def test_form_geen_leaves_only_the_drafters_intro(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(
        root,
        AGENDA,
        "punten:\n",
        "stand_van_zaken: De stukken volgen.\nga:\n  vorm: geen\n  inleiding: Er is nog geen agenda gedeeld.\npunten:\n",
    )
    ga = documents(root, AGENDA)["geannoteerde-agenda"]
    assert texts(ga)[1:3] == ["Er is nog geen agenda gedeeld. De stukken volgen.", "Beleidsdebat Kort bodem"]
    assert not any(p.num_id for p in ga.paragraphs[:3])
