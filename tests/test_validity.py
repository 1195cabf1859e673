"""Every document passes the ISO/IEC 29500 schema check and opens in LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import AGENDA, GA, LVVN_OUT, PACKAGE, REPO, briefgen

CHECKER = REPO.parent / "shared" / "tools" / "ooxml_check.py"
needs_checker = pytest.mark.skipif(not CHECKER.exists(), reason="../shared/tools/ooxml_check.py not present")


@needs_checker
@pytest.mark.parametrize(
    "name",
    [str(GA.parent / n) for n in (*PACKAGE, "geannoteerde-agenda.arcering-kgg.docx")]
    + [str(LVVN_OUT / n) for n in ("geannoteerde-agenda.docx", "kamerbrief-tk.docx", "kamerbrief-ek.docx")]
    + [str(LVVN_OUT / "geannoteerde-agenda.arcering-lvvn.docx")],
)
def test_document_passes_schema_check(package: Path, name: str) -> None:
    result = subprocess.run(
        [sys.executable, str(CHECKER), str(package / name)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": valid" in result.stdout


@needs_checker
def test_footnote_that_is_a_list_passes_schema_check(project: Path) -> None:
    shared = project / "positions" / "_voetnoten.yaml"
    text = shared.read_text(encoding="utf-8")
    shared.write_text(
        text.replace("  cascaderingsprincipe: >-\n    Het", "  cascaderingsprincipe: |-\n    1. Het", 1),
        encoding="utf-8",
    )
    assert briefgen(project, "render", AGENDA).exit_code == 0
    result = subprocess.run([sys.executable, str(CHECKER), str(project / GA)], capture_output=True, text=True)
    assert ": valid" in result.stdout, result.stdout


@needs_checker
def test_hyperlinks_in_text_and_footnotes_pass_schema_check(project: Path) -> None:
    from test_render_ga import with_link

    with_link(project)
    result = subprocess.run([sys.executable, str(CHECKER), str(project / GA)], capture_output=True, text=True)
    assert ": valid" in result.stdout, result.stdout


@needs_checker
def test_reference_docx_passes_schema_check() -> None:
    reference = REPO / "templates" / "reference.docx"
    result = subprocess.run([sys.executable, str(CHECKER), str(reference)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


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
