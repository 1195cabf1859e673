"""briefgen import reads GAs that LibreOffice wrote from scratch, as another writer builds them.

The fixtures under tests/fixtures/foreign/ were written by LibreOffice through its UNO API
(``foreign.py``, ``uno_write.py``): heading styles with automatic outline numbering, real
numbered lists, bold and italic paragraphs, run-in labels, a type line under the heading,
footnotes as LibreOffice stores them. The slow test writes them again with the LibreOffice
installed and imports those.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import small
from docxread import read
from foreign import DOCUMENTS, write
from foreign_trial import trial
from helpers import briefgen
from unoedit import needs_uno

FIXTURES = Path(__file__).parent / "fixtures" / "foreign"
WHOLE = [
    "milieuraad-overzicht",
    "jbz-soortregel",
    "milieuraad-soortregel",
    "raz-handnummers",
    "verslag-ecofin",
    "lvr-brief-ondertekend",
    "lvr-brief-eigen-opening",
    "verslag-lvr-brief",
]
"""The documents that render again to their own words (the verslag once its signatories are added,
as import asks)."""


def _imported(tmp_path: Path, name: str) -> Path:
    root = small.empty(tmp_path)
    result = briefgen(root, "import", str(FIXTURES / f"{name}.docx"), "--raad", DOCUMENTS[name].raad)
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("name", WHOLE)
def test_a_document_libreoffice_wrote_renders_again_to_its_own_words(tmp_path: Path, name: str) -> None:
    found = trial(FIXTURES / f"{name}.docx", DOCUMENTS[name].raad, tmp_path)
    assert found.exit_code == 0, found.output
    assert found.similarity >= 0.98
    assert found.notes_lost == [] and found.notes_ours == found.notes_theirs > 0


def test_a_libreoffice_footnote_keeps_no_tab_before_its_text(tmp_path: Path) -> None:
    """LibreOffice separates a footnote's number from its text with a tab, Word with a space."""
    root = _imported(tmp_path, "raz-handnummers")
    agenda = (root / "agendas" / f"{DOCUMENTS['raz-handnummers'].raad}.yaml").read_text(encoding="utf-8")
    assert "de-agenda-is-op: De agenda is op 4 mei gepubliceerd.\n" in agenda


def test_a_type_line_under_the_heading_is_the_items_type(tmp_path: Path) -> None:
    root = _imported(tmp_path, "milieuraad-soortregel")
    agenda = (root / "agendas" / f"{DOCUMENTS['milieuraad-soortregel'].raad}.yaml").read_text(
        encoding="utf-8"
    )
    assert "  - dossier: klimaatfinanciering-cop32\n    soort: raadsconclusies\n" in agenda
    assert "  - dossier: bodemmonitoring\n    soort: gedachtewisseling\n" in agenda
    assert "  soortkop: onder\n" in agenda
    position = (root / "positions" / "bodemmonitoring.yaml").read_text(encoding="utf-8")
    assert "Gedachtewisseling" not in position


def test_the_formations_own_type_line_is_not_written_again(tmp_path: Path) -> None:
    """The JBZ-Raad puts the type under the heading itself: the agenda need not say so."""
    root = _imported(tmp_path, "jbz-soortregel")
    agenda = (root / "agendas" / f"{DOCUMENTS['jbz-soortregel'].raad}.yaml").read_text(encoding="utf-8")
    assert "    soort: beleidsdebat\n" in agenda
    assert "soortkop" not in agenda


def _numbered_headings(root: Path, name: str) -> list[str]:
    """Item headings as Word shows them: the number Word gives each, then its text."""
    raad = DOCUMENTS[name].raad
    assert briefgen(root, "render", f"agendas/{raad}.yaml").exit_code == 0
    document = read(root / "build" / raad / "geannoteerde-agenda.docx")
    headings = [p for p in document.paragraphs if p.style == "Heading1"]
    assert all(p.num_id is not None for p in headings)
    return [f"{document.first_number(p)} {p.text}" for p in headings]


def test_headings_word_numbers_itself_keep_their_numbers(tmp_path: Path) -> None:
    """LibreOffice's outline numbering on Heading 1 ('1.' as Word's automatic numbering):
    the GA renders its item headings numbered again."""
    root = _imported(tmp_path, "milieuraad-overzicht")
    agenda = (root / "agendas" / f"{DOCUMENTS['milieuraad-overzicht'].raad}.yaml").read_text(encoding="utf-8")
    assert "  kopnummers: true\n" in agenda
    assert _numbered_headings(root, "milieuraad-overzicht") == [
        "1. Algemene oriëntatie verpakkingsafval",
        "2. Beleidsdebat klimaatdoelstelling 2040",
    ]


