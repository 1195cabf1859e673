"""Every Council configuration renders from its illustrative agenda with `render agendas/`:
each document schema-valid and read back, its letter offering the GA and the verslag the
way that configuration's ministry writes, its facts (lead ministry, presidency) from
briefgen's table rather than from the agenda file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

import small
from briefgen.data.formations import FORMATIES, formatie, voorzitterschap
from docxread import Docx, read
from helpers import REPO, briefgen, documents, edit, render_examples, texts

NEW = {
    "ecofinraad-2026-03-10": (
        "Hierbij zend ik u de geannoteerde agenda van de vergaderingen van de Eurogroep en Ecofinraad van 9 "
        "en 10 maart a.s.",
        "Hierbij zend ik u het verslag van de Eurogroep en Ecofinraad van 9 en 10 maart 2026.",
        "Ministerie van Financiën",
    ),
    "jbz-raad-2026-06-11": (
        "Hierbij bieden wij, mede namens de Minister van Binnenlandse Zaken en Koninkrijksrelaties, uw Kamer "
        "de geannoteerde agenda aan van de Raad Justitie en Binnenlandse Zaken (JBZ-Raad) op 11 en 12 juni "
        "2026 in Luxemburg.",
        "Hierbij bieden wij, mede namens de Minister van Binnenlandse Zaken en Koninkrijksrelaties, uw Kamer "
        "het verslag aan van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken (JBZ-Raad) op 11 en 12 "
        "juni 2026 in Luxemburg.",
        "Ministerie van Justitie en Veiligheid",
    ),
    "epsco-raad-2026-06-18": (
        "Op 18 juni aanstaande vindt de Raad Werkgelegenheid en Sociaal Beleid plaats te Luxemburg.",
        "Hierbij ontvangt u het verslag van de Raad Werkgelegenheid en Sociaal Beleid van 18 juni jl. te "
        "Luxemburg.",
        "Ministerie van Sociale Zaken en Werkgelegenheid",
    ),
    "raad-voor-concurrentievermogen-2026-05-28": (
        "Op 28 en 29 mei 2026 organiseert het Cypriotisch voorzitterschap een formele Raad voor "
        "Concurrentievermogen.",
        "Hierbij zend ik u, mede namens de Minister van Onderwijs, Cultuur en Wetenschap, het verslag van "
        "de Raad voor Concurrentievermogen van 28–29 mei 2026 in Brussel.",
        "Ministerie van Economische Zaken",
    ),
    "transportraad-2026-06-04": (
        "Hierbij ontvangt u de geannoteerde agenda van de Transportraad van 4 juni a.s. te Luxemburg, "
        "mede namens de Minister van Justitie en Veiligheid.",
        "Hierbij bied ik u, mede namens de Minister van Justitie en Veiligheid, het verslag aan van de "
        "EU-Transportraad d.d. 4 juni 2026.",
        "Ministerie van Infrastructuur en Waterstaat",
    ),
    "telecomraad-2026-06-05": (
        "Op 5 juni 2026 vindt de Telecomraad plaats in Luxemburg.",
        "Hierbij bieden wij u het verslag aan van de Telecomraad van 5 juni 2026 in Luxemburg.",
        "Ministerie van Economische Zaken",
    ),
    "energieraad-2026-06-15": (
        "Hierbij stuur ik u de geannoteerde agenda van de Energieraad van 15 juni 2026 in Luxemburg.",
        "Hierbij stuur ik u het verslag van de Energieraad van 15 juni 2026 in Luxemburg.",
        "Ministerie van Klimaat en Groene Groei",
    ),
    "ojcs-raad-2026-05-12": (
        "Hierbij stuur ik u de geannoteerde agenda van de OJCS-Raad van 12 en 13 mei 2026 in Brussel.",
        "Hierbij stuur ik u het verslag van de OJCS-Raad van 12 en 13 mei 2026 in Brussel.",
        "Ministerie van Onderwijs, Cultuur en Wetenschap",
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped examples rendered the way a drafter renders them all: `render agendas/`."""
    return render_examples(tmp_path_factory.mktemp("configurations"))


def package(built: Path, agenda: str) -> dict[str, Docx]:
    return {path.stem: read(path) for path in sorted((built / agenda).glob("*.docx"))}


def opening(letter: Docx) -> str:
    """The letter's first sentence: its first paragraph up to the first full stop that ends a sentence."""
    body = texts(letter)
    paragraph = body[body.index("Geachte voorzitter,") + 1]
    return re.split(r"(?<=[a-z0-9]\.)\s(?=[A-Z])", paragraph)[0]


