"""briefgen import reads GAs written by others, in each style a ministry writes them.

The fixtures under tests/fixtures/import/ are short invented GAs, written in Markdown and
made Word documents by make.py: pandoc (heading styles and real footnotes), and for the
'bold' ones python-docx after pandoc (every heading a plain paragraph in bold, the items
numbered by hand). Each must import without edits and render again to its own text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from docxread import Docx, Para, read
from helpers import REPO, briefgen, copy_example, edit, similarity

FIXTURES = Path(__file__).parent / "fixtures" / "import"
STYLES = {
    "milieuraad-kopstijlen": "milieuraad-2027-10-21",
    "lvr-tweedaags": "landbouw-en-visserijraad-2027-09-27",
    "raz-vet": "raad-algemene-zaken-2027-11-16",
    "transport-genummerd": "transportraad-2027-12-06",
}
HEADINGS = {
    "milieuraad-kopstijlen": [
        "Beleidsdebat herziening kaderrichtlijn water",
        "Gedachtewisseling klimaattop",
        "Diverse punt: Werkprogramma van het inkomende voorzitterschap",
    ],
    "lvr-tweedaags": ["Vangstmogelijkheden Oostzee 2028", "Marktsituatie", "Dierenwelzijn tijdens transport"],
    "raz-vet": ["Voorbereiding Europese Raad (ER)", "Meerjarig Financieel Kader (MFK)", "Rechtsstaatdialoog"],
    "transport-genummerd": ["1. Richtlijn rijbewijzen", "2. Maten en gewichten van vrachtwagens"],
}


def _imported(tmp_path: Path, style: str) -> tuple[Path, str]:
    root = small.empty(tmp_path)
    raad = STYLES[style]
    result = briefgen(root, "import", str(FIXTURES / f"{style}.docx"), "--raad", raad)
    assert result.exit_code == 0, result.output
    return root, result.output


def _rendered(root: Path, raad: str) -> tuple[list[str], list[str]]:
    result = briefgen(root, "render", f"agendas/{raad}.yaml")
    assert result.exit_code == 0, result.output
    document = read(root / "build" / raad / "geannoteerde-agenda.docx")
    return [_shown(document, p) for p in document.paragraphs if p.text.strip()], document.note_texts()


def _shown(document: Docx, paragraph: Para) -> str:
    """A heading as Word shows it: with the number Word gives it."""
    if paragraph.style.startswith("Heading") and paragraph.num_id is not None:
        return f"{document.first_number(paragraph)} {paragraph.text}"
    return paragraph.text


def _source(style: str) -> tuple[list[str], list[str]]:
    document = read(FIXTURES / f"{style}.docx")
    return [p.text for p in document.paragraphs if p.text.strip()], document.note_texts()


@pytest.mark.parametrize("style", STYLES)
def test_each_style_renders_again_to_its_own_text(tmp_path: Path, style: str) -> None:
    root, _ = _imported(tmp_path, style)
    ours, _ = _rendered(root, STYLES[style])
    theirs, _ = _source(style)
    assert similarity(ours, theirs) >= 0.98


@pytest.mark.parametrize("style", STYLES)
def test_each_style_keeps_every_footnote(tmp_path: Path, style: str) -> None:
    root, output = _imported(tmp_path, style)
    _, ours = _rendered(root, STYLES[style])
    _, theirs = _source(style)
    assert theirs and sorted(ours) == sorted(theirs)
    assert "footnote" not in output


@pytest.mark.parametrize("style", STYLES)
def test_each_style_renders_its_item_headings(tmp_path: Path, style: str) -> None:
    root, _ = _imported(tmp_path, style)
    ours, _ = _rendered(root, STYLES[style])
    for heading in HEADINGS[style]:
        assert heading in ours


def test_sub_headings_become_the_position_sections(tmp_path: Path) -> None:
    root, _ = _imported(tmp_path, "transport-genummerd")
    text = (root / "positions/richtlijn-rijbewijzen.yaml").read_text(encoding="utf-8")
    inzet = text.split("inzet: |", 1)[1].split("krachtenveld: |", 1)
    assert "Nederland steunt een digitaal rijbewijs" in inzet[0]
    assert "De meeste lidstaten kunnen het compromis" in inzet[1]
    agenda = (root / f"agendas/{STYLES['transport-genummerd']}.yaml").read_text(encoding="utf-8")
    assert "introductie: Inhoud" in agenda


def test_an_item_without_sub_headings_is_divided_at_the_position_and_the_member_states(
    tmp_path: Path,
) -> None:
    root, _ = _imported(tmp_path, "raz-vet")
    text = (root / "positions/voorbereiding-europese-raad-er.yaml").read_text(encoding="utf-8")
    assert text.index("introductie: |") < text.index("De RAZ bespreekt") < text.index("inzet: |")
    assert text.index("inzet: |") < text.index("Het kabinet zet in op conclusies")
    text = (root / "positions/meerjarig-financieel-kader-mfk.yaml").read_text(encoding="utf-8")
    assert text.index("krachtenveld: |") < text.index("Veel lidstaten vragen")


def test_meeting_facts_come_from_the_text_else_from_the_id(tmp_path: Path) -> None:
    root, _ = _imported(tmp_path, "raz-vet")
    agenda = (root / f"agendas/{STYLES['raz-vet']}.yaml").read_text(encoding="utf-8")
    assert "raad: Raad Algemene Zaken\nafkorting: RAZ\ndatum: 2027-11-16\nplaats: Brussel\n" in agenda


def test_two_days_and_roman_parts(tmp_path: Path) -> None:
    root, _ = _imported(tmp_path, "lvr-tweedaags")
    agenda = (root / f"agendas/{STYLES['lvr-tweedaags']}.yaml").read_text(encoding="utf-8")
    assert "datum: 2027-09-27\neinddatum: 2027-09-28\n" in agenda
    assert "soort: diversen" in agenda
    assert "  - kop: Appreciatie visserijadviezen\n" in agenda


def test_a_footnote_in_a_heading_is_listed_with_its_text_and_place(tmp_path: Path) -> None:
    """A heading holds no footnote in the data; the footnote is named with its number in the
    document (Word numbers in reading order: it is now the second), its place and its text."""
    root = small.empty(tmp_path)
    source = tmp_path / "ga.docx"
    from docx import Document  # noqa: PLC0415 - python-docx writes the document under test

    document = Document(str(FIXTURES / "raz-vet.docx"))
    heading = next(p for p in document.paragraphs if p.text == "Rechtsstaatdialoog")
    body = next(p for p in document.paragraphs if p.text.startswith("Op dinsdag"))
    reference = next(r for r in body.runs if r._r.xpath(".//w:footnoteReference"))
    heading._p.append(reference._r)  # moved: the introduction's footnote now stands on a heading
    document.save(str(source))
    result = briefgen(root, "import", str(source), "--raad", STYLES["raz-vet"])
    assert result.exit_code == 0, result.output
    assert (
        "footnote 2 (in the heading 'Rechtsstaatdialoog') has no place in the data: "
        "De conceptagenda is op 2 november gedeeld."
    ) in result.output


SHIPPED = sorted(p.stem for p in (REPO / "agendas").glob("*.yaml"))


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project with every shipped agenda rendered; read only."""
    root = copy_example(tmp_path_factory.mktemp("shipped"))
    for raad in SHIPPED:
        result = briefgen(root, "render", f"agendas/{raad}.yaml")
        assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("raad", SHIPPED)
