"""The Council's configurations and its presidencies: facts briefgen knows, so that a
drafter does not have to write them.

Each configuration has the name documents use, the other names a drafter may write for
it, its Kamerstuk dossier, its lead ministry, the template set it shares (``model``) and
the way its letters offer the GA and the verslag. The wording itself stays in the
templates; a project's ``templates/<formation>/`` still overrides any template.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, get_args

from .fields import Aanbieding

AANBIEDINGEN: tuple[str, ...] = get_args(Aanbieding)


@dataclass(frozen=True)
class Formatie:
    """One Council configuration (or one of the three parts of Vervoer, Telecommunicatie en Energie)."""

    sleutel: str
    """Its folder under ``templates/`` when it has templates of its own."""
    naam: str
    namen: tuple[str, ...]
    afkorting: str | None
    kamerstuk: str
    """The Kamerstuk dossier of its GAs and verslagen, as parliament writes it: ``21 501-08``."""
    ministerie: str
    """The lead ministry, as in "Ministerie van …"."""
    model: str | None = None
    """The formation whose templates it shares where it has none of its own."""
    aanbieding: Aanbieding = "sturen"
    verslag_aanbieding: Aanbieding = "met deze brief"
    relatief: bool = False
    """Whether its letters date the meeting "5 juni a.s." (after it: "jl.") rather than with the year."""
    plaats_in_brief: bool = True
    """Whether its letters name where the meeting is ("… van 17 maart 2026 in Brussel")."""
    aanspreking: str = "u"
    """Whom its letters address: "Hierbij bied ik u …", or "… uw Kamer …"."""
    op: str = "van"
    """The word before the meeting's days in its letters: "van 17 maart", or "op 4 en 5 december"."""
    tot: str = "–"
    """Between the first and last day in its letters: "22–23 september", or "4 en 5 december"."""
    soortkop: Literal["voor", "onder", "aard"] = "voor"
    """Where its GA names an item's type: before the topic in the heading ("Beleidsdebat …"),
    on a line of its own under it, or under it as "Aard bespreking: Gedachtewisseling" (Ecofin)."""
    ga_vorm: Literal["lijst", "proza", "geen"] = "lijst"
    """How its GA announces the items: a numbered list, running prose, or not at all (the
    drafter's own paragraph describes what the presidency expects)."""
    deelname_in_brief: bool = True
    """Whether its letter says by default that the cabinet takes part ("Het kabinet is
    voornemens deel te nemen aan deze …"); JBZ letters say who attends which day instead."""
    stand_in_brief: bool = True
    """Whether its letter says by default that the GA gives the latest state of affairs."""
    verslag_relatief: bool | None = None
    """Whether its verslag letters date the meeting "jl." rather than with the year; default as ``relatief``."""
    voorzetsel: Literal["in", "te"] = "in"
    """How its documents name the meeting's place: "in Luxemburg", or "te Luxemburg"."""
    verslag_nummering: bool = False
    """Whether its verslag's parts carry Roman numerals ("I. Verslag …", the Landbouw- en
    Visserijraad's letter) rather than none ("Verslag Milieuraad 17 juni 2025")."""
    verslag_datum: Literal["", "d.d.", "van", "geen"] = ""
    """How its verslag's heading dates the meeting: "Verslag Milieuraad 17 juni 2025" (""),
    "… d.d. 17 december 2024", "Verslag Raad Algemene Zaken van 17 november 2025" (the RAZ's
    and RBZ's since 2025), or not at all: "I. Verslag Landbouw- en Visserijraad" ("geen")."""
    verslag_inleiding: bool = False
    """Whether its verslag opens with the meeting's day and place ("Op maandag 17 november jl.
    vond de Raad Algemene Zaken (RAZ) plaats in Brussel."), before the drafter's summary."""