def test_render_agendas_renders_every_example(built: Path) -> None:
    shipped = sorted(path.stem for path in (REPO / "agendas").glob("*.yaml"))
    assert sorted(p.name for p in built.iterdir() if p.is_dir() and not p.name.startswith(".")) == shipped


def test_every_configuration_has_an_example() -> None:
    examples = {formatie(path.stem.rsplit("-", 3)[0]) for path in (REPO / "agendas").glob("*.yaml")}
    assert {f.sleutel for f in FORMATIES} <= {f.sleutel for f in examples if f}


@pytest.mark.parametrize("agenda", sorted(NEW))
def test_documents_are_schema_valid(built: Path, agenda: str) -> None:
    validator = OpenXmlValidator(max_errors=0, strict=True)
    paths = sorted((built / agenda).glob("*.docx"))
    assert [p.name for p in paths] == [
        "geannoteerde-agenda.docx",
        "kamerbrief-ek.docx",
        "kamerbrief-tk.docx",
        "kamerbrief-verslag-ek.docx",
        "kamerbrief-verslag-tk.docx",
        "verslag.docx",
    ]
    for path in paths:
        assert [str(e) for e in validator.validate(str(path)).errors] == [], path.name


@pytest.mark.parametrize("agenda", sorted(NEW))
def test_letters_offer_the_ga_and_the_verslag_the_configurations_way(built: Path, agenda: str) -> None:
    ga_letter, verslag_letter, _ = NEW[agenda]
    docs = package(built, agenda)
    assert opening(docs["kamerbrief-tk"]) == ga_letter
    assert opening(docs["kamerbrief-ek"]) == ga_letter
    assert opening(docs["kamerbrief-verslag-tk"]) == verslag_letter


@pytest.mark.parametrize("agenda", sorted(NEW))
def test_the_lead_ministry_heads_a_letter_without_afzender(built: Path, agenda: str) -> None:
    docs = package(built, agenda)
    assert docs["kamerbrief-tk"].styled("Referentiegegevens")[0] == NEW[agenda][2]


@pytest.mark.parametrize("agenda", sorted(NEW))
def test_ga_and_verslag_carry_each_item(built: Path, agenda: str) -> None:
    docs = package(built, agenda)
    ga, verslag = docs["geannoteerde-agenda"], docs["verslag"]
    assert re.match(r"(I\. )?Geannoteerde", ga.styled("Title")[0])
    assert len(ga.styled("Heading1")) >= 2
    assert verslag.styled("Heading1")[0].startswith("Verslag ")
    assert len(verslag.styled("Heading2")) >= 2


def test_presidency_follows_from_the_meeting_date(built: Path) -> None:
    ga = package(built, "energieraad-2026-06-15")["geannoteerde-agenda"]
    assert texts(ga)[1].startswith("Het Cypriotische Voorzitterschap van de Raad van de Europese Unie")


def test_presidency_given_in_the_agenda_wins(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "voorzitterschap: Cypriotische", "voorzitterschap: Ierse")
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert texts(ga)[1].startswith("Het Ierse Voorzitterschap")


@pytest.mark.parametrize(
    ("day", "land", "bijvoeglijk"),
    [
        (dt.date(2025, 6, 30), "Polen", "Poolse"),
        (dt.date(2025, 7, 1), "Denemarken", "Deense"),
        (dt.date(2026, 3, 17), "Cyprus", "Cypriotische"),
        (dt.date(2026, 10, 20), "Ierland", "Ierse"),
        (dt.date(2027, 1, 1), "Litouwen", "Litouwse"),
        (dt.date(2027, 12, 31), "Griekenland", "Griekse"),
        (dt.date(2028, 3, 1), "Italië", "Italiaanse"),
        (dt.date(2028, 9, 1), "Letland", "Letse"),
        (dt.date(2029, 9, 1), "Nederland", "Nederlandse"),
        (dt.date(2030, 12, 31), "Malta", "Maltese"),
    ],
)
def test_the_published_rotation(day: dt.date, land: str, bijvoeglijk: str) -> None:
    found = voorzitterschap(day)
    assert found is not None
    assert (found.land, found.bijvoeglijk) == (land, bijvoeglijk)


def test_no_presidency_outside_the_published_rotation() -> None:
    assert voorzitterschap(dt.date(2031, 1, 1)) is None
    assert voorzitterschap(dt.date(2016, 12, 31)) is None


