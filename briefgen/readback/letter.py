"""The letter around a GA or verslag that briefgen did not write: its salutation, its close
and signatories, and the sentences of its opening paragraph.

A GA inside its letter (the Landbouw- en Visserijraad's and Transportraad's form) opens
with the letter's paragraphs before "I. Geannoteerde agenda …" and closes with
"Hoogachtend," and one signature block per minister ("De Minister van …," then the name,
in capitals or not). The salutation and "Hoogachtend," are the templates' own; the
signatories become ``ondertekenaars``; the opening paragraph is read as the letter's
standard sentences (``opening``, ``deelname``, the rest ``stand_van_zaken``) where it has
them, and written as the document has them where it words them otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..document.blocks import Paragraph
from ..document.dutch import vergaderdatum

SALUTATION = re.compile(r"^Geachte\b[^.]{0,60},?$")
CLOSING = re.compile(r"^(?:Hoogachtend|Met (?:vriendelijke|hartelijke) groet(?:en)?),?$", re.IGNORECASE)
FUNCTION = re.compile(
    r"^(?:de\s+)?(?:minister|staatssecretaris|minister-president)\b[^.:;]{0,160}$", re.IGNORECASE
)
NAME = re.compile(r"^(?:[A-Z][\w.'’-]*|[a-z]{1,4}\.?|van|de|der|den|ten|ter|'t)(?: \S+){0,5}$")
"""A signatory's name: 'J.A. Voorbeeld', 'mr. dr. A. de Vries', 'Ruben Brekelmans'."""
SMALL_WORDS = {"de", "het", "van", "voor", "en", "der", "den", "te"}
SENTENCE_END = re.compile(r"[.!?](?:\[\^[^\[\]\s]+\])*(?P<space>\s+)(?=[A-Z])")
"""Where a sentence ends: its full stop and the footnote references on it, then a capital."""
DEFAULT_OPENING = re.compile(
    r"^Op (?P<dag>[^.]+?)(?: (?P<rel>a\.s\.))? vindt de (?P<raad>[^.]+?) \(hierna: Raad\) plaats"
    r"(?: (?P<waar>(?:in|te) [^.]+?))?\. Met deze brief (?P<wie>informeer ik|informeren we) de Kamer"
    r" over de agenda en de Nederlandse inbreng\.$"
)
"""The Landbouw- en Visserijraad letter's own opening, which its template writes itself."""
VERSLAG_OPENING = re.compile(
    r"^Op (?P<dag>[^.]+?)(?: (?P<rel>jl\.))? vond de (?P<raad>[^.]+?) \(hierna: Raad\) plaats"
    r"(?: (?P<waar>(?:in|te) [^.]+?))?\. Met deze brief (?P<wie>informeer ik|informeren wij) de Kamer"
    r" over de uitkomsten van de Raad\.$"
)
"""The Landbouw- en Visserijraad verslag letter's own opening."""
INTENDS = re.compile(r"\bvoornemens\b")
ATTENDING = re.compile(r"\b(?:bij te wonen|deel te nemen)\b")


def participation(sentence: str) -> bool:
    """Whether ``sentence`` says someone intends to attend: 'voornemens', later on the same line
    'bij te wonen' or 'deel te nemen'. Searched in turn from the first 'voornemens' of each
    line: one pattern with ``.*`` between them takes time quadratic in a long line."""
    for line in sentence.split("\n"):
        intends = INTENDS.search(line)
        if intends and ATTENDING.search(line, intends.end()):
            return True
    return False


@dataclass(frozen=True)
class Signatory:
    functie: str
    naam: str


@dataclass
class Letter:
    """The letter's paragraphs before the GA, and who signed it."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)


def without_salutation(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs without a leading "Geachte voorzitter,": the templates write it."""
    if paragraphs and SALUTATION.match(paragraphs[0].text.strip()):
        return paragraphs[1:]
    return paragraphs


