"""PDF copies of written documents, made by LibreOffice.

LibreOffice's start-up dominates the cost, so the documents are split over one
``soffice`` process per core, each with its own user profile (two instances cannot
share one). PDFs are converted into a temporary folder and renamed into place.

A LibreOffice profile holds settings, extensions and macros that run at start-up, so
each conversion makes a fresh one in a private folder (``mkdtemp``: a name nobody can
guess, mode 0700, owned by us) and removes it afterwards; a folder another user
prepared can never be taken for ours.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import Location, UserError, fail

INSTALL_HINT = (
    "--pdf needs LibreOffice: install it (Debian/Ubuntu: 'apt install libreoffice-writer-nogui') "
    "and make sure 'soffice' is on the PATH; the .docx files were written"
)


# Tagged PDF (structure tree, document language, title shown) and PDF/UA-1 conformance, as
# EN 301 549 asks of published documents; LibreOffice takes the title and language from the
# .docx's core properties and default language.
PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {
        "UseTaggedPDF": {"type": "boolean", "value": "true"},
        "PDFUACompliance": {"type": "boolean", "value": "true"},
    },
    separators=(",", ":"),
)


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(documents: Sequence[Path], workers: int | None = None) -> list[Path]:
    """Write ``X.pdf`` next to each ``X.docx``; return the PDFs written.

    Without LibreOffice the first document is named as the one that could not be converted.
    """
    if not documents:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise _failed(documents[0], INSTALL_HINT)
    count = max(1, min(workers or os.cpu_count() or 1, len(documents)))
    groups = [list(documents[index::count]) for index in range(count)]
    with ThreadPoolExecutor(count) as pool:
        results = list(pool.map(lambda pair: _convert_group(soffice, *pair), enumerate(groups)))
    written = {pdf.stem: pdf for group in results for pdf in group}
    return [written[document.stem] for document in documents]


def _convert_group(soffice: str, number: int, documents: list[Path]) -> list[Path]:
    folder = documents[0].parent
    with (
        tempfile.TemporaryDirectory(prefix=f"briefgen-libreoffice-{number}-") as profile,
        tempfile.TemporaryDirectory(prefix=".pdf-", dir=folder) as scratch,
    ):
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            scratch,
            *map(str, documents),
        ]
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise _failed(documents[0], f"LibreOffice could not convert the documents: {error}") from None
        written = []
        for document in documents:
            made = Path(scratch) / f"{document.stem}.pdf"
            if not made.is_file():
                detail = (finished.stderr or finished.stdout).strip().splitlines()
                raise _failed(
                    document,
                    "LibreOffice did not convert this document"
                    + (f": {detail[-1]}" if detail else f" (exit code {finished.returncode})"),
                )
            target = document.with_suffix(".pdf")
            os.replace(made, target)
            written.append(target)
        return written


def _failed(document: Path, message: str) -> UserError:
    return fail(Location.file(str(document)), message)
