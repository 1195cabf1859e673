"""A package's HTML preview, as files of its build folder: ``preview/index.html`` and one
page per document, written by :mod:`briefgen.html` from the same block documents as the .docx."""

from __future__ import annotations

from ..document.blocks import Document
from ..document.dutch import vergaderdatum
from ..html.site import INDEX, PreviewPage, preview_pages
from .manifest import PREVIEW
from .package import Package

FOLDER = PREVIEW
"""The build folder's subfolder that holds the pages; a render without them removes it."""
OVERVIEW = f"{FOLDER}/{INDEX}"
UPDATE_PAGE = "geannoteerde-agenda.wijzigingen.html"


def preview_files(package: Package, update: Document | None) -> dict[str, bytes]:
    """The preview's pages by their name in the build folder (``preview/nota.html``): the
    overview, then each document of the package in order, the update document after the GA's."""
    entries = [PreviewPage(_page_name(name), document) for name, document in package.documents.items()]
    if update is not None:
        entries.insert(1, PreviewPage(UPDATE_PAGE, update))
    agenda = package.agenda
    days = vergaderdatum({"datum": agenda.datum, "einddatum": agenda.einddatum})
    letterhead = package.letterhead
    logo = letterhead.logo if letterhead else None
    pages = preview_pages(f"{agenda.raad} {days}", entries, letterhead.wordmark if letterhead else "", logo)
    return {f"{FOLDER}/{name}": data for name, data in pages.items()}


def _page_name(document: str) -> str:
    return f"{document.removesuffix('.docx')}.html"
