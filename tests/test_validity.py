"""Every kind of document opens in readers nobody here wrote, and in LibreOffice.

openxml-audit checks each against the ISO/IEC 29500 schemas and Word's semantic rules
(strict policy); docx2python, mammoth and pandoc read each back. The documents cover
every kind briefgen writes: the package, a review copy, the update document with
tracked changes, a diff, the LVVN example, links and a footnote holding a list.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import mammoth
import pikepdf
import pytest
from docx2python import docx2python
from lxml import etree
from openxml_audit import OpenXmlValidator

import small
from docxread import W, read
from helpers import AGENDA, GA, LVVN_OUT, PACKAGE, REPO, briefgen, copy_example, edit

OUT = GA.parent
RAZ = "raad-algemene-zaken-2025-11-17"
SMALL_OUT = Path("small") / small.OUT
DOCUMENTS = [
    *(str(OUT / name) for name in PACKAGE),
    str(OUT / "geannoteerde-agenda.arcering-kgg.docx"),
    "diff.docx",
    *(str(LVVN_OUT / name) for name in ("geannoteerde-agenda.docx", "kamerbrief-tk.docx")),
    str(LVVN_OUT / "geannoteerde-agenda.arcering-lvvn.docx"),
    *(f"build/{RAZ}/{name}" for name in ("geannoteerde-agenda.docx", "kamerbrief-tk.docx")),
    str(SMALL_OUT / "geannoteerde-agenda.docx"),
    str(SMALL_OUT / "geannoteerde-agenda.wijzigingen.docx"),
]


@pytest.fixture(scope="module")
def documents(package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example package grown to every kind of document: a diff and the RAZ model's letter
    and GA; beside it, in small/, a small project's GA with links and a footnote holding a list,
    and its update document."""
    root = tmp_path_factory.mktemp("kinds") / "project"
    shutil.copytree(package, root)
    assert briefgen(root, "render", f"agendas/{RAZ}.yaml").exit_code == 0
    diff = ("diff", "co2-normen", "--from", "milieuraad-2026-03-17", "--to", "milieuraad-2026-06-16")
    assert briefgen(root, *diff, "--format", "docx", "-o", str(root / "diff.docx")).exit_code == 0
    own = small.project(root / "small")
    assert briefgen(own, "render", small.AGENDA).exit_code == 0
    small.with_link(own)
    edit(own, small.NOTES, "  gedeeld: >-\n    [Een]", "  gedeeld: |-\n    1. [Een]")
    assert briefgen(own, "render", small.AGENDA).exit_code == 0
    assert (root / SMALL_OUT / "geannoteerde-agenda.wijzigingen.docx").is_file()
    return root


def audit(path: Path) -> list[str]:
    """openxml-audit's findings in strict mode. A validator per document: one validator reused
    across documents mixes up their footnote ids (openxml-audit 0.8)."""
    return [str(error) for error in OpenXmlValidator(max_errors=0, strict=True).validate(str(path)).errors]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_openxml_audit_strict_has_no_finding(documents: Path, name: str) -> None:
    assert audit(documents / name) == []