@pytest.mark.parametrize(
    ("name", "kamerstuk"),
    [
        ("JBZ-Raad", "32 317"),
        ("raad justitie en binnenlandse zaken", "32 317"),
        ("Ecofin", "21 501-07"),
        ("EPSCO-Raad", "21 501-31"),
        ("Raad voor Concurrentievermogen", "21 501-30"),
        ("Transportraad", "21 501-33"),
        ("Telecomraad", "21 501-33"),
        ("Energieraad", "21 501-33"),
        ("Landbouw- en Visserijraad", "21 501-32"),
        ("Milieuraad", "21 501-08"),
        ("OJCS-Raad", "21 501-34"),
        ("RAZ", "21 501-02"),
        ("Raad Buitenlandse Zaken", "21 501-02"),
        ("Raad Buitenlandse Zaken Handel", "21 501-02"),
        ("RBZ Ontwikkeling", "21 501-02"),
        ("informele Landbouwraad", "21 501-32"),
        ("informele Milieuraad", "21 501-08"),
    ],
)
def test_a_configuration_is_found_by_any_of_its_names(name: str, kamerstuk: str) -> None:
    found = formatie(name)
    assert found is not None
    assert found.kamerstuk == kamerstuk


def test_an_unknown_formation_keeps_the_shared_templates(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad="Raad van de Toekomst")
    letter = documents(root, small.AGENDA)["kamerbrief-tk"]
    assert opening(letter) == (
        "Hierbij stuur ik u de geannoteerde agenda van de Raad van de Toekomst van 12 maart 2030 in Brussel."
    )
    assert letter.styled("Referentiegegevens")[0] == "Ministerie van Infrastructuur en Waterstaat"


@pytest.mark.parametrize(
    ("aanbieding", "expected"),
    [
        (
            "toekomen",
            "Hierbij doe ik u de geannoteerde agenda van de Milieuraad van 12 maart 2030 in Brussel toekomen.",
        ),
        (
            "aanbieden",
            "Hierbij bied ik u de geannoteerde agenda aan van de Milieuraad van 12 maart 2030 in Brussel.",
        ),
        (
            "ontvangen",
            "Hierbij ontvangt u de geannoteerde agenda van de Milieuraad van 12 maart 2030 in Brussel.",
        ),
    ],
)
def test_the_drafter_picks_another_way_to_offer_the_ga(
    tmp_path: Path, aanbieding: str, expected: str
) -> None:
    root = small.project(tmp_path, letter=True, raad="Milieuraad")
    edit(root, small.AGENDA, "  ondertekenaars:", f"  aanbieding: {aanbieding}\n  ondertekenaars:")
    assert opening(documents(root, small.AGENDA)["kamerbrief-tk"]) == expected


def test_no_agenda_published_yet(built: Path) -> None:
    docs = package(built, "transportraad-2026-06-04")
    assert texts(docs["kamerbrief-tk"])[
        texts(docs["kamerbrief-tk"]).index("Geachte voorzitter,") + 1
    ].endswith(
        "Er is nog geen officiële agenda voor deze Transportraad gepubliceerd. Mocht de formele agenda op "
        "belangrijke punten anders zijn, dan wordt u hierover nader geïnformeerd."
    )
    assert texts(docs["geannoteerde-agenda"])[0] == "I. Geannoteerde agenda"
    assert texts(docs["geannoteerde-agenda"])[1].startswith(
        "De formele agenda van de Transportraad op 4 juni a.s. is nog niet bekendgemaakt door het "
        "Cypriotische voorzitterschap. Het voorzitterschap streeft"
    )


def test_the_drafter_dates_a_letter_relatively(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "  ondertekenaars:", "  relatief: true\n  ondertekenaars:")
    assert opening(documents(root, small.AGENDA)["kamerbrief-tk"]) == (
        "Hierbij stuur ik u de geannoteerde agenda van de Milieuraad van 12 maart a.s. in Brussel."
    )


@pytest.mark.parametrize(
    ("agenda", "level"),
    [("jbz-raad-2026-06-11", "Heading2"), ("raad-voor-concurrentievermogen-2026-05-28", "Heading1")],
)
def test_the_type_stands_under_the_topic_where_the_formation_puts_it(
    built: Path, agenda: str, level: str
) -> None:
    """(The JBZ example's items stand under its parts, a level deeper.)"""
    ga = package(built, agenda)["geannoteerde-agenda"]
    body = texts(ga)
    first = ga.styled(level)[0]
    assert not first.startswith(("Algemene oriëntatie", "Beleidsdebat"))
    assert body[body.index(first) + 1] in ("Algemene oriëntatie", "Beleidsdebat")


