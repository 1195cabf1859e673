"""What published GAs and letters say that is now data (issue 22 item 1): sentences that
move, footnotes on standard sentences, agreement and counting, who presents, place, year
and agenda state per document, a paragraph opening a part, the LVR intervention sentence
between inzet paragraphs. Each renders the package and reads the text back."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

import small
from docxread import Docx
from helpers import briefgen, documents, edit, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RAZ = "Raad Algemene Zaken"
LVR = "Landbouw- en Visserijraad"
NOTE = "voetnoten:\n  raz: Zie het werkprogramma.\n"


def with_ga(root: Path, lines: str) -> None:
    edit(root, small.AGENDA, "punten:\n", f"ga:\n{lines}punten:\n")


def marked(document: Docx) -> list[str]:
    """Each body paragraph's text with '^' where a footnote reference stands."""
    body = etree.fromstring(document.xml["word/document.xml"])
    found = []
    for paragraph in body.iter(f"{W}p"):
        parts = []
        for node in paragraph.iter(f"{W}t", f"{W}footnoteReference"):
            parts.append("^" if node.tag == f"{W}footnoteReference" else node.text or "")
        found.append("".join(parts).replace("\xa0", " "))
    return [text for text in found if text]


def opening_paragraph(letter: Docx) -> str:
    body = texts(letter)
    return body[body.index("Geachte voorzitter,") + 1]


def test_ga_volgorde_puts_the_participation_sentence_first(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    with_ga(root, "  deelname: De Minister neemt deel.\n  volgorde: [deelname, inleiding]\n")
    assert texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1].startswith(
        "De Minister neemt deel. Het Cypriotische Voorzitterschap"
    )


def test_ga_volgorde_puts_the_state_of_play_after_the_agenda_list(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2)
    edit(
        root,
        small.AGENDA,
        "agendastatus: concept\n",
        "agendastatus: concept\nstand_van_zaken: Stukken volgen.\n",
    )
    with_ga(root, "  vorm: lijst\n  volgorde: [inleiding, aankondiging, stand_van_zaken]\n")
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert body[1].endswith("heeft een conceptagenda voor de Milieuraad gedeeld.")
    assert body[3:6] == [
        "Een beleidsdebat over het onderwerp bodem;",
        "Een beleidsdebat over het onderwerp water.",
        "Stukken volgen.",
    ]


def test_raz_volgorde_moves_the_participation_sentence_before_the_agenda(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad=RAZ)
    with_ga(root, "  volgorde: [inleiding, deelname]\n")
    assert texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1] == (
        "Op dinsdag 12 maart a.s. vindt in Brussel de Raad Algemene Zaken (RAZ) plaats. De Minister van "
        "Klimaat is voornemens deel te nemen aan deze Raad. Op de agenda staat een beleidsdebat over het "
        "onderwerp bodem."
    )


def test_raz_ga_says_the_first_signatory_takes_part(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad=RAZ)
    assert texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1].endswith(
        "Op de agenda staat een beleidsdebat over het onderwerp bodem. De Minister van Klimaat is "
        "voornemens deel te nemen aan deze Raad."
    )


def test_brief_volgorde_reorders_the_letters_opening(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "  ondertekenaars:", "  volgorde: [deelname, opening]\n  ondertekenaars:")
    assert opening_paragraph(documents(root, small.AGENDA)["kamerbrief-tk"]).startswith(
        "Het kabinet is voornemens deel te nemen aan deze Milieuraad. Hierbij stuur ik u"
    )


def test_ga_getal_meervoud_for_an_enumeration(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "gedachtewisseling"], raad=RAZ)
    with_ga(root, "  getal: meervoud\n")
    assert (
        "Op de agenda staan een beleidsdebat over het onderwerp bodem en een gedachtewisseling"
        in (texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1])
    )


def test_running_prose_agrees_with_a_plural_first(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["gedachtewisseling", "gedachtewisseling"])
    with_ga(root, "  vorm: proza\n")
    assert texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[2] == (
        "Tijdens de Milieuraad van 12 maart 2030 in Brussel staan er gedachtewisselingen over het "
        "onderwerp bodem en het onderwerp water op de agenda."
    )


def test_diversen_counted_in_words_without_naming_them(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "diversen", "diversen", "diversen"], raad=RAZ)
    with_ga(root, "  diversen_opsommen: false\n")
    assert (
        "Tot slot staan drie diversenpunten op de agenda."
        in (texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1])
    )


