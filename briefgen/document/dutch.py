"""Dutch as ministries write it, for the templates: dates, numerals, lists and sentences.

Each function here is a filter the templates use by its name (``{{ datum | datum }}``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Literal

from ..data.provenance import keep

MAANDEN = ("januari februari maart april mei juni juli augustus september oktober november december").split()
WEEKDAGEN = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
TELWOORDEN = "nul één twee drie vier vijf zes zeven acht negen tien elf twaalf".split()
NBSP = "\xa0"
"""The space inside a date, a number and its "nr.", a Kamerstuk dossier: never a line break there.
:func:`vaste_spaties` puts it there in every document, after the templates ran: the filters
(``datum``, ``vergaderdatum``) write plain spaces."""


_MAAND = "|".join(MAANDEN)


def _spaces(space: str) -> str:
    """Where a line must not break, the space there being ``space`` (a pattern, ignoring case)."""
    return (
        rf"(?i)\b(\d{{1,2}}){space}(?=(?:{_MAAND})\b)"  # 17 maart
        rf"|\b((?:{_MAAND})){space}(?=\d{{4}}\b|a\.s\.|jl\.)"  # maart 2026, maart a.s.
        rf"|\b(\d{{1,2}}){space}(?=en(?:{space}|\xa0)\d{{1,2}}(?:{space}|\xa0)(?:{_MAAND})\b)"  # 11 en 12 juni
        rf"|(?<!\d\d\d[ \xa0])(?<=\d[ \xa0])(en){space}(?=\d{{1,2}}(?:{space}|\xa0)(?:{_MAAND})\b)"  # not a year's
        rf"|\b(nrs?\.){space}(?=\d)"  # nr. 1011
        rf"|(?<!\d)(\d{{2}}){space}(?=\d{{3}}\b)"  # Kamerstuk 21 501-08, 22 112
    )


_UNBROKEN = _spaces(NBSP)
"""The no-break spaces :func:`gewone_spaties` undoes; compiled on first use (reading a
document back: a render never needs it)."""


def _before_space(words: list[str]) -> str:
    """Lookbehinds, from just after a space, for any of ``words`` ending there, one per word length."""
    lengths = sorted({len(word) for word in words})
    return "|".join(
        rf"(?<=(?:{'|'.join(word for word in words if len(word) == length)})[ \n])" for length in lengths
    )


_DAY = _before_space([r"\b\d", r"\b\d\d"])
_MONTH = _before_space([rf"\b{maand}" for maand in MAANDEN])
_NR = _before_space([r"\bnr\.", r"\bnrs\."])
_BREAKABLE = re.compile(
    rf"[ \n](?:(?<=\d[ \n])(?=[\dajfmsonde])|(?<=[.ilnrst][ \n])(?=\d|a\.s\.|jl\.))(?:"  # a quick no for most spaces
    rf"(?:{_DAY})(?=(?:{_MAAND})\b|en[ \n\xa0]\d{{1,2}}[ \n\xa0](?:{_MAAND})\b)"  # 17 maart, 11 en 12 juni
    rf"|(?:{_MONTH})(?=\d{{4}}\b|a\.s\.|jl\.)"  # maart 2026, maart a.s.
    rf"|(?<!\d\d\d[ \xa0]en[ \n])(?<=\d[ \xa0]en[ \n])(?=\d{{1,2}}[ \n\xa0](?:{_MAAND})\b)"  # 11 en 12 juni, not 2026 en 1 januari
    rf"|(?:{_NR})(?=\d)"  # nr. 1011
    rf"|(?<!\d\d\d[ \n])(?<=\d\d[ \n])(?=\d{{3}}\b)"  # Kamerstuk 21 501-08, 22 112
    rf")",
    re.IGNORECASE,
)
"""The spaces ``_spaces("[ \n]")`` finds, found at the space itself. Each of its matches is a
word without spaces and the space after it, and only that space changes, so the space alone
says where; starting with a space, the pattern lets the regex engine skip from space to space
instead of trying every position, and the first checks turn nearly every space down at once (a
GA's Markdown in a seventh of the time, then a fifth less): a digit before the space and what
may follow a day or a number, or the end of a month's name, "nr." or "en" before it and a
digit, "a.s." or "jl." after it — every alternative after them has one of the two. A line of Markdown may end inside a date
("19\ndecember"): a soft break, read as a space."""


KEPT_CHARS = 8 * 2**20
"""Characters of paragraphs a process keeps with their no-break spaces (then it starts afresh)."""


class _Paragraphs:
    """Paragraphs with their no-break spaces, as :func:`vaste_spaties` made them before.

    Each of ``_BREAKABLE``'s matches is one space or line end with a digit, a month's name,
    "nr." or "en" before it and a digit, "a.s." or "jl." after it, all on its side of an empty
    line: none is a blank line's line end, and none looks past one (what it sees there, two
    line ends, is what it sees at the text's start or end). So a text's parts between blank
    lines come out of it as each comes out alone, and a part that was in the document before
    (in ``--watch``, what an edit did not touch; every document repeats the footnotes' texts)
    is looked up by its text instead of searched again."""

    def __init__(self) -> None:
        self.made: dict[str, str] = {}
        self.size = 0

    def unbroken(self, text: str) -> str:
        made = self.made
        found = made.get(text)
        if found is None:
            found = _BREAKABLE.sub(NBSP, text)
            if self.size + len(text) > KEPT_CHARS:
                made.clear()
                self.size = 0
            made[text] = found
            self.size += len(text)
        return found


_PARAGRAPHS = _Paragraphs()


def vaste_spaties(text: str) -> str:
    """The spaces a line must not break at, made non-breaking in any text, a drafter's too:
    inside a date ("17 maart 2026", "5 juni a.s."), between "nr." and its number, inside a
    Kamerstuk dossier's number ("21 501-08"); also where a line of Markdown ends there.
    Each space stays one character, so places found in the text stay where they are."""
    if len(text) <= 256:
        return _BREAKABLE.sub(NBSP, text)
    unbroken = _PARAGRAPHS.unbroken
    return "\n\n".join([unbroken(part) for part in text.split("\n\n")])


def gewone_spaties(text: str) -> str:
    """:func:`vaste_spaties` undone: the text as the drafter's file holds it."""
    if NBSP not in text:
        return text
    return re.sub(_UNBROKEN, lambda m: next(g for g in m.groups() if g is not None) + " ", text)


def datum(value: dt.date, jaar: bool = True) -> str:
    """A date as Dutch ministries write it: ``17 maart 2026`` (``17 maart`` without the year)."""
    day = f"{value.day} {MAANDEN[value.month - 1]}"
    return f"{day} {value.year}" if jaar else day


def weekdag(value: dt.date) -> str:
    return WEEKDAGEN[value.weekday()]


def relatief(value: dt.date, peildatum: dt.date) -> str:
    """``a.s.`` for a day after ``peildatum`` (the letter's date), ``jl.`` for one before, else nothing."""
    return "a.s." if value > peildatum else "jl." if value < peildatum else ""


def _dagen(agenda: Any) -> str | None:
    """The agenda's own way with its days ('dagen'), if the view it comes from has one."""
    return agenda.get("dagen") if hasattr(agenda, "get") else None


def _tot(agenda: Any, tot: str) -> str:
    """Between a meeting's first and last day: "en" names two days only; three or more
    read "3–5 september" whatever the formation's way with two; the agenda's 'dagen: reeks'
    always the dash."""
    begin, eind = agenda["datum"], agenda["einddatum"]
    if _dagen(agenda) == "reeks":
        return "–"
    if tot.strip() == "en" and eind is not None and (eind - begin).days > 1:
        return "–"
    return tot


def _opgesomd(begin: dt.date, eind: dt.date, jaar: bool) -> str:
    """Each day named: "16, 17 en 18 juli 2025", "30 juni en 1 juli" (a month after its last day)."""
    days = [begin + dt.timedelta(days=n) for n in range((eind - begin).days + 1)]
    names = [
        str(day.day)
        if index + 1 < len(days) and days[index + 1].month == day.month
        else datum(day, jaar and (day == eind or day.year != eind.year))
        for index, day in enumerate(days)
    ]
    return f"{', '.join(names[:-1])} en {names[-1]}"


def vergaderdatum(agenda: Any, jaar: bool = True, tot: str = "–") -> str:
    """A meeting's day or days: ``22–23 september 2025``, ``23 en 24 juni`` (``tot=" en "``, no
    year; three days or more ``3–5 september``); the agenda's ``dagen`` decides where it says:
    ``16, 17 en 18 juli`` (opsomming), ``16–18 juli`` (reeks)."""
    begin, eind = agenda["datum"], agenda["einddatum"]
    if eind is None:
        return datum(begin, jaar)
    if _dagen(agenda) == "opsomming":
        return _opgesomd(begin, eind, jaar)
    tot = _tot(agenda, tot)
    if (begin.year, begin.month) == (eind.year, eind.month):
        first = str(begin.day)
    else:
        first = datum(begin, jaar and begin.year != eind.year)
    return f"{first}{tot}{datum(eind, jaar)}"


def onbreekbaar(value: str) -> str:
    """The text with each space a non-breaking one: a Kamerstuk citation's dossier and number
    (``_voetnoot.md.j2``), unbroken also where :func:`vaste_spaties` does not look (the
    footnotes of ``briefgen diff``) or would not see it (a budget's dossier ``36 600 XII``)."""
    return str(value).replace(" ", NBSP)


def standaard(value: str | Literal[False] | None, default: str) -> str:
    """A default sentence: the drafter's text replaces it, false leaves it out."""
    if value is None:
        return default
    return value or ""


def zinnen(parts: list[str]) -> str:
    """Sentences joined into one paragraph, skipping the ones left out (each keeping its origin)."""
    return " ".join(str(keep(part, part.strip())) for part in parts if part and part.strip())


def hoofdletter(value: str) -> str:
    """The text with its first letter a capital and the rest as written (``CO2`` stays ``CO2``)."""
    return value[:1].upper() + value[1:]


def romeins(value: int) -> str:
    """A part number as a Roman numeral: ``II``; from 4000 on (no Roman numeral) in digits."""
    if not 0 < value < 4000:
        return str(value)
    numerals: tuple[tuple[int, str], ...] = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
    )
    numerals += ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        out += numeral * count
    return out


def telwoord(value: int) -> str:
    return TELWOORDEN[value] if 0 <= value < len(TELWOORDEN) else str(value)


def opsomming(items: list[str]) -> str:
    """Items joined as Dutch prose: ``a, b en c``."""
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1] if items else ""


def onverbogen(adjective: str) -> str:
    """A presidency's adjective without its inflection, as "het … voorzitterschap" takes it:
    ``Deense`` → ``Deens``, ``Cypriotische`` → ``Cypriotisch``, ``Maltese`` → ``Maltees``."""
    if adjective.endswith("ese"):
        return adjective[:-3] + "ees"
    return adjective[:-1] if adjective.endswith("e") else adjective


FILTERS: dict[str, Callable[..., Any]] = {
    "datum": datum,
    "telwoord": telwoord,
    "opsomming": opsomming,
    "weekdag": weekdag,
    "relatief": relatief,
    "vergaderdatum": vergaderdatum,
    "onbreekbaar": onbreekbaar,
    "standaard": standaard,
    "zinnen": zinnen,
    "romeins": romeins,
    "hoofdletter": hoofdletter,
    "onverbogen": onverbogen,
}
