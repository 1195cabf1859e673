"""Rijkshuisstijl details of the letters, the nota and the review copy, read back from the parts."""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree

import small
from docxread import W, read
from helpers import GA, documents, edit

OUT = GA.parent
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REVIEW = "Interne reviewversie (arcering KGG) – niet verzenden"


def header_texts(path: Path) -> dict[str, str]:
    """The text of the first-page and follow-on headers (``first``, ``default``), fields as shown."""
    xml = read(path).xml
    relations = etree.fromstring(xml["word/_rels/document.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in relations}
    body = etree.fromstring(xml["word/document.xml"])
    texts = {}
    for reference in body.iter(f"{W}headerReference"):
        header = etree.fromstring(xml[posixpath.join("word", targets[reference.get(f"{R}id")])])
        innermost = [p for p in header.iter(f"{W}p") if p.find(f".//{W}p") is None]
        paragraphs = ["".join(t.text or "\n" for t in p.iter(f"{W}t", f"{W}br")) for p in innermost]
        texts[reference.get(f"{W}type")] = "\n".join(p for p in paragraphs if p)
    return texts


def style_spacing(path: Path, style_id: str) -> dict[str, int]:
    styles = etree.fromstring(read(path).xml["word/styles.xml"])
    style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == style_id)
    spacing = style.find(f"{W}pPr/{W}spacing")
    return {k.removeprefix(W): int(v) for k, v in spacing.attrib.items() if v.isdigit()}


def test_review_copy_says_so_on_every_page(package: Path) -> None:
    headers = header_texts(package / OUT / "geannoteerde-agenda.arcering-kgg.docx")
    assert set(headers) == {"first", "default"}
    assert all(REVIEW in text for text in headers.values())


def test_ga_for_parliament_has_no_review_line(package: Path) -> None:
    headers = header_texts(package / GA)
    assert not any("reviewversie" in text for text in headers.values())


def test_review_copy_title_says_so(package: Path) -> None:
    assert read(package / OUT / "geannoteerde-agenda.arcering-kgg.docx").core_title.endswith(
        "(interne reviewversie)"
    )


def test_letter_has_return_address_above_the_addressee(package: Path) -> None:
    paragraphs = read(package / OUT / "kamerbrief-tk.docx").paragraphs
    styles = [p.style for p in paragraphs]
    returned = styles.index("Retouradres")
    assert paragraphs[returned].text == "> Retouradres Postbus 20901 2500 EX Den Haag"
    assert styles[returned + 1] == "Adres"


def test_letter_reference_column_has_addresses_and_attachments(package: Path) -> None:
    column = read(package / OUT / "kamerbrief-tk.docx").styled("Referentiegegevens")
    assert column[:3] == [
        "Ministerie van Infrastructuur en Waterstaat",
        "Rijnstraat 8\n2515 XP Den Haag",
        "Postbus 20901\n2500 EX Den Haag",
    ]
    assert "Bijlage(n)\n2" in column


def test_letter_reference_column_has_ons_kenmerk_when_given(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    edit(root, small.AGENDA, "kenmerk: IENW/BSK-2030/2\n", "kenmerk: IENW/BSK-2030/40001\n")
    column = documents(root, small.AGENDA)["kamerbrief-ek"].styled("Referentiegegevens")
    assert "Ons kenmerk\nIENW/BSK-2030/40001" in column


def test_reference_column_starts_level_with_the_addressee(package: Path) -> None:
    document = read(package / OUT / "kamerbrief-tk.docx")
    body = etree.fromstring(document.xml["word/document.xml"])
    frame = body.find(f".//{W}framePr")
    top = int(body.find(f".//{W}sectPr/{W}pgMar").get(f"{W}top"))
    retouradres = style_spacing(package / OUT / "kamerbrief-tk.docx", "Retouradres")
    assert int(frame.get(f"{W}y")) == top + retouradres["line"] + retouradres["after"]


def test_signature_space_is_between_office_and_name(package: Path) -> None:
    path = package / OUT / "kamerbrief-tk.docx"
    slot, office = style_spacing(path, "Slot"), style_spacing(path, "Ondertekening")
    assert slot["after"] == 0
    assert office["before"] <= 240
    assert office["after"] >= 720
    styles = [p.style for p in read(path).paragraphs if p.style in ("Slot", "Ondertekening", "Ondertekenaar")]
    assert styles == ["Slot", "Ondertekening", "Ondertekenaar", "Ondertekening", "Ondertekenaar"]


def test_nota_names_the_council_on_page_one(package: Path) -> None:
    assert "Betreft\tMilieuraad 17 maart 2026" in read(package / OUT / "nota.docx").styled("Kenmerk")


def test_nota_follow_on_pages_repeat_the_reference_column(package: Path) -> None:
    headers = header_texts(package / OUT / "nota.docx")
    follow_on = headers["default"].splitlines()
    assert follow_on[:4] == ["Pagina 1 van 1", "TER BESLISSING", "Datum", "25\xa0februari\xa02026"]
    assert "Onze referentie" in follow_on and "Beslistermijn" in follow_on
    assert "Datum" not in headers["first"]


def test_nota_page_numbers_are_fields_on_page_one_and_after(package: Path) -> None:
    xml = read(package / OUT / "nota.docx").xml
    headers = [xml[n].decode() for n in xml if n.startswith("word/header")]
    assert sum('w:instr=" PAGE "' in h and "txbxContent" in h for h in headers) == 2


def test_nota_decisions_have_no_blank_lines_between_them(package: Path) -> None:
    path = package / OUT / "nota.docx"
    decisions = read(path).styled("Besluitenlijst")
    assert decisions[0].startswith("Akkoord te gaan met Kamerbrieven")
    assert len([d for d in decisions if d.startswith("Akkoord")]) == 5
    assert style_spacing(path, "Besluitenlijst")["after"] == 0
