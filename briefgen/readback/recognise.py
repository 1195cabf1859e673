"""Recognise a GA or verslag that briefgen did not write, by structure as well as wording.

The title (any form of the genre, see :mod:`.meeting`), the introduction, the item
headings (a heading style, a paragraph wholly in bold, or a numbered paragraph of a few
words), the sub-headings (Introductie, Inzet Nederland, Krachtenveld and their variants,
in any of those forms), Roman-numbered parts ("II. Diversen", further parts), diversen.

What the project's templates would write themselves is recognised so the data carries it
once: briefgen's own introduction (the presidency's sentence, the agenda list, the
diversen sentence), an item type's heading start or opening sentence, the intervention
sentence. Everything else is kept as the document wrote it: an introduction in prose
becomes the GA's ``inleiding``, a heading the item's short name, sub-headings the item's
``kopjes``. An item without sub-headings is divided at the paragraphs that open with the
Dutch position and with the member states. Which footnote stood where is kept, so one
that finds no place can be listed with its text.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.formations import formatie
from ..document.blocks import Break, NoteRef, Paragraph, Span
from ..document.dutch import MAANDEN, vergaderdatum
from ..document.shape import GaShape
from ..document.tomarkdown import paragraph_markdown
from ..errors import Location, _, fail
from ..output.resources import Resources
from ..word.reader import Reading
from .letter import Letter, split_close, without_salutation
from .meeting import Meeting, is_title, is_verslag_title, read_meeting, without_number
from .note_values import note_markdown

SECTIONS = {
    "introductie": "introductie",
    "inleiding": "introductie",
    "inhoud": "introductie",
    "achtergrond": "introductie",
    "toelichting": "introductie",
    "inzet nederland": "inzet",
    "inzet": "inzet",
    "nederlandse inzet": "inzet",
    "inzet van nederland": "inzet",
    "inzet kabinet": "inzet",
    "inzet van het kabinet": "inzet",
    "kabinetsinzet": "inzet",
    "nederlandse positie": "inzet",
    "positie nederland": "inzet",
    "krachtenveld": "krachtenveld",
    "kern": "kern",
}
DEFAULT_KOPJES = {"introductie": "Introductie", "inzet": "Inzet Nederland", "krachtenveld": "Krachtenveld"}
DIVERSEN_HEADINGS = ("diversen", "diversenpunten", "overige zaken", "overig", "diverse punten")
DIVERSEN_PREFIX = re.compile(r"^(?:diverse punt|diversenpunt|diversen|diverse)\s*:\s*", re.IGNORECASE)
NUMBERED = re.compile(r"^(?P<nummer>\d{1,2})[.)]\s+(?P<kop>\S.*)$")
INZET_CUE = re.compile(r"^[^.]{0,80}\b(?:Nederland|kabinet|Het kabinet|NL)\b")
KRACHT_CUE = re.compile(
    r"^[^.]{0,120}\b(?:lidstaten|[Kk]rachtenveld|Europees Parlement|meerderheid|[Ll]anden)\b"
)
STATUS = {"conceptagenda": "concept", "voorlopige agenda": "voorlopig", "definitieve agenda": "definitief"}
PRESIDENCY = re.compile(
    r"^Het (?P<voorzitterschap>.+?) Voorzitterschap van de Raad van de Europese Unie"
    r"(?: \(hierna: Voorzitterschap\))? heeft een (?P<status>conceptagenda|voorlopige agenda|definitieve agenda)"
    r" voor de (?P<raad>.+?) gedeeld\.\s*(?P<rest>.*)$",
    re.DOTALL,
)
MEETING = re.compile(
    r"^Tijdens de (?P<raad>.+?) van (?P<dag>\d{1,2}) (?P<maand>[a-z]+) (?P<jaar>\d{4}) (?:in|te) (?P<plaats>.+?)"
    r" staan de volgende onderwerpen geagendeerd:?$"
)
ONE_DIVERSEN = re.compile(
    r"^(?:Voorlopig staat er|Er staat) één diversenpunt op de agenda van deze Raad\.\s*(?P<toelichting>.*)$",
    re.DOTALL,
)
MANY_DIVERSEN = re.compile(
    r"^(?:Voorlopig staan er|Er staan) \S+ diversenpunten op de agenda van deze Raad:?$"
)
PART = re.compile(r"^[IVX]+\.?\s+\S")
VERSLAG_OPENING = re.compile(
    r"^(?:Op|Van) [^.]*?\bvond\b[^.]*\bplaats|^(?:Met deze brief|Hierbij) [^.]*\bverslag\b"
)
"""A verslag without its title says in its first paragraph that the Council met ("Op 17
november jl. vond de Raad Algemene Zaken plaats")."""
MAX_HEADING_WORDS = 20
INCLUDE = re.compile(r"\{%-?\s*include\s+\"([^\"]+)\"")
AARD = re.compile(r"^Aard (?:van de )?bespreking\s*:\s*(?P<soort>\S.*)$", re.IGNORECASE)
"""Ecofin's type line under an item's heading: 'Aard bespreking: Besluitvorming'."""


@dataclass
class Item:
    """One agenda item as found: its line in the agenda list and its own section."""

    soort: str | None = None
    onderwerp: str | None = None
    toelichting: Paragraph | None = None
    kort: str | None = None
    sections: dict[str, list[Paragraph]] = field(default_factory=dict)
    kopjes: dict[str, str | bool] | bool | None = None
    """Sub-headings as the document has them where they differ from the templates'; False: none."""
    opening: bool | None = None
    """False: the templates' opening sentence of the item's type is not in the document."""
    slotzin: bool | None = None
    tekst: list[Paragraph] = field(default_factory=list)
    """Paragraphs before the first sub-heading of an item that has its own introductie."""
    uitkomst: list[Paragraph] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    """Each sub-heading as the document wrote it."""
    soortregel: str | None = None
    """How the type stood on a line of its own under the heading: 'onder' ('Beleidsdebat') or
    'aard' ('Aard bespreking: Beleidsdebat')."""
    genummerd: bool = False
    """The heading carries its number, typed ('1. …') or Word's own numbering."""
    eigen: bool = False
    """An item of the agenda's own, without a dossier: its heading and its text as written."""
    deel: str | None = None
    """The heading of the GA's part the item stands in ("Eurogroep"), a level above its own."""


@dataclass
class Part:
    """A part beyond the agenda ("III. Appreciatie visserijadviezen"): heading, text, topics."""

    kop: str
    tekst: list[Paragraph] = field(default_factory=list)
    onderwerpen: list[tuple[str, list[Paragraph]]] = field(default_factory=list)


@dataclass
class Recognised:
    """The agenda's fields, its items, the footnotes' Markdown and what could not be placed.

    ``ga`` holds the GA's own texts (``titel``, ``inleiding`` as paragraphs, …) where the
    document's differ from what the templates would write; ``places`` says where each
    footnote stood. ``verslag`` is true for a verslag: the items carry outcomes."""

    agenda: dict[str, Any]
    items: list[Item]
    notes: list[str]
    unplaced: list[str]
    ga: dict[str, Any] = field(default_factory=dict)
    parts: list[Part] = field(default_factory=list)
    places: dict[int, str] = field(default_factory=dict)
    verslag: bool = False
    samenvatting: list[Paragraph] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    letter: Letter = field(default_factory=Letter)
    """The letter around the GA: its paragraphs before the GA when the formation's letter
    carries the GA (else they stay with the introduction), and its signatories."""


def recognise(root: Path, display: str, reading: Reading, raad_id: str = "") -> Recognised:
    """What a GA or verslag read from Word says, for the project at ``root`` (its templates)."""
    notes = [note_markdown(n) for n in reading.notes]
    try:
        return _Reader(root, display, reading.paragraphs, notes, raad_id, letter=True).read()
    except _NotALetter:
        return _Reader(root, display, reading.paragraphs, notes, raad_id, letter=False).read()


class _NotALetter(Exception):
    """The salutation and close taken off were not a letter's that carries the document:
    read it again with them as text."""


class _Reader:
    def __init__(
        self,
        root: Path,
        display: str,
        paragraphs: list[Paragraph],
        notes: list[str],
        raad_id: str,
        letter: bool = False,
    ):
        self.root = root
        self.display = display
        self.raad_id = raad_id
        kept = [p for p in paragraphs if p.text.strip() or any(isinstance(i, NoteRef) for i in p.inlines)]
        self.letter = Letter()
        self.stripped = False
        if letter:
            # the letter's salutation and close, which the templates write themselves
            opened = without_salutation(kept)
            opened, self.letter.signatories = split_close(opened)
            self.stripped = len(opened) < len(kept)
            kept = opened
        self.paragraphs = [part for p in kept for part in _labelled(p)]
        self.notes = notes
        self.unplaced: list[str] = []
        self.agenda: dict[str, Any] = {}
        self.ga: dict[str, Any] = {}
        self.places: dict[int, str] = {}
        self.verslag = False
        self.italic_titles = False
        """Whether item titles may be in italics: only in a document with no other heading."""

    # -- the document as a whole -------------------------------------------------------

    def read(self) -> Recognised:
        paragraphs = self.paragraphs
        if not paragraphs:
            raise fail(Location(self.display), _("the document has no text"))
        kinds = [self._kind(i) for i in range(len(paragraphs))]
        if not any(
            kind in ("heading", "part") and not is_title(paragraphs[i].text)
            for i, kind in enumerate(kinds)
            if i
        ):
            # no title in bold, underlined or a heading style: a writer's item titles in italics
            self.italic_titles = True
            kinds = [self._kind(i) for i in range(len(paragraphs))]
        if not self._is_title(paragraphs[0]):
            self._title_first(kinds)
            paragraphs = self.paragraphs
            kinds = [self._kind(i) for i in range(len(paragraphs))]
        title = paragraphs[0] if self._is_title(paragraphs[0]) else None
        start = 1 if title is not None else 0
        first = next(
            (i for i in range(start, len(paragraphs)) if kinds[i] in ("heading", "part")), len(paragraphs)
        )
        intro = paragraphs[start:first]
        title_text = title.text.strip() if title is not None else ""
        before = self.letter.paragraphs
        meeting = read_meeting(title_text, [p.text for p in before + intro], self.raad_id)
        self._meeting(meeting)
        formation = self.agenda.get("formatie") or self.agenda.get("raad")
        facts = Resources(self.root).template_facts(formation) if formation else None
        carries = bool(before) and bool(formation) and self._letter_carries_ga(str(formation))
        if is_verslag_title(title_text):
            carries = bool(before) and bool(formation) and self._letter_carries_verslag(str(formation))
        verslag_form = is_verslag_title(title_text) or (
            title is None
            and bool(intro)
            and bool(VERSLAG_OPENING.match(intro[0].text.strip().replace("jl.", "jl")))
        )
        if self.stripped and not (self.letter.signatories and (carries or verslag_form)):
            raise _NotALetter
        if before and (not carries or not self.letter.signatories):
            # the formation sends its GA as a document of its own, or the letter names no
            # signatories (a letter needs them): the letter's paragraphs stay with the
            # GA's introduction
            if carries and not self.letter.signatories and not is_verslag_title(title_text):
                self.unplaced.append(
                    f"{self.display}: the letter before '{title_text}' names no signatories; its "
                    "paragraphs are kept in the GA's introduction: add 'brief' and move them there"
                )
            self.letter.paragraphs = []
            self.paragraphs = paragraphs = [paragraphs[0], *before, *paragraphs[1:]]
            kinds = [self._kind(i) for i in range(len(paragraphs))]
            first += len(before)
            intro = paragraphs[start:first]
        self.soorten: dict[str, Any] = facts.soorten if facts else {}
        self.slotzin = facts.slotzin if facts else ""
        self.model = facts.shape if facts else GaShape()
        self._places(paragraphs, start, first, kinds)
        verslag = self.verslag = is_verslag_title(title_text) or (
            not is_title(title_text)
            and bool(intro)
            and bool(VERSLAG_OPENING.match(intro[0].text.strip().replace("jl.", "jl")))
        )
        if title is not None and not verslag:
            self._title(title_text)
        elif title is None:
            self.ga["titel"] = False
        items, parts = self._body(paragraphs, kinds, first)
        known = formatie(str(formation or ""))
        lines = {item.soortregel for item in items if item.soortregel}
        if len(lines) == 1 and (known.soortkop if known else "voor") not in lines:
            self.ga["soortkop"] = lines.pop()
        if not verslag and self.model.heading_numbers and items and all(i.genummerd for i in items):
            self.ga["kopnummers"] = True
        found = Recognised(
            self.agenda, items, self.notes, self.unplaced, self.ga, parts, self.places, verslag
        )
        found.letter = self.letter
        for paragraph in self.letter.paragraphs:
            for inline in paragraph.inlines:
                if isinstance(inline, NoteRef):
                    self.places.setdefault(inline.note, _("the letter"))
        if verslag:
            if title is not None:
                found.agenda["verslag_kop"] = without_number(title_text)
                found.agenda["verslag_genummerd"] = without_number(title_text) != title_text
            found.samenvatting = intro
            return found
        if not (self.model.typed_headings and self._standard_intro(intro, items)):
            self._prose_intro(intro)
        elif known is not None and known.ga_vorm != "lijst":
            self.ga["vorm"] = "lijst"  # the agenda list where the formation writes prose by default
        return found

    def _title_first(self, kinds: list[str]) -> None:
        """A GA inside a letter: its part heading 'I. Geannoteerde agenda …' is the title; the
        letter's paragraphs before it are the letter's."""
        for index, kind in enumerate(kinds):
            if kind == "heading" and not is_title(self.paragraphs[index].text):
                return
            if kind in ("heading", "part") and is_title(self.paragraphs[index].text):
                self.letter.paragraphs = self.paragraphs[:index]
                del self.paragraphs[:index]
                return

    def _letter_carries_verslag(self, formation: str) -> bool:
        """Whether the formation's verslag letter holds the verslag itself (the Landbouw- en
        Visserijraad's form: its template sets ``binnen``)."""
        source = Resources(self.root).templates(formation).source("kamerbrief-verslag.md.j2")
        return bool(re.search(r"\{%-?\s*set binnen = true\b", source))

    def _letter_carries_ga(self, formation: str) -> bool:
        """Whether the formation's letter holds the GA itself (the Landbouw- en Visserijraad's
        form): its template includes the GA template or a part the GA template includes."""
        templates = Resources(self.root).templates(formation)
        ga = set(INCLUDE.findall(templates.source("geannoteerde-agenda.md.j2"))) | {
            "geannoteerde-agenda.md.j2"
        }
        return bool(set(INCLUDE.findall(templates.source("kamerbrief.md.j2"))) & ga)

    def _meeting(self, meeting: Meeting) -> None:
        for name in ("raad", "formatie", "afkorting", "datum", "einddatum", "plaats", "land"):
            value = getattr(meeting, name)
            if value is not None:
                self.agenda[name] = value
        if meeting.voorzetsel == "te":
            self.agenda["voorzetsel"] = "te"

    def _title(self, text: str) -> None:
        """The title as the document has it, where the templates would word it otherwise."""
        shown = without_number(text) if self.model.numbered_title else text
        words, dated = self.model.title
        default = words
        if dated and "raad" in self.agenda and "datum" in self.agenda:
            when = vergaderdatum({"datum": self.agenda["datum"], "einddatum": self.agenda.get("einddatum")})
            default = f"{words} {self.agenda['raad']} {when}"
        defaults = {default} if default else set()
        if shown not in defaults:
            self.ga["titel"] = shown

    def _places(self, paragraphs: list[Paragraph], start: int, first: int, kinds: list[str]) -> None:
        """Where each footnote reference stands, in words, for the 'not placed' lines."""
        where = _("the title")
        for index, paragraph in enumerate(paragraphs):
            if start <= index < first:
                where = _("the introduction")
            if kinds[index] in ("heading", "part", "section"):
                here = _("the heading '{heading}'", heading=paragraph.text.strip())
                where = _("the text under '{heading}'", heading=paragraph.text.strip())
            else:
                here = where
            for inline in paragraph.inlines:
                if isinstance(inline, NoteRef):
                    self.places.setdefault(inline.note, here)

    # -- what each paragraph is ----------------------------------------------------------

    def _is_title(self, paragraph: Paragraph) -> bool:
        text = paragraph.text.strip()
        if is_title(text):
            return True
        return paragraph.role == "title"

    def _kind(self, index: int) -> str:
        paragraph = self.paragraphs[index]
        if not self._heading_like(index):
            return "body"
        text = paragraph.text.strip()
        if _section_name(text):
            return "section"
        if PART.match(text):
            return "part"
        return "heading"

    def _heading_like(self, index: int) -> bool:
        paragraph = self.paragraphs[index]
        text = paragraph.text.strip()
        if not text or "\n" in text or len(text.split()) > MAX_HEADING_WORDS or paragraph.cell:
            return False
        if paragraph.role in ("title", "heading1", "heading2", "heading3"):
            return True
        ends = text.endswith((".", ";", ",")) and not text.endswith(("d.d.", "e.a."))
        if ends and not _section_name(text):
            return False
        spans = [i for i in paragraph.inlines if isinstance(i, Span) and i.text.strip()]
        if spans and all(s.bold for s in spans) or _wholly_underlined(paragraph) or paragraph.styled:
            return True
        if spans and all(s.italic for s in spans) and (self.italic_titles or _section_name(text)):
            return True
        if NUMBERED.match(text) and paragraph.role != "listitem":
            return not any(self._numbered(other) for other in (index - 1, index + 1))
        if paragraph.role == "listitem" and paragraph.list is not None and paragraph.list.ordered:
            return not any(self._same_list(index, other) for other in (index - 1, index + 1))
        return False

    def _numbered(self, index: int) -> bool:
        """A paragraph numbered by hand ('2. …'): one of a list when its neighbour is one too."""
        return 0 <= index < len(self.paragraphs) and bool(NUMBERED.match(self.paragraphs[index].text.strip()))

    def _same_list(self, index: int, other: int) -> bool:
        if not 0 <= other < len(self.paragraphs):
            return False
        mine, theirs = self.paragraphs[index].list, self.paragraphs[other].list
        return mine is not None and theirs is not None and mine.list_id == theirs.list_id

    def _level(self, paragraph: Paragraph) -> int:
        return {"title": 0, "heading1": 1, "heading2": 2, "heading3": 3}.get(paragraph.role, 4)

    # -- the items and parts --------------------------------------------------------------

    def _body(
        self, paragraphs: list[Paragraph], kinds: list[str], first: int
    ) -> tuple[list[Item], list[Part]]:
        items: list[Item] = []
        parts: list[Part] = []
        headings: dict[int, str] = {}
        item_level: int | None = None
        in_diversen = False
        diversen_heading: str | None = None
        diversen_level: int | None = None  # the diversen heading's level when its items stand deeper
        first_level: int | None = None  # the first item heading's level
        current: Item | None = None
        part: Part | None = None
        deel: tuple[str, int] | None = None  # the GA's part heading over the items, and its level
        section = "_"
        for index in range(first, len(paragraphs)):
            paragraph, kind = paragraphs[index], kinds[index]
            text = paragraph.text.strip()
            if kind == "heading" and item_level is not None and self._level(paragraph) > item_level < 4:
                kind = "body"
                paragraph = Paragraph(
                    "body", [Span(text, bold=True), *(i for i in paragraph.inlines if isinstance(i, NoteRef))]
                )
            if (
                kind == "heading" or (kind == "part" and not self.model.numbered_parts)
            ) and self._heads_a_part(paragraphs, kinds, index):
                deel, current, item_level = (text, self._level(paragraph)), None, None
                continue
            if kind == "heading" and deel is not None and self._level(paragraph) <= deel[1]:
                deel = None
            if (
                self.verslag
                and kind == "heading"
                and first_level is not None
                and 0 < self._level(paragraph) < first_level
                and text.casefold().rstrip(":") not in DIVERSEN_HEADINGS
            ):
                kind = "part"  # a verslag's heading above its items' level after them: a further part
            if kind == "part":
                name = without_number(text)
                if "diversen" in name.casefold():
                    in_diversen, part, current = True, None, None
                    diversen_heading = text
                    if self.model.numbered_parts and not self.verslag:  # the verslag's are never numbered
                        if name != "Diversen":
                            self.ga["diversenkop"] = name
                    else:
                        self.ga["diversenkop"] = text
                    continue
                if not items and not parts and "geannoteerde agenda" in name.casefold():
                    continue
                part = Part(name if self.model.numbered_parts else text)
                parts.append(part)
                current = None
                continue
            if (
                kind == "heading"
                and diversen_level is not None
                and 0 < self._level(paragraph) <= diversen_level
            ):
                # a heading at the diversen heading's level, over items a level deeper, ends
                # them (a verslag's side events after its diversen: 'Green Growth Group ontbijt')
                in_diversen, diversen_level = False, None
            if (
                kind == "heading"
                and text.casefold().rstrip(":") in DIVERSEN_HEADINGS
                and self._followed_by_heading(kinds, index)
            ):
                in_diversen, part, current = True, None, None
                self.ga["diversenkop"] = text
                diversen_heading = text
                level = self._level(paragraph)
                deeper = kinds[index + 1] == "heading" and self._level(paragraphs[index + 1]) > level > 0
                diversen_level = level if deeper else None
                item_level = None  # the diversen under it may stand a level deeper
                continue
            if current is not None and not any(current.sections.values()) and current.soort is None:
                found_type = self._type_line(text)
                notes = any(isinstance(i, NoteRef) for i in paragraph.inlines)
                if found_type is not None and kind in ("heading", "body") and section == "_" and not notes:
                    current.soort, current.soortregel = found_type
                    continue
            if kind == "heading":
                if item_level is None:
                    item_level = self._level(paragraph)
                if part is not None:
                    part.onderwerpen.append((text, []))
                    continue
                current = Item(deel=deel[0] if deel else None)
                if first_level is None:
                    first_level = self._level(paragraph)
                headings[id(current)] = text
                found = NUMBERED.match(text)
                current.kort = found["kop"] if found else text
                mark = paragraph.list
                current.genummerd = bool(found) or (mark is not None and mark.ordered)
                if in_diversen or DIVERSEN_PREFIX.match(current.kort):
                    current.soort = "diversen"
                elif current.kort.casefold().rstrip(":") in DIVERSEN_HEADINGS:
                    current.eigen = True  # "Diversen" over running text: the heading as written
                items.append(current)
                section = "_"
                continue
            if kind == "section" and current is not None and (_section_name(text) or "_") in current.written:
                # a second sub-heading for a section the item has ("Inhoud", then "Achtergrond"):
                # its words stay where they stand, as a paragraph of the text
                current.sections.setdefault(section, []).append(paragraph)
                continue
            if kind == "section" and current is not None:
                section = _section_name(text) or "_"
                current.sections.setdefault(section, [])
                if current.kopjes is None:
                    current.kopjes = {}
                assert isinstance(current.kopjes, dict)
                shown = text
                current.written[section] = text
                default = DEFAULT_KOPJES.get(section) if self.model.typed_headings else None
                if shown != default:
                    current.kopjes[section] = shown
                continue
            if part is not None:
                if part.onderwerpen:
                    part.onderwerpen[-1][1].append(paragraph)
                else:
                    part.tekst.append(paragraph)
                continue
            if current is None:
                self.unplaced.append(f"{self.display}: '{text[:80]}' stands before any item; left out")
                continue
            current.sections.setdefault(section, []).append(paragraph)
        for item in items:
            self._finish(item, headings[id(item)])
        if diversen_heading and not any(item.soort == "diversen" for item in items):
            self.ga.pop("diversenkop", None)
            self.unplaced.append(
                f"{self.display}: the heading '{diversen_heading}' has no items under it; left out"
            )
        if not self.model.parts:
            for part in parts:
                texts = [part.kop] + [p.text.strip() for p in part.tekst]
                texts += [t for kop, body in part.onderwerpen for t in [kop] + [p.text.strip() for p in body]]
                for text in texts:
                    self.unplaced.append(
                        f"{self.display}: the templates write no further parts; left out: '{text}'"
                    )
            parts = []
        return items, parts

    def _type_line(self, text: str) -> tuple[str, str] | None:
        """The type an item's own line under its heading names, and how: 'onder' for the type
        alone ('Beleidsdebat'), 'aard' for 'Aard bespreking: Beleidsdebat'."""
        found = AARD.match(text)
        wanted = (found["soort"] if found else text).rstrip(":").strip().casefold()
        for name, soort in self.soorten.items():
            if name != "diversen" and wanted in {name.casefold(), str(soort.get("kop", "")).casefold()}:
                return name, "aard" if found else "onder"
        return None

    def _heads_a_part(self, paragraphs: list[Paragraph], kinds: list[str], index: int) -> bool:
        """A heading right above a heading a level deeper: the GA's part over its items (an
        item's 'deel'), not an item; a diversen heading and a verslag's headings keep their ways."""
        text = without_number(paragraphs[index].text.strip()).casefold()
        return (
            "diversen" not in text
            and self._followed_by_heading(kinds, index)
            and kinds[index + 1] == "heading"
            and self._level(paragraphs[index + 1]) > self._level(paragraphs[index]) > 0
            and self._level(paragraphs[index + 1]) < 4
        )

    def _followed_by_heading(self, kinds: list[str], index: int) -> bool:
        return index + 1 < len(kinds) and kinds[index + 1] in ("heading", "part")

    def _finish(self, item: Item, heading: str) -> None:
        """The item's type and short name from its heading, its texts by section."""
        kort = item.kort or heading
        if self.verslag:
            item.uitkomst = [p for paragraphs in item.sections.values() for p in paragraphs]
            item.sections, item.kopjes = {}, None
            return
        if item.eigen:
            item.tekst = [p for paragraphs in item.sections.values() for p in paragraphs]
            item.sections, item.kopjes = {}, None
            return
        if item.soortregel:
            item.kort = kort
        elif self.model.typed_headings:
            soort, rest = self._kop(kort)
            prefix = DIVERSEN_PREFIX.match(kort)
            if soort is None and prefix:
                soort, rest = "diversen", kort[prefix.end() :]
                # the heading's own start ("Diverse punt:") where the template's differs
                written = prefix[0].strip()
                own = str(self.soorten.get("diversen", {}).get("kop", ""))
                if written != own and "diversenkop" not in self.ga:
                    self.ga.setdefault("diversenpunt", written)
            item.soort = item.soort or soort
            item.kort = rest if soort else kort
        elif item.soort == "diversen" and DIVERSEN_PREFIX.match(kort):
            item.kort = kort
        lead = item.sections.pop("_", [])
        for name in [n for n, paragraphs in item.sections.items() if not paragraphs]:
            self.unplaced.append(
                f"{self.display}: the sub-heading '{item.written.get(name, name)}' under "
                f"'{heading}' has no text under it; left out"
            )
            del item.sections[name]
            if isinstance(item.kopjes, dict):
                item.kopjes.pop(name, None)
        named = dict(item.sections)
        if named:
            if lead and "introductie" not in named:
                named = {"introductie": lead, **named}
                if self.model.typed_headings:
                    assert isinstance(item.kopjes, dict)
                    item.kopjes["introductie"] = False
            elif lead:
                item.tekst = lead
            item.sections = named
            if isinstance(item.kopjes, dict) and not item.kopjes:
                item.kopjes = None
            if self.model.openings:
                item.opening = False
                item.slotzin = False
            return
        if not lead:
            item.sections = {}
            return
        prose = self._prose(lead, item) if self.model.openings else None
        if prose is None:
            prose = _divided(lead)
            if self.model.openings:
                item.opening = False
                inzet = prose.get("inzet")
                if inzet and self.slotzin and inzet[-1].text.rstrip().endswith(" " + self.slotzin):
                    last = inzet[-1]
                    inzet[-1] = _inlines_before(last, len(last.text.rstrip()) - len(self.slotzin) - 1)
                elif item.soort != "diversen" or "inzet" in prose:
                    item.slotzin = False
        item.sections = prose
        if self.model.typed_headings:
            item.kopjes = False

    def _kop(self, heading: str) -> tuple[str | None, str]:
        """An item heading's type (the longest matching heading start) and its short name."""
        return self._typed(heading, "kop")

    def _typed(self, text: str, part: str) -> tuple[str | None, str]:
        best: tuple[str | None, str] = (None, text)
        longest = -1
        for name, soort in self.soorten.items():
            start = str(soort.get(part, ""))
            if start and text.startswith(start + " ") and len(start) > longest:
                best, longest = (name, text[len(start) + 1 :].strip()), len(start)
        return best

    def _prose(self, paragraphs: list[Paragraph], item: Item) -> dict[str, list[Paragraph]] | None:
        """An item in running prose that opens with its type's opening sentence (the LVR model):
        the opening names type and subject, the rest of that paragraph is the introductie, the
        next paragraph the inzet (without the intervention sentence), the others the krachtenveld."""
        first = paragraphs[0]
        text = first.text
        for name, soort in sorted(
            self.soorten.items(), key=lambda pair: -len(str(pair[1].get("opening", "")))
        ):
            opening = str(soort.get("opening", ""))
            if not opening or not text.startswith(opening + " "):
                continue
            rest = text[len(opening) + 1 :]
            stop = rest.find(". ")
            stop = stop if stop >= 0 else len(rest.rstrip("."))
            if any(
                isinstance(i, NoteRef) for i in _inlines_before(first, len(opening) + 1 + stop + 1).inlines
            ):
                return None  # a footnote in the opening sentence: keep the sentence as written
            item.soort = item.soort or name
            item.onderwerp = item.onderwerp or rest[:stop]
            sections: dict[str, list[Paragraph]] = {}
            introductie = _inlines_after(first, len(opening) + 1 + stop + 2)
            if introductie is not None:
                sections["introductie"] = [introductie]
            if len(paragraphs) > 1:
                inzet = paragraphs[1]
                if self.slotzin and inzet.text.endswith(" " + self.slotzin):
                    inzet = _inlines_before(inzet, len(inzet.text) - len(self.slotzin) - 1)
                elif item.soort != "diversen":
                    item.slotzin = False
                sections["inzet"] = [inzet]
            elif item.soort != "diversen":
                item.slotzin = False
            if len(paragraphs) > 2:
                sections["krachtenveld"] = paragraphs[2:]
            return sections
        return None

    # -- the introduction -------------------------------------------------------------------

    def _prose_intro(self, intro: list[Paragraph]) -> None:
        """The introduction as the document words it: the GA's ``inleiding``, and none of the
        templates' own sentences."""
        if intro and not self.model.intro:
            for paragraph in intro:
                self.unplaced.append(
                    f"{self.display}: the templates write no introduction; left out: '{paragraph.text.strip()}'"
                )
            intro = []
        self.ga["inleiding"] = intro or False
        self.ga["aankondiging"] = False
        self.ga["diversen"] = False
        self.ga["vorm"] = "geen"

    def _standard_intro(self, intro: list[Paragraph], items: list[Item]) -> bool:
        """briefgen's own introduction (presidency, agenda list, diversen sentence): the
        items get their agenda lines. False (nothing changed) when a paragraph or a
        footnote of the introduction would find no place that way."""
        agenda: dict[str, Any] = {}
        lines: list[tuple[str | None, str, Paragraph]] = []
        diversen: list[Item] = []
        in_diversen = False
        seen_meeting = False
        kept: set[int] = set()
        for paragraph in intro:
            text = paragraph.text.strip()
            lead = len(paragraph.text) - len(paragraph.text.lstrip())
            found = PRESIDENCY.match(text)
            if found:
                agenda["voorzitterschap"] = found["voorzitterschap"]
                agenda["agendastatus"] = STATUS[found["status"]]
                rest = _inlines_after(paragraph, lead + found.start("rest"))
                if rest is not None:
                    agenda["stand_van_zaken"] = rest
                    kept |= _notes(rest)
                continue
            found = MEETING.match(text)
            if found and found["maand"] in MAANDEN:
                seen_meeting = True
                agenda["raad"] = found["raad"]
                agenda["datum"] = dt.date(
                    int(found["jaar"]), MAANDEN.index(found["maand"]) + 1, int(found["dag"])
                )
                agenda["plaats"] = found["plaats"]
                continue
            found = ONE_DIVERSEN.match(text)
            if found:
                toelichting = _inlines_after(paragraph, lead + found.start("toelichting"))
                diversen.append(Item("diversen", toelichting=toelichting))
                kept |= _notes(toelichting)
                continue
            if MANY_DIVERSEN.match(text):
                in_diversen = True
                continue
            if paragraph.role == "listitem" and paragraph.list is not None:
                onderwerp = _markdown_of(paragraph).rstrip(";.").strip()
                if in_diversen or not paragraph.list.ordered:
                    diversen.append(Item("diversen", onderwerp=onderwerp))
                else:
                    soort, rest = self._typed(onderwerp, "regel")
                    lines.append((soort, rest, paragraph))
                kept |= _notes(paragraph)
                continue
            return False
        if not seen_meeting or _notes_of(intro) - kept:
            return False
        main = [i for i in items if i.soort != "diversen"]
        others = [i for i in items if i.soort == "diversen"]
        if len(main) != len(lines) or len(others) != len(diversen):
            return False
        for item, (soort, onderwerp, _rest) in zip(main, lines, strict=True):
            item.soort = item.soort or soort
            item.onderwerp = onderwerp
        for item, line in zip(others, diversen, strict=True):
            item.onderwerp = line.onderwerp
            item.toelichting = line.toelichting
        if "raad" in agenda and self.agenda.get("raad") != agenda["raad"]:
            self.agenda["raad"] = agenda["raad"]
        self.agenda.update(agenda)
        self.agenda.pop("voorzetsel", None)
        return True


def _labelled(paragraph: Paragraph) -> list[Paragraph]:
    """A paragraph that opens with its title or sub-heading and a manual line break
    ('**Klimaatdoel 2040**↵De ministers …') as that heading and the paragraph after it, for each
    such line in turn; then, as :func:`_run_in`, a sub-heading it opens with. The lines are
    taken in one pass over the paragraph: one of thousands of short bold lines costs time in
    proportion to its length (a recursion per line overflowed Python's stack). What is split
    off a table cell's paragraph stays in the cell, no heading, as the cell's paragraphs are (a
    krachtenveld table's '**Frankrijk**↵Steunt …' made an item of each country), but for a
    sub-heading's name ('*Krachtenveld:* …' run in in the table's first cell)."""
    if paragraph.role != "body":
        return [paragraph]
    parts = _lines(paragraph)
    for part in parts:
        part.cell = paragraph.cell and _section_name(part.text) is None
    return parts


def _lines(paragraph: Paragraph) -> list[Paragraph]:
    """:func:`_labelled` of a body paragraph, its parts made anew."""
    inlines = paragraph.inlines
    last = max((k for k, i in enumerate(inlines) if isinstance(i, Span) and i.text.strip()), default=-1)
    heads: list[Paragraph] = []
    start = cut = 0
    while (found := _broken_heading(paragraph, start, cut, last)) is not None:
        head, start, cut = found
        heads.append(head)
    if not heads:
        return _run_in(paragraph)
    rest = Paragraph("body", inlines[start:])
    rest.underlined = tuple((begin - cut, end - cut) for begin, end in paragraph.underlined if end > cut)
    return [*heads, *_run_in(rest)]


def _run_in(paragraph: Paragraph) -> list[Paragraph]:
    """A paragraph that opens with its sub-heading in bold, italics or underlined ('**Inzet
    Nederland:** Het kabinet …') as the sub-heading and the paragraph after it."""
    first = paragraph.inlines[0] if paragraph.inlines else None
    if not isinstance(first, Span):
        return [paragraph]
    label = first.text if first.bold or first.italic else paragraph.text[: _underlined_from(paragraph, 0)]
    if not label.strip() or not _section_name(label):
        return [paragraph]
    rest = _inlines_after(paragraph, len(label))
    if rest is None:
        return [paragraph]
    if not (label.strip().endswith(":") or rest.text.lstrip()[:1].isupper()):
        return [paragraph]
    lead = rest.inlines[0]
    if isinstance(lead, Span):
        rest.inlines[0] = Span(lead.text.lstrip(), lead.bold, lead.italic, link=lead.link)
    return [Paragraph("body", [Span(label.strip(), bold=True)]), rest]


def _broken_heading(
    paragraph: Paragraph, start: int, cut: int, last: int
) -> tuple[Paragraph, int, int] | None:
    """The heading before the first manual line break from inline ``start`` on (``cut``
    characters into the paragraph's text), with the inline and the text offset after that
    break, where the part before the break reads as a heading: a few words in bold or
    underlined, not ending as a sentence, or a sub-heading's name in any form. ``last`` is
    the index of the paragraph's last inline with text: some must follow the break."""
    inlines = paragraph.inlines
    at = next((k for k in range(start, len(inlines)) if isinstance(inlines[k], Break)), None)
    if at is None or at == start or at >= last:
        return None
    before = inlines[start:at]
    spans = [i for i in before if isinstance(i, Span) and i.text.strip()]
    written = "".join(i.text for i in before if isinstance(i, Span))
    text = written.strip()
    if not spans or len(text.split()) > MAX_HEADING_WORDS:
        return None
    marked = all(s.bold for s in spans) or _underlined_from(paragraph, cut) >= len(written.rstrip())
    if not (_section_name(text) or (marked and not text.endswith((".", ";", ",")))):
        return None
    head = Paragraph("body", [Span(text, bold=True), *(i for i in before if isinstance(i, NoteRef))])
    return head, at + 1, cut + len(written) + 1


def _wholly_underlined(paragraph: Paragraph) -> bool:
    text = paragraph.text.rstrip()
    return bool(text) and _underlined_from(paragraph, 0) >= len(text)


def _underlined_from(paragraph: Paragraph, offset: int) -> int:
    """How many characters of the paragraph's text from ``offset`` on are underlined (the
    stretches are in order: found by bisection, as a paragraph's lines are read one by one)."""
    stretches = paragraph.underlined
    k = bisect_right(stretches, offset, key=lambda stretch: stretch[0]) - 1
    return stretches[k][1] - offset if k >= 0 and offset < stretches[k][1] else 0


def _section_name(text: str) -> str | None:
    return SECTIONS.get(text.strip().rstrip(":").strip().casefold())


def _notes(paragraph: Paragraph | None) -> set[int]:
    return {i.note for i in paragraph.inlines if isinstance(i, NoteRef)} if paragraph is not None else set()


def _notes_of(paragraphs: list[Paragraph]) -> set[int]:
    return {n for p in paragraphs for n in _notes(p)}


def _divided(paragraphs: list[Paragraph]) -> dict[str, list[Paragraph]]:
    """An item's paragraphs without sub-headings, divided where the Dutch position begins
    (a paragraph whose first sentence names Nederland or the kabinet) and where the member
    states' positions begin (one that names the lidstaten); before them the introductie."""
    inzet = next((i for i, p in enumerate(paragraphs) if i and INZET_CUE.match(p.text.strip())), None)
    if inzet is None and len(paragraphs) == 1 and INZET_CUE.match(paragraphs[0].text.strip()):
        inzet = None
    after_inzet = (inzet or 0) + 1
    kracht = next(
        (
            i
            for i, p in enumerate(paragraphs)
            if i >= after_inzet
            and i
            and KRACHT_CUE.match(p.text.strip())
            and not INZET_CUE.match(p.text.strip())
        ),
        None,
    )
    sections: dict[str, list[Paragraph]] = {}
    end_intro = inzet if inzet is not None else kracht if kracht is not None else len(paragraphs)
    if end_intro:
        sections["introductie"] = paragraphs[:end_intro]
    if inzet is not None:
        sections["inzet"] = paragraphs[inzet : kracht if kracht is not None else len(paragraphs)]
    if kracht is not None:
        sections["krachtenveld"] = paragraphs[kracht:]
    return sections


def _markdown_of(paragraph: Paragraph) -> str:
    return paragraph_markdown(Paragraph("body", paragraph.inlines), _note_placeholder)


def _note_placeholder(ref: NoteRef) -> str:
    return f"#{ref.note}"


# -- part of a paragraph: its inlines before or after a place in its text ----------------


def _inlines_after(paragraph: Paragraph, offset: int) -> Any:
    """The inlines of ``paragraph`` from plain-text ``offset`` on, as a paragraph (or None)."""
    out: list[Any] = []
    seen = 0
    for inline in paragraph.inlines:
        if isinstance(inline, Span):
            if seen + len(inline.text) <= offset:
                seen += len(inline.text)
                continue
            cut = max(0, offset - seen)
            seen += len(inline.text)
            out.append(Span(inline.text[cut:], inline.bold, inline.italic, link=inline.link))
        elif seen >= offset:
            out.append(inline)
            if not isinstance(inline, NoteRef):
                seen += 1
        elif not isinstance(inline, NoteRef):
            seen += 1
    result = Paragraph("body", out)
    return result if result.text.strip() or any(isinstance(i, NoteRef) for i in out) else None


def _inlines_before(paragraph: Paragraph, offset: int) -> Paragraph:
    """The inlines of ``paragraph`` up to plain-text ``offset`` (footnote references at the cut stay)."""
    out: list[Any] = []
    seen = 0
    for inline in paragraph.inlines:
        if isinstance(inline, Span):
            if seen < offset:
                out.append(Span(inline.text[: offset - seen], inline.bold, inline.italic, link=inline.link))
            seen += len(inline.text)
        elif isinstance(inline, NoteRef):
            if seen <= offset:
                out.append(inline)
        else:
            if seen < offset:
                out.append(inline)
            seen += 1
    return Paragraph(paragraph.role, out, paragraph.list)