def test_every_shipped_formation_imports_back_to_the_same_text(
    shipped: Path, tmp_path: Path, raad: str
) -> None:
    source = shipped / "build" / raad / "geannoteerde-agenda.docx"
    root = small.empty(tmp_path)
    result = briefgen(root, "import", str(source), "--raad", raad)
    assert result.exit_code == 0, result.output
    ours, our_notes = _rendered(root, raad)
    theirs = read(source)
    assert ours == [_shown(theirs, p) for p in theirs.paragraphs if p.text.strip()]
    assert our_notes == theirs.note_texts()


def test_an_introduction_the_templates_cannot_write_is_listed_with_its_footnote(tmp_path: Path) -> None:
    root = small.empty(tmp_path)
    edit(root, "templates/landbouw-en-visserijraad/_delen.md.j2", "{{ ga.inleiding }}", "")
    result = briefgen(root, "import", str(FIXTURES / "lvr-tweedaags.docx"), "--raad", STYLES["lvr-tweedaags"])
    assert result.exit_code == 0, result.output
    assert (
        "the templates write no introduction; left out: "
        "'Het voorzitterschap heeft de agenda op 10 september gedeeld.'"
    ) in result.output
    assert (
        "footnote 1 (in the introduction) has no place in the data: Zie de website van het voorzitterschap."
    ) in result.output


