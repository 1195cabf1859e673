"""The template sets that ship, each read back from its illustrative agenda: Raad Algemene
Zaken, Raad Buitenlandse Zaken, the Landbouw- en Visserijraad's verslag and an informal
meeting (the Milieuraad and the Landbouw- en Visserijraad's GA have their own tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

import small
from briefgen.data.formations import formatie
from docxread import Docx, read
from helpers import NO_KENMERK, REPO, briefgen, checks_clean, copy_example, documents, edit, texts

RAZ = "agendas/raad-algemene-zaken-2025-11-17.yaml"
RBZ = "agendas/raad-buitenlandse-zaken-2025-11-20.yaml"
INFORMEEL = "agendas/informele-milieuraad-2025-07-10.yaml"
LVR = "agendas/landbouw-en-visserijraad-2026-01-26.yaml"
INFORMELE_LVR = "agendas/informele-landbouw-en-visserijraad-2025-09-07.yaml"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Docx]]:
    root = tmp_path_factory.mktemp("formations")
    copy_example(root)
    return {agenda: documents(root, agenda) for agenda in (RAZ, RBZ, INFORMEEL, LVR, INFORMELE_LVR)}


def after_salutation(document: Docx) -> list[str]:
    body = texts(document)
    return body[body.index("Geachte voorzitter,") + 1 : body.index("Hoogachtend,")]


def test_raz_letter_is_one_line(rendered: dict[str, dict[str, Docx]]) -> None:
    letter = rendered[RAZ]["kamerbrief-tk"]
    assert after_salutation(letter) == [
        "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Algemene Zaken van 17 november 2025."
    ]
    assert "Betreft\tGeannoteerde agenda Raad Algemene Zaken 17 november 2025" in texts(letter)


def test_raz_ga_is_its_own_document_with_plain_topic_headings(rendered: dict[str, dict[str, Docx]]) -> None:
    ga = rendered[RAZ]["geannoteerde-agenda"]
    assert ga.styled("Title") == ["Geannoteerde agenda van de Raad Algemene Zaken 17 november 2025"]
    assert ga.styled("Heading1") == [
        "Voorbereiding Europese Raad",
        "Meerjarig Financieel Kader (MFK)",
        "Werklunch met de kandidaat-lidstaten",
        "Diversen",
    ]
    assert not ga.styled("Heading2")


def test_raz_intro_is_running_prose(rendered: dict[str, dict[str, Docx]]) -> None:
    intro = texts(rendered[RAZ]["geannoteerde-agenda"])[1]
    assert intro == (
        "Op maandag 17 november a.s. vindt in Brussel de Raad Algemene Zaken (RAZ) plaats. Op de agenda "
        "staan de voorbereiding van de Europese Raad van 18 en 19 december, het Meerjarig Financieel Kader "
        "2028-2034 en een werklunch met de ministers van de kandidaat-lidstaten. Tot slot staat er één "
        "diversenpunt op de agenda: de stand van zaken van de wetgevingsdossiers. De Minister van "
        "Buitenlandse Zaken is voornemens deel te nemen aan deze Raad."
    )
    assert not any(p.num_id for p in rendered[RAZ]["geannoteerde-agenda"].paragraphs)


def test_rbz_follows_the_raz_model(rendered: dict[str, dict[str, Docx]]) -> None:
    letter = rendered[RBZ]["kamerbrief-tk"]
    assert after_salutation(letter) == [
        "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken van 20 november 2025."
    ]
    ga = rendered[RBZ]["geannoteerde-agenda"]
    assert ga.styled("Title") == ["Geannoteerde agenda van de Raad Buitenlandse Zaken 20 november 2025"]
    assert texts(ga)[1].endswith(
        "plaats. De Raad spreekt over de Russische agressie tegen Oekraïne en over "
        "de situatie in het Midden-Oosten. De Minister van Buitenlandse Zaken is voornemens deel te "
        "nemen aan deze Raad."
    )


def test_raz_verslag_opens_with_the_day_and_place_under_its_dated_heading(
    rendered: dict[str, dict[str, Docx]],
) -> None:
    verslag = rendered[RAZ]["verslag"]
    assert verslag.styled("Heading1") == ["Verslag Raad Algemene Zaken van 17 november 2025"]
    assert texts(verslag)[1].startswith(
        "Op maandag 17 november jl. vond de Raad Algemene Zaken (RAZ) plaats in Brussel. De Raad sprak over"
    )
    assert verslag.styled("Heading2")[0] == "Voorbereiding Europese Raad 18 en 19 december"
    assert after_salutation(rendered[RAZ]["kamerbrief-verslag-tk"]) == [
        "Hierbij bied ik u het verslag aan van de Raad Algemene Zaken van 17 november 2025."
    ]


def test_rbz_verslag_follows_the_raz_model(rendered: dict[str, dict[str, Docx]]) -> None:
    verslag = rendered[RBZ]["verslag"]
    assert verslag.styled("Heading1") == ["Verslag Raad Buitenlandse Zaken van 20 november 2025"]
    assert texts(verslag)[1].startswith(
        "Op donderdag 20 november jl. vond de Raad Buitenlandse Zaken (RBZ) plaats in Brussel."
    )


def test_lvr_verslag_is_part_one_of_its_letter_without_a_date(rendered: dict[str, dict[str, Docx]]) -> None:
    letter = rendered[LVR]["kamerbrief-verslag-tk"]
    assert after_salutation(letter)[0] == (
        "Op 26 januari jl. vond de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel. Met deze "
        "brief informeer ik de Kamer over de uitkomsten van de Raad."
    )
    assert letter.styled("Heading1") == ["I. Verslag Landbouw- en Visserijraad"]
    assert letter.styled("Heading2") == ["Voedselzekerheid en weerbaarheid van de voedselketen", "Diversen"]


def test_informal_lvr_of_three_days_keeps_the_lvr_form(rendered: dict[str, dict[str, Docx]]) -> None:
    docs = rendered[INFORMELE_LVR]
    assert after_salutation(docs["kamerbrief-tk"])[0] == (
        "Op 7–9 september a.s. vindt de informele Landbouw- en Visserijraad (hierna: Raad) plaats in "
        "Kopenhagen, Denemarken. Met deze brief informeer ik de Kamer over de agenda en de Nederlandse "
        "inbreng. Ik ben voornemens om deze vergadering bij te wonen."
    )
    assert docs["kamerbrief-tk"].styled("Heading1") == [
        "I. Geannoteerde agenda informele Landbouw- en Visserijraad 7–9 september 2025"
    ]
    verslag = docs["kamerbrief-verslag-tk"]
    assert after_salutation(verslag)[0].startswith("Op 7–9 september jl. vond de informele Landbouw- en")
    assert verslag.styled("Heading1") == ["I. Verslag informele Landbouw- en Visserijraad"]


def test_informal_meeting_under_its_own_name(rendered: dict[str, dict[str, Docx]]) -> None:
    letter = rendered[INFORMEEL]["kamerbrief-tk"]
    assert (
        "Betreft\tGeannoteerde Agenda informele bijeenkomst van milieu- en klimaatministers 10–11 juli 2025"
        in texts(letter)
    )
    assert after_salutation(letter) == [
        "Hierbij stuur ik u de geannoteerde agenda van de informele bijeenkomst van milieu- en "
        "klimaatministers van 10–11 juli 2025 te Aalborg, Denemarken. Het kabinet is voornemens deel te "
        "nemen aan deze bijeenkomst."
    ]
    ga = rendered[INFORMEEL]["geannoteerde-agenda"]
    assert ga.styled("Heading1") == [
        "Gedachtewisseling klimaatadaptatie en waterweerbaarheid",
        "Beleidsdebat circulaire economie",
    ]
    assert texts(ga)[2].startswith(
        "Tijdens de informele bijeenkomst van milieu- en klimaatministers van 10–11 juli 2025 te Aalborg, "
        "Denemarken staat er een gedachtewisseling over klimaatadaptatie"
    )


SMALL = small.AGENDA


def test_informal_raz_keeps_the_raz_templates(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad="Raad Algemene Zaken")
    edit(
        root,
        SMALL,
        "raad: Raad Algemene Zaken\n",
        "raad: informele Raad Algemene Zaken\nformatie: Raad Algemene Zaken\nafkorting: RAZ\n",
    )
    edit(root, SMALL, "plaats: Brussel\n", "plaats: Nicosia\nland: Cyprus\n")
    docs = documents(root, SMALL)
    assert after_salutation(docs["kamerbrief-tk"])[0] == (
        "Hierbij bied ik u de geannoteerde agenda aan voor de informele Raad Algemene Zaken van 12 maart 2030."
    )
    assert texts(docs["geannoteerde-agenda"])[1].startswith(
        "Op dinsdag 12 maart a.s. vindt in Nicosia, Cyprus de informele Raad Algemene Zaken (RAZ) plaats."
    )


def test_every_example_agenda_checks_clean() -> None:
    checks_clean(REPO)


def test_every_example_agenda_renders_its_ga(project: Path) -> None:
    result = briefgen(project, "render", "agendas", "-o", str(project / "out"))
    assert result.exit_code == 0, result.output
    agendas = sorted(path.stem for path in (REPO / "agendas").glob("*.yaml"))
    built = sorted(path.parent.name for path in (project / "out").glob("*/geannoteerde-agenda.docx"))
    assert built == agendas


@pytest.mark.parametrize("agenda", [RAZ, RBZ, INFORMEEL])
def test_formation_documents_pass_the_schema_check(project: Path, agenda: str) -> None:
    assert briefgen(project, "render", agenda, "-o", str(project / "out")).exit_code == 0
    validator = OpenXmlValidator(max_errors=0, strict=True)
    for path in sorted((project / "out").glob("*.docx")):
        assert [str(e) for e in validator.validate(str(path)).errors] == [], path.name
        assert read(path).paragraphs


def test_status_names_the_changed_text_of_an_item_without_dossier(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad="Raad Algemene Zaken")
    own = "  - kop: Werklunch\n    tekst: De ministers presenteren de stand van zaken.\n"
    edit(root, SMALL, "punten:\n", "punten:\n" + own)
    assert briefgen(root, "render", SMALL).exit_code == 0
    edit(root, SMALL, "presenteren de stand", "presenteren nu de stand")
    result = briefgen(root, "status", SMALL)
    assert f"geannoteerde-agenda.docx: stale: {SMALL} changed: tekst" in result.stdout
    assert "kamerbrief-tk.docx: up to date" in result.stdout


def test_new_drafts_the_next_meeting_with_its_form_and_items_without_dossier(project: Path) -> None:
    result = briefgen(
        project, "new", "informele-milieuraad-2026-01-29", "--from", "informele-milieuraad-2025-07-10"
    )
    assert result.exit_code == 0, result.stderr
    drafted = (project / "agendas" / "informele-milieuraad-2026-01-29.yaml").read_text(encoding="utf-8")
    assert "formatie: Milieuraad\n" in drafted and "land: Denemarken\n" in drafted
    assert "ga:\n  vorm: proza\n  kopjes:\n    introductie: false\n" in drafted
    assert "inleiding:" not in drafted and "agendastatus:" not in drafted and "einddatum:" not in drafted
    assert "  - kop: klimaatadaptatie en waterweerbaarheid\n" in drafted
    checks_clean(project, allowed=(NO_KENMERK,))


@pytest.mark.parametrize(
    ("name", "sleutel"),
    [
        ("informele Telecomraad", "telecomraad"),
        ("Formele Raad Werkgelegenheid en Sociaal Beleid", "epsco-raad"),
        ("informele Raad voor Concurrentievermogen (RvC)", "raad-voor-concurrentievermogen"),
        ("Eurogroep en Ecofinraad", "ecofinraad"),
        ("bijeenkomst van EU-transportministers", "transportraad"),
    ],
)
def test_a_formal_or_informal_meeting_and_a_bracketed_abbreviation_find_the_configuration(
    name: str, sleutel: str
) -> None:
    found = formatie(name)
    assert found is not None and found.sleutel == sleutel


def test_an_unknown_name_in_brackets_finds_no_configuration() -> None:
    assert formatie("informele Raad (X)") is None