def test_diversen_counted_in_the_list_form(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "diversen", "diversen"])
    with_ga(root, "  vorm: lijst\n  diversen_opsommen: false\n")
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert "Voorlopig staan er twee diversenpunten op de agenda van deze Raad." in body
    assert "het onderwerp water;" not in body


def test_door_names_who_presents(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["presentatie"])
    edit(
        root,
        small.AGENDA,
        "    soort: presentatie\n",
        "    soort: presentatie\n    door: het Voorzitterschap\n",
    )
    with_ga(root, "  vorm: lijst\n")
    assert "Presentatie door het Voorzitterschap van het onderwerp bodem." in (
        texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    )


def test_a_presentation_in_running_prose_has_its_article(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "presentatie"], raad=RAZ)
    assert (
        "een beleidsdebat over het onderwerp bodem en een presentatie door de Commissie over het "
        in (texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1])
    )


def test_a_footnote_at_the_end_of_a_standard_sentence(tmp_path: Path) -> None:
    root = small.project(tmp_path, raad=RAZ)
    edit(root, small.AGENDA, "punten:\n", f"{NOTE}ga:\n  voetnoot_bij: {{aankondiging: raz}}\npunten:\n")
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert "Op de agenda staat een beleidsdebat over het onderwerp bodem.^" in marked(ga)[1]
    assert "Zie het werkprogramma." in ga.note_texts()


