"""A dossier (``positions/*.yaml``): its title and summary, and the Dutch position on it for each Council."""

from __future__ import annotations

from typing import Annotated

from .fields import Base, Prose, Slug, Text
from .footnotes import Voetnoten
from .modelbase import MinItems


class Standpunt(Base):
    """The Dutch position on a dossier for one Council."""

    raad: Slug
    introductie: Prose | None = None
    inzet: Prose | None = None
    kern: Prose | None = None
    krachtenveld: Prose | None = None
    uitkomst: Prose | None = None

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in TEXT_SECTIONS if getattr(self, name)}


TEXT_SECTIONS = ("introductie", "inzet", "kern", "krachtenveld", "uitkomst")
"""A position's texts; ``uitkomst`` is the Council's outcome, written for the verslag."""


class Dossier(Base):
    id: Slug
    titel: Text
    kort: Text
    portefeuille: Text | None = None
    voetnoten: Voetnoten = {}
    standpunten: Annotated[list[Standpunt], MinItems(1)]

    def standpunt(self, raad: str) -> Standpunt | None:
        index = self.standpunt_index(raad)
        return None if index is None else self.standpunten[index]

    def standpunt_index(self, raad: str) -> int | None:
        for index, standpunt in enumerate(self.standpunten):
            if standpunt.raad == raad:
                return index
        return None
