"""An edit absorb found in a returned document: one value of one YAML file to write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Pad = tuple[str | int, ...]


@dataclass
class Edit:
    """One value to write: ``new`` None removes the key; ``add`` adds a new footnote key."""

    bestand: str
    pad: Pad
    base: Any
    new: Any
    place: str
    add: bool = False
    origin: str = ""
    """The document it came from, with its editors: ``Jan (ga-jan.docx)``."""
    editors: tuple[str, ...] = ()
    """Its editors, one name each (a name may hold a comma: ``Vries, J. de``)."""
    lineage: tuple[str, ...] = ()
    """The authors of every tracked change and comment in the document it came from: whose
    copy it was made on (Anna's answer made on Jan's returned copy still holds Jan's changes
    or his comments)."""
    saved_by: str = ""
    """Who last saved that document (not briefgen)."""
    rejects: bool = False
    """The document shows the value as built where an earlier answer it was made on changed
    it: that change was rejected (its paragraphs read as the build's again)."""

    @property
    def author(self) -> str:
        """Its editors' names alone, as a tracked change would carry them: ``Jan, Anna``."""
        return ", ".join(self.editors)

    @property
    def removes_note(self) -> bool:
        return self.new is None and self.pad[0] == "voetnoten"


def value_at(data: Any, pad: Pad) -> Any:
    """The value at ``pad`` in loaded data, or None where there is none."""
    for step in pad:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def dotted(pad: Pad) -> str:
    """A YAML path as a drafter reads it: ``standpunten[2].inzet``."""
    out = ""
    for step in pad:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


IN_THE_FILE = "the YAML file as it is now"
"""Whose a disputed value's current text is, when the YAML changed since the build."""


@dataclass(frozen=True)
class Side:
    """One version of a disputed value: whose (``Jan (ga-jan.docx)``), their name alone, its text."""

    who: str
    author: str
    text: str


@dataclass
class Dispute:
    """A value left as it is because two versions changed the same paragraph of it, each
    an edit of ``base``."""

    bestand: str
    place: str
    base: str
    versions: list[Side]