def test_a_footnote_after_a_word_of_a_standard_sentence(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(
        root,
        small.AGENDA,
        "punten:\n",
        f"{NOTE}ga:\n  voetnoot_bij:\n    aankondiging: {{noot: raz, na: Brussel}}\npunten:\n",
    )
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert "Tijdens de Milieuraad van 12 maart 2030 in Brussel^ staat er een beleidsdebat" in marked(ga)[2]


def test_a_footnote_on_the_letters_participation_sentence(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "  ondertekenaars:", "  voetnoot_bij: {deelname: raz}\n  ondertekenaars:")
    edit(root, small.AGENDA, "punten:\n", NOTE + "punten:\n")
    letter = documents(root, small.AGENDA)["kamerbrief-tk"]
    assert any("deel te nemen aan deze Milieuraad.^" in text for text in marked(letter))


def test_an_unknown_footnote_on_a_standard_sentence_is_refused(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    with_ga(root, "  voetnoot_bij: {aankondiging: nergens}\n")
    result = briefgen(root, "check")
    assert result.exit_code == 1
    assert "footnote [^nergens] is not defined" in result.output


def test_place_and_year_per_document(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    with_ga(root, "  waar: te Brussel, België\n  jaar: false\n")
    edit(root, small.AGENDA, "  ondertekenaars:", "  waar: false\n  jaar: false\n  ondertekenaars:")
    docs = documents(root, small.AGENDA)
    assert any(
        line.startswith("Tijdens de Milieuraad van 12 maart te Brussel, België staat er een beleidsdebat")
        for line in texts(docs["geannoteerde-agenda"])
    )
    assert opening_paragraph(docs["kamerbrief-tk"]).startswith(
        "Hierbij stuur ik u de geannoteerde agenda van de Milieuraad van 12 maart. "
    )


def test_raz_letter_with_its_year_and_place(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad=RAZ)
    edit(root, small.AGENDA, "  ondertekenaars:", "  jaar: true\n  waar: in Brussel\n  ondertekenaars:")
    assert opening_paragraph(documents(root, small.AGENDA)["kamerbrief-tk"]) == (
        "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Algemene Zaken van 12 maart 2030 in Brussel."
    )


def test_the_ga_tells_its_own_agenda_state(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    with_ga(root, "  agendastatus: geen\n")
    docs = documents(root, small.AGENDA)
    assert texts(docs["geannoteerde-agenda"])[1].endswith("heeft nog geen agenda voor de Milieuraad gedeeld.")
    assert "want er is nog geen definitief vastgestelde agenda" in opening_paragraph(docs["kamerbrief-tk"])


def test_a_paragraph_opens_the_ga_before_its_sentences(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    with_ga(root, "  vooraf: Dit is de laatste Raad onder dit voorzitterschap.\n")
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert body[:2] == [
        "Geannoteerde Agenda",
        "Dit is de laatste Raad onder dit voorzitterschap.",
    ]


def test_a_paragraph_opens_the_diversen_part(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "diversen"], raad=RAZ)
    with_ga(root, "  diversenkop: Diversen\n  diversentekst: Onder diversen komen twee punten aan bod.\n")
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    heading = body.index("Diversen")
    assert body[heading + 1] == "Onder diversen komen twee punten aan bod."


def test_lvr_intervention_sentence_before_further_inzet(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad=LVR)
    further = "    inzet: |-\n      Inzet van bodem.[^gedeeld]\n\n      Verder vraagt Nederland aandacht.\n"
    edit(root, "positions/bodem.yaml", "    inzet: >-\n      Inzet van bodem.[^gedeeld]\n", further)
    edit(root, small.AGENDA, "    soort: beleidsdebat\n", "    soort: beleidsdebat\n    slotzin_na: 1\n")
    body = texts(documents(root, small.AGENDA)["kamerbrief-tk"])
    first = body.index("Inzet van bodem. Tijdens de Raad zal Nederland langs deze lijnen interveniëren.")
    assert body[first + 1] == "Verder vraagt Nederland aandacht."


def test_slotzin_na_in_a_formation_without_closing_sentence_is_a_warning(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, small.AGENDA, "    soort: beleidsdebat\n", "    soort: beleidsdebat\n    slotzin_na: 1\n")
    result = briefgen(root, "check")
    assert "'punten.0.slotzin_na' is not shown: no template of the Milieuraad reads it" in result.output


def test_jbz_letter_names_the_council_in_full_and_its_signatories_as_who_attends(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad="JBZ-Raad")
    assert opening_paragraph(documents(root, small.AGENDA)["kamerbrief-tk"]) == (
        "Hierbij bied ik uw Kamer de geannoteerde agenda aan van de Raad Justitie en Binnenlandse Zaken "
        "(JBZ-Raad) op 12 maart 2030 in Brussel. De Minister van Klimaat zal hieraan deelnemen."
    )


def test_the_verslag_letter_informs_about_the_meeting(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, verslag=True)
    edit(
        root,
        small.AGENDA,
        "verslag:\n  datum: 2030-03-20\n",
        "verslag:\n  datum: 2030-03-20\n  aanbieding: informeren\n",
    )
    letter = documents(root, small.AGENDA)["kamerbrief-verslag-tk"]
    assert opening_paragraph(letter) == (
        "Met deze brief informeer ik u over de Milieuraad die op 12 maart 2030 in Brussel plaatsvond."
    )


def test_a_verslag_without_its_part_heading(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, verslag=True)
    edit(root, small.AGENDA, "  samenvatting:", "  kop: false\n  samenvatting:")
    verslag = documents(root, small.AGENDA)["verslag"]
    assert texts(verslag)[0] == "De Raad vergaderde."
    assert verslag.styled("Heading1") == []


def test_a_verslag_heading_above_a_group_of_items(tmp_path: Path) -> None:
    root = small.project(tmp_path, 3, letter=True, verslag=True)
    for dossier in ("bodem", "water"):
        edit(
            root,
            small.AGENDA,
            f"    onderwerp: het onderwerp {dossier}\n",
            f"    onderwerp: het onderwerp {dossier}\n    verslagdeel: Eurogroep\n",
        )
    verslag = documents(root, small.AGENDA)["verslag"]
    assert verslag.styled("Heading2") == ["Eurogroep", "Kort lucht"]
    assert verslag.styled("Heading3") == ["Kort bodem", "Kort water"]


def test_a_state_of_play_item_in_running_prose(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "stand van zaken"], raad=RAZ)
    assert (
        "een beleidsdebat over het onderwerp bodem en de stand van zaken van het onderwerp water."
        in (texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1])
    )


def test_new_carries_the_order_of_sentences_and_drops_a_footnote_on_one(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(
        root,
        small.AGENDA,
        "punten:\n",
        f"{NOTE}ga:\n  volgorde: [deelname, inleiding]\n  voetnoot_bij: {{inleiding: raz}}\npunten:\n",
    )
    result = briefgen(root, "new", "raad-2030-06-12", "--from", small.ID)
    assert result.exit_code == 0, result.output
    drafted = (root / "agendas/raad-2030-06-12.yaml").read_text(encoding="utf-8")
    assert "  volgorde: [deelname, inleiding]\n" in drafted
    assert "  voetnoot_bij:" not in drafted
    assert "ga.voetnoot_bij" in result.stdout


def test_the_verslag_letter_names_place_and_year_its_own_way(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, verslag=True)
    edit(
        root,
        small.AGENDA,
        "verslag:\n  datum: 2030-03-20\n",
        "verslag:\n  datum: 2030-03-20\n  waar: te Brussel\n  jaar: false\n",
    )
    assert opening_paragraph(documents(root, small.AGENDA)["kamerbrief-verslag-tk"]) == (
        "Met deze brief ontvangt u het verslag van de Milieuraad die op 12 maart te Brussel plaatsvond."
    )


def test_the_place_last_in_the_raz_opening(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad=RAZ)
    with_ga(root, "  waar_achteraan: true\n")
    assert texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[1].startswith(
        "Op dinsdag 12 maart a.s. vindt de Raad Algemene Zaken (RAZ) plaats in Brussel."
    )


def test_a_telecomraad_letter_names_two_days_with_en(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad="Telecomraad")
    edit(root, small.AGENDA, "datum: 2030-03-12\n", "datum: 2030-03-12\neinddatum: 2030-03-13\n")
    assert opening_paragraph(documents(root, small.AGENDA)["kamerbrief-tk"]).startswith(
        "Op 12 en 13 maart 2030 vindt de Telecomraad plaats in Brussel."
    )


def test_a_milieuraad_ga_announces_its_items_in_prose_under_a_bare_title(tmp_path: Path) -> None:
    """Recent Milieuraad GAs: 'Geannoteerde Agenda', then the items in one paragraph with the
    state of play after the announcement and the diversen last."""
    root = small.project(tmp_path, ["beleidsdebat", "raadsconclusies", "diversen"])
    edit(
        root,
        small.AGENDA,
        "agendastatus: concept\n",
        "agendastatus: concept\nstand_van_zaken: Stukken volgen.\n",
    )
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert body[0] == "Geannoteerde Agenda"
    assert body[1].endswith("heeft een conceptagenda voor de Milieuraad gedeeld.")
    assert body[2] == (
        "Tijdens de Milieuraad van 12 maart 2030 in Brussel staat er een beleidsdebat over het onderwerp"
        " bodem op de agenda. Daarnaast wil het Voorzitterschap tot een akkoord komen over de"
        " Raadsconclusies over het onderwerp water. Stukken volgen. Tot slot staat er één diversenpunt"
        " op de agenda: het onderwerp lucht."
    )


def test_a_milieuraad_ga_in_list_form_on_request(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "diversen"])
    with_ga(root, "  vorm: lijst\n")
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert body[2:4] == [
        "Tijdens de Milieuraad van 12 maart 2030 in Brussel staan de volgende onderwerpen geagendeerd:",
        "Een beleidsdebat over het onderwerp bodem.",
    ]


def test_a_meeting_under_its_own_name_keeps_it_in_the_milieuraad_title(tmp_path: Path) -> None:
    root = small.project(tmp_path, raad="informele bijeenkomst van milieuministers")
    edit(root, small.AGENDA, "punten:\n", "formatie: Milieuraad\npunten:\n")
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert body[0] == "Geannoteerde Agenda informele bijeenkomst van milieuministers 12 maart 2030"


def test_ga_diversenpunt_starts_a_diversen_items_heading(tmp_path: Path) -> None:
    """'Diverse punt: …' as the Milieuraad GA of March 2026 heads it; false: the name alone."""
    root = small.project(tmp_path, ["beleidsdebat", "diversen"])
    with_ga(root, '  diversenpunt: "Diverse punt:"\n')
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert "Diverse punt: Kort water" in body and "Diversenpunt: Kort water" not in body
    root = small.project(tmp_path / "bare", ["beleidsdebat", "diversen"])
    with_ga(root, "  diversenpunt: false\n")
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert "Kort water" in body and "Diversenpunt: Kort water" not in body


def test_a_working_lunch_is_announced_in_a_sentence_of_its_own(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["beleidsdebat", "werklunch"], raad=RAZ)
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert body[1].startswith(
        "Op dinsdag 12 maart 2030 vindt in Brussel de Raad Algemene Zaken (RAZ) plaats. Op de agenda"
        " staat een beleidsdebat over het onderwerp bodem. Daarnaast vindt een werklunch plaats over"
        " het onderwerp water."
    )


def test_a_working_lunch_alone_names_the_meeting_in_milieuraad_prose(tmp_path: Path) -> None:
    root = small.project(tmp_path, ["werklunch", "ontbijt"])
    body = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])
    assert body[2] == (
        "Tijdens de Milieuraad van 12 maart 2030 in Brussel vindt een werklunch plaats over het onderwerp"
        " bodem. Ook vindt een ontbijt plaats over het onderwerp water."
    )


