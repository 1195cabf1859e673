"""The meeting a GA or verslag is about, read from its own words: the Council's name,
its day or days and its place, from the title and the introduction, else from the
``--raad`` id (``milieuraad-2026-10-20``).

Every title form of the genre: "Geannoteerde Agenda", "Geannoteerde Agenda Milieuraad 21
oktober", "I. Geannoteerde agenda Landbouw- en Visserijraad 27–28 oktober 2025",
"GEANNOTEERDE AGENDA VOOR DE RAAD ALGEMENE ZAKEN VAN 15 NOVEMBER", "Verslag Milieuraad
d.d. 17 juni 2025", with or without the year, in capitals or not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..data.agenda import date_in_id
from ..data.formations import formatie
from ..document.dutch import MAANDEN

_MONTH = "|".join(MAANDEN)
DATE = re.compile(
    rf"\b(?P<dag>\d{{1,2}})(?:\s*(?:[-–]|en|t/m|tot en met)\s*(?P<tot>\d{{1,2}}))?\s+"
    rf"(?P<maand>{_MONTH})(?:\s+(?P<jaar>\d{{4}}))?\b",
    re.IGNORECASE,
)
ROMAN = re.compile(r"^(?P<nummer>[IVX]+)(?:\.|\s)\s*(?=\S)")
TITLE = re.compile(r"^(?:[IVX]+\.?\s+)?(?P<soort>geannoteerde agenda|verslag)\b", re.IGNORECASE)
TITLE_COUNCIL = re.compile(
    r"^(?:[IVX]+\.?\s+)?(?:geannoteerde agenda|verslag)(?:\s+(?:van|voor))?(?:\s+de)?\s+"
    r"(?P<raad>.+?)(?:(?:\s+(?:van|d\.d\.|op))?\s+\d|\s*$)",
    re.IGNORECASE,
)
"""A title naming its Council, dated ("Verslag Raad Algemene Zaken van 17 november 2025") or
not ("I. Verslag informele Landbouw- en Visserijraad", the LVR's verslag part)."""
COUNCIL = re.compile(
    r"\b(?P<raad>(?:[Ii]nformele )?(?:[A-Z][a-z]+- en [A-Z][a-z]*raad"
    r"|Raad (?:voor )?[A-Z][a-z]+(?: (?:en )?[A-Z][a-z]+)*"
    r"|[A-Z][a-zA-Z]*-?raad|[A-Z]{2,}-Raad))\b(?:\s+\((?P<afkorting>[A-Z][A-Za-z]{1,8})\))?"
)
NAMED = re.compile(
    r"\b(?:Tijdens|Voor) de (?P<raad>[^.]+?) (?:van|op) \d{1,2}\b"
    r"|\b(?:vindt|vond) (?:(?:in|te) [A-Z][\w-]+ )?de (?P<raad2>[^.(]+?)(?: \((?P<afkorting>[A-Z][\w-]{1,8})\))? plaats\b"
)
"""The genre's sentences that name the meeting: 'Tijdens de informele bijeenkomst van milieu-
en klimaatministers van 10–11 juli …', 'Op 16 november a.s. vindt in Brussel de Raad
Algemene Zaken (RAZ) plaats.'"""
MEETING_WORDS = ("plaats", "bijeenkomst", "Tijdens de ", "vergadering")
PLACE = re.compile(
    r"\b(?P<voorzetsel>in|te)\s+(?P<plaats>[A-Z][a-zé]+(?:[- ][A-Z][a-zé]+)?)(?:,\s+(?P<land>[A-Z][a-z]+))?"
)
NOT_PLACES = {"Europa", "Nederland", "Europese", "Raad", "De", "Het", "Een"}
LUXEMBOURG_MONTHS = (4, 6, 10)
"""The Council meets in Luxembourg in April, June and October, elsewhere in Brussels."""


@dataclass
class Meeting:
    """What the document says about its meeting; None where it says nothing."""

    raad: str | None = None
    formatie: str | None = None
    """The configuration whose templates apply, where the meeting's own name does not say it."""
    afkorting: str | None = None
    datum: dt.date | None = None
    einddatum: dt.date | None = None
    plaats: str | None = None
    land: str | None = None
    voorzetsel: str | None = None


def is_title(text: str) -> bool:
    """A title of the genre: 'Geannoteerde agenda …' or 'Verslag …' (after a part number)."""
    return bool(TITLE.match(text.strip())) and len(text.split()) <= 25


def is_verslag_title(text: str) -> bool:
    found = TITLE.match(text.strip())
    return found is not None and found["soort"].casefold() == "verslag"


def without_number(text: str) -> str:
    """A heading without its Roman part number ('I. Verslag …' → 'Verslag …')."""
    return ROMAN.sub("", text.strip(), count=1)


def read_meeting(title: str, intro: list[str], raad_id: str) -> Meeting:
    """The meeting from the title and the introduction's paragraphs, completed from the id."""
    found = Meeting()
    texts = [title, *intro] if title else list(intro)
    for text in texts:
        if found.raad is None:
            _council(text, found, text is title)
    _dates(title, intro, found, raad_id)
    for text in texts:
        place = _place(text, text is title)
        if place is not None:
            found.voorzetsel, found.plaats, found.land = place
            break
    from_id = council_from_id(raad_id)
    if found.raad is None:
        found.raad = from_id
    elif from_id and formatie(found.raad) is None and formatie(from_id) is not None:
        found.formatie = from_id
    if found.raad and found.afkorting is None:
        named = re.compile(re.escape(found.raad) + r"\s+\((?P<afkorting>[A-Z][A-Za-z]{1,8})\)")
        found.afkorting = next((m["afkorting"] for t in texts if (m := named.search(t))), None)
    if found.datum is None:
        found.datum = date_in_id(raad_id)
    return found


def default_place(datum: dt.date) -> str:
    return "Luxemburg" if datum.month in LUXEMBOURG_MONTHS else "Brussel"


def council_from_id(raad_id: str) -> str | None:
    """The Council's name from an id such as ``raad-algemene-zaken-2025-11-17``."""
    stem = re.sub(r"-?\d{4}-\d{2}-\d{2}$", "", raad_id)
    stem = re.sub(r"^informele-", "", stem)
    if not stem:
        return None
    known = formatie(stem)
    if known is not None:
        return known.naam
    words = stem.split("-")
    return " ".join([words[0].capitalize(), *words[1:]])


def name_case(text: str) -> str:
    """A Council's name from a title in capitals: 'RAAD ALGEMENE ZAKEN' → 'Raad Algemene Zaken'."""
    if text != text.upper():
        return text
    words = text.title().split(" ")
    return " ".join(
        w.lower() if w.lower() in ("en", "van", "de", "voor") and i else w for i, w in enumerate(words)
    )


def _council(text: str, found: Meeting, is_title_text: bool) -> None:
    if is_title_text:
        titled = TITLE_COUNCIL.match(text.strip())
        if titled:
            name = name_case(titled["raad"].strip())
            own = COUNCIL.search(name)
            found.raad = own["raad"] if own else name
            return
        return
    named = NAMED.search(text)
    council = (named["raad"] or named["raad2"]) if named else None
    if named and council and council.casefold() not in ("raad", "europese raad"):
        found.raad = council
        found.afkorting = named["afkorting"] or found.afkorting
        return
    for match in COUNCIL.finditer(text):
        name = match["raad"]
        if (
            name.casefold() in ("europese raad",)
            or text[max(0, match.start() - 9) : match.start()] == "Europese "
        ):
            continue
        found.raad = name
        if match["afkorting"]:
            found.afkorting = match["afkorting"]
        return


def _about_meeting(sentence: str) -> bool:
    """A sentence about the meeting itself: it names a Council or a bijeenkomst, or says
    where or when it takes place."""
    return bool(COUNCIL.search(sentence)) or any(word in sentence for word in MEETING_WORDS)


def _dates(title: str, intro: list[str], found: Meeting, raad_id: str) -> None:
    """The meeting's day (and last day): the title's date, else one in a sentence about the
    meeting (one naming a Council or 'plaats'); a date with the id's day comes first."""
    known = date_in_id(raad_id)
    candidates = _candidates(title, known)
    if not candidates:
        for text in intro:
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
                if _about_meeting(sentence):
                    candidates += _candidates(sentence, known)
    if not candidates:
        return
    same = [c for c in candidates if known and (c[0].month, c[0].day) == (known.month, known.day)]
    found.datum, found.einddatum = (same or candidates)[0]


def _candidates(text: str, known: dt.date | None) -> list[tuple[dt.date, dt.date | None]]:
    found: list[tuple[dt.date, dt.date | None]] = []
    for match in DATE.finditer(text):
        month = MAANDEN.index(match["maand"].lower()) + 1
        year = int(match["jaar"]) if match["jaar"] else (known.year if known else None)
        if year is None:
            continue
        try:
            day = dt.date(year, month, int(match["dag"]))
            last = dt.date(year, month, int(match["tot"])) if match["tot"] else None
        except ValueError:
            continue
        found.append((day, last if last and last > day else None))
    return found


def _place(text: str, title: bool) -> tuple[str, str, str | None] | None:
    """'in Brussel', 'te Aalborg, Denemarken', in the title or in a sentence about the
    meeting (one naming a Council or 'plaats')."""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
        if not (title or _about_meeting(sentence)):
            continue
        for match in PLACE.finditer(sentence):
            if match["plaats"].split()[0] in NOT_PLACES or match["plaats"].split("-")[0] in NOT_PLACES:
                continue
            return match["voorzetsel"], match["plaats"], match["land"]
    return None
