"""Every generated sentence is a default: the drafter's text replaces it, false leaves it out."""

from __future__ import annotations

from pathlib import Path

from helpers import AGENDA, LVVN, briefgen, documents, edit, place, render_fails, texts


def test_letter_sentences_replaced_and_left_out(project: Path) -> None:
    edit(
        project,
        AGENDA,
        "  alineas:\n",
        "  betreft: Geannoteerde agenda Milieuraad 17 maart 2026 en Appreciatie\n"
        "  opening: Hierbij doen wij u de geannoteerde agenda toekomen.\n"
        "  deelname: false\n"
        "  stand_van_zaken: Het schriftelijk overleg is op 10 maart.\n"
        "  alineas:\n",
    )
    letter = texts(documents(project)["kamerbrief-tk"])
    assert "Betreft\tGeannoteerde agenda Milieuraad 17 maart 2026 en Appreciatie" in letter
    opening = letter[letter.index("Geachte voorzitter,") + 1]
    assert (
        opening
        == "Hierbij doen wij u de geannoteerde agenda toekomen. Het schriftelijk overleg is op 10 maart."
    )


def test_whole_opening_paragraph_left_out(project: Path) -> None:
    edit(
        project,
        AGENDA,
        "  alineas:\n",
        "  opening: false\n  deelname: false\n  stand_van_zaken: false\n  alineas:\n",
    )
    letter = texts(documents(project)["kamerbrief-tk"])
    assert letter[letter.index("Geachte voorzitter,") + 1].startswith("Daarnaast treft u in de bijlage")


def test_ga_intro_sentences_replaced(project: Path) -> None:
    edit(
        project,
        AGENDA,
        "punten:\n",
        "ga:\n"
        "  titel: Geannoteerde agenda Milieuraad 17 maart 2026\n"
        "  inleiding: Er is nog geen agenda gedeeld.\n"
        "  aankondiging: 'De volgende punten staan geagendeerd:'\n"
        "  diversen: false\n"
        "punten:\n",
    )
    ga = texts(documents(project)["geannoteerde-agenda"])
    assert ga[:3] == [
        "Geannoteerde agenda Milieuraad 17 maart 2026",
        "Er is nog geen agenda gedeeld. De achtergrondstukken zijn op het moment van schrijven nog niet "
        "gedeeld door het Voorzitterschap.",
        "De volgende punten staan geagendeerd:",
    ]
    assert not any("diversenpunt" in t for t in ga)
    assert any(t.startswith("Hierbij zullen het Voorzitterschap en de Europese Commissie") for t in ga)


def test_prose_intro_groups_the_items_and_lists_diversen_inline(project: Path) -> None:
    edit(project, AGENDA, "punten:\n", "ga:\n  vorm: proza\npunten:\n")
    edit(
        project,
        AGENDA,
        "    toelichting: >-",
        "  - kop: Biotech Act\n    soort: diversen\n    onderwerp: de Biotech Act\n    uitkomst: Besproken.\n    toelichting: >-",
    )
    ga = texts(documents(project)["geannoteerde-agenda"])
    intro = ga[2]
    assert intro.startswith(
        "Tijdens de Milieuraad van 17 maart 2026 in Brussel staat er een beleidsdebat over de revisie van de CO2"
    )
    assert ", een gedachtewisseling over inspanningen voor decarbonisatie" in intro
    assert (
        " en het bereiken van een akkoord over de Raadsconclusies over de bio-economie strategie op de agenda."
        in intro
    )
    assert (
        "Tot slot staan twee diversenpunten op de agenda: 1) de resultaten van de 12e plenaire vergadering van het Intergouvernementeel Platform voor Biodiversiteit en Ecosysteemdiensten (hierna: IPBES) in Manchester, in februari 2026; 2) de Biotech Act. Hierbij zullen"
    ) in intro
    assert not any(p.num_id for p in documents(project)["geannoteerde-agenda"].paragraphs[:4])


def test_sub_headings_per_agenda_and_per_item(project: Path) -> None:
    edit(
        project,
        AGENDA,
        "punten:\n",
        "ga:\n  kopjes:\n    introductie: false\n    krachtenveld: Krachtenveld in de Raad\npunten:\n",
    )
    edit(project, AGENDA, "    soort: raadsconclusies\n", "    soort: raadsconclusies\n    kopjes: false\n")
    ga = documents(project)["geannoteerde-agenda"]
    headings = [p.text for p in ga.paragraphs if p.style == "Heading2"]
    assert "Introductie" not in headings
    assert headings.count("Inzet Nederland") == 4
    assert headings.count("Krachtenveld in de Raad") == 4


def test_item_opening_and_closing_sentences(project: Path) -> None:
    edit(
        project,
        LVVN,
        "    soort: gedachtewisseling\n",
        "    soort: gedachtewisseling\n    slotzin: false\n    opening: De Raad spreekt over voedselzekerheid.\n",
    )
    letter = texts(documents(project, LVVN)["kamerbrief-tk"])
    assert any(t.startswith("De Raad spreekt over voedselzekerheid. De geopolitieke") for t in letter)
    assert not any("langs deze lijnen" in t for t in letter)