def test_three_days_named_day_by_day(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(
        root,
        small.AGENDA,
        "datum: 2030-03-12\n",
        "datum: 2030-03-12\neinddatum: 2030-03-14\ndagen: opsomming\n",
    )
    docs = documents(root, small.AGENDA)
    assert texts(docs["geannoteerde-agenda"])[2].startswith(
        "Tijdens de Milieuraad van 12, 13 en 14 maart 2030 in Brussel "
    )
    assert opening_paragraph(docs["kamerbrief-tk"]).startswith(
        "Hierbij stuur ik u de geannoteerde agenda van de Milieuraad van 12, 13 en 14 maart 2030 in Brussel."
    )


def test_days_across_a_month_named_day_by_day(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(
        root,
        small.AGENDA,
        "datum: 2030-03-12\n",
        "datum: 2030-03-31\neinddatum: 2030-04-01\ndagen: opsomming\n",
    )
    assert texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[2].startswith(
        "Tijdens de Milieuraad van 31 maart en 1 april 2030 in Brussel "
    )


def test_two_days_as_a_range_where_the_formation_writes_en(tmp_path: Path) -> None:
    root = small.project(tmp_path, raad="JBZ-Raad")
    edit(
        root, small.AGENDA, "datum: 2030-03-12\n", "datum: 2030-03-12\neinddatum: 2030-03-13\ndagen: reeks\n"
    )
    title = texts(documents(root, small.AGENDA)["geannoteerde-agenda"])[0]
    assert title.endswith(", 12–13 maart 2030")


def test_parts_of_the_ga_head_their_items_and_restart_the_numbers(tmp_path: Path) -> None:
    root = small.project(tmp_path, 3, raad="JBZ-Raad")
    with_ga(root, "  kopnummers: true\n")
    for dossier, deel in (
        ("bodem", "I. Binnenlandse Zaken"),
        ("water", "II. Justitie"),
        ("lucht", "II. Justitie"),
    ):
        edit(root, small.AGENDA, f"  - dossier: {dossier}\n", f"  - dossier: {dossier}\n    deel: {deel}\n")
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert ga.styled("Heading1") == ["I. Binnenlandse Zaken", "II. Justitie"]
    headings = [(p.text, p.num_id is not None) for p in ga.paragraphs if p.style == "Heading2"]
    assert headings == [("Kort bodem", True), ("Kort water", True), ("Kort lucht", True)]
    assert [ga.first_number(p) for p in ga.paragraphs if p.style == "Heading2"] == ["1.", "1.", "2."]
    assert "Introductie" in ga.styled("Heading3")


def test_parts_of_the_raz_ga_head_their_items(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2, raad=RAZ)
    edit(root, small.AGENDA, "  - dossier: bodem\n", "  - dossier: bodem\n    deel: Handel\n")
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert ga.styled("Heading1") == ["Handel", "Kort water"]
    assert ga.styled("Heading2") == ["Kort bodem"]


def test_the_parts_of_a_ga_read_back_as_the_items_deel(tmp_path: Path) -> None:
    root = small.project(tmp_path, 3)
    for dossier, deel in (("bodem", "Eurogroep"), ("water", "Ecofinraad"), ("lucht", "Ecofinraad")):
        edit(root, small.AGENDA, f"  - dossier: {dossier}\n", f"  - dossier: {dossier}\n    deel: {deel}\n")
    before = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    raad = "raad-2030-06-01"
    result = briefgen(root, "import", str(root / small.GA), "--raad", raad)
    assert result.exit_code == 0, result.output
    agenda = (root / f"agendas/{raad}.yaml").read_text(encoding="utf-8")
    assert agenda.count("deel: Eurogroep") == 1 and agenda.count("deel: Ecofinraad") == 2
    after = documents(root, f"agendas/{raad}.yaml")["geannoteerde-agenda"]
    for style in ("Heading1", "Heading2", "Heading3"):
        assert after.styled(style) == before.styled(style)


def test_an_epsco_ga_announces_no_items_of_its_own(tmp_path: Path) -> None:
    """EPSCO GAs (2016, 2024) go from their opening to the items without an agenda list."""
    root = small.project(tmp_path, 2, raad="EPSCO-Raad")
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert not any("geagendeerd" in line or "op de agenda" in line for line in texts(ga))
    assert ga.styled("Heading1") == ["Beleidsdebat Kort bodem", "Beleidsdebat Kort water"]


def test_a_meeting_of_a_month_names_every_day(tmp_path: Path) -> None:
    """The longest meeting 'check' lets through is still rendered, every day named."""
    root = small.project(tmp_path, 1)
    edit(
        root,
        small.AGENDA,
        "datum: 2030-03-12\n",
        "datum: 2030-03-12\neinddatum: 2030-04-11\ndagen: opsomming\n",
    )
    ga = "\n".join(texts(documents(root, small.AGENDA)["geannoteerde-agenda"]))
    assert "12, 13, 14" in ga and "31 maart, 1, 2" in ga and "10 en 11 april" in ga
