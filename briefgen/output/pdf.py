"""PDF copies of written documents, made by LibreOffice.

LibreOffice's start-up dominates the cost, so the documents are split over one
``soffice`` process per core, each with its own user profile (two instances cannot
share one). PDFs are converted into a temporary folder and renamed into place; as
LibreOffice names a PDF after its document's file name alone, each conversion takes
the documents of one build folder only (several agendas' GAs are all called
``geannoteerde-agenda.docx``). LibreOffice's warnings (``failed to launch javaldx``)
are no errors: a document is converted when its PDF was made.

A LibreOffice profile holds settings, extensions and macros that run at start-up, so
each conversion makes a fresh one in a private folder (``mkdtemp``: a name nobody can
guess, mode 0700, owned by us) and removes it afterwards; a folder another user
prepared can never be taken for ours.

The conversion runs after the build folder was switched in, where whoever can write the
build folder could swap a document for a link (to a file of the drafter's that they
cannot read, whose PDF they then could) while LibreOffice starts. So LibreOffice converts
private copies, in that private folder: each document is read without following a link,
and only while it is a regular file of the caller's with no other name (a hard link to a
secret is refused too); each PDF is then put beside its document as a new file, whole.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..data import platform
from ..data.files import NotRegularFile, TooLarge, read_regular
from ..errors import Location, UserError, _, fail
from ..word.archive import MAX_PACKAGE_BYTES
from .disk import create_whole

INSTALL_HINT = _(
    "--pdf needs LibreOffice: install it (Debian/Ubuntu: 'apt install libreoffice-writer-nogui') and make sure 'soffice' is on the PATH; the .docx files were written"
)


NOT_OURS = _("is no longer the document briefgen wrote (replaced since, or a link); render again")
"""A document, or its folder, swapped since render wrote it (see the module's docstring)."""


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
    """Write ``X.pdf`` next to each ``X.docx``; return the PDFs written, in the same order.

    Without LibreOffice the first document is named as the one that could not be converted.
    """
    if not documents:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise _failed(documents[0], INSTALL_HINT)
    count = max(1, workers or os.cpu_count() or 1)
    batches = _batches(documents, count)
    with ThreadPoolExecutor(min(count, len(batches))) as pool:
        list(pool.map(lambda pair: _convert_batch(soffice, *pair), enumerate(batches)))
    return [document.with_suffix(".pdf") for document in documents]


def _batches(documents: Sequence[Path], count: int) -> list[list[Path]]:
    """The documents in groups for one ``soffice`` each: one build folder's documents per
    group (LibreOffice names each PDF after its document alone, so two folders'
    ``geannoteerde-agenda.docx`` must never share an output folder); a single folder's
    split over ``count`` processes."""
    folders: dict[Path, list[Path]] = {}
    for document in documents:
        folders.setdefault(document.parent, []).append(document)
    if len(folders) == 1:
        return [group for group in (list(documents[index::count]) for index in range(count)) if group]
    return list(folders.values())


def _convert_batch(soffice: str, number: int, documents: list[Path]) -> None:
    with (
        tempfile.TemporaryDirectory(prefix=f"briefgen-libreoffice-{number}-") as profile_folder,
        tempfile.TemporaryDirectory(prefix=f"briefgen-pdf-{number}-") as private,
    ):
        profile, copies, made = Path(profile_folder), Path(private) / "in", Path(private) / "out"
        copies.mkdir()
        made.mkdir()
        for document in documents:
            (copies / document.name).write_bytes(_own_document(document))
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(made),
            *(str(copies / document.name) for document in documents),
        ]
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise _failed(
                documents[0], _("LibreOffice could not convert the documents: {error}", error=error)
            ) from None
        for document in documents:
            pdf = made / f"{document.stem}.pdf"
            if not pdf.is_file():
                raise _failed(
                    document, _("LibreOffice did not convert this document{reason}", reason=_reason(finished))
                )
            if _linked(document.parent):  # the build folder swapped for a link meanwhile
                raise _failed(document, NOT_OURS)
            create_whole(document.with_suffix(".pdf"), pdf.read_bytes(), f"write {pdf.name}")


def _linked(folder: Path) -> bool:
    return os.path.islink(folder)


def _own_document(document: Path) -> bytes:
    """The bytes of a document render just wrote: a regular file of the caller's with one
    name, read without following a link; anything else was put there since, and is refused."""
    try:
        data, info = read_regular(document, MAX_PACKAGE_BYTES, follow_links=False)
    except (OSError, NotRegularFile, TooLarge):
        info = None
    if info is None or info.st_nlink != 1 or not platform.owned_by_caller(info) or _linked(document.parent):
        raise _failed(document, NOT_OURS)
    return data


HARMLESS = re.compile(r"javaldx|^warn(ing)?\b|^convert |^$", re.IGNORECASE)
"""What LibreOffice prints on a conversion that went well (``Warning: failed to launch
javaldx - java may not function correctly``, the ``convert A -> B`` line): never the
reason a document was not converted."""


def _reason(finished: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (finished.stderr + "\n" + finished.stdout).splitlines()]
    telling = [line for line in lines if not HARMLESS.search(line)]
    return f": {telling[-1]}" if telling else _(" (exit code {code})", code=finished.returncode)


def _failed(document: Path, message: str) -> UserError:
    return fail(Location.file(str(document)), message)