def test_headings_numbered_by_hand_keep_their_numbers(tmp_path: Path) -> None:
    root = _imported(tmp_path, "raz-handnummers")
    assert _numbered_headings(root, "raz-handnummers") == ["1. Voorbereiding Europese Raad", "2. Uitbreiding"]
    assert (root / "positions" / "uitbreiding.yaml").exists()


def test_headings_without_numbers_get_none(tmp_path: Path) -> None:
    root = _imported(tmp_path, "jbz-soortregel")
    agenda = (root / "agendas" / f"{DOCUMENTS['jbz-soortregel'].raad}.yaml").read_text(encoding="utf-8")
    assert "kopnummers" not in agenda


def test_ecofins_aard_line_is_the_items_type(tmp_path: Path) -> None:
    """'Aard bespreking: Gedachtewisseling' under the heading is Ecofin's own way: the type is
    read, and the agenda need not say how it is shown."""
    root = _imported(tmp_path, "ecofin-aard")
    agenda = (root / "agendas" / f"{DOCUMENTS['ecofin-aard'].raad}.yaml").read_text(encoding="utf-8")
    assert "    soort: gedachtewisseling\n" in agenda and "    soort: raadsconclusies\n" in agenda
    assert "soortkop" not in agenda
    position = (root / "positions" / "herziening-van-het-begrotingskader.yaml").read_text(encoding="utf-8")
    assert "Aard bespreking" not in position


def test_a_heading_with_nothing_under_it_is_an_item_without_a_dossier(tmp_path: Path) -> None:
    """A day's or group's heading ('Volksgezondheid') over the items that follow it: kept as
    an item of its own, not as an empty position."""
    root = _imported(tmp_path, "epsco-groepen")
    agenda = (root / "agendas" / f"{DOCUMENTS['epsco-groepen'].raad}.yaml").read_text(encoding="utf-8")
    assert "  - kop: Werkgelegenheid en sociaal beleid\n  - dossier: richtlijn-stages\n" in agenda
    assert "  - kop: Volksgezondheid\n  - dossier: geneesmiddelenstrategie\n" in agenda
    assert sorted(p.name for p in (root / "positions").iterdir()) == [
        "geneesmiddelenstrategie.yaml",
        "richtlijn-stages.yaml",
    ]


def test_diversen_over_running_text_is_kept_as_written(tmp_path: Path) -> None:
    """'Diversen' with the points named in its paragraph: an item without a dossier, its
    heading and text as the document has them (not 'Diversenpunt: Diversen')."""
    root = _imported(tmp_path, "jbz-soortregel")
    agenda = (root / "agendas" / f"{DOCUMENTS['jbz-soortregel'].raad}.yaml").read_text(encoding="utf-8")
    assert "  - kop: Diversen\n    tekst: |\n      Tot slot staan twee diversenpunten" in agenda
    assert not (root / "positions" / "diversen.yaml").exists()


def test_a_dossier_id_writes_an_accented_letter_plainly(tmp_path: Path) -> None:
    root = _imported(tmp_path, "jbz-soortregel")
    assert (root / "positions" / "digitalisering-van-de-justitiele.yaml").exists()


@pytest.mark.slow
@needs_uno
def test_documents_libreoffice_writes_now_import_and_render_again(tmp_path: Path) -> None:
    """The fixtures made again by the LibreOffice installed here, so a newer LibreOffice's
    way of saving is tried too."""
    written = write(tmp_path / "written", WHOLE)
    for path in written:
        found = trial(path, DOCUMENTS[path.stem].raad, tmp_path / path.stem)
        assert found.exit_code == 0, found.output
        assert found.similarity >= 0.98, path.stem
        assert found.notes_lost == [], path.stem