def _written(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """A Word document from (form, text): form 'b' bold, 'i' italic, 'p' plain, 'lb' a bold
    label before the rest of its paragraph ('label|rest')."""
    from docx import Document  # noqa: PLC0415 - python-docx writes the document under test

    document = Document()
    for form, text in paragraphs:
        paragraph = document.add_paragraph()
        if form == "lb":
            label, rest = text.split("|")
            paragraph.add_run(label).bold = True
            paragraph.add_run(rest)
            continue
        run = paragraph.add_run(text)
        run.bold, run.italic = form == "b", form == "i"
    document.save(str(path))
    return path


def test_sub_headings_in_italics_or_as_a_bold_label_before_the_text(tmp_path: Path) -> None:
    root = small.empty(tmp_path / "project")
    source = _written(
        tmp_path / "ga.docx",
        [
            ("b", "Geannoteerde agenda Milieuraad 16 juni 2026"),
            ("p", "Op 16 juni a.s. vindt in Luxemburg de Milieuraad plaats."),
            ("b", "Bodemrichtlijn"),
            ("i", "Introductie"),
            ("p", "De Commissie stelde een richtlijn voor."),
            ("lb", "Inzet Nederland:| Het kabinet steunt het voorstel."),
            ("lb", "Krachtenveld| Veel lidstaten aarzelen."),
        ],
    )
    result = briefgen(root, "import", str(source), "--raad", "milieuraad-2026-06-16")
    assert result.exit_code == 0, result.output
    text = (root / "positions/bodemrichtlijn.yaml").read_text(encoding="utf-8")
    assert "inzet: |\n      Het kabinet steunt het voorstel.\n" in text
    assert "krachtenveld: |\n      Veel lidstaten aarzelen.\n" in text
    agenda = (root / "agendas/milieuraad-2026-06-16.yaml").read_text(encoding="utf-8")
    assert "inzet: 'Inzet Nederland:'" in agenda and "plaats: Luxemburg" in agenda


def test_a_ga_inside_its_letter_takes_its_part_heading_as_title_and_keeps_the_letter(tmp_path: Path) -> None:
    root = small.empty(tmp_path / "project")
    source = _written(
        tmp_path / "ga.docx",
        [
            ("p", "Geachte voorzitter,"),
            ("p", "Hierbij ontvangt u de geannoteerde agenda van de Transportraad van 4 juni a.s."),
            ("b", "I. Geannoteerde agenda Transportraad 4 juni 2026"),
            ("p", "De agenda is nog niet bekend."),
            ("b", "Passagiersrechten"),
            ("p", "Het voorzitterschap streeft naar een akkoord."),
            ("p", "Nederland steunt sterke passagiersrechten."),
        ],
    )
    result = briefgen(root, "import", str(source), "--raad", "transportraad-2026-06-04")
    assert result.exit_code == 0, result.output
    assert "left out" not in result.output
    ours, _ = _rendered(root, "transportraad-2026-06-04")
    assert ours[0] == "I. Geannoteerde agenda Transportraad 4 juni 2026"
    assert ours[1:4] == [
        "Geachte voorzitter,",
        "Hierbij ontvangt u de geannoteerde agenda van de Transportraad van 4 juni a.s.",
        "De agenda is nog niet bekend.",
    ]


def test_an_agenda_list_numbered_by_hand_is_not_taken_for_item_headings(tmp_path: Path) -> None:
    root = small.empty(tmp_path / "project")
    source = _written(
        tmp_path / "ga.docx",
        [
            ("b", "Geannoteerde agenda Milieuraad 16 juni 2026"),
            ("p", "Op de agenda staan:"),
            ("p", "1. Bodemrichtlijn"),
            ("p", "2. Waterrichtlijn"),
            ("b", "Bodemrichtlijn"),
            ("p", "De Commissie stelde een richtlijn voor."),
            ("b", "Waterrichtlijn"),
            ("p", "De Commissie stelde nog een richtlijn voor."),
        ],
    )
    result = briefgen(root, "import", str(source), "--raad", "milieuraad-2026-06-16")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "positions").iterdir()) == [
        "bodemrichtlijn.yaml",
        "waterrichtlijn.yaml",
    ]
    ours, _ = _rendered(root, "milieuraad-2026-06-16")
    assert ours[1:4] == ["Op de agenda staan:", "1. Bodemrichtlijn", "2. Waterrichtlijn"]


def test_emphasis_at_a_paragraphs_start_stays_emphasis(tmp_path: Path) -> None:
    root = small.empty(tmp_path / "project")
    source = _written(
        tmp_path / "ga.docx",
        [
            ("b", "Geannoteerde agenda Milieuraad 16 juni 2026"),
            ("b", "Bodemrichtlijn"),
            ("i", "De Commissie stelde een richtlijn voor."),
            ("lb", "Let op| het kabinet steunt het voorstel."),
        ],
    )
    assert briefgen(root, "import", str(source), "--raad", "milieuraad-2026-06-16").exit_code == 0
    text = (root / "positions/bodemrichtlijn.yaml").read_text(encoding="utf-8")
    assert "*De Commissie stelde een richtlijn voor.*\n" in text and "\\*" not in text
    assert "**Let op** het kabinet steunt het voorstel." in text
    ours, _ = _rendered(root, "milieuraad-2026-06-16")
    assert "De Commissie stelde een richtlijn voor." in ours


def test_a_diversen_heading_keeps_its_own_start(tmp_path: Path) -> None:
    """'Diverse punt: …' (or 'Diversen: …') renders again as written, not as the template's
    'Diversenpunt: …'."""
    for start in ("Diverse punt:", "Diversen:"):
        root = small.empty(tmp_path / start)
        source = _written(
            tmp_path / f"{start}.docx",
            [
                ("b", "Geannoteerde agenda Milieuraad 16 juni 2026"),
                ("p", "Op 16 juni a.s. vindt in Luxemburg de Milieuraad plaats."),
                ("b", "Beleidsdebat bodemrichtlijn"),
                ("p", "Het kabinet steunt het voorstel."),
                ("b", f"{start} plenaire vergadering IPBES"),
                ("p", "De Commissie informeert de Raad over de vergadering."),
            ],
        )
        result = briefgen(root, "import", str(source), "--raad", "milieuraad-2026-06-16")
        assert result.exit_code == 0, result.output
        ours, _ = _rendered(root, "milieuraad-2026-06-16")
        assert f"{start} plenaire vergadering IPBES" in ours
        assert "Diversenpunt: plenaire vergadering IPBES" not in ours