def split_close(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Signatory]]:
    """The paragraphs before the letter's close, and the signatories the close names.

    The close is read from the end: per signatory a function line ("De Minister van …,"),
    then the name, each a paragraph or a line of one; "Hoogachtend," before them. Nothing
    is taken unless a whole signature block is found, and only whole paragraphs are."""
    signatories: list[Signatory] = []
    name: str | None = None
    cut = len(paragraphs)
    closed = False
    for index in range(len(paragraphs) - 1, -1, -1):
        if closed:
            break
        lines = [line.strip() for line in paragraphs[index].text.split("\n") if line.strip()]
        if not lines:
            break
        accepted = True
        for line in reversed(lines):
            if name is None and signatories and CLOSING.match(line):
                closed = True
            elif name is None and NAME.match(line) and not FUNCTION.match(line) and not closed:
                name = line
            elif name is not None and FUNCTION.match(line) and not closed:
                signatories.insert(0, Signatory(functie(line), name))
                name = None
            else:
                accepted = False
                break
        if not accepted:
            break
        if name is None:
            cut = index
    if not signatories:
        return paragraphs, []
    return paragraphs[:cut], signatories


def functie(line: str) -> str:
    """A function as the data writes it ('de Minister van Landbouw, Visserij, …'): the
    templates print it in capitals themselves."""
    text = line.strip().rstrip(",").strip()
    if text.isupper():
        words = []
        for word in text.lower().split(" "):
            words.append(
                word if word in SMALL_WORDS else "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
            )
        text = " ".join(words)
    if text[:3] == "De ":
        text = "de " + text[3:]
    return text


def sentences(text: str) -> list[str]:
    """A paragraph's sentences (a full stop before a capital ends one; 'a.s.' does not)."""
    text = text.strip()
    found, start = [], 0
    for end in SENTENCE_END.finditer(text):
        found.append(text[start : end.start("space")])
        start = end.end()
    found.append(text[start:])
    return [s for s in found if s]


@dataclass
class Opening:
    """The letter's first paragraph as the letter's fields: None where the template's own
    sentence stands, False where it is not there, else the document's words."""

    opening: str | None = None
    deelname: str | bool | None = None
    stand_van_zaken: str | None = None
    volgorde: list[str] = field(default_factory=list)
    relative: bool = False


def read_opening(text: str, agenda: dict[str, Any], signatories: int) -> Opening:
    """The standard sentences of a letter-with-GA's opening paragraph, against the meeting's facts."""
    found = Opening()
    parts = sentences(text)
    named: list[tuple[str, str]] = []
    for sentence in parts:
        if participation(sentence) and not any(n == "deelname" for n, _s in named):
            named.append(("deelname", sentence))
        elif (
            not named
            or named[-1][0] == "opening"
            and len(named) == 1
            and sentence.startswith("Met deze brief")
        ):
            if named:
                named[-1] = ("opening", named[-1][1] + " " + sentence)
            else:
                named.append(("opening", sentence))
        else:
            if named and named[-1][0] == "stand_van_zaken":
                named[-1] = ("stand_van_zaken", named[-1][1] + " " + sentence)
            else:
                named.append(("stand_van_zaken", sentence))
    texts = dict(named)
    order = [n for n, _s in named]
    opening = texts.get("opening", "")
    found.relative = " a.s. " in f" {opening} "
    if not _is_default_opening(opening, agenda, signatories):
        found.opening = opening
    deelname = texts.get("deelname")
    standard = (
        "Ik ben" if signatories == 1 else "Wij zijn"
    ) + " voornemens om deze vergadering bij te wonen."
    found.deelname = False if deelname is None else None if deelname == standard else deelname
    found.stand_van_zaken = texts.get("stand_van_zaken")
    if order != [n for n in ("opening", "deelname", "stand_van_zaken") if n in texts]:
        found.volgorde = order
    return found


def is_default_verslag_opening(text: str, agenda: dict[str, Any], signatories: int) -> bool:
    """Whether a verslag letter's opening paragraph is the one its template writes itself."""
    return _is_default_opening(text, agenda, signatories, VERSLAG_OPENING, "informeren wij")


def _is_default_opening(
    text: str,
    agenda: dict[str, Any],
    signatories: int,
    pattern: re.Pattern[str] = DEFAULT_OPENING,
    we: str = "informeren we",
) -> bool:
    found = pattern.match(text)
    if found is None or "datum" not in agenda:
        return False
    dag = vergaderdatum(
        {"datum": agenda["datum"], "einddatum": agenda.get("einddatum")}, jaar=False, tot=" en "
    )
    wie = "informeer ik" if signatories == 1 else we
    plaats = agenda.get("plaats")
    waar = f"{agenda.get('voorzetsel') or 'in'} {plaats}" if plaats else None
    return (
        found["dag"] == dag
        and found["rel"] is not None
        and found["raad"] == agenda.get("raad")
        and found["waar"] == waar
        and found["wie"] == wie
    )