def test_a_footnote_on_a_type_line_is_not_lost(tmp_path: Path) -> None:
    """A type line that carries a footnote is kept as text, so its footnote keeps its place in
    the data (not only a line saying it found none)."""
    from docx import Document  # noqa: PLC0415 - python-docx moves the reference under test

    document = Document(str(FIXTURES / "jbz-soortregel.docx"))
    line = next(p for p in document.paragraphs if p.text == "Algemene oriëntatie")
    body = next(p for p in document.paragraphs if p.text.startswith("Het Voorzitterschap wil"))
    reference = next(r for r in body.runs if r._r.xpath(".//w:footnoteReference"))
    line._p.append(reference._r)
    source = tmp_path / "ga.docx"
    document.save(str(source))
    root = small.empty(tmp_path / "project")
    result = briefgen(root, "import", str(source), "--raad", DOCUMENTS["jbz-soortregel"].raad)
    assert result.exit_code == 0, result.output
    written = "".join(p.read_text(encoding="utf-8") for p in sorted(root.glob("*/*.yaml")))
    assert "COM (2025) 101." in written and "Algemene oriëntatie[^" in written


def test_an_endnote_is_read_as_a_footnote_where_it_stands(tmp_path: Path) -> None:
    """A writer who used an endnote: nothing is lost, the GA renders it as a footnote."""
    found = trial(FIXTURES / "raz-handnummers.docx", DOCUMENTS["raz-handnummers"].raad, tmp_path)
    assert found.exit_code == 0, found.output
    position = (tmp_path / "positions" / "uitbreiding.yaml").read_text(encoding="utf-8")
    assert "hervormingen.[^" in position
    assert found.notes_ours == found.notes_theirs == 3


def test_a_comment_in_an_imported_document_is_named_not_dropped(tmp_path: Path) -> None:
    from docx import Document  # noqa: PLC0415 - python-docx adds the comment under test

    document = Document(str(FIXTURES / "raz-handnummers.docx"))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Het kabinet zet in"))
    document.add_comment(paragraph.runs, text="Afstemmen met AZ", author="Piet")
    source = tmp_path / "ga.docx"
    document.save(str(source))
    root = small.empty(tmp_path / "project")
    result = briefgen(root, "import", str(source), "--raad", DOCUMENTS["raz-handnummers"].raad)
    assert result.exit_code == 0, result.output
    assert (
        "comment by Piet on 'Het kabinet zet in op korte en doelgerichte conclusies.': Afstemmen met AZ"
        in result.output
    )


def _agenda(root: Path, name: str) -> str:
    return (root / "agendas" / f"{DOCUMENTS[name].raad}.yaml").read_text(encoding="utf-8")


def test_a_ga_inside_its_letter_leaves_the_letters_text_in_the_letter(tmp_path: Path) -> None:
    """LVR's form: the letter's paragraphs before 'I. Geannoteerde agenda …' render in the
    letter again, before the GA, not after its title."""
    root = _imported(tmp_path, "lvr-brief-ondertekend")
    raad = DOCUMENTS["lvr-brief-ondertekend"].raad
    assert briefgen(root, "render", f"agendas/{raad}.yaml").exit_code == 0
    letter = [p.text for p in read(root / "build" / raad / "kamerbrief-tk.docx").paragraphs]
    opening = letter.index(
        "Op 29 maart a.s. vindt de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel. Met deze brief "
        "informeren we de Kamer over de agenda en de Nederlandse inbreng. Wij zijn voornemens om deze "
        "vergadering bij te wonen."
    )
    assert letter[opening + 1].startswith("Daarnaast informeren we de Kamer")
    assert letter[opening + 2] == "I. Geannoteerde agenda Landbouw- en Visserijraad 29 maart 2027"
    ga = [p.text for p in read(root / "build" / raad / "geannoteerde-agenda.docx").paragraphs]
    assert not any(t.startswith(("Op 29 maart", "Daarnaast")) for t in ga)


def test_the_letters_standard_sentences_are_left_to_the_template(tmp_path: Path) -> None:
    agenda = _agenda(_imported(tmp_path, "lvr-brief-ondertekend"), "lvr-brief-ondertekend")
    brief = agenda[agenda.index("brief:") :]
    assert "opening" not in brief and "deelname" not in brief
    assert "  alineas:\n    - |\n      Daarnaast informeren we" in brief


def test_the_letters_signatories_are_read_from_its_close(tmp_path: Path) -> None:
    """'De Minister van …,' and the name under it, per signatory: the data's ondertekenaars;
    a close in capitals is written as running text has it."""
    agenda = _agenda(_imported(tmp_path, "lvr-brief-ondertekend"), "lvr-brief-ondertekend")
    assert (
        "  ondertekenaars:\n"
        "    - functie: de Minister van Landbouw, Visserij, Voedselzekerheid en Natuur\n"
        "      naam: J.A. Voorbeeld\n"
        "    - functie: de Staatssecretaris van Landbouw, Visserij, Voedselzekerheid en Natuur\n"
        "      naam: B.C. Tweede\n"
    ) in agenda
    capitals = _agenda(_imported(tmp_path / "capitals", "lvr-brief-eigen-opening"), "lvr-brief-eigen-opening")
    assert (
        "    - functie: de Minister van Landbouw, Visserij, Voedselzekerheid en Natuur\n"
        "      naam: mr. A.B. de Vries\n"
    ) in capitals