FORMATIES: tuple[Formatie, ...] = (
    Formatie(
        "raad-algemene-zaken",
        "Raad Algemene Zaken",
        ("RAZ", "Algemene Zaken", "informele Raad Algemene Zaken"),
        "RAZ",
        "21 501-02",
        "Buitenlandse Zaken",
        aanbieding="aanbieden",
        verslag_aanbieding="aanbieden",
        verslag_datum="van",
        verslag_inleiding=True,
    ),
    Formatie(
        "raad-buitenlandse-zaken",
        "Raad Buitenlandse Zaken",
        (
            "RBZ",
            "Buitenlandse Zaken",
            "Raad Buitenlandse Zaken Defensie",
            "Raad Buitenlandse Zaken Handel",
            "Raad Buitenlandse Zaken Ontwikkeling",
            "Raad Buitenlandse Zaken Ontwikkelingssamenwerking",
            "RBZ Defensie",
            "RBZ Handel",
            "RBZ Ontwikkeling",
            "informele Raad Buitenlandse Zaken",
            "Gymnich",
        ),
        "RBZ",
        "21 501-02",
        "Buitenlandse Zaken",
        model="raad-algemene-zaken",
        aanbieding="aanbieden",
        verslag_aanbieding="aanbieden",
        verslag_datum="van",
        verslag_inleiding=True,
    ),
    Formatie(
        "ecofinraad",
        "Ecofinraad",
        (
            "Ecofin",
            "Raad Economische en Financiële Zaken",
            "Raad voor Economische en Financiële Zaken",
            "Eurogroep en Ecofinraad",
            "Eurogroep en Ecofin",
        ),
        "Ecofin",
        "21 501-07",
        "Financiën",
        aanbieding="zenden",
        verslag_aanbieding="zenden",
        relatief=True,
        plaats_in_brief=False,
        verslag_relatief=False,
        tot=" en ",
        soortkop="aard",
        ga_vorm="geen",
    ),
    Formatie(
        "jbz-raad",
        "Raad Justitie en Binnenlandse Zaken",
        ("JBZ-Raad", "JBZ", "Raad voor Justitie en Binnenlandse Zaken"),
        "JBZ-Raad",
        "32 317",
        "Justitie en Veiligheid",
        aanbieding="aanbieden",
        verslag_aanbieding="aanbieden",
        aanspreking="uw Kamer",
        op="op",
        tot=" en ",
        soortkop="onder",
        ga_vorm="geen",
        deelname_in_brief=False,
        stand_in_brief=False,
    ),
    Formatie(
        "epsco-raad",
        "Raad Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken",
        (
            "EPSCO-Raad",
            "EPSCO",
            "Raad Werkgelegenheid en Sociaal Beleid",
            "Raad voor de Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken",
            "Gezondheidsraad",
            "EU-Gezondheidsraad",
            "Raad WSB",
            "Raad WSBVC",
        ),
        "EPSCO-Raad",
        "21 501-31",
        "Sociale Zaken en Werkgelegenheid",
        aanbieding="zenden",
        verslag_aanbieding="ontvangen",
        relatief=True,
        voorzetsel="te",
        ga_vorm="geen",
        deelname_in_brief=False,
        stand_in_brief=False,
    ),
    Formatie(
        "raad-voor-concurrentievermogen",
        "Raad voor Concurrentievermogen",
        ("Concurrentievermogenraad", "RvC", "Raad Concurrentievermogen"),
        "RvC",
        "21 501-30",
        "Economische Zaken",
        aanbieding="zenden",
        verslag_aanbieding="zenden",
        soortkop="onder",
        ga_vorm="geen",
    ),
    Formatie(
        "transportraad",
        "Transportraad",
        (
            "Raad Vervoer",
            "Raad voor Vervoer, Telecommunicatie en Energie (Vervoer)",
            "EU-Transportraad",
            "bijeenkomst van EU-transportministers",
        ),
        None,
        "21 501-33",
        "Infrastructuur en Waterstaat",
        aanbieding="ontvangen",
        verslag_aanbieding="aanbieden",
        relatief=True,
        ga_vorm="geen",
        deelname_in_brief=False,
        voorzetsel="te",
    ),
    Formatie(
        "telecomraad",
        "Telecomraad",
        ("Raad Telecommunicatie", "Raad voor Vervoer, Telecommunicatie en Energie (Telecommunicatie)"),
        None,
        "21 501-33",
        "Economische Zaken",
        aanbieding="aanbieden",
        verslag_aanbieding="aanbieden",
        tot=" en ",
    ),
    Formatie(
        "energieraad",
        "Energieraad",
        ("Raad Energie", "Raad voor Vervoer, Telecommunicatie en Energie (Energie)"),
        None,
        "21 501-33",
        "Klimaat en Groene Groei",
        aanbieding="sturen",
        verslag_aanbieding="sturen",
    ),
    Formatie(
        "landbouw-en-visserijraad",
        "Landbouw- en Visserijraad",
        (
            "LVR",
            "Raad Landbouw en Visserij",
            "Landbouw en Visserij",
            "Landbouwraad",
            "informele Landbouw- en Visserijraad",
            "informele Landbouwraad",
        ),
        None,
        "21 501-32",
        "Landbouw, Visserij, Voedselzekerheid en Natuur",
        verslag_nummering=True,
        verslag_datum="geen",
    ),
    Formatie(
        "milieuraad",
        "Milieuraad",
        ("Raad Milieu", "Milieu", "informele Milieuraad"),
        None,
        "21 501-08",
        "Infrastructuur en Waterstaat",
        ga_vorm="proza",
    ),
    Formatie(
        "ojcs-raad",
        "Raad Onderwijs, Jeugd, Cultuur en Sport",
        (
            "OJCS-Raad",
            "OJCS",
            "Onderwijs, Jeugd, Cultuur en Sport Raad",
            "Raad voor Onderwijs, Jeugd, Cultuur en Sport",
        ),
        "OJCS-Raad",
        "21 501-34",
        "Onderwijs, Cultuur en Wetenschap",
        verslag_aanbieding="sturen",
        tot=" en ",
    ),
)


