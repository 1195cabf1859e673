"""Paragraph keys and footnote scopes: the names by which a paragraph and a footnote are found again.

A paragraph's key (role, list kind and its Markdown) is what alignment compares; a footnote
key a drafter wrote (``[^bron]``) becomes a label unique to its scope: ``[^d:co2:bron]`` for
a dossier's own footnote, ``[^agenda:bron]`` for the agenda's, ``[^_:bron]`` for the shared file's.
"""

from __future__ import annotations

import re
from typing import Any

from ..data.footnotes import NOTE_REF
from . import markdown
from .blocks import NoteRef, Paragraph
from .tomarkdown import inline_markdown


def label_name(ref: NoteRef) -> str:
    """A footnote reference as Markdown names it: its label."""
    return ref.label


def key(paragraph: Paragraph, note: Any = label_name) -> str:
    """A paragraph's identity for alignment: role, list kind and its Markdown."""
    mark = paragraph.list
    shape = f"{int(mark.ordered)}{mark.level}" if mark is not None and paragraph.role == "listitem" else ""
    return f"{paragraph.role}/{shape}/{inline_markdown(paragraph.inlines, note)}"


def scoped(text: str, scope: str, local: dict[str, Any]) -> str:
    """The text with its footnote keys renamed to labels, as compose does."""

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        return f"[^{scope}:{name}]" if name in local else f"[^_:{name}]"

    return NOTE_REF.sub(rename, markdown.protect(text))