def test_a_letter_worded_otherwise_keeps_its_own_sentences(tmp_path: Path) -> None:
    agenda = _agenda(_imported(tmp_path, "lvr-brief-eigen-opening"), "lvr-brief-eigen-opening")
    assert "  opening: Op maandag 24 mei vindt in Brussel de Landbouw- en Visserijraad plaats.\n" in agenda
    assert "  deelname: false\n" in agenda
    assert "  stand_van_zaken: Hierbij informeer ik de Kamer over de geannoteerde agenda." in agenda


def test_a_letter_without_signatories_stays_with_the_introduction_and_says_so(tmp_path: Path) -> None:
    root = small.empty(tmp_path)
    name = "lvr-tweedaags-vet"
    result = briefgen(root, "import", str(FIXTURES / f"{name}.docx"), "--raad", DOCUMENTS[name].raad)
    assert result.exit_code == 0, result.output
    assert "names no signatories; its paragraphs are kept in the GA's introduction" in result.output
    assert "Met deze brief informeren we de Kamer" in _agenda(root, name)


def test_a_verslags_signatories_are_read_from_its_close(tmp_path: Path) -> None:
    """A verslag letter that ends with its signatory needs none added by hand: it renders,
    its letters signed as the document was."""
    name = "verslag-ecofin-ondertekend"
    root = small.empty(tmp_path)
    result = briefgen(root, "import", str(FIXTURES / f"{name}.docx"), "--raad", DOCUMENTS[name].raad)
    assert result.exit_code == 0, result.output
    assert "ondertekenaars" not in result.output
    agenda = _agenda(root, name)
    assert "  ondertekenaars:\n    - functie: de Minister van Financiën\n      naam: E. Voorbeeld\n" in agenda
    assert "Hoogachtend" not in agenda and "Geachte" not in agenda
    assert briefgen(root, "render", f"agendas/{DOCUMENTS[name].raad}.yaml").exit_code == 0
    letter = [
        p.text for p in read(root / "build" / DOCUMENTS[name].raad / "kamerbrief-verslag-tk.docx").paragraphs
    ]
    assert letter[-2:] == ["DE MINISTER VAN FINANCIËN,", "E. Voorbeeld"]


def test_a_verslag_inside_its_letter_leaves_the_letters_opening_to_the_letter(tmp_path: Path) -> None:
    """LVR's verslag letter: its opening paragraph is the template's own (once, before part I,
    'jl.' as the letter dates it), not the verslag's summary."""
    name = "verslag-lvr-brief"
    root = small.empty(tmp_path)
    result = briefgen(root, "import", str(FIXTURES / f"{name}.docx"), "--raad", DOCUMENTS[name].raad)
    assert result.exit_code == 0, result.output
    agenda = _agenda(root, name)
    assert "samenvatting" not in agenda and "  opening:" not in agenda
    assert briefgen(root, "render", f"agendas/{DOCUMENTS[name].raad}.yaml").exit_code == 0
    build = root / "build" / DOCUMENTS[name].raad
    letter = [p.text for p in read(build / "kamerbrief-verslag-tk.docx").paragraphs]
    opening = [t for t in letter if t.startswith("Op 29 maart")]
    assert opening == [
        "Op 29 maart jl. vond de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel. Met deze brief "
        "informeer ik de Kamer over de uitkomsten van de Raad."
    ]
    assert letter.index(opening[0]) < letter.index("I. Verslag Landbouw- en Visserijraad 29 maart 2027")


def test_a_verslags_numbered_diversen_part_keeps_its_numeral(tmp_path: Path) -> None:
    """'II. Diversen' in a verslag: its heading as written (the verslag numbers no diversen)."""
    name = "verslag-lvr-brief"
    root = small.empty(tmp_path)
    assert (
        briefgen(root, "import", str(FIXTURES / f"{name}.docx"), "--raad", DOCUMENTS[name].raad).exit_code
        == 0
    )
    assert "  diversenkop: II. Diversen\n" in _agenda(root, name)
