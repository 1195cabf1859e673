"""An agenda (``agendas/*.yaml``): one Council meeting, its items and the texts of the
documents written for it (the GA, the letters to both Chambers, the nota, the verslag)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field

from .fields import Base, Slug, Text, Zin
from .footnotes import Voetnoten
from .formations import Aanbieding

AgendaStatus = Literal["geen", "concept", "voorlopig", "definitief"]
"""What the presidency has shared: nothing yet, a draft, a provisional or the final agenda."""


class Kopjes(Base):
    """The sub-headings above an item's texts: each replaceable by text, or left out with false."""

    introductie: Zin = None
    inzet: Zin = None
    krachtenveld: Zin = None


class Agendapunt(Base):
    """An agenda item: a dossier with its position, or a heading with its own text (``kop``, ``tekst``)."""

    dossier: Slug | None = None
    soort: Text | None = None
    onderwerp: Text | None = None
    kop: Text | None = None
    toelichting: Text | None = None
    tekst: Text | None = None
    portefeuille: Text | None = None
    opening: Zin = None
    slotzin: Zin = None
    kopjes: Kopjes | Literal[False] | None = None
    uitkomst: Text | None = None
    verslagkop: Text | None = None
    """The item's heading in the verslag, when it is not its GA heading ("Vangstmogelijkheden 2026")."""


class Onderwerp(Base):
    """A topic in a part beyond the agenda: a heading and its text."""

    kop: Text
    tekst: Text | None = None


class Deel(Base):
    """A part after the agenda ("II. …"): a heading, an opening text and free topics."""

    kop: Text
    tekst: Text | None = None
    onderwerpen: list[Onderwerp] = []


class GaTeksten(Base):
    """The GA's generated sentences, per agenda; ``opening``, ``slotzin`` and ``kopjes`` apply to every item."""

    titel: Zin = None
    diversenkop: Zin = None
    inleiding: Zin = None
    deelname: Zin = None
    """A participation sentence inside the GA, after the inleiding; none by default."""
    aankondiging: Zin = None
    diversen: Zin = None
    vorm: Literal["lijst", "proza", "geen"] = "lijst"
    opening: Zin = None
    slotzin: Zin = None
    kopjes: Kopjes | Literal[False] | None = None


class Ondertekenaar(Base):
    """A signing minister: ``functie`` as in running text (de Minister van …)."""

    functie: Text
    naam: Text


class Brief(Base):
    """The cover letters to both Chambers."""

    datum: dt.date
    afzender: list[Text] = []
    bezoekadres: list[Text] = []
    postadres: list[Text] = []
    retouradres: Text | None = None
    """The address on the return-address line above the addressee; without it, the postadres."""
    kenmerk: Text | None = None
    bijlagen: Annotated[int, Field(ge=0)] | None = None
    rubricering: Text | None = None
    ondertekenaars: Annotated[list[Ondertekenaar], Field(min_length=1)]
    mede_namens: list[Text] = []
    betreft: Text | None = None
    aanbieding: Aanbieding | None = None
    """How the opening offers the GA; without it, the formation's way."""
    agendastatus: AgendaStatus | None = None
    """The state of the agenda as the letter tells it, when it differs from the GA's."""
    opening: Zin = None
    deelname: Zin = None
    stand_van_zaken: Zin = None
    alineas: list[Text] = []


class NotaSectie(Base):
    """A section of the nota's Toelichting; ``agendapunten`` places the per-item summary after it."""

    kop: Text
    tekst: Text | None = None
    agendapunten: bool = False


class Bijlage(Base):
    volgnummer: Text | None = None
    naam: Text
    informatie: Text | None = None


class Nota(Base):
    """The internal nota ter beslissing for the minister."""

    datum: dt.date
    referentie: Text
    betreft: Text | None = None
    """Page 1's subject line; without it, the Council and its date."""
    opgesteld_door: Annotated[list[Text], Field(min_length=1)]
    rubricering: Text | None = None
    beslistermijn: dt.date
    beslistermijn_toelichting: Text | None = None
    geadviseerd_besluit: Annotated[list[Text], Field(min_length=1)]
    niet_openbaar: Text = "N.v.t."
    toelichting: list[NotaSectie] = []
    bijlagen: list[Bijlage] = []


class VerslagPassage(Base):
    """A passage of the verslag: a diversen point raised by others, or a side event."""

    kop: Text | None = None
    tekst: Text


class VerslagDeel(Base):
    """A further Roman-numbered part after the verslag itself (II., III., …)."""

    kop: Text
    tekst: Text


