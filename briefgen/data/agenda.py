"""An agenda (``agendas/*.yaml``): one Council meeting, its items and the texts of the
documents written for it (the GA, the letters to both Chambers, the nota, the verslag)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from .fields import Aanbieding, Base, Line, LineZin, Prose, Slug, Text, Zin
from .footnotes import Voetnoten
from .modelbase import AtLeast, MinItems
from .provenance import drafted

AgendaStatus = Literal["geen", "concept", "voorlopig", "definitief"]
"""What the presidency has shared: nothing yet, a draft, a provisional or the final agenda."""

GaZin = Literal["inleiding", "stand_van_zaken", "deelname", "aankondiging", "diversen"]
"""The GA's opening sentences, by name: the order ``ga.volgorde`` puts them in, where
``ga.voetnoot_bij`` places a footnote."""
BriefZin = Literal["opening", "deelname", "stand_van_zaken"]
"""The letter's opening sentences, by name (``brief.volgorde``, ``brief.voetnoot_bij``)."""


class NootPlaats(Base):
    """A footnote on a standard sentence: the agenda's footnote ``noot``, after the word
    ``na`` (its first occurrence), else at the end of the sentence."""

    noot: Slug
    na: Line | None = None


NootBij = Slug | NootPlaats


class Kopjes(Base):
    """The sub-headings above an item's texts: each replaceable by text, or left out with false."""

    introductie: LineZin = None
    inzet: LineZin = None
    krachtenveld: LineZin = None


class Agendapunt(Base):
    """An agenda item: a dossier with its position, or a heading with its own text (``kop``, ``tekst``)."""

    dossier: Slug | None = None
    soort: Text | None = None
    onderwerp: Prose | None = None
    kop: Line | None = None
    toelichting: Prose | None = None
    tekst: Prose | None = None
    portefeuille: Text | None = None
    opening: Zin = None
    slotzin: Zin = None
    kopjes: Kopjes | Literal[False] | None = None
    uitkomst: Prose | None = None
    verslagkop: Line | None = None
    """The item's heading in the verslag, when it is not its GA heading ("Vangstmogelijkheden 2026")."""
    deel: Line | None = None
    """A heading in the GA above this item and the items after it with the same one (Ecofin's
    "Eurogroep" and "Ecofinraad", JBZ's "I. Binnenlandse Zaken")."""
    verslagdeel: Line | None = None
    """A heading in the verslag above this item and the items after it with the same one
    ("Eurogroep in reguliere samenstelling")."""
    door: Line | None = None
    """Who presents or informs ("het Voorzitterschap", "Frankrijk"), for the types that name one."""
    slotzin_na: Annotated[int, AtLeast(0)] | None = None
    """After how many paragraphs of the inzet the closing sentence stands (default: after all)."""


class Onderwerp(Base):
    """A topic in a part beyond the agenda: a heading and its text."""

    kop: Line
    tekst: Prose | None = None


class Deel(Base):
    """A part after the agenda ("II. …"): a heading, an opening text and free topics."""

    kop: Line
    tekst: Prose | None = None
    onderwerpen: list[Onderwerp] = []


