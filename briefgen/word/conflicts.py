"""The conflicts of an absorb as a Word document, each version a tracked change by its author.

``briefgen absorb --report FILE.docx`` writes it: per value left as it was, a heading
naming the file and value, then for each version a line saying whose it is and the
value's text as the build had it with that version's edits as insertions and deletions
by its author, word by word. Word's review pane then shows who wanted what; the drafter
decides and types the outcome into the YAML (or accepts one version in an answer and
absorbs that again).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import cast

from docx.oxml.document import CT_Body
from docx.oxml.text.paragraph import CT_P

from .archive import docx_bytes
from .contract import HEADINGS, TITLE, WRITER
from .oxml import delete_text, set_text, track_change
from .reference import Reference


@dataclass(frozen=True)
class ConflictSide:
    """One side of a conflict: who (``Jan (ga-jan.docx)``, or ``in het bestand``) and its text."""

    who: str
    author: str
    """The name its tracked changes carry."""
    text: str


@dataclass(frozen=True)
class Conflict:
    """A value left as it was: where it is, its text in the build, and the versions."""

    place: str
    base: str
    versions: list[ConflictSide]


def conflicts_docx(conflicts: list[Conflict], reference: Reference, title: str, introduction: str) -> bytes:
    """The Word document of ``conflicts``, on the house style of ``reference``."""
    target = reference.open()
    body = cast(CT_Body, target.element.body)
    body.clear_content()
    writer = _Writer(body, reference)
    writer.paragraph(title, TITLE)
    writer.paragraph(introduction)
    for conflict in conflicts:
        writer.paragraph(conflict.place, HEADINGS[0])
        for version in conflict.versions:
            writer.paragraph(f"Versie van {version.who}:", HEADINGS[1])
            writer.versions(conflict.base, version)
    core = target.core_properties
    core.title, core.author, core.last_modified_by, core.language = title, WRITER, WRITER, "nl-NL"
    core.revision = 1
    return docx_bytes(target)


class _Writer:
    def __init__(self, body: CT_Body, reference: Reference):
        self.body = body
        self.style_ids = reference.style_ids
        self.revision = 0

    def paragraph(self, text: str, style: str = "") -> CT_P:
        p = self.body.add_p()
        style_id = self.style_ids.get(style.lower()) if style else None
        if style_id:
            p.get_or_add_pPr().style = style_id
        if text:
            set_text(p.add_r(), text)
        return p

    def versions(self, base: str, version: ConflictSide) -> None:
        """``base`` paragraph by paragraph with ``version``'s edits tracked by its author."""
        old, new = _paragraphs(base), _paragraphs(version.text)
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for text in old[i1:i2]:
                    self.paragraph(text)
                continue
            pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
            for before, after in pairs:
                self._words(self.paragraph(""), before, after, version.author)
            for before in old[i1 + len(pairs) : i2]:
                self._words(self.paragraph(""), before, "", version.author)
            for after in new[j1 + len(pairs) : j2]:
                self._words(self.paragraph(""), "", after, version.author)

    def _words(self, p: CT_P, before: str, after: str, author: str) -> None:
        old, new = _words(before), _words(after)
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                set_text(p.add_r(), "".join(old[i1:i2]))
                continue
            if i2 > i1:
                self._tracked(p, "del", "".join(old[i1:i2]), author)
            if j2 > j1:
                self._tracked(p, "ins", "".join(new[j1:j2]), author)

    def _tracked(self, p: CT_P, kind: str, text: str, author: str) -> None:
        self.revision += 1
        change = track_change(kind, self.revision, author or WRITER, "")
        change.date = None  # pyright: ignore[reportAttributeAccessIssue]
        p.append(change)
        run = change.add_r()  # pyright: ignore[reportAttributeAccessIssue]
        set_text(run, text)
        if kind == "del":
            delete_text(run)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"\n[ \t]*\n", text.strip()) if part.strip()]


def _words(text: str) -> list[str]:
    """Words with the space after each, so that the pieces join back into the text."""
    return re.findall(r"\S+\s*|\s+", text)
