"""A package's preview: one HTML page per document and an overview page linking them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..document.blocks import Document
from .style import CSS
from .writer import Page, page_policy, write_html

INDEX = "index.html"


@dataclass(frozen=True)
class PreviewPage:
    """One document of the preview: its page's file name (``nota.html``) and the document."""

    name: str
    document: Document


def preview_pages(
    title: str, entries: Sequence[PreviewPage], sender: str = "", logo: bytes | None = None
) -> dict[str, bytes]:
    """Every page of the preview by file name, the overview (:data:`INDEX`) first; letters and
    the nota carry the letterhead: ``logo`` and ``sender``, the ministry's wordmark."""
    pages = {INDEX: _index(title, entries)}
    for entry in entries:
        pages[entry.name] = write_html(entry.document, Page(index=INDEX, sender=sender, logo=logo))
    return pages


def _index(title: str, entries: Sequence[PreviewPage]) -> bytes:
    items = "".join(
        f'<li><a href="{escape(entry.name, quote=True)}">{escape(entry.document.title, quote=False)}</a></li>\n'
        for entry in entries
    )
    text = (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{page_policy(CSS)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title, quote=False)}</title>\n"
        f"<style>{CSS}</style>\n"
        "</head>\n<body>\n<main>\n"
        f"<h1>{escape(title, quote=False)}</h1>\n"
        f'<ul class="documenten">\n{items}</ul>\n'
        "</main>\n</body>\n</html>\n"
    )
    return text.encode("utf-8")