def slug(text: str) -> str:
    """A name as a folder name: ``Raad Algemene Zaken`` → ``raad-algemene-zaken``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_BY_NAME = {
    slug(name): f for f in FORMATIES for name in (f.sleutel, f.naam, *f.namen, f.afkorting or "") if name
}


def formatie(name: str) -> Formatie | None:
    """The configuration a drafter's name stands for (any of its names, any case), if briefgen
    knows it; "informele …" and "formele …" name the configuration after the word, and an
    abbreviation in brackets at the end ("… (RvC)") may be left off."""
    for key in dict.fromkeys((slug(name), slug(re.sub(r"\s*\([^()]*\)\s*$", "", name)))):
        for prefix in ("", "informele-", "formele-"):
            if key.startswith(prefix) and key.removeprefix(prefix) in _BY_NAME:
                return _BY_NAME[key.removeprefix(prefix)]
    return None


def template_folders(name: str) -> list[str]:
    """The folders under ``templates/`` a formation reads, most specific first (``templates/`` itself last, not listed).

    The folder named after what the drafter wrote comes first, so a project's own
    ``templates/<name>/`` keeps working; then the known configuration's folder and the
    folder of the formation it shares templates with.
    """
    found = [slug(name)] if slug(name) else []
    known = formatie(name)
    if known is not None:
        found += [folder for folder in (known.sleutel, known.model) if folder]
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Voorzitterschap:
    """One six-month presidency of the Council: its country and the adjective documents use."""

    begin: dt.date
    land: str
    bijvoeglijk: str


_ROTATIE = (
    ("Malta", "Maltese"),
    ("Estland", "Estse"),
    ("Bulgarije", "Bulgaarse"),
    ("Oostenrijk", "Oostenrijkse"),
    ("Roemenië", "Roemeense"),
    ("Finland", "Finse"),
    ("Kroatië", "Kroatische"),
    ("Duitsland", "Duitse"),
    ("Portugal", "Portugese"),
    ("Slovenië", "Sloveense"),
    ("Frankrijk", "Franse"),
    ("Tsjechië", "Tsjechische"),
    ("Zweden", "Zweedse"),
    ("Spanje", "Spaanse"),
    ("België", "Belgische"),
    ("Hongarije", "Hongaarse"),
    ("Polen", "Poolse"),
    ("Denemarken", "Deense"),
    ("Cyprus", "Cypriotische"),
    ("Ierland", "Ierse"),
    ("Litouwen", "Litouwse"),
    ("Griekenland", "Griekse"),
    ("Italië", "Italiaanse"),
    ("Letland", "Letse"),
    ("Luxemburg", "Luxemburgse"),
    ("Nederland", "Nederlandse"),
    ("Slowakije", "Slowaakse"),
    ("Malta", "Maltese"),
)
"""The order of the Council presidencies from January 2017 to December 2030, as the
Council decided it on 26 July 2016 (Decision (EU) 2016/1316); the order after 2030 is
not yet decided."""

VOORZITTERSCHAPPEN: tuple[Voorzitterschap, ...] = tuple(
    Voorzitterschap(dt.date(2017 + i // 2, 1 if i % 2 == 0 else 7, 1), land, bijvoeglijk)
    for i, (land, bijvoeglijk) in enumerate(_ROTATIE)
)
LAATSTE_DAG = dt.date(2030, 12, 31)


def voorzitterschap(day: dt.date) -> Voorzitterschap | None:
    """The presidency on ``day``, if the published rotation covers it."""
    if not VOORZITTERSCHAPPEN[0].begin <= day <= LAATSTE_DAG:
        return None
    return [v for v in VOORZITTERSCHAPPEN if v.begin <= day][-1]


@dataclass(frozen=True)
class Ministerie:
    """A ministry's letter head: the addresses its letters carry in the reference column
    and on the return-address line, when the drafter gives none."""

    naam: str
    """As in "Ministerie van …"."""
    bezoekadres: tuple[str, ...]
    postadres: tuple[str, ...]

    @property
    def afzender(self) -> str:
        return f"Ministerie van {self.naam}"


_BEZUIDENHOUT = (("Bezuidenhoutseweg 73", "2594 AC Den Haag"), ("Postbus 20401", "2500 EK Den Haag"))
_PARNASSUS = ("Parnassusplein 5", "2511 VX Den Haag")
_TURFMARKT = ("Turfmarkt 147", "2511 DP Den Haag")
MINISTERIES: tuple[Ministerie, ...] = (
    Ministerie(
        "Algemene Zaken", ("Lange Vijverberg 4-5", "2513 AC Den Haag"), ("Postbus 20001", "2500 EA Den Haag")
    ),
    Ministerie(
        "Buitenlandse Zaken", ("Rijnstraat 8", "2515 XP Den Haag"), ("Postbus 20061", "2500 EB Den Haag")
    ),
    Ministerie("Financiën", ("Korte Voorhout 7", "2511 CW Den Haag"), ("Postbus 20201", "2500 EE Den Haag")),
    Ministerie("Justitie en Veiligheid", _TURFMARKT, ("Postbus 20301", "2500 EH Den Haag")),
    Ministerie(
        "Binnenlandse Zaken en Koninkrijksrelaties", _TURFMARKT, ("Postbus 20011", "2500 EA Den Haag")
    ),
    Ministerie("Sociale Zaken en Werkgelegenheid", _PARNASSUS, ("Postbus 90801", "2509 LV Den Haag")),
    Ministerie("Volksgezondheid, Welzijn en Sport", _PARNASSUS, ("Postbus 20350", "2500 EJ Den Haag")),
    Ministerie("Economische Zaken", *_BEZUIDENHOUT),
    Ministerie("Klimaat en Groene Groei", *_BEZUIDENHOUT),
    Ministerie("Landbouw, Visserij, Voedselzekerheid en Natuur", *_BEZUIDENHOUT),
    Ministerie(
        "Infrastructuur en Waterstaat",
        ("Rijnstraat 8", "2515 XP Den Haag"),
        ("Postbus 20901", "2500 EX Den Haag"),
    ),
    Ministerie(
        "Onderwijs, Cultuur en Wetenschap",
        ("Rijnstraat 50", "2515 XP Den Haag"),
        ("Postbus 16375", "2500 BJ Den Haag"),
    ),
    Ministerie("Defensie", ("Kalvermarkt 32", "2511 CB Den Haag"), ("Postbus 20701", "2500 ES Den Haag")),
)
"""The ministries' public visiting and postal addresses in The Hague, for letters whose
agenda file gives none; a project's agenda file (``brief.bezoekadres``, ``brief.postadres``)
always comes first."""

_MINISTERIE = {slug(m.afzender): m for m in MINISTERIES}


def ministerie(afzender: str) -> Ministerie | None:
    """The ministry a letter's sender line names (``Ministerie van Financiën``), if briefgen knows it."""
    return _MINISTERIE.get(slug(afzender))


def sending_ministerie(afzender: list[str], known: Formatie | None) -> Ministerie | None:
    """The ministry whose addresses a letter takes when it gives none: the one its first
    sender line names, or without a sender the formation's lead ministry."""
    if afzender:
        return ministerie(afzender[0])
    return ministerie(f"Ministerie van {known.ministerie}") if known else None
