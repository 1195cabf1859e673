"""``render --pdf`` of several agendas: every PDF is its own document's, and LibreOffice's
warnings are no errors."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import small
from docxread import read
from helpers import briefgen

JUNE = "raad-2030-06-12"
JUNE_OUT = Path("build") / JUNE


def _two_agendas(root: Path) -> Path:
    """A small project with a second agenda, in June, on the same dossier with other texts;
    each has a GA, letters and a nota, all named alike in the two build folders."""
    small.project(root, 1, letter=True, nota=True)
    march = (root / small.AGENDA).read_text(encoding="utf-8")
    (root / "agendas" / f"{JUNE}.yaml").write_text(
        march.replace(small.ID, JUNE).replace("datum: 2030-03-12", "datum: 2030-06-12"), encoding="utf-8"
    )
    with (root / "positions" / "bodem.yaml").open("a", encoding="utf-8") as position:
        position.write(
            f"  - raad: {JUNE}\n"
            "    introductie: Juni-introductie over grondwater en zandwinning.\n"
            "    inzet: Juni-inzet voor een strengere saneringsnorm.\n"
            "    kern: Juni-kern.\n"
            "    krachtenveld: Juni-krachtenveld met zeven lidstaten.\n"
        )
    return root


RECORDING_SOFFICE = """#!{python}
import hashlib
import sys
from pathlib import Path
args = sys.argv[1:]
outdir = Path(args[args.index("--outdir") + 1])
for document in args[args.index("--outdir") + 2:]:
    digest = hashlib.sha256(Path(document).read_bytes()).hexdigest()
    (outdir / (Path(document).stem + ".pdf")).write_text("PDF of " + digest)
print("Warning: failed to launch javaldx - java may not function correctly", file=sys.stderr)
print("convert " + args[-1] + " -> somewhere using filter : writer_pdf_Export")
"""


def test_each_agendas_pdfs_are_of_its_own_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _two_agendas(tmp_path / "project")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "soffice").write_text(RECORDING_SOFFICE.format(python=sys.executable))
    (bin_folder / "soffice").chmod(0o700)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # one LibreOffice for all: the case that mixed them up
    result = briefgen(root, "render", "agendas", "--pdf")
    assert result.exit_code == 0, result.output
    pdfs = sorted((root / "build").glob("*/*.pdf"))
    assert {pdf.parent.name for pdf in pdfs} == {small.ID, JUNE}
    assert len(pdfs) == len(list((root / "build").glob("*/*.docx"))) >= 6
    for pdf in pdfs:
        assert (
            pdf.read_text() == f"PDF of {hashlib.sha256(pdf.with_suffix('.docx').read_bytes()).hexdigest()}"
        )
    assert not list((root / "build").glob("*/.pdf-*"))


def test_a_document_libreoffice_did_not_convert_is_named_without_its_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small.project(tmp_path / "project", 1)
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    failing = (
        "#!/bin/sh\necho 'Warning: failed to launch javaldx - java may not function correctly' >&2\nexit 1\n"
    )
    (bin_folder / "soffice").write_text(failing)
    (bin_folder / "soffice").chmod(0o700)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    result = briefgen(root, "render", small.AGENDA, "--pdf")
    assert result.exit_code == 1
    assert "LibreOffice did not convert this document (exit code 1)" in result.stderr
    assert "javaldx" not in result.stderr


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _docx_words(path: Path) -> list[str]:
    docx = read(path)
    cells = [cell for table in docx.tables for row in table for cell in row]
    return _words(" ".join([p.text for p in docx.paragraphs] + cells + docx.note_texts()))


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="no LibreOffice or pdftotext"
)
def test_two_agendas_pdfs_read_as_their_own_docx(tmp_path: Path) -> None:
    root = _two_agendas(tmp_path)
    result = briefgen(root, "render", "agendas", "--pdf")
    assert result.exit_code == 0, result.output
    docs = sorted((root / "build").glob("*/*.docx"))
    assert {doc.parent.name for doc in docs} == {small.ID, JUNE}
    for doc in docs:
        shown = subprocess.run(
            ["pdftotext", str(doc.with_suffix(".pdf")), "-"], capture_output=True, text=True
        )
        assert shown.returncode == 0, shown.stderr
        pdf = _words(shown.stdout)
        own = _docx_words(doc)
        other = _docx_words(
            doc.parent.parent / (JUNE if doc.parent.name == small.ID else small.ID) / doc.name
        )
        assert set(own) <= set(pdf), (doc, set(own) - set(pdf))
        if own != other:
            ratio = difflib.SequenceMatcher(None, own, pdf, autojunk=False).ratio()
            assert ratio > difflib.SequenceMatcher(None, other, pdf, autojunk=False).ratio(), doc