class GaTeksten(Base):
    """The GA's generated sentences, per agenda; ``opening``, ``slotzin`` and ``kopjes`` apply to every item."""

    titel: LineZin = None
    diversenkop: LineZin = None
    diversenpunt: LineZin = None
    """How a diversen item's heading starts ("Diverse punt:"), where the template heads it by its
    type; default the type's heading ("Diversenpunt:"); false: its name alone."""
    inleiding: Zin = None
    deelname: Zin = None
    """A participation sentence inside the GA, after the inleiding; none by default."""
    aankondiging: Zin = None
    diversen: Zin = None
    diversen_opsommen: bool = True
    """Whether the diversen sentence names each point; false only counts them ("Tot slot staan
    drie diversenpunten op de agenda.")."""
    diversentekst: Prose | None = None
    """A paragraph opening the diversen part, under its heading, before its first item."""
    vooraf: Prose | None = None
    """A paragraph of its own opening the GA (its first part), before the opening sentences."""
    volgorde: Annotated[list[GaZin], MinItems(1)] | None = None
    """The order of the opening sentences; those not named keep their place after them."""
    getal: Literal["enkelvoud", "meervoud"] | None = None
    """The verb of the agenda sentence ("staat"/"staan"); default: agreeing with the first item."""
    agendastatus: AgendaStatus | None = None
    """The state of the agenda as the GA tells it, when it differs from the agenda's."""
    waar: LineZin = None
    """Where the meeting is, as the GA's running text says it ("in Aalborg"); false: not said."""
    jaar: bool | None = None
    """Whether the GA's running text dates the meeting with its year; default the template's."""
    waar_achteraan: bool = False
    """Whether the GA's opening names the place last ("vindt de RAZ plaats in Brussel") rather
    than first ("vindt in Brussel de RAZ plaats")."""
    voetnoot_bij: dict[GaZin, NootBij] = {}
    """A footnote on a standard sentence, by the sentence's name."""
    vorm: Literal["lijst", "proza", "geen"] | None = None
    """How the GA announces the items: lijst, proza or geen; default the formation's."""
    soortkop: Literal["voor", "onder", "aard"] | None = None
    """An item's type before its topic in the heading, on a line under it, or under it as
    "Aard bespreking: …" (Ecofin's); default the formation's."""
    kopnummers: bool = False
    """Whether each item's heading carries its number ("1. Beleidsdebat …"), as some ministries
    write their GA."""
    opening: Zin = None
    slotzin: Zin = None
    kopjes: Kopjes | Literal[False] | None = None


class Ondertekenaar(Base):
    """A signing minister: ``functie`` as in running text (de Minister van …)."""

    functie: Line
    naam: Line


class Brief(Base):
    """The cover letters to both Chambers."""

    datum: dt.date
    afzender: list[Line] = []
    bezoekadres: list[Line] = []
    postadres: list[Line] = []
    retouradres: Line | None = None
    """The address on the return-address line above the addressee; without it, the postadres."""
    kenmerk: Line | None = None
    bijlagen: Annotated[int, AtLeast(0)] | None = None
    rubricering: Line | None = None
    ondertekenaars: Annotated[list[Ondertekenaar], MinItems(1)]
    mede_namens: list[Line] = []
    betreft: Line | None = None
    aanbieding: Aanbieding | None = None
    """How the opening offers the GA; without it, the formation's way."""
    agendastatus: AgendaStatus | None = None
    """The state of the agenda as the letter tells it, when it differs from the GA's."""
    relatief: bool | None = None
    """Whether the letter dates the meeting "a.s."/"jl." instead of with its year; default the formation's."""
    opening: Zin = None
    deelname: Zin = None
    stand_van_zaken: Zin = None
    volgorde: Annotated[list[BriefZin], MinItems(1)] | None = None
    """The order of the opening paragraph's sentences; those not named keep their place after them."""
    waar: LineZin = None
    """Where the meeting is, as the letter says it ("te Luxemburg"); false: not said."""
    jaar: bool | None = None
    """Whether the letter dates the meeting with its year; default the formation's."""
    voetnoot_bij: dict[BriefZin, NootBij] = {}
    """A footnote on a standard sentence of the letter, by the sentence's name."""
    alineas: list[Prose] = []


class NotaSectie(Base):
    """A section of the nota's Toelichting; ``agendapunten`` places the per-item summary after it."""

    kop: Line
    tekst: Prose | None = None
    agendapunten: bool = False


class Bijlage(Base):
    volgnummer: Line | None = None
    naam: Prose
    informatie: Prose | None = None


class Nota(Base):
    """The internal nota ter beslissing for the minister."""

    datum: dt.date
    referentie: Line
    betreft: Line | None = None
    """Page 1's subject line; without it, the Council and its date."""
    opgesteld_door: Annotated[list[Line], MinItems(1)]
    rubricering: Line | None = None
    beslistermijn: dt.date
    beslistermijn_toelichting: Prose | None = None
    geadviseerd_besluit: Annotated[list[Prose], MinItems(1)]
    niet_openbaar: Prose = "N.v.t."
    toelichting: list[NotaSectie] = []
    bijlagen: list[Bijlage] = []