class Verslag(Base):
    """The report after the Council: its letter and the verslag's own texts.

    The outcome per item is not here but in the item's position (``uitkomst``), or on
    the agenda item when it has no dossier. The letter's head and signatures default to
    those of ``brief``. ``opening: false`` leaves the standard opening sentence out.
    """

    datum: dt.date
    betreft: Text | None = None
    afzender: list[Text] | None = None
    kenmerk: Text | None = None
    rubricering: Text | None = None
    ondertekenaars: Annotated[list[Ondertekenaar], Field(min_length=1)] | None = None
    mede_namens: list[Text] | None = None
    aanbieding: Aanbieding | None = None
    opening: Zin = None
    alineas: list[Text] = []
    kop: Text | None = None
    nummering: bool = True
    """Whether the verslag's parts carry Roman numerals ("I. Verslag …")."""
    diversenkop: Zin = None
    samenvatting: Text | None = None
    diversen: list[VerslagPassage] = []
    marge: list[VerslagPassage] = []
    delen: list[VerslagDeel] = []
    bijlagen: list[Text] = []

    def texts(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every text of the section that may carry footnotes, with its path."""
        found = _sentences(("verslag",), self, ("opening",))
        found += [(("verslag", "alineas", i), text) for i, text in enumerate(self.alineas)]
        if self.samenvatting:
            found.append((("verslag", "samenvatting"), self.samenvatting))
        for name in ("diversen", "marge", "delen"):
            for i, passage in enumerate(getattr(self, name)):
                found.append((("verslag", name, i, "tekst"), passage.tekst))
        return found


class Agenda(Base):
    id: Slug
    raad: Text
    formatie: Text | None = None
    afkorting: Text | None = None
    datum: dt.date
    einddatum: dt.date | None = None
    plaats: Text
    land: Text | None = None
    voorzetsel: Literal["in", "te"] = "in"
    voorzitterschap: Text | None = None
    agendastatus: AgendaStatus | None = None
    stand_van_zaken: Text | None = None
    voetnoten: Voetnoten = {}
    punten: Annotated[list[Agendapunt], Field(min_length=1)]
    ga: GaTeksten = GaTeksten()
    delen: list[Deel] = []
    brief: Brief | None = None
    nota: Nota | None = None
    verslag: Verslag | None = None

    def template_set(self) -> str:
        """The formation whose templates apply: ``formatie``, else the meeting's own name."""
        return self.formatie or self.raad

    def texts(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every drafter's text of the agenda file with its path, for footnote checks."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        if self.stand_van_zaken:
            found.append((("stand_van_zaken",), self.stand_van_zaken))
        for index, punt in enumerate(self.punten):
            for name in ("onderwerp", "toelichting", "tekst", "opening", "slotzin", "uitkomst"):
                if value := getattr(punt, name):
                    found.append((("punten", index, name), value))
        found += _sentences(
            ("ga",), self.ga, ("inleiding", "deelname", "aankondiging", "diversen", "opening", "slotzin")
        )
        for index, deel in enumerate(self.delen):
            if deel.tekst:
                found.append((("delen", index, "tekst"), deel.tekst))
            for i, onderwerp in enumerate(deel.onderwerpen):
                if onderwerp.tekst:
                    found.append((("delen", index, "onderwerpen", i, "tekst"), onderwerp.tekst))
        if self.brief:
            found += _sentences(("brief",), self.brief, ("opening", "deelname", "stand_van_zaken"))
            found += [(("brief", "alineas", i), text) for i, text in enumerate(self.brief.alineas)]
        if self.nota:
            nota = self.nota
            found += [(("nota", "geadviseerd_besluit", i), t) for i, t in enumerate(nota.geadviseerd_besluit)]
            found.append((("nota", "niet_openbaar"), nota.niet_openbaar))
            if nota.beslistermijn_toelichting:
                found.append((("nota", "beslistermijn_toelichting"), nota.beslistermijn_toelichting))
            for i, sectie in enumerate(nota.toelichting):
                if sectie.tekst:
                    found.append((("nota", "toelichting", i, "tekst"), sectie.tekst))
            for i, bijlage in enumerate(nota.bijlagen):
                found.append((("nota", "bijlagen", i, "naam"), bijlage.naam))
                if bijlage.informatie:
                    found.append((("nota", "bijlagen", i, "informatie"), bijlage.informatie))
        if self.verslag:
            found += self.verslag.texts()
        return found


def _sentences(
    path: tuple[str | int, ...], model: Base, names: tuple[str, ...]
) -> list[tuple[tuple[str | int, ...], str]]:
    """The drafter's replacements among a model's default sentences, with their paths."""
    return [((*path, name), value) for name in names if isinstance(value := getattr(model, name), str)]


def date_in_id(agenda_id: str) -> dt.date | None:
    """The date an agenda id ends with (``milieuraad-2026-10-20``), if it is a real date."""
    found = re.search(r"(\d{4})-(\d{2})-(\d{2})$", agenda_id)
    if not found:
        return None
    try:
        return dt.date(*map(int, found.groups()))
    except ValueError:
        return None