def test_the_drafter_puts_the_type_under_the_topic(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    edit(root, small.AGENDA, "punten:\n", "ga:\n  soortkop: onder\npunten:\n")
    ga = documents(root, small.AGENDA)["geannoteerde-agenda"]
    assert ga.styled("Heading1") == ["Kort bodem"]
    body = texts(ga)
    assert body[body.index("Kort bodem") + 1] == "Beleidsdebat"


def test_an_agenda_state_without_a_known_presidency_is_a_warning_naming_the_key(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "voorzitterschap: Cypriotische\n", "")
    edit(root, small.AGENDA, "datum: 2030-03-12", "datum: 2031-03-12")
    edit(root, small.AGENDA, f"id: {small.ID}", "id: raad-2031-03-12")
    (root / small.AGENDA).rename(root / "agendas/raad-2031-03-12.yaml")
    for path in (root / "positions").glob("*.yaml"):
        path.write_text(
            path.read_text(encoding="utf-8").replace(small.ID, "raad-2031-03-12"), encoding="utf-8"
        )
    result = briefgen(root, "check")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "presidencies" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("agendas/raad-2031-03-12.yaml:")
    assert (
        "warning: briefgen knows the Council's presidencies from 2017-01-01 to 2030-12-31 only" in warnings[0]
    )
    assert "set 'voorzitterschap'" in warnings[0]


OWN_OPENING = {
    "ecofinraad-2026-03-10": "Hierbij zend ik u de geannoteerde agenda van de vergaderingen van de Eurogroep en "
    "Ecofinraad van 9 en 10 maart a.s. Het is mogelijk dat nog punten worden toegevoegd aan de agenda of dat bepaalde onderwerpen worden afgevoerd of "
    "worden uitgesteld tot de volgende vergadering.",
    "jbz-raad-2026-06-11": "Hierbij bieden wij, mede namens de Minister van Binnenlandse Zaken en "
    "Koninkrijksrelaties, uw Kamer de geannoteerde agenda aan van de Raad Justitie en Binnenlandse Zaken "
    "(JBZ-Raad) op 11 en 12 juni 2026 in Luxemburg. De Minister van Justitie en Veiligheid en de "
    "Staatssecretaris van Justitie en Veiligheid zullen hieraan deelnemen.",
    "epsco-raad-2026-06-18": "Op 18 juni aanstaande vindt de Raad Werkgelegenheid en Sociaal Beleid plaats te "
    "Luxemburg. Hierbij zend ik u de Geannoteerde Agenda voor deze Raad toe.",
    "raad-voor-concurrentievermogen-2026-05-28": "Op 28 en 29 mei 2026 organiseert het Cypriotisch "
    "voorzitterschap een formele Raad voor Concurrentievermogen. Met deze brief stuur ik u, mede namens de "
    "Minister van Onderwijs, Cultuur en Wetenschap, de geannoteerde agenda met daarin een beschrijving van de "
    "discussiepunten en de Nederlandse inzet.",
    "telecomraad-2026-06-05": "Op 5 juni 2026 vindt de Telecomraad plaats in Luxemburg. Hierbij bieden wij u "
    "de geannoteerde agenda aan met daarin een beschrijving van de onderwerpen en de Nederlandse inzet op deze "
    "onderwerpen.",
}


@pytest.mark.parametrize("agenda", sorted(OWN_OPENING))
def test_the_ga_letter_opens_in_the_configurations_own_words(built: Path, agenda: str) -> None:
    body = texts(package(built, agenda)["kamerbrief-tk"])
    assert body[body.index("Geachte voorzitter,") + 1] == OWN_OPENING[agenda]


@pytest.mark.parametrize(
    ("agenda", "title"),
    [
        ("ecofinraad-2026-03-10", "Geannoteerde agenda Eurogroep en Ecofinraad 9–10 maart 2026"),
        (
            "jbz-raad-2026-06-11",
            "Geannoteerde agenda van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken, 11 en 12 juni 2026",
        ),
    ],
)
def test_the_ga_title_is_the_configurations_own(built: Path, agenda: str, title: str) -> None:
    assert package(built, agenda)["geannoteerde-agenda"].styled("Title") == [title]


def test_an_ecofin_item_gives_its_aard_bespreking_under_its_heading_without_an_opening_list(
    built: Path,
) -> None:
    body = texts(package(built, "ecofinraad-2026-03-10")["geannoteerde-agenda"])
    heading = body.index("Economische en financiële gevolgen van de oorlog in Oekraïne")
    assert body[heading + 1] == "Aard bespreking: Gedachtewisseling"
    assert not any("staan de volgende onderwerpen geagendeerd" in line for line in body)


def test_the_ecofin_ga_heads_the_eurogroep_and_the_ecofinraad_items(built: Path) -> None:
    ga = package(built, "ecofinraad-2026-03-10")["geannoteerde-agenda"]
    assert ga.styled("Heading1") == ["Eurogroep", "Ecofinraad"]
    assert ga.styled("Heading2")[:2] == [
        "Macro-economische situatie van de eurozone",
        "Eigen middelen",
    ]


def test_the_jbz_verslag_letter_says_who_took_part(built: Path) -> None:
    body = texts(package(built, "jbz-raad-2026-06-11")["kamerbrief-verslag-tk"])
    assert body[body.index("Geachte voorzitter,") + 1].endswith(
        " De Minister van Justitie en Veiligheid en de Staatssecretaris van Justitie en Veiligheid hebben "
        "deelgenomen aan deze JBZ-Raad."
    )


def test_a_verslag_heading_names_two_days_as_the_formations_letters_do(built: Path) -> None:
    assert package(built, "jbz-raad-2026-06-11")["verslag"].styled("Heading1")[0] == (
        "Verslag JBZ-Raad 11 en 12 juni 2026"
    )
    assert package(built, "raad-voor-concurrentievermogen-2026-05-28")["verslag"].styled("Heading1")[0] == (
        "Verslag Raad voor Concurrentievermogen 28–29 mei 2026"
    )


def test_the_ecofin_verslag_reports_the_eurogroep_and_the_ecofinraad_in_parts(built: Path) -> None:
    verslag = package(built, "ecofinraad-2026-03-10")["verslag"]
    assert verslag.styled("Heading1") == ["Verslag Eurogroep en Ecofinraad 9 en 10 maart 2026"]
    assert verslag.styled("Heading2") == ["Eurogroep", "Ecofinraad", "Diversen"]


def test_the_concurrentievermogen_ga_opens_with_the_meeting_and_its_presidency_without_a_list(
    built: Path,
) -> None:
    body = texts(package(built, "raad-voor-concurrentievermogen-2026-05-28")["geannoteerde-agenda"])
    assert body[1] == (
        "Op 28 en 29 mei 2026 vindt de Raad voor Concurrentievermogen plaats in Brussel, onder Cypriotisch "
        "voorzitterschap. Deze geannoteerde agenda is opgesteld op basis van de momenteel bekende voorlopige "
        "agenda."
    )
    assert body[2] == "Vereenvoudiging interne markt"


@pytest.mark.parametrize("agenda", sorted(p.stem for p in (REPO / "agendas").glob("*.yaml")))
def test_every_example_ga_imports_and_renders_again_to_its_own_text(
    built: Path, tmp_path: Path, agenda: str
) -> None:
    """What the templates write reads back: each example's GA, imported into an empty project
    and rendered there, has the same paragraphs in the same styles."""
    sent = built / agenda / "geannoteerde-agenda.docx"
    if not sent.exists():
        pytest.skip("no GA of its own (the GA inside the letter)")
    root = small.empty(tmp_path)
    result = briefgen(root, "import", str(sent), "--raad", agenda)
    assert result.exit_code == 0, result.output
    again = documents(root, f"agendas/{agenda}.yaml")["geannoteerde-agenda"]
    original = read(sent)
    assert [(p.style, p.text) for p in again.paragraphs] == [(p.style, p.text) for p in original.paragraphs]


VERSLAGEN = sorted(
    path.stem
    for path in (REPO / "agendas").glob("*.yaml")
    if "\nverslag:" in path.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("agenda", VERSLAGEN)
def test_every_example_verslag_imports_and_renders_again_to_its_own_text(
    built: Path, tmp_path: Path, agenda: str
) -> None:
    """Each example's verslag, imported after its GA into an empty project, renders again
    with the same paragraphs: its parts' headings ('Eurogroep', 'Ecofinraad') stay headings
    over the items, whose outcomes are placed."""
    root = small.empty(tmp_path)
    for document in ("geannoteerde-agenda", "verslag"):
        result = briefgen(root, "import", str(built / agenda / f"{document}.docx"), "--raad", agenda)
        assert result.exit_code == 0, result.output
    assert "has no outcome in the verslag" not in result.output
    with (root / f"agendas/{agenda}.yaml").open("a", encoding="utf-8") as file:
        file.write(SIGNATORY)  # the verslag, written last, has none: the document does not say
    again = documents(root, f"agendas/{agenda}.yaml")["verslag"]
    original = read(built / agenda / "verslag.docx")
    assert [(p.style, p.text) for p in again.paragraphs] == [(p.style, p.text) for p in original.paragraphs]


SIGNATORY = "  ondertekenaars:\n    - functie: de Minister\n      naam: A. Voorbeeld\n"
