"""Recognise a GA that briefgen did not write by the genre's own sentences.

The title, the presidency's sentence with the agenda's status and the state of
affairs, the sentence with date and place and the numbered agenda list (each line's
item type from ``_soorten.md.j2``), the diversen sentence, the item headings with
their type and short name, the sub-headings (Introductie, Inzet Nederland,
Krachtenveld) or running prose (the LVR model). What could not be placed is listed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build.resources import Resources
from ..compose.blocks import NoteRef, Paragraph
from ..compose.dutch import MAANDEN
from ..compose.tomarkdown import paragraph_markdown
from ..errors import Location, fail
from ..word.reader import Reading
from .cut import after, before
from .footnotes import note_markdown

SECTIONS = {
    "introductie": "introductie",
    "inzet nederland": "inzet",
    "inzet": "inzet",
    "nederlandse inzet": "inzet",
    "krachtenveld": "krachtenveld",
    "kern": "kern",
}
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
PART = re.compile(r"^[IVX]+\. ")
PART_GA = re.compile(
    r"^[IVX]+\. Geannoteerde agenda (?P<raad>.+?) (?P<dag>\d{1,2}) (?P<maand>[a-z]+) (?P<jaar>\d{4})$",
    re.IGNORECASE,
)


@dataclass
class Item:
    """One agenda item as found: its line in the agenda list and its own section."""

    soort: str | None = None
    onderwerp: str | None = None
    toelichting: Paragraph | None = None
    kort: str | None = None
    sections: dict[str, list[Paragraph]] = field(default_factory=dict)


@dataclass
class Recognised:
    """The agenda's fields, its items, the footnotes' Markdown and what could not be placed."""

    agenda: dict[str, Any]
    items: list[Item]
    notes: list[str]
    unplaced: list[str]


def recognise(root: Path, display: str, reading: Reading) -> Recognised:
    """What a GA read from Word says, for the project at ``root`` (its item types)."""
    reader = _Reader(root, display, reading.paragraphs, [note_markdown(n) for n in reading.notes])
    agenda, items = reader.read()
    return Recognised(agenda, items, reader.notes, reader.unplaced)


class _Reader:
    def __init__(self, root: Path, display: str, paragraphs: list[Paragraph], notes: list[str]):
        self.root = root
        self.display = display
        self.paragraphs = [
            p for p in paragraphs if p.text.strip() or any(isinstance(i, NoteRef) for i in p.inlines)
        ]
        self.notes = notes
        self.unplaced: list[str] = []
        self.agenda: dict[str, Any] = {}

    def read(self) -> tuple[dict[str, Any], list[Item]]:
        paragraphs = self.paragraphs
        if not paragraphs:
            raise fail(Location(self.display), "the document has no text")
        start = 0
        if paragraphs[0].role != "body" and paragraphs[0].text.strip().casefold().startswith(
            "geannoteerde agenda"
        ):
            start = 1
        headings = [i for i, p in enumerate(paragraphs) if i >= start and _is_heading(p) and not _section(p)]
        first = headings[0] if headings else len(paragraphs)
        formation = self._intro(paragraphs[start:first]) or self._part_heading(paragraphs)
        templates = Resources(self.root).templates(formation) if formation else None
        self.soorten: dict[str, Any] = templates.soorten if templates else {}
        self.slotzin = templates.slotzin if templates else ""
        lines, diversen = self._agenda_list(paragraphs[start:first])
        items = self._items(paragraphs, headings, lines, diversen)
        return self.agenda, items

    def _intro(self, paragraphs: list[Paragraph]) -> str | None:
        for paragraph in paragraphs:
            text = paragraph.text.strip()
            found = PRESIDENCY.match(text)
            if found:
                self.agenda["voorzitterschap"] = found["voorzitterschap"]
                self.agenda["agendastatus"] = STATUS[found["status"]]
                self.agenda["raad"] = found["raad"]
                lead = len(paragraph.text) - len(paragraph.text.lstrip())
                rest = after(paragraph, lead + found.start("rest"))
                if rest is not None:
                    self.agenda["stand_van_zaken"] = rest
                continue
            found = MEETING.match(text)
            if found and found["maand"] in MAANDEN:
                self.agenda.setdefault("raad", found["raad"])
                self.agenda["datum"] = dt.date(
                    int(found["jaar"]), MAANDEN.index(found["maand"]) + 1, int(found["dag"])
                )
                self.agenda["plaats"] = found["plaats"]
        return self.agenda.get("raad")

    def _part_heading(self, paragraphs: list[Paragraph]) -> str | None:
        """Raad and date from a part heading 'I. Geannoteerde agenda <Raad> <datum>' (running prose)."""
        for paragraph in paragraphs:
            found = PART_GA.match(paragraph.text.strip()) if _is_heading(paragraph) else None
            if found and found["maand"] in MAANDEN:
                self.agenda["raad"] = found["raad"]
                self.agenda["datum"] = dt.date(
                    int(found["jaar"]), MAANDEN.index(found["maand"]) + 1, int(found["dag"])
                )
                return found["raad"]
        return None

    def _agenda_list(self, paragraphs: list[Paragraph]) -> tuple[list[tuple[str | None, str]], list[Item]]:
        """The numbered agenda list as (type, onderwerp), and the diversen it announces."""
        lines: list[tuple[str | None, str]] = []
        diversen: list[Item] = []
        in_diversen = False
        for paragraph in paragraphs:
            text = paragraph.text.strip()
            if PRESIDENCY.match(text) or MEETING.match(text):
                continue
            found = ONE_DIVERSEN.match(text)
            if found:
                lead = len(paragraph.text) - len(paragraph.text.lstrip())
                diversen.append(
                    Item("diversen", toelichting=after(paragraph, lead + found.start("toelichting")))
                )
                continue
            if MANY_DIVERSEN.match(text):
                in_diversen = True
                continue
            if paragraph.role == "listitem" and paragraph.list is not None:
                onderwerp = _markdown_of(paragraph).rstrip(";.").strip()
                if in_diversen or not paragraph.list.ordered:
                    diversen.append(Item("diversen", onderwerp=onderwerp))
                else:
                    lines.append(self._line(onderwerp))
                continue
            self.unplaced.append(f"{self.display}: introduction: {text}")
        return lines, diversen

    def _line(self, text: str) -> tuple[str | None, str]:
        """An agenda line's item type (the longest matching announcement) and its subject."""
        return self._typed(text, "regel")

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

    def _items(
        self,
        paragraphs: list[Paragraph],
        headings: list[int],
        lines: list[tuple[str | None, str]],
        diversen: list[Item],
    ) -> list[Item]:
        items: list[Item] = []
        main = [Item(soort, onderwerp) for soort, onderwerp in lines]
        in_diversen_part = False
        for number, index in enumerate(headings):
            heading = paragraphs[index].text.strip()
            end = headings[number + 1] if number + 1 < len(headings) else len(paragraphs)
            if PART.match(heading):
                in_diversen_part = "diversen" in heading.casefold()
                continue
            soort, kort = self._kop(heading)
            if soort == "diversen" or in_diversen_part:
                item = diversen.pop(0) if diversen else Item("diversen")
            elif main:
                item = main.pop(0)
            else:
                item = Item(soort)
                if lines:
                    self.unplaced.append(
                        f"{self.display}: '{heading}' is not in the agenda list; added as an item"
                    )
            item.soort = item.soort or soort
            item.kort = kort
            body = paragraphs[index + 1 : end]
            prose = self._prose(body, item) if body and not any(_section(p) for p in body) else None
            item.sections = prose if prose is not None else self._sections(body, heading)
            items.append(item)
        for item in main + diversen:
            self.unplaced.append(
                f"{self.display}: agenda line '{item.onderwerp or item.toelichting}' has no section of its own; left out"
            )
        return items

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
            item.soort = item.soort or name
            item.onderwerp = item.onderwerp or rest[:stop]
            sections: dict[str, list[Paragraph]] = {}
            introductie = after(first, len(opening) + 1 + stop + 2)
            if introductie is not None:
                sections["introductie"] = [introductie]
            if len(paragraphs) > 1:
                inzet = paragraphs[1]
                if self.slotzin and inzet.text.endswith(" " + self.slotzin):
                    inzet = before(inzet, len(inzet.text) - len(self.slotzin) - 1)
                sections["inzet"] = [inzet]
            if len(paragraphs) > 2:
                sections["krachtenveld"] = paragraphs[2:]
            return sections
        return None

    def _sections(self, paragraphs: list[Paragraph], heading: str) -> dict[str, list[Paragraph]]:
        """The item's texts by sub-heading; paragraphs before any sub-heading (running prose)
        become the introductie."""
        sections: dict[str, list[Paragraph]] = {}
        current = "introductie"
        for paragraph in paragraphs:
            name = _section(paragraph)
            if name:
                current = name
                sections.setdefault(current, [])
            else:
                sections.setdefault(current, []).append(paragraph)
        if paragraphs and not _section(paragraphs[0]):
            self.unplaced.append(
                f"{self.display}: '{heading}' opens with running prose, not a sub-heading; "
                "its first paragraphs became the introductie"
            )
        return sections


def _is_heading(paragraph: Paragraph) -> bool:
    return paragraph.role in ("title", "heading1", "heading2", "heading3")


def _section(paragraph: Paragraph) -> str | None:
    if not _is_heading(paragraph):
        return None
    return SECTIONS.get(paragraph.text.strip().rstrip(":").casefold())


def _markdown_of(paragraph: Paragraph) -> str:
    return paragraph_markdown(Paragraph("body", paragraph.inlines), _note_placeholder)


def _note_placeholder(ref: NoteRef) -> str:
    return f"#{ref.note}"