class VerslagPassage(Base):
    """A passage of the verslag: a diversen point raised by others, or a side event."""

    kop: Line | None = None
    tekst: Prose


class VerslagDeel(Base):
    """A further Roman-numbered part after the verslag itself (II., III., …)."""

    kop: Line
    tekst: Prose


class Verslag(Base):
    """The report after the Council: its letter and the verslag's own texts.

    The outcome per item is not here but in the item's position (``uitkomst``), or on
    the agenda item when it has no dossier. The letter's head and signatures default to
    those of ``brief``. ``opening: false`` leaves the standard opening sentence out.
    """

    datum: dt.date
    betreft: Line | None = None
    afzender: list[Line] | None = None
    kenmerk: Line | None = None
    rubricering: Line | None = None
    ondertekenaars: Annotated[list[Ondertekenaar], MinItems(1)] | None = None
    mede_namens: list[Line] | None = None
    aanbieding: Aanbieding | None = None
    opening: Zin = None
    waar: LineZin = None
    """Where the meeting was, as the verslag's letter says it ("te Brussel"); false: not said."""
    jaar: bool | None = None
    """Whether the verslag's letter dates the meeting with its year; default the formation's."""
    alineas: list[Prose] = []
    kop: LineZin = None
    """Part I's heading; false: none (the verslag opens with its summary)."""
    inleiding: Zin = None
    """The verslag's first sentence, before the summary: the meeting's day and place, where
    the formation writes one ("Op maandag 17 november jl. vond de Raad Algemene Zaken (RAZ)
    plaats in Brussel."); a text replaces it (or adds it where the formation writes none),
    false leaves it out."""
    nummering: bool | None = None
    """Whether the verslag's parts carry Roman numerals ("I. Verslag …"); default the formation's."""
    diversenkop: LineZin = None
    samenvatting: Prose | None = None
    diversen: list[VerslagPassage] = []
    marge: list[VerslagPassage] = []
    delen: list[VerslagDeel] = []
    bijlagen: list[Line] = []


class Agenda(Base):
    id: Slug
    raad: Text
    formatie: Text | None = None
    afkorting: Text | None = None
    datum: dt.date
    einddatum: dt.date | None = None
    dagen: Literal["reeks", "opsomming"] | None = None
    """How the documents name a meeting's days: "16–18 juli" (reeks) or "16, 17 en 18 juli"
    (opsomming); default the formation's ("22–23 september", or "23 en 24 juni" for two days)."""
    plaats: Text
    land: Text | None = None
    voorzetsel: Literal["in", "te"] | None = None
    """"in Brussel" or "te Aalborg"; default the formation's (the Transportraad: te)."""
    voorzitterschap: Text | None = None
    agendastatus: AgendaStatus | None = None
    stand_van_zaken: Prose | None = None
    voetnoten: Voetnoten = {}
    punten: Annotated[list[Agendapunt], MinItems(1)]
    ga: GaTeksten = GaTeksten()
    delen: list[Deel] = []
    brief: Brief | None = None
    nota: Nota | None = None
    verslag: Verslag | None = None

    def template_set(self) -> str:
        """The formation whose templates apply: ``formatie``, else the meeting's own name."""
        return self.formatie or self.raad

    def texts(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every drafter's text of the agenda file that may carry footnotes, with its path; a
        footnote placed on a standard sentence (``voetnoot_bij``) as its reference."""
        found = [(path, text) for path, text, kind in drafted(self) if kind.footnotes]
        for section in ("ga", "brief"):
            model = getattr(self, section)
            for name, bij in (model.voetnoot_bij if model else {}).items():
                key = bij if isinstance(bij, str) else bij.noot
                found.append(((section, "voetnoot_bij", name), f"[^{key}]"))
        return found


def date_in_id(agenda_id: str) -> dt.date | None:
    """The date an agenda id ends with (``milieuraad-2026-10-20``), if it is a real date."""
    found = re.search(r"(\d{4})-(\d{2})-(\d{2})$", agenda_id)
    if not found:
        return None
    try:
        return dt.date(*map(int, found.groups()))
    except ValueError:
        return None
