"""The whole GA package: Kamerbrieven, nota, arcering copies, PDFs and a second formation."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import small
from briefgen.cli import main
from docxread import Docx, read
from helpers import AGENDA, GA, LVVN_OUT, PACKAGE, briefgen, documents, edit

OUT = GA.parent
MEDE_NAMENS = (
    "mede namens de Minister van Buitenlandse Handel en Ontwikkelingssamenwerking en de Minister "
    "van Landbouw, Visserij, Voedselzekerheid en Natuur,"
)


def doc(root: Path, name: str, folder: Path = OUT) -> Docx:
    return read(root / folder / name)


def texts(document: Docx, style: str | None = None) -> list[str]:
    return [p.text for p in document.paragraphs if style is None or p.style == style]


def test_tk_letter_is_addressed_to_the_tweede_kamer(package: Path) -> None:
    address = texts(doc(package, "kamerbrief-tk.docx"), "Adres")
    assert address == [
        "De Voorzitter van de Tweede Kamer\nder Staten-Generaal\nPostbus 20018\n2500 EA DEN HAAG"
    ]


def test_ek_letter_is_addressed_to_the_eerste_kamer(package: Path) -> None:
    address = texts(doc(package, "kamerbrief-ek.docx"), "Adres")
    assert address == [
        "De Voorzitter van de Eerste Kamer\nder Staten-Generaal\nPostbus 20017\n2500 EA DEN HAAG"
    ]


def test_letter_has_date_and_subject(package: Path) -> None:
    assert texts(doc(package, "kamerbrief-tk.docx"), "Kenmerk") == [
        "Datum\t5 maart 2026",
        "Betreft\tGeannoteerde Agenda Milieuraad 17 maart 2026",
    ]


def test_letter_opens_with_salutation_and_standard_opening(package: Path) -> None:
    letter = texts(doc(package, "kamerbrief-tk.docx"))
    salutation = letter.index("Geachte voorzitter,")
    assert letter[salutation + 1] == (
        f"Hierbij sturen wij u, {MEDE_NAMENS} de geannoteerde agenda van de Milieuraad van 17 maart "
        "2026 in Brussel. Het kabinet is voornemens deel te nemen aan deze Milieuraad. De inhoud van "
        "deze geannoteerde agenda geeft de meest recente stand van zaken weer want er is nog geen "
        "definitief vastgestelde agenda."
    )


def test_letter_carries_the_extra_paragraph(package: Path) -> None:
    letter = texts(doc(package, "kamerbrief-ek.docx"))
    assert any(t.startswith("Daarnaast treft u in de bijlage een rapport van Revnext") for t in letter)


def test_letter_closes_with_one_signature_block_per_minister(package: Path) -> None:
    letter = doc(package, "kamerbrief-tk.docx")
    closing = texts(letter)[texts(letter).index("Hoogachtend,") :]
    assert closing == [
        "Hoogachtend,",
        "DE STAATSSECRETARIS VAN INFRASTRUCTUUR EN WATERSTAAT,",
        "Annet Bertram",
        "DE MINISTER VAN KLIMAAT EN GROENE GROEI,",
        "S. van Veldhoven-van der Meer",
    ]
    assert texts(letter, "Ondertekening") == closing[1::2]


def test_one_signing_minister_writes_ik(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "  alineas:\n", "  mede_namens:\n    - de Minister van Financiën\n  alineas:\n")
    letter = texts(documents(root, small.AGENDA)["kamerbrief-tk"])
    assert any(
        t.startswith("Hierbij stuur ik u, mede namens de Minister van Financiën, de geannoteerde")
        for t in letter
    )


def test_letter_reference_column_is_a_frame(package: Path) -> None:
    letter = doc(package, "kamerbrief-tk.docx")
    column = [p for p in letter.paragraphs if p.style in ("Referentiegegevens", "Rubricering")]
    assert [p.text for p in column] == [
        "Ministerie van Infrastructuur en Waterstaat",
        "Rijnstraat 8\n2515 XP Den Haag",
        "Postbus 20901\n2500 EX Den Haag",
        "Ons kenmerk\nIENW/BSK-2026/32166",
        "Bijlage(n)\n2",
        "Intern gebruik",
    ]
    assert all(p.framed for p in column)
    framed = [p.style for p in letter.paragraphs if p not in column and p.framed]
    assert framed == ["Retouradres", "Adres"]


def test_nota_reference_column(package: Path) -> None:
    column = texts(doc(package, "nota.docx"), "Referentiegegevens")
    assert column == [
        "Datum\n25 februari 2026",
        "Onze referentie\nIENW/BSK-2026/32165",
        "Opgesteld door\nDG Milieu en Internationaal\nBestuursadvies\nAfd. F",
        "Beslistermijn\n2 maart 2026",
        "Bijlage(n)\n4",
    ]


def test_nota_sections_in_order(package: Path) -> None:
    nota = doc(package, "nota.docx")
    assert texts(nota, "Title") == ["TER BESLISSING"]
    assert texts(nota, "Heading1") == [
        "Geadviseerd besluit",
        "Beslistermijn",
        "Informatie die niet openbaargemaakt kan worden",
        "Toelichting",
        "Bijlagen",
    ]
    assert texts(nota, "Heading2")[0] == "Interdepartementale afstemming"
    assert texts(nota, "Heading2")[-1] == "Revnext-rapport"


def test_nota_advised_decisions_are_a_numbered_list(package: Path) -> None:
    nota = doc(package, "nota.docx")
    decisions = [p for p in nota.paragraphs if p.num_id and p.text.startswith("Akkoord te gaan")]
    assert len(decisions) == 5
    assert len({p.num_id for p in decisions}) == 1
    assert nota.number_format(decisions[0]) == "%1)"


def test_nota_summarises_each_item_from_its_kern(package: Path) -> None:
    nota = doc(package, "nota.docx")
    items = [p.text for p in nota.paragraphs if p.num_id and p.text.startswith(("Een ", "Het ", "Diverse"))]
    assert len(items) == 5
    assert items[0].startswith("Een beleidsdebat over de revisie van de CO2-emissienormen")
    assert ": Het kabinet zet zich in voor innovatie" in items[0]
    assert items[4].startswith("Diversenpunt: de resultaten van de 12e plenaire vergadering")


def test_nota_bijlagen_table(package: Path) -> None:
    (table,) = doc(package, "nota.docx").tables
    assert table[0] == ["Volgnummer", "Naam", "Informatie"]
    assert [row[0] for row in table[1:]] == ["02", "03", "04", "05"]
    assert table[4][1] == "Revnext-rapport"


def test_nota_footnotes_restart_at_one(package: Path) -> None:
    nota = doc(package, "nota.docx")
    references = [i for p in nota.paragraphs for i in p.note_ids]
    assert references == ["1", "2", "3"]
    assert nota.notes["1"].startswith("België, Zweden")
    assert nota.notes["2"].startswith("Een science-policy interface")


def test_review_copy_shades_the_portfolio_items(package: Path) -> None:
    copy = doc(package, "geannoteerde-agenda.arcering-kgg.docx")
    shaded = [p.text for p in copy.paragraphs if p.shaded]
    assert shaded[0] == "Gedachtewisseling decarbonisatie post 2030"
    assert {"Introductie", "Inzet Nederland", "Krachtenveld"} <= set(shaded)
    assert "Beleidsdebat CO2-emissienormen" not in shaded


def test_ga_for_parliament_has_no_shading(package: Path) -> None:
    ga = doc(package, "geannoteerde-agenda.docx")
    assert not any(p.shaded for p in ga.paragraphs)
    assert b"w:shd" not in ga.xml["word/document.xml"]


def test_item_portfolio_overrides_the_dossier(package: Path) -> None:
    copy = doc(package, "geannoteerde-agenda.arcering-lvvn.docx", LVVN_OUT)
    shaded = [p.text for p in copy.paragraphs if p.shaded]
    assert "Biotech Act I" in shaded


def test_unknown_portfolio_names_the_known_ones(project: Path) -> None:
    result = briefgen(project, "render", AGENDA, "--arcering", "BZK")
    assert result.exit_code == 1
    assert (
        "no item on this agenda belongs to portfolio 'BZK'; portfolios here: IenW, KGG, LVVN" in result.stderr
    )


def test_agenda_without_letter_data_skips_the_letters(project: Path) -> None:
    path = project / AGENDA
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\n# De Kamerbrieven")] + "\n", encoding="utf-8")
    result = briefgen(project, "render", AGENDA)
    assert result.exit_code == 0
    assert "warning: no 'brief' section: the Kamerbrieven not written" in result.stderr
    assert not (project / OUT / "kamerbrief-tk.docx").exists()


def test_lvvn_letter_carries_the_ga_in_roman_parts(package: Path) -> None:
    letter = doc(package, "kamerbrief-tk.docx", LVVN_OUT)
    assert texts(letter, "Heading1") == [
        "I. Geannoteerde agenda Landbouw- en Visserijraad 26 januari 2026",
        "II. Diversen",
    ]
    assert "Voedselzekerheid en weerbaarheid van de voedselketen" in texts(letter, "Heading2")


def test_lvvn_letter_is_running_prose(package: Path) -> None:
    letter = texts(doc(package, "kamerbrief-tk.docx", LVVN_OUT))
    assert letter[letter.index("Geachte voorzitter,") + 1].startswith(
        "Op 26 januari a.s. vindt de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel."
    )
    assert any(t.endswith("Tijdens de Raad zal Nederland langs deze lijnen interveniëren.") for t in letter)
    assert "Inzet Nederland" not in letter


def test_pdf_without_libreoffice_says_what_to_install(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    runner = CliRunner(env={"PATH": str(empty)})
    result = runner.invoke(main, ["render", AGENDA, "--pdf", "--root", str(project)])
    assert result.exit_code == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"{project / GA}: --pdf needs LibreOffice: install it")
    assert (project / GA).is_file()
    assert not list((project / OUT).glob("*.pdf"))


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="no LibreOffice"
)
def test_pdf_numbers_page_one_and_follow_on_pages(project: Path) -> None:
    result = briefgen(project, "render", AGENDA, "--pdf")
    assert result.exit_code == 0, result.output
    pdfs = sorted(p.name for p in (project / OUT).glob("*.pdf"))
    assert pdfs == sorted(name.replace(".docx", ".pdf") for name in PACKAGE)
    pages = subprocess.run(
        ["pdftotext", str(project / OUT / "nota.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    assert "Pagina 1 van 4" in pages[0]
    assert "Pagina 2 van 4" in pages[1]
    assert os.path.getsize(project / OUT / "nota.pdf") > 0
