"""Footnotes: a text or a parliamentary paper, keyed by a name that texts cite as ``[^name]``."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from ..errors import _
from .fields import Base, Text
from .modelbase import Discriminator, Pattern, Tag

NOTE_KEY = r"^[^\s\[\]^]+$"
_UNESCAPED = "|".join([r"(?<!\\\[)", *(r"(?<=(?<!\\)" + r"\\" * 2 * n + r"\[)" for n in range(1, 5))])
"""Looking back from just after a ``[``: a bracket Markdown does not read as escaped, with
no backslash before it, or an even number of them (up to eight; each pair is one literal
backslash). Checked after the bracket is found, not before every character."""
NOTE_REF = re.compile(r"\[(?:" + _UNESCAPED + r")\^([^\]\s]+)\]")
"""A footnote reference ``[^key]``; ``\\[^key\\]`` is the text "[^key]", as Markdown reads it."""


class Kamerstuk(Base):
    """A parliamentary paper: ``Kamerstukken II, 2025-2026, 22 112, nr. 4238.``

    In an agenda's own footnotes ``dossier`` may be left out: the Kamerstuk dossier of the
    agenda's formation (``21 501-08`` for the Milieuraad), where its earlier GAs and verslagen are.
    """

    kamer: Literal["I", "II"]
    vergaderjaar: Annotated[str, Pattern(r"^\d{4}-\d{4}$")]
    dossier: Text | None = None
    nr: int | None = None
    letter: Annotated[str, Pattern(r"^[A-Z]{1,3}$")] | None = None


class KamerstukVoetnoot(Base):
    kamerstuk: Kamerstuk


def _note_kind(value: Any) -> str:
    return "kamerstuk" if isinstance(value, dict) else "tekst"


Voetnoot = Annotated[
    Annotated[Text, Tag("tekst")] | Annotated[KamerstukVoetnoot, Tag("kamerstuk")],
    Discriminator(_note_kind),
]
Voetnoten = dict[Annotated[str, Pattern(NOTE_KEY)], Voetnoot]


class SharedNotes(Base):
    voetnoten: Voetnoten


def without_dossier(notes: dict[str, Voetnoot], default: str | None, why: str) -> list[tuple[str, str]]:
    """Each Kamerstuk footnote that names no dossier where there is no ``default`` to take,
    with the message to show at it."""
    return [
        (key, _("footnote '{key}' needs the Kamerstuk's 'dossier': {why}", key=key, why=why))
        for key, note in notes.items()
        if isinstance(note, KamerstukVoetnoot) and note.kamerstuk.dossier is None and default is None
    ]


def note_refs(text: str) -> list[str]:
    """The footnote keys referenced as ``[^key]`` in a Markdown text, in order: what
    ``NOTE_REF.findall`` finds, tried only where ``[^`` stands (found by ``str.find``; the
    pattern's search steps through every character of a long text)."""
    found: list[str] = []
    at = text.find("[^")
    while at >= 0:
        match = NOTE_REF.match(text, at)
        if match is None:
            at = text.find("[^", at + 1)
        else:
            found.append(match.group(1))
            at = text.find("[^", match.end())
    return found


CITED = re.compile(r"Kamerstukken I{1,2}, \d{4}-\d{4}, (?P<rest>[^;]*?)(?=\.(?:\s|$)|;|$)")
"""A Kamerstuk cited in a footnote's text, up to the full stop that ends it."""
NUMBERED = re.compile(r", (?:nr\b|[A-Z]{1,3}$)")
"""What names the paper itself after its dossier: ``, nr. 4238`` (Tweede Kamer) or ``, A`` (Eerste Kamer)."""


def unnumbered(notes: dict[str, Voetnoot]) -> list[str]:
    """The keys of footnotes citing a Kamerstuk by its dossier alone, without the paper's
    number (``nr. 123``) or, in the Eerste Kamer, its letter: a reader cannot find the paper."""
    found = []
    for key, note in notes.items():
        if isinstance(note, KamerstukVoetnoot):
            if note.kamerstuk.nr is None and note.kamerstuk.letter is None:
                found.append(key)
        elif any(not NUMBERED.search(m["rest"]) for m in CITED.finditer(note.replace("\xa0", " "))):
            found.append(key)
    return found