def test_reference_docx_has_no_finding() -> None:
    assert audit(REPO / "templates" / "reference.docx") == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_docx2python_reads_text_and_properties(documents: Path, name: str) -> None:
    path = documents / name
    with docx2python(path) as result:
        text, properties = result.text, result.core_properties
    for heading in [p.raw for p in read(path).paragraphs if p.style == "Heading1"]:
        assert heading in text
    assert properties["language"] == "nl-NL"
    assert properties["title"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_mammoth_reads_headings_as_headings(documents: Path, name: str) -> None:
    path = documents / name
    with path.open("rb") as stream:
        result = mammoth.convert_to_html(stream)
    assert [m for m in result.messages if m.type == "error"] == []
    for heading in [p.raw for p in read(path).paragraphs if p.style == "Heading1"]:
        assert f"<h1>{heading}" in result.value.replace("&amp;", "&")


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
@pytest.mark.parametrize("name", DOCUMENTS)
def test_pandoc_reads_headings_as_level_one(documents: Path, name: str) -> None:
    path = documents / name
    ast = json.loads(
        subprocess.run(
            ["pandoc", "-f", "docx", "-t", "json", str(path)], check=True, capture_output=True, text=True
        ).stdout
    )
    levels = [block["c"][0] for block in ast["blocks"] if block["t"] == "Header"]
    if read(path).styled("Heading1"):
        assert levels and min(levels) == 1


def outline_levels(path: Path) -> dict[str, str | None]:
    styles = etree.fromstring(read(path).xml["word/styles.xml"])
    levels: dict[str, str | None] = {}
    for style in styles.iter(f"{W}style"):
        level = style.find(f"{W}pPr/{W}outlineLvl")
        levels[style.get(f"{W}styleId")] = level.get(f"{W}val") if level is not None else None
    return levels


def test_headings_start_at_outline_level_zero(documents: Path) -> None:
    levels = outline_levels(documents / GA)
    assert (levels["Title"], levels["Heading1"], levels["Heading2"], levels["Heading3"]) == (
        None,
        "0",
        "1",
        "2",
    )


def test_default_language_is_dutch(documents: Path) -> None:
    styles = read(documents / GA).xml["word/styles.xml"].decode()
    assert '<w:lang w:val="nl-NL"' in styles


def test_attachment_table_header_row_repeats(documents: Path) -> None:
    body = etree.fromstring(read(documents / OUT / "nota.docx").xml["word/document.xml"])
    rows = body.findall(f".//{W}tbl/{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_part_declares_the_relationship_namespace(documents: Path, name: str) -> None:
    """Readers such as docx2python look the ``r`` prefix up on every part's elements."""
    xml = read(documents / name).xml
    for part, data in xml.items():
        if part.startswith("word/") and part.endswith(".xml") and "/theme/" not in part:
            root = etree.parse(io.BytesIO(data)).getroot()
            assert "r" in root.nsmap, part


@pytest.fixture(scope="module")
def pdf_text(rendered: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or poppler-utils not installed")
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(rendered),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / (rendered.stem + ".pdf")
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_pdf_shows_headings(pdf_text: str) -> None:
    assert "Beleidsdebat CO2-emissienormen" in pdf_text
    assert "Inzet Nederland" in pdf_text


def test_pdf_shows_numbered_agenda_list(pdf_text: str) -> None:
    flat = " ".join(pdf_text.split())
    assert "1. Een beleidsdebat" in flat
    assert "4. Het bereiken van een akkoord" in flat


def test_pdf_shows_footnote_texts(pdf_text: str) -> None:
    flat = " ".join(pdf_text.split())
    assert "Kamerstukken II, 2025-2026, 22 112, nr. 4238." in flat
    assert "COM (2025) 960." in flat


def test_pdf_shows_page_numbers(pdf_text: str) -> None:
    flat = " ".join(pdf_text.split())
    assert "Pagina 2 van " in flat


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example package and a KGG review copy rendered with --pdf."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    root = tmp_path_factory.mktemp("pdfs")
    copy_example(root)
    assert briefgen(root, "render", AGENDA, "--pdf", "--arcering", "KGG").exit_code == 0
    return root / OUT


def structure_tags(pdf: pikepdf.Pdf) -> list[str]:
    """The structure types of a PDF's tagged content, in document order."""
    tags: list[str] = []
    stack: list[object] = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                tags.append(str(node.S))
            if "/K" in node:
                stack.append(node.K)
    return tags


@pytest.mark.parametrize("name", PACKAGE)
def test_pdf_is_tagged_dutch_and_titled(pdfs: Path, name: str) -> None:
    with pikepdf.open(pdfs / name.replace(".docx", ".pdf")) as pdf:
        assert pdf.Root.MarkInfo.Marked
        assert str(pdf.Root.Lang) == "nl-NL"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        with pdf.open_metadata() as metadata:
            title, conformance = metadata.get("dc:title"), metadata.get("pdfuaid:part")
        assert title == read(pdfs / name).core_title
        assert conformance == "1"
        assert "/Document" in structure_tags(pdf)


def test_pdf_headings_are_tagged_as_headings(pdfs: Path) -> None:
    with pikepdf.open(pdfs / "geannoteerde-agenda.pdf") as pdf:
        tags = structure_tags(pdf)
    document = read(pdfs / "geannoteerde-agenda.docx")
    assert tags.count("/H1") == len(document.styled("Heading1"))
    assert tags.count("/H2") == len(document.styled("Heading2"))


def test_review_copy_pdf_says_so_on_every_page(pdfs: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    text = subprocess.run(
        ["pdftotext", str(pdfs / "geannoteerde-agenda.arcering-kgg.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 1
    assert all("INTERNE REVIEWVERSIE (ARCERING KGG) – NIET VERZENDEN" in page for page in pages)