def test_parts_beyond_the_agenda_are_numbered_on(project: Path) -> None:
    edit(
        project,
        LVVN,
        "brief:\n",
        "delen:\n"
        "  - kop: Appreciatie ICES-vangstadviezen\n"
        "    tekst: Hierbij ontvangt u de appreciatie.\n"
        "    onderwerpen:\n"
        "      - {kop: Noordzee, tekst: De adviezen voor de Noordzee.}\n"
        "brief:\n",
    )
    letter = documents(project, LVVN)["kamerbrief-tk"]
    assert [p.text for p in letter.paragraphs if p.style == "Heading1"][
        -1
    ] == "III. Appreciatie ICES-vangstadviezen"
    body = texts(letter)
    at = body.index("III. Appreciatie ICES-vangstadviezen")
    assert body[at + 1 : at + 4] == [
        "Hierbij ontvangt u de appreciatie.",
        "Noordzee",
        "De adviezen voor de Noordzee.",
    ]


def test_a_new_item_type_reaches_every_template(project: Path) -> None:
    edit(
        project,
        "templates/_soorten.md.j2",
        '  "diversen":',
        '  "lunchdebat": {"regel": "Een lunchdebat over", "kop": "Lunchdebat", "opening": "Tijdens de lunch spreekt de Raad over"},\n  "diversen":',
    )
    edit(project, LVVN, "soort: gedachtewisseling", "soort: lunchdebat")
    letter = texts(documents(project, LVVN)["kamerbrief-tk"])
    assert any(t.startswith("Tijdens de lunch spreekt de Raad over de weerbaarheid") for t in letter)


def test_item_type_missing_a_part_is_caught_by_check(project: Path) -> None:
    edit(
        project,
        "templates/_soorten.md.j2",
        '  "diversen":',
        '  "lunchdebat": {"regel": "Een lunchdebat over", "kop": "Lunchdebat"},\n  "diversen":',
    )
    result = briefgen(project, "check")
    assert result.exit_code == 1
    assert (
        f"{place(project, 'templates/_soorten.md.j2', 'lunchdebat')}: item type 'lunchdebat' has no 'opening'"
        in result.stderr
    )


def test_misspelled_new_field_gets_did_you_mean(project: Path) -> None:
    edit(project, AGENDA, "datum: 2026-03-17\n", "datum: 2026-03-17\neindatum: 2026-03-18\n")
    err = render_fails(project)
    assert f"{place(project, AGENDA, 'eindatum')}: unknown key 'eindatum' (did you mean 'einddatum'?)" in err


def test_sentence_given_as_true_is_explained(project: Path) -> None:
    edit(project, AGENDA, "  alineas:\n", "  deelname: true\n  alineas:\n")
    err = render_fails(project)
    assert f"{place(project, AGENDA, 'true')}: 'brief.deelname' must be text, or false to leave it out" in err


def test_title_left_out_and_diversen_under_a_heading_of_their_own(project: Path) -> None:
    edit(project, AGENDA, "punten:\n", "ga:\n  titel: false\n  diversenkop: Diversen\npunten:\n")
    ga = documents(project)["geannoteerde-agenda"]
    assert not ga.styled("Title")
    headings = ga.styled("Heading1")
    assert headings[-2:] == ["Diversen", "Diverse punt: 12e plenaire vergadering IPBES te Manchester"]


def test_lvvn_diversen_without_their_own_part(project: Path) -> None:
    edit(
        project,
        LVVN,
        "brief:\n",
        "ga:\n  diversenkop: false\ndelen:\n  - kop: Appreciatie ICES-vangstadviezen\nbrief:\n",
    )
    letter = documents(project, LVVN)["kamerbrief-tk"]
    assert letter.styled("Heading1") == [
        "I. Geannoteerde agenda Landbouw- en Visserijraad 26 januari 2026",
        "II. Appreciatie ICES-vangstadviezen",
    ]
    assert "Biotech Act I" in letter.styled("Heading2")


def test_diversen_notes_follow_the_prose_sentence(project: Path) -> None:
    edit(project, AGENDA, "punten:\n", "ga:\n  vorm: proza\npunten:\n")
    ga = texts(documents(project)["geannoteerde-agenda"])
    assert ga[2].endswith(
        "in februari 2026. Hierbij zullen het Voorzitterschap en de Europese Commissie (hierna: de Commissie) "
        "informatie delen over de resultaten van de 12e plenaire vergadering van het Intergouvernementeel "
        "Platform voor Biodiversiteit en Ecosysteemdiensten (hierna: IPBES) in Manchester, in februari 2026."
    )


def test_only_diversen_gives_no_announcement_of_an_empty_list(project: Path) -> None:
    path = project / AGENDA
    text = path.read_text(encoding="utf-8")
    start, end = text.index("punten:\n"), text.index("  - dossier: ipbes-12")
    path.write_text(text[: start + len("punten:\n")] + text[end:], encoding="utf-8")
    ga = texts(documents(project)["geannoteerde-agenda"])
    assert not any("staan de volgende onderwerpen geagendeerd" in t for t in ga)
    assert any(t.startswith("Voorlopig staat er één diversenpunt") for t in ga)


def test_form_geen_leaves_only_the_drafters_intro(project: Path) -> None:
    edit(
        project,
        AGENDA,
        "punten:\n",
        "ga:\n  vorm: geen\n  inleiding: Er is nog geen agenda gedeeld.\npunten:\n",
    )
    ga = documents(project)["geannoteerde-agenda"]
    assert [p.text for p in ga.paragraphs][1:3] == [
        "Er is nog geen agenda gedeeld. De achtergrondstukken zijn op het moment van schrijven nog niet "
        "gedeeld door het Voorzitterschap.",
        "Beleidsdebat CO2-emissienormen",
    ]
    assert not any(p.num_id for p in ga.paragraphs[:3])
